"""Where the matrix's columns go and which rows are in view: arithmetic only.

No Textual and no Rich here, so every rule about widths, pages and scrolling is
tested on its own (tests/unit/test_matrix_geometry.py), without running an app.

Scrolling counts rows, not lines: the top of the view is the index of a row.
Rows have different heights in the reading view (wrapped text), and knowing every
height up front would mean wrapping 100,000 cells; counting rows needs only the
heights of the rows in view, and of the last few rows to know where scrolling
stops. The functions below take a row's height as a function for that reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

MIN_COL = 22
"""Narrowest party column of the reading view; below this, parties are shown a page
at a time."""
TOPIC_MIN, TOPIC_MAX = 14, 30
"""The reading view's topic column."""
OVERVIEW_TOPIC_MIN, OVERVIEW_TOPIC_MAX = 12, 40
"""The overview's topic column: one line per topic, so titles get the room first."""
CELL_PAD = 2
"""Cells around a cell's text (one on each side) in a party column."""

HeightOf = Callable[[int], int]
"""Lines a row takes on screen (its rule included), by row index."""


@dataclass(frozen=True)
class Layout:
    """Where the columns go at a given width."""

    width: int
    topic: int
    """Width of the topic column; 0 when topic headings are stacked above the cells."""
    per_page: int
    """Party columns shown at once."""
    col: int
    """Width of the widest party column (separators not included)."""
    paged: bool
    """Not every party fits: they are shown a page at a time, switched with [ and ]."""
    widths: tuple[int, ...] = ()
    """Width of each column of the page when they differ (the overview); empty when
    every column is `col` wide."""

    @property
    def stacked(self) -> bool:
        return self.topic == 0

    def col_width(self, c: int) -> int:
        """Width of page column `c`."""
        return self.widths[c] if self.widths else self.col

    def column_x(self, c: int) -> int:
        """x of the first cell of page column `c` (after its separator, if any)."""
        before = sum(self.col_width(i) + 1 for i in range(c))
        return before if self.stacked else self.topic + before + 1

    def column_at(self, x: int) -> int | None:
        """The page column under x (None: the topic column or a separator)."""
        for c in range(self.per_page):
            start = self.column_x(c)
            if start <= x < start + self.col_width(c):
                return c
        return None


def compute_layout(width: int, parties: int) -> Layout:
    """The reading view: `parties` columns of at least MIN_COL in `width`, else paged."""
    width = max(1, width)
    n = max(1, parties)
    if width - TOPIC_MIN >= n * (MIN_COL + 1):
        topic = min(TOPIC_MAX, max(TOPIC_MIN, width // 5), width - n * (MIN_COL + 1))
        col = (width - topic) // n - 1
        return Layout(width, width - n * (col + 1), n, col, paged=False)
    if width >= TOPIC_MIN + 1 + MIN_COL:
        topic = min(24, max(TOPIC_MIN, width // 4))
        per = min(n, max(1, (width - topic) // (MIN_COL + 1)))
        col = (width - topic) // per - 1
        return Layout(width, width - per * (col + 1), per, col, paged=per < n)
    # Too narrow for a topic column: headings go above the cells, full width.
    per = min(n, max(1, (width + 1) // (MIN_COL + 1)))
    col = max(1, (width + 1) // per - 1)
    return Layout(width, 0, per, col, paged=per < n)


def overview_layout(width: int, needs: Sequence[int], title: int) -> Layout:
    """The overview: one line per topic. `needs` is, for each party, the width its
    widest cell needs without a summary (stance, marks, short name); `title` the
    widest topic title.

    Every party gets what it needs when they all fit beside a topic column of at
    least OVERVIEW_TOPIC_MIN; what is left goes to the titles first (up to the
    widest), then evenly to the parties, for their summaries. Otherwise the parties
    are paged, every column as wide as the widest need. Too narrow even for one,
    the cells are cut (with a mark, by the drawing).
    """
    width = max(1, width)
    widths = [max(1, need) + CELL_PAD for need in needs] or [CELL_PAD + 1]
    n = len(widths)
    topic_min = min(OVERVIEW_TOPIC_MIN, title + 2)
    room = width - sum(w + 1 for w in widths)
    if room >= topic_min:
        topic = max(topic_min, min(room, title + 2, OVERVIEW_TOPIC_MAX))
        extra = room - topic
        shares = [extra // n + (1 if c < extra % n else 0) for c in range(n)]
        widths = [w + share for w, share in zip(widths, shares, strict=True)]
        return Layout(width, topic, n, max(widths), False, tuple(widths))
    col = max(widths)
    topic = topic_min
    if width - topic < col + 1:  # not even one party beside the titles: share the width
        topic = max(1, min(topic_min, width // 3))
        col = max(1, width - topic - 1)
        return Layout(width, topic, 1, col, paged=n > 1)
    per = min(n, (width - topic) // (col + 1))
    col = (width - topic) // per - 1
    return Layout(width, width - per * (col + 1), per, col, paged=per < n)


def header_lines(paged: bool, height: int, rows: int) -> list[str]:
    """Which sticky lines go above `rows` rows ('tabs', 'names', 'rule') in `height`
    lines, dropping extras when they would leave fewer than 5 lines (or than there are
    rows) for the rows: the rule first, then the names (the tabs name the party shown),
    always keeping one line that says which party a column is."""
    kinds = (["tabs"] if paged else []) + ["names", "rule"]
    wanted = min(5, max(1, rows))
    for extra in ("rule", "names"):
        if height - len(kinds) < wanted and (extra == "rule" or "tabs" in kinds):
            kinds.remove(extra)
    return kinds


def page_first(cursor_col: int, per_page: int) -> int:
    """The first party column of the page that holds the cursor."""
    return (cursor_col // per_page) * per_page


def page_parties(cursor_col: int, pages: int, per_page: int, count: int) -> int:
    """The cursor's column after moving `pages` pages of parties (same place on the page,
    clamped to the parties there are)."""
    if count <= 0:
        return 0
    last_page = (count - 1) // per_page
    page = max(0, min(last_page, cursor_col // per_page + pages))
    return min(count - 1, page * per_page + cursor_col % per_page)


def max_top(count: int, room: int, height_of: HeightOf) -> int:
    """The top row when scrolled to the end: the last rows just fill `room` lines."""
    if count <= 0:
        return 0
    top = count - 1
    used = height_of(top)
    while top > 0:
        need = height_of(top - 1)
        if used + need > room:
            break
        used += need
        top -= 1
    return top


def top_for_row(top: int, row: int, room: int, height_of: HeightOf) -> int:
    """The top row that brings `row` into a view of `room` lines now starting at `top`,
    scrolling as little as possible (a row taller than the view shows its start)."""
    if row < top:
        return row
    first = row
    used = height_of(row)
    while first > top:
        need = height_of(first - 1)
        if used + need > room:
            break
        used += need
        first -= 1
    return first


def rows_in_view(top: int, room: int, count: int, height_of: HeightOf) -> list[int]:
    """The rows with at least one line in a view of `room` lines from row `top`."""
    rows: list[int] = []
    used, r = 0, max(0, top)
    while used < room and r < count:
        rows.append(r)
        used += height_of(r)
        r += 1
    return rows


def next_cell(
    cells: Sequence[tuple[int, int]], here: tuple[int, int], step: int
) -> tuple[int, int] | None:
    """The next (`step` 1) or previous (-1) of `cells` (row, column) from `here`, row by
    row, wrapping around; None when there are none."""
    if not cells:
        return None
    places = sorted(cells)
    if step > 0:
        return next((cell for cell in places if cell > here), places[0])
    return next((cell for cell in reversed(places) if cell < here), places[-1])


def index_or(items: Sequence[str], wanted: str | None, fallback: int) -> int:
    """Index of `wanted` in `items`, else `fallback` clamped into range."""
    if wanted is not None:
        try:
            return items.index(wanted)
        except ValueError:
            pass
    return max(0, min(fallback, len(items) - 1))
