"""What a cursor move costs the screen: no layout, and only the matrix lines it changes.

At 10,000 positions a move has to paint in a frame; a layout of the whole screen
(the detail pane's new text used to cause one) or a repaint of every matrix line
for a move that scrolls nothing is what stood in the way. These tests count what
is asked of Textual, never how long it takes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from tests.helpers import detail_text, loaded, matrix, until
from tui.app.app import SummitApp
from tui.app.widgets.detail import Detail
from tui.app.widgets.matrix import Matrix


def picture(widget: Matrix) -> list[list[Segment]]:
    """Every line of the matrix as drawn now (straight from its line API)."""
    return [list(widget.render_line(y)) for y in range(widget.size.height)]


async def test_a_cursor_move_lays_nothing_out(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layouts: list[Widget] = []
    original = Widget.refresh

    def spy(self: Widget, *regions: object, layout: bool = False, **kwargs: bool) -> Widget:
        if layout:
            layouts.append(self)
        return original(self, *regions, layout=layout, **kwargs)  # type: ignore[arg-type]

    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        detail = app.main_screen.detail
        monkeypatch.setattr(Widget, "refresh", spy)
        checked = 0
        for key in ["down", "down", "right", "down", "left", "up", "right", "right"]:
            # Settled before and after: the detail pane wraps its text after the move's
            # first frame, and a scrollbar that appears or goes then (a layout, rightly)
            # belongs to the move that caused it, whatever the machine's speed.
            await pilot.pause()
            await pilot.pause()
            bar = detail.show_vertical_scrollbar
            before = detail_text(app)
            layouts.clear()
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert detail_text(app) != before  # another cell, another text
            if detail.show_vertical_scrollbar == bar:  # (else the pane's width changes)
                assert layouts == []
                checked += 1
        assert checked >= 4


@pytest.mark.parametrize("key", ["down", "right"])
async def test_a_move_in_view_repaints_only_the_lines_it_changes(
    data: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    painted: list[int] = []
    original = Matrix.render_line

    def spy(self: Matrix, y: int) -> Strip:
        painted.append(y)
        return original(self, y)

    app = SummitApp(data, watch=False)  # rows short enough that two leave others in view
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        grid = matrix(app)
        before = picture(grid)
        top = grid.scroll_y
        monkeypatch.setattr(Matrix, "render_line", spy)
        await pilot.press(key)
        await until(pilot, lambda: painted, "the move painted")
        await pilot.pause()
        assert grid.scroll_y == top  # nothing scrolled
        repainted = set(painted)
        after = picture(grid)
        changed = {y for y, (old, new) in enumerate(zip(before, after, strict=True)) if old != new}
        assert changed and changed <= repainted  # every changed line is drawn again...
        assert repainted < set(range(grid.size.height))  # ...and not the whole matrix


async def test_the_matrix_is_painted_before_the_detail_text_is_wrapped(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The detail pane's new text is wrapped after the frame that moves the cursor, so
    that frame does not wait for it; the text itself is the new one at once."""
    events: list[str] = []
    render_line, wrap = Matrix.render_line, Detail._wrap

    def painting(self: Matrix, y: int) -> Strip:
        events.append("matrix")
        return render_line(self, y)

    def wrapping(self: Detail, width: int) -> list[Strip]:
        events.append("detail")
        return wrap(self, width)

    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        monkeypatch.setattr(Matrix, "render_line", painting)
        monkeypatch.setattr(Detail, "_wrap", wrapping)
        for key in ["down", "right", "down"]:
            # Settled first: a wrap left over from the previous move must not count.
            await pilot.pause()
            await pilot.pause()
            before = detail_text(app)
            events.clear()
            await pilot.press(key)
            assert detail_text(app) != before
            await until(pilot, lambda: "detail" in events, "the detail wrapped")
            assert events[0] == "matrix"
