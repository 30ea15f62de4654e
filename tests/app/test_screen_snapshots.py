"""Snapshot of the source viewer, drawn by the host app in tests/app/screen_host.py.

Nothing in the viewer blinks or watches files, so the picture is stable.
Update with `pytest tests/app/test_screen_snapshots.py --snapshot-update` and
look at the SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable

from screen_host import ScreenHost, load

from tui.app.screens.viewer import SourceViewerScreen

EU_SANCTIONS = 10  # its quote stands far down the long article


class TestSourceViewer:
    def test_selected_passage_far_down(self, snap_compare: Callable[..., bool]) -> None:
        result = load()
        app = ScreenHost(lambda: SourceViewerScreen(result, EU_SANCTIONS, 0))
        assert snap_compare(app, terminal_size=(100, 30))

    def test_after_next_wraps_to_first(self, snap_compare: Callable[..., bool]) -> None:
        result = load()
        app = ScreenHost(lambda: SourceViewerScreen(result, EU_SANCTIONS, 0))
        assert snap_compare(app, terminal_size=(100, 30), press=["n"])
