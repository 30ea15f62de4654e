"""The matrix's arithmetic without an app: where columns go in either view, which rows
are in view and where scrolling stops (tui/app/widgets/matrix_geometry.py), and how
a drawn cell is cut to its room with a visible mark (matrix_cells.py)."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from tui.app.widgets.matrix_cells import fit_lines, mark_cut, one_line
from tui.app.widgets.matrix_geometry import (
    CELL_PAD,
    MIN_COL,
    OVERVIEW_TOPIC_MAX,
    OVERVIEW_TOPIC_MIN,
    compute_layout,
    header_lines,
    index_or,
    max_top,
    next_cell,
    overview_layout,
    page_first,
    page_parties,
    rows_in_view,
    top_for_row,
)


def used(layout) -> int:  # type: ignore[no-untyped-def]
    """Cells the layout takes: the topic column, then each column and its separator."""
    columns = sum(layout.col_width(c) + 1 for c in range(layout.per_page))
    return layout.topic + columns - (1 if layout.stacked else 0)


# --- the reading view -----------------------------------------------------------------


def test_reading_layout_fits_the_width() -> None:
    for width in range(1, 260):
        for parties in range(1, 12):
            layout = compute_layout(width, parties)
            assert layout.per_page >= 1 and layout.col >= 1
            assert used(layout) <= max(width, layout.col), (width, parties, layout)
            if not layout.paged:
                assert layout.per_page == parties
                assert layout.col >= MIN_COL or width < MIN_COL
    assert not compute_layout(120, 4).paged
    assert compute_layout(40, 4).paged


# --- the overview ---------------------------------------------------------------------


SHIPPED_NEEDS = [14, 13, 10, 11]
"""What the shipped file's four parties need (stance and marks, e.g. CONDITIONAL 5✓)."""
SHIPPED_TITLE = 32
"""Its widest topic title ("Security guarantees for Ukraine?")."""


def test_the_overview_fits_four_parties_at_80_columns() -> None:
    layout = overview_layout(80, SHIPPED_NEEDS, SHIPPED_TITLE)
    assert not layout.paged and layout.per_page == 4
    assert used(layout) == 80
    for c, need in enumerate(SHIPPED_NEEDS):
        assert layout.col_width(c) - CELL_PAD >= need  # every stance and mark whole
    assert layout.topic >= OVERVIEW_TOPIC_MIN


def test_the_overview_gives_titles_room_before_summaries() -> None:
    layout = overview_layout(120, SHIPPED_NEEDS, SHIPPED_TITLE)
    assert layout.topic == SHIPPED_TITLE + 2  # whole titles first
    assert used(layout) == 120
    extra = [layout.col_width(c) - CELL_PAD - need for c, need in enumerate(SHIPPED_NEEDS)]
    assert max(extra) - min(extra) <= 1  # then the rest shared evenly
    assert overview_layout(300, [10], 200).topic == OVERVIEW_TOPIC_MAX


@pytest.mark.parametrize("parties", [1, 2, 4, 10, 30])
def test_the_overview_layout_fits_every_width(parties: int) -> None:
    needs = [13 + p % 3 for p in range(parties)]
    for width in range(1, 260):
        layout = overview_layout(width, needs, 30)
        assert layout.per_page >= 1
        assert all(layout.col_width(c) >= 1 for c in range(layout.per_page))
        assert layout.topic >= 1
        assert used(layout) <= width or width < 3, (width, layout)
        assert layout.paged == (layout.per_page < parties)
        if width >= sum(need + CELL_PAD + 1 for need in needs) + OVERVIEW_TOPIC_MIN:
            assert not layout.paged  # room for all: every party whole
            for c, need in enumerate(needs):
                assert layout.col_width(c) >= need + CELL_PAD


def test_columns_and_clicks_agree() -> None:
    layout = overview_layout(80, SHIPPED_NEEDS, SHIPPED_TITLE)
    for c in range(layout.per_page):
        x = layout.column_x(c)
        assert layout.column_at(x) == c
        assert layout.column_at(x + layout.col_width(c) - 1) == c
        assert layout.column_at(x - 1) is None  # the separator
    assert layout.column_at(0) is None  # the topic column


# --- pages, header lines, the cursor ---------------------------------------------------


def test_pages_of_parties() -> None:
    assert page_first(5, 2) == 4
    assert page_parties(1, 1, 2, 5) == 3  # same place on the next page
    assert page_parties(3, 1, 2, 5) == 4  # clamped to the last party
    assert page_parties(4, -1, 2, 5) == 2
    assert page_parties(0, -1, 2, 5) == 0
    assert page_parties(0, 1, 2, 0) == 0


def test_header_lines_drop_extras_when_short() -> None:
    assert header_lines(False, 40, 100) == ["names", "rule"]
    assert header_lines(True, 40, 100) == ["tabs", "names", "rule"]
    assert header_lines(False, 5, 100) == ["names"]
    assert header_lines(True, 5, 100) == ["tabs"]
    assert header_lines(False, 5, 3) == ["names", "rule"]  # every row fits below both
    assert header_lines(True, 5, 3) == ["tabs", "names"]


def test_next_cell_wraps_around() -> None:
    cells = [(2, 1), (0, 3), (2, 0)]
    assert next_cell(cells, (0, 0), 1) == (0, 3)
    assert next_cell(cells, (2, 1), 1) == (0, 3)  # wrapped to the first
    assert next_cell(cells, (0, 3), -1) == (2, 1)  # wrapped to the last
    assert next_cell([], (0, 0), 1) is None


def test_index_or_falls_back_in_range() -> None:
    assert index_or(["a", "b"], "b", 0) == 1
    assert index_or(["a", "b"], "gone", 5) == 1
    assert index_or(["a", "b"], None, -3) == 0


# --- scrolling ------------------------------------------------------------------------


HEIGHTS = [3, 1, 4, 1, 5, 9, 2, 6]


def height_of(r: int) -> int:
    return HEIGHTS[r]


def test_max_top_leaves_the_last_rows_filling_the_view() -> None:
    assert max_top(len(HEIGHTS), 10, height_of) == 6  # 2 + 6 fit, 9 more would not
    assert max_top(len(HEIGHTS), 100, height_of) == 0
    assert max_top(0, 10, height_of) == 0
    assert max_top(100, 24, lambda r: 1) == 76  # the overview: a line a row


def test_a_row_scrolled_into_view_moves_as_little_as_it_can() -> None:
    assert top_for_row(4, 2, 10, height_of) == 2  # above: it becomes the top
    assert top_for_row(0, 2, 10, height_of) == 0  # in view already (3 + 1 + 4)
    assert top_for_row(0, 4, 10, height_of) == 2  # 4 + 1 + 5 end the view at the row
    assert top_for_row(0, 4, 9, height_of) == 3
    assert top_for_row(0, 5, 6, height_of) == 5  # taller than the view: its start
    assert top_for_row(0, 99, 24, lambda r: 1) == 76


def test_rows_in_view() -> None:
    assert rows_in_view(0, 8, len(HEIGHTS), height_of) == [0, 1, 2]
    assert rows_in_view(2, 9, len(HEIGHTS), height_of) == [2, 3, 4]
    assert rows_in_view(7, 10, len(HEIGHTS), height_of) == [7]
    assert rows_in_view(98, 5, 100, lambda r: 1) == [98, 99]


@pytest.mark.parametrize("room", [1, 3, 7, 24])
def test_the_cursor_row_is_always_in_view(room: int) -> None:
    """Moving the cursor down then up through every row, each scroll puts it in view."""
    top = 0
    for row in [*range(len(HEIGHTS)), *reversed(range(len(HEIGHTS)))]:
        top = top_for_row(top, row, room, height_of)
        assert row in rows_in_view(top, room, len(HEIGHTS), height_of)


# --- cutting drawn text ---------------------------------------------------------------


def text(line: list[Segment]) -> str:
    return "".join(segment.text for segment in line)


def lines(*texts: str, width: int = 8) -> list[list[Segment]]:
    return [[Segment(t.ljust(width))] for t in texts]


def test_a_cut_line_ends_with_an_ellipsis() -> None:
    assert text(mark_cut([Segment("abc     ")], 8)) == "abc…    "
    assert text(mark_cut([Segment("abcdefgh")], 8)) == "abcdefg…"
    assert text(mark_cut([], 3)) == "…  "
    assert mark_cut([Segment("abc")], 0) == []


def test_a_tall_cell_loses_summary_lines_and_keeps_its_quote_status() -> None:
    body = lines("SUPPORTS", "one", "two", "three")
    foot = lines("2 quotes")
    assert fit_lines(body, foot, 10, 8) == body + foot  # room enough: untouched
    fitted = [text(line).rstrip() for line in fit_lines(body, foot, 3, 8)]
    assert fitted == ["SUPPORTS", "one…", "2 quotes"]
    assert [text(line).rstrip() for line in fit_lines(body, foot, 1, 8)] == ["SUPPORT…"]
    tall_foot = lines("2 quotes", "all", "verified")
    fitted = [text(line).rstrip() for line in fit_lines(body, tall_foot, 3, 8)]
    assert fitted == ["SUPPORT…", "2 quotes", "all…"]
    assert fit_lines(body, foot, 0, 8) == []


def test_one_line_cuts_with_a_mark_and_pads() -> None:
    console = Console(width=80)
    assert text(one_line(console, Text("a long summary here"), 10)) == "a long su…"
    assert text(one_line(console, Text("short"), 10)) == "short     "
    assert text(one_line(console, Text("two\nlines"), 10)) == "two…      "
    assert one_line(console, Text("x"), 0) == []
