"""Snapshot tests of the dashboard (pytest-textual-snapshot), one class per feature.

They use the fixed file in tests/fixtures/app (not the shipped positions.yaml, which
curation changes), with file watching and the cursor blink off so that pictures are
stable. After an intended change of the look: `pytest --snapshot-update`, then review
the SVGs in tests/__snapshots__/.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers import APP_DATA, loaded
from tui.app.app import SummitApp

SnapCompare = Callable[..., bool]


def make_app(path: Path = APP_DATA / "positions.yaml") -> SummitApp:
    return SummitApp(path, "positions.yaml", watch=False)


def ready(count: int = 1) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A `run_before` that stops the search box's cursor blinking and waits for `count` loads."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, SummitApp)
        app.main_screen.search_box.cursor_blink = False
        await loaded(pilot, app, count)

    return run_before


SIZES = [(80, 24), (120, 40), (200, 50)]


class TestOverview:
    """The first screen: a line per topic (at 200 columns, the detail pane beside it)."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda size: "x".join(map(str, size)))
    def test_sizes(self, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=ready())

    def test_cursor_on_a_cell(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(
            make_app(), terminal_size=(120, 40), run_before=ready(), press=["down", "right"]
        )


class TestReadingView:
    """`v`: the full cells."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda size: "x".join(map(str, size)))
    def test_sizes(self, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=ready(), press=["v"])


class TestNarrow:
    def test_40x12_one_party_at_a_time(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(
            make_app(),
            terminal_size=(40, 12),
            run_before=ready(),
            press=["right_square_bracket"],
        )


class TestThemes:
    def test_light_theme(self, snap_compare: SnapCompare) -> None:
        async def run_before(pilot: Pilot[None]) -> None:
            pilot.app.theme = "textual-light"
            await ready()(pilot)

        assert snap_compare(
            make_app(), terminal_size=(100, 30), run_before=run_before, press=["down", "right"]
        )


class TestViewerFromTheMatrix:
    def test_enter_opens_the_source_of_the_selected_position(
        self, snap_compare: SnapCompare
    ) -> None:
        assert snap_compare(
            make_app(),
            terminal_size=(120, 40),
            run_before=ready(),
            press=["right", "enter"],
        )


class TestDetail:
    def test_position_with_two_sources(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(
            make_app(),
            terminal_size=(120, 40),
            run_before=ready(),
            press=["right", "right", "down", "down"],
        )

    def test_empty_cell(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(make_app(), terminal_size=(120, 40), run_before=ready(), press=["down"])


class TestSearch:
    def test_search_keeps_matching_positions(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(
            make_app(),
            terminal_size=(120, 40),
            run_before=ready(),
            press=["slash", *"neutral"],
        )


class TestErrorPanel:
    def test_deleted_file_keeps_last_good_data(
        self, snap_compare: SnapCompare, tmp_path: Path
    ) -> None:
        shutil.copytree(APP_DATA, tmp_path / "app")
        path = tmp_path / "app" / "positions.yaml"

        async def run_before(pilot: Pilot[None]) -> None:
            app = pilot.app
            assert isinstance(app, SummitApp)
            await ready()(pilot)
            # The file goes away (its messages are the loader's most stable ones).
            path.unlink()
            app.reload()
            await loaded(pilot, app, 2)

        assert snap_compare(make_app(path), terminal_size=(120, 40), run_before=run_before)

    def test_invalid_at_start_up(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        shutil.copytree(APP_DATA, tmp_path / "app")
        path = tmp_path / "app" / "positions.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("parties:", "parties: ]", 1))
        assert snap_compare(make_app(path), terminal_size=(80, 24), run_before=ready())
