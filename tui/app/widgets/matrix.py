"""The party x topic matrix: one virtualised Line API widget with a cell cursor.

Mounting a widget per cell would cost seconds at 10,000 topics, so the matrix
draws its own lines: only the rows in view are rendered (each cell through
`tui.report.render.cell`), rendered rows are kept in bounded LRU caches, and a cursor move re-draws
just the two rows it touches.

Scrolling counts rows, not lines: `scroll_y` is the index of the top row.
Rows have different heights (wrapped text), and knowing every height up front
would mean wrapping 100,000 cells; counting rows needs only the heights of the
rows in view, and of the last few rows to know where scrolling stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.safe import literal

if TYPE_CHECKING:
    from tui.app.grid import Grid

MIN_COL = 22
"""Narrowest party column; below this, parties are shown a page at a time."""
TOPIC_MIN, TOPIC_MAX = 14, 30
ROW_CACHE = 1024
"""Rows kept wrapped (and, separately, drawn): a few screenfuls even on a tall terminal,
as the view, the rows at the end (where scrolling stops) and the cursor's are asked for."""
HEADER_CACHE = 64
"""Header pictures kept: one per cursor column on the page and layout."""


@dataclass(frozen=True)
class Layout:
    """Where the columns go at a given width."""

    width: int
    topic: int
    """Width of the topic column; 0 when topic headings are stacked above the cells."""
    per_page: int
    """Party columns shown at once."""
    col: int
    """Width of each party column (separators not included)."""
    paged: bool
    """Not every party fits: they are shown a page at a time, switched with [ and ]."""

    @property
    def stacked(self) -> bool:
        return self.topic == 0

    def column_x(self, c: int) -> int:
        """x of the first cell of page column `c` (after its separator, if any)."""
        if self.stacked:
            return c * (self.col + 1)
        return self.topic + c * (self.col + 1) + 1


def compute_layout(width: int, parties: int) -> Layout:
    """Fit `parties` columns of at least MIN_COL into `width`, else page them."""
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


@dataclass
class _Row:
    heading: list[list[Segment]]
    cells: list[list[list[Segment]]]
    height: int
    """Content lines (the rule below the row not counted)."""


class Matrix(ScrollView, can_focus=True, inherit_bindings=False):
    """Parties as columns, topics as rows, a cursor on one cell.

    The keys that move the cursor are the screen's bindings (so that they also
    work while the search box has focus); this widget only draws and scrolls.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "matrix--header",
        "matrix--header-cursor",
        "matrix--topic",
        "matrix--topic-cursor",
        "matrix--cursor",
        "matrix--rule",
        "matrix--rule-cursor",
        "matrix--tab",
        "matrix--tab-active",
        "matrix--message",
    }

    @dataclass
    class CellSelected(Message):
        """The cursor moved to another cell, or the data under it changed."""

        matrix: Matrix
        party: str | None
        topic: str | None
        position: int | None
        """Index into the file's positions; None for an empty (or hidden) cell."""

        @property
        def control(self) -> Matrix:
            return self.matrix

    @dataclass
    class CellClicked(Message):
        """A click on the cell that already had the cursor: open it."""

        matrix: Matrix
        position: int | None

        @property
        def control(self) -> Matrix:
            return self.matrix

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.grid: Grid | None = None
        self.parties: list[str] = []
        """Party ids shown (filtered), in file order."""
        self.topics: list[str] = []
        """Topic ids shown (filtered), in file order, before search."""
        self.rows: list[str] = []
        """Topic ids of the rows on screen (filtered and searched)."""
        self.query_text = ""
        self.matches: set[int] | None = None
        self.cursor_row = 0
        self.cursor_col = 0
        self.message = Text("Loading…")
        # The least recently drawn entries go first; all go when the data, the layout
        # or the styles change (see _check_cache).
        self._rows_cache: LRUCache[int, _Row] = LRUCache(ROW_CACHE)
        self._strips_cache: LRUCache[tuple[int, int], list[Strip]] = LRUCache(ROW_CACHE)
        self._header_cache: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(HEADER_CACHE)
        self._view: list[tuple[Strip, int]] | None = None
        self._view_key: tuple[object, ...] | None = None
        self._cache_key: tuple[object, ...] | None = None
        self._version = 0
        self._last_selected: tuple[object, ...] | None = None
        self._tab_spans: list[tuple[int, int, int]] = []
        self._dims_cache: tuple[int, int] | None = None

    # --- data -----------------------------------------------------------------------

    def set_grid(
        self,
        grid: Grid | None,
        parties: list[str] | None = None,
        topics: list[str] | None = None,
        *,
        message: Text | None = None,
    ) -> None:
        """Show new data, keeping the cursor on the same party and topic ids."""
        keep_party, keep_topic = self.selected_ids()
        old_row, old_col = self.cursor_row, self.cursor_col
        self.grid = grid
        if message is not None:
            self.message = message
        if grid is None:
            self.parties, self.topics = [], []
        else:
            # File order, whatever order the filter came in; ids that left the file drop out.
            wanted_parties = set(grid.parties if parties is None else parties)
            wanted_topics = set(grid.topics if topics is None else topics)
            self.parties = [p for p in grid.parties if p in wanted_parties]
            self.topics = [t for t in grid.topics if t in wanted_topics]
        if grid is not None and self.query_text:
            self.matches = grid.search(self.query_text)
        elif grid is None:
            self.matches = None
        self._rebuild_rows()
        self.cursor_col = _index_or(self.parties, keep_party, old_col)
        self.cursor_row = _index_or(self.rows, keep_topic, old_row)
        self._data_changed()

    def set_filter(self, parties: list[str], topics: list[str]) -> None:
        """Show only these parties and topics (ids), in file order."""
        self.set_grid(self.grid, parties, topics)

    def set_search(self, query: str) -> None:
        """Keep only the positions whose summary, quotes or speakers contain `query`."""
        keep_party, keep_topic = self.selected_ids()
        self.query_text = query.strip()
        if self.grid is not None and self.query_text:
            self.matches = self.grid.search(self.query_text)
        else:
            self.matches = None
        old_row = self.cursor_row
        self._rebuild_rows()
        self.cursor_row = _index_or(self.rows, keep_topic, min(old_row, len(self.rows) - 1))
        self.cursor_col = _index_or(self.parties, keep_party, self.cursor_col)
        self._data_changed()

    def _rebuild_rows(self) -> None:
        if self.grid is None:
            self.rows = []
        elif self.matches is None:
            self.rows = list(self.topics)
        else:
            keep = self.grid.topics_with(self.matches, self.parties)
            self.rows = [t for t in self.topics if t in keep]

    def _data_changed(self) -> None:
        self._version += 1
        self._clamp_cursor()
        self._refresh_all()
        self._post_selected(force=True)

    # --- the cursor -----------------------------------------------------------------

    def selected_ids(self) -> tuple[str | None, str | None]:
        """(party id, topic id) under the cursor."""
        party = self.parties[self.cursor_col] if 0 <= self.cursor_col < len(self.parties) else None
        topic = self.rows[self.cursor_row] if 0 <= self.cursor_row < len(self.rows) else None
        return party, topic

    def selected_position(self) -> int | None:
        """Index of the position under the cursor (None: empty or hidden by the search)."""
        party, topic = self.selected_ids()
        if self.grid is None or party is None or topic is None:
            return None
        return self._visible_position(party, topic)

    def _visible_position(self, party: str, topic: str) -> int | None:
        assert self.grid is not None
        index = self.grid.position(party, topic)
        if index is not None and self.matches is not None and index not in self.matches:
            return None
        return index

    def move_cursor(self, rows: int = 0, cols: int = 0) -> None:
        self.set_cursor(self.cursor_row + rows, self.cursor_col + cols)

    def set_cursor(self, row: int, col: int) -> None:
        old_row, old_col = self.cursor_row, self.cursor_col
        self.cursor_row, self.cursor_col = row, col
        self._clamp_cursor()
        if (old_row, old_col) == (self.cursor_row, self.cursor_col):
            return
        layout = self._layout()
        if old_col // layout.per_page != self.cursor_col // layout.per_page:
            self._refresh_all()  # another page of parties
            self._scroll_to_cursor()
        else:
            self._view = None
            top = int(self.scroll_y)
            self._scroll_to_cursor()
            if int(self.scroll_y) == top:  # (a scroll repaints everything)
                self._refresh_rows(layout, {old_row, self.cursor_row}, old_col != self.cursor_col)
        self._post_selected()

    def _refresh_rows(self, layout: Layout, rows: set[int], header: bool) -> None:
        """Repaint only the lines of these rows in view (and the header lines, which mark
        the cursor's column): a cursor move that does not scroll changes nothing else."""
        width = self.size.width
        lines = len(self._header_lines(layout)) if self.grid is not None else 0
        if header and lines:
            self.refresh(Region(0, 0, width, lines))
        room = self._body_height()
        y, r = 0, int(self.scroll_y)
        while y < room and r < len(self.rows):
            height = self._row_height(r)
            if r in rows:
                self.refresh(Region(0, lines + y, width, min(height, room - y)))
            y += height
            r += 1

    def select(self, party: str, topic: str) -> None:
        """Put the cursor on this party and topic, if they are shown."""
        if party in self.parties and topic in self.rows:
            self.set_cursor(self.rows.index(topic), self.parties.index(party))

    def jump_to_change(self, step: int) -> bool:
        """Put the cursor on the next (`step` 1) or previous (-1) cell shown that differs
        from `--since`, row by row and wrapping around; False when none is shown."""
        if self.grid is None or not self.parties or not self.rows:
            return False
        cols = len(self.parties)
        row_of = {topic: r for r, topic in enumerate(self.rows)}
        col_of = {party: c for c, party in enumerate(self.parties)}
        places = sorted(
            row_of[topic] * cols + col_of[party]
            for party, topic in self.grid.changes
            if party in col_of and topic in row_of and not self._hidden(party, topic)
        )
        if not places:
            return False
        here = self.cursor_row * cols + self.cursor_col
        after = [p for p in places if p > here] if step > 0 else [p for p in places if p < here]
        target = (
            (after[0] if after else places[0]) if step > 0 else (after[-1] if after else places[-1])
        )
        self.set_cursor(*divmod(target, cols))
        return True

    def _hidden(self, party: str, topic: str) -> bool:
        """A position the search hides (its cell is drawn blank)."""
        assert self.grid is not None
        return self.grid.position(party, topic) is not None and (
            self._visible_position(party, topic) is None
        )

    def page_parties(self, pages: int) -> None:
        """Show the previous or next page of parties (narrow terminals)."""
        per = self._layout().per_page
        count = len(self.parties)
        if count == 0:
            return
        page = self.cursor_col // per + pages
        last_page = (count - 1) // per
        page = max(0, min(last_page, page))
        self.set_cursor(self.cursor_row, min(count - 1, page * per + self.cursor_col % per))

    def page_rows(self, direction: int) -> None:
        """Move the cursor by about a screenful of rows."""
        self.move_cursor(rows=direction * max(1, len(self._visible_rows()) - 1))

    @property
    def rows_rendered(self) -> int:
        """Rows wrapped and cached since the last change (only those near the view,
        at most ROW_CACHE)."""
        return len(self._rows_cache)

    @property
    def paged(self) -> bool:
        return self._layout().paged

    def _clamp_cursor(self) -> None:
        self.cursor_row = max(0, min(self.cursor_row, len(self.rows) - 1))
        self.cursor_col = max(0, min(self.cursor_col, len(self.parties) - 1))

    def _post_selected(self, force: bool = False) -> None:
        party, topic = self.selected_ids()
        position = self.selected_position()
        key = (party, topic, position, self._version if force else None)
        if key == self._last_selected:
            return
        self._last_selected = key
        self.post_message(self.CellSelected(self, party, topic, position))

    # --- geometry -------------------------------------------------------------------

    def _dims(self) -> tuple[int, int]:
        """Width and height inside the scrollbar; asked for on every line, so cached
        (until the next resize or style change)."""
        if self._dims_cache is None:
            region = self.scrollable_content_region
            self._dims_cache = (max(1, region.width), max(0, region.height))
        return self._dims_cache

    def _content_width(self) -> int:
        return self._dims()[0]

    def _layout(self) -> Layout:
        return compute_layout(self._content_width(), len(self.parties))

    def _page_first(self, layout: Layout) -> int:
        return (self.cursor_col // layout.per_page) * layout.per_page

    def _header_lines(self, layout: Layout) -> list[str]:
        """Which sticky lines to draw above the rows, dropping extras when short of room."""
        kinds = (["tabs"] if layout.paged else []) + ["names", "rule"]
        height = self._dims()[1]
        # Short of room, the rows matter more: drop the rule, then the names (the tabs
        # name the party shown), keeping at least one line that says which party it is.
        for extra in ("rule", "names"):
            if height - len(kinds) < 5 and (extra == "rule" or "tabs" in kinds):
                kinds.remove(extra)
        return kinds

    def _body_height(self) -> int:
        layout = self._layout()
        return max(1, self._dims()[1] - len(self._header_lines(layout)))

    def _row_height(self, r: int) -> int:
        """Lines the row takes, its rule included."""
        return self._row(r).height + 1

    def _max_top(self) -> int:
        """The top row when scrolled to the end: the last rows just fill the view."""
        if not self.rows:
            return 0
        room = self._body_height()
        top = len(self.rows) - 1
        used = self._row_height(top)
        while top > 0:
            need = self._row_height(top - 1)
            if used + need > room:
                break
            used += need
            top -= 1
        return top

    def _update_virtual_size(self) -> None:
        height = self._dims()[1]
        self.virtual_size = Size(self._content_width(), self._max_top() + max(1, height))

    def _scroll_to_cursor(self) -> None:
        if not self.rows:
            return
        top = int(self.scroll_y)
        row = self.cursor_row
        if row < top:
            top = row
        else:
            room = self._body_height()
            first = row
            used = self._row_height(row)
            while first > top:
                need = self._row_height(first - 1)
                if used + need > room:
                    break
                used += need
                first -= 1
            top = max(top, first) if first > top else top
        if top != int(self.scroll_y):
            self.scroll_to(y=top, animate=False, immediate=True)
            self._view = None
            self.refresh()

    def _visible_rows(self) -> list[int]:
        return sorted({row for _, row in self._body() if row >= 0})

    # --- caches ---------------------------------------------------------------------

    def _drop_caches(self) -> None:
        """Forget every drawn row and header: what they show has changed."""
        self._rows_cache.clear()
        self._strips_cache.clear()
        self._header_cache.clear()
        self._view = None

    def _refresh_all(self) -> None:
        self._drop_caches()
        self._cache_key = None
        if self.is_mounted:
            self._update_virtual_size()
            self._scroll_to_cursor()
        self.refresh()

    def _check_cache(self) -> Layout:
        layout = self._layout()
        key = (
            layout,
            self._page_first(layout),
            self._body_height(),
            self._version,
        )
        if key != self._cache_key:
            self._drop_caches()
            self._cache_key = key
        return layout

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._dims_cache = None
        self._version += 1
        self._cache_key = None
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._dims_cache = None
        self._cache_key = None
        self._check_cache()
        self._update_virtual_size()
        self._scroll_to_cursor()

    # --- rendering ------------------------------------------------------------------

    def _render_text(self, text: Text, width: int) -> list[list[Segment]]:
        """Wrapped lines of `text`, padded to `width`; the widget's own colours are put
        underneath later, so that the cursor's background can go there instead."""
        console = self.app.console
        options = self.app.console_options.update(width=max(1, width), height=None)
        return console.render_lines(text, options, pad=True)

    def _row(self, r: int) -> _Row:
        layout = self._check_cache()
        cached = self._rows_cache.get(r)
        if cached is not None:
            return cached
        from tui.report.render import cell, topic_heading

        assert self.grid is not None
        doc = self.grid.doc
        topic_id = self.rows[r]
        first = self._page_first(layout)
        heading_width = (layout.width if layout.stacked else layout.topic) - 2
        heading = self._render_text(topic_heading(doc.topics[topic_id]), heading_width)
        cells: list[list[list[Segment]]] = []
        for party in self.parties[first : first + layout.per_page]:
            index = self.grid.position(party, topic_id)
            change = self.grid.change_note(party, topic_id) if self.grid.changes else None
            if index is None:
                text = cell(None, change=change)
            elif self.matches is not None and index not in self.matches:
                text = Text("")
            else:
                text = cell(
                    self.grid.get(index),
                    self.grid.verified(index),
                    change=change,
                    basis=self.grid.basis(index),
                )
            cells.append(self._render_text(text, layout.col - 2))
        room = max(1, self._body_height() - 1)
        tallest = max((len(lines) for lines in cells), default=1)
        if layout.stacked:
            heading = heading[: max(0, room - 1)]
            tallest = min(tallest, room - len(heading))
            height = len(heading) + max(1, tallest)
        else:
            tallest = max(tallest, len(heading))
            height = min(room, tallest)
            heading = heading[:height]
        cells = [lines[: height - (len(heading) if layout.stacked else 0)] for lines in cells]
        row = _Row(heading, cells, height)
        self._rows_cache.set(r, row)
        return row

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def _row_strips(self, r: int) -> list[Strip]:
        """The lines of row `r`, with the cursor cell highlighted if it is in this row."""
        layout = self._check_cache()
        first = self._page_first(layout)
        hl = self.cursor_col - first if r == self.cursor_row else -1
        key = (r, hl)
        cached = self._strips_cache.get(key)
        if cached is not None:
            return cached
        row = self._row(r)
        base = self.rich_style
        pad = Segment(" ")
        topic_style = self._style("matrix--topic-cursor" if hl >= 0 else "matrix--topic")
        under_cursor = base + self._style("matrix--cursor")
        rule = self._style("matrix--rule")
        rule_hl = self._style("matrix--rule-cursor")
        strips: list[Strip] = []
        width = layout.width
        if layout.stacked:
            for line in row.heading:
                segments = [pad, *line, pad]
                segments = list(Segment.apply_style(segments, base, post_style=topic_style))
                strips.append(Strip(segments).adjust_cell_length(width, base))
        cell_lines = row.height - (len(row.heading) if layout.stacked else 0)
        blank_cell = [Segment(" " * max(0, layout.col - 2))]
        for i in range(cell_lines):
            segments: list[Segment] = []
            if not layout.stacked:
                heading = (
                    row.heading[i] if i < len(row.heading) else [Segment(" " * (layout.topic - 2))]
                )
                heading = [pad, *heading, pad]
                segments += Segment.apply_style(heading, base, post_style=topic_style)
            for c, lines in enumerate(row.cells):
                if c > 0 or not layout.stacked:
                    near = hl in (c, c - 1) and hl >= 0
                    segments.append(Segment("┃" if near else "│", rule_hl if near else rule))
                content = [pad, *(lines[i] if i < len(lines) else blank_cell), pad]
                segments += Segment.apply_style(content, under_cursor if c == hl else base)
            strips.append(Strip(segments).adjust_cell_length(width, base))
        strips.append(self._rule_strip(layout, len(row.cells), "─", "┼", hl))
        self._strips_cache.set(key, strips)
        return strips

    def _rule_strip(self, layout: Layout, columns: int, line: str, cross: str, hl: int) -> Strip:
        rule = self._style("matrix--rule")
        rule_hl = self._style("matrix--rule-cursor")
        segments: list[Segment] = []
        if not layout.stacked:
            segments.append(Segment(line * layout.topic, rule))
        for c in range(columns):
            if c > 0 or not layout.stacked:
                segments.append(Segment(cross, rule))
            segments.append(Segment(line * layout.col, rule_hl if c == hl else rule))
        return Strip(segments).adjust_cell_length(layout.width, self.rich_style)

    def _header(self, layout: Layout) -> list[Strip]:
        first = self._page_first(layout)
        kinds = self._header_lines(layout)
        key = (layout, first, self.cursor_col, tuple(kinds), self._version)
        cached = self._header_cache.get(key)
        if cached is not None:
            return cached
        strips: list[Strip] = []
        base = self.rich_style
        for kind in kinds:
            if kind == "tabs":
                strips.append(self._tabs_strip(layout, first))
            elif kind == "names":
                strips.append(self._names_strip(layout, first))
            else:
                strips.append(
                    self._rule_strip(
                        layout, len(self.parties[first : first + layout.per_page]), "━", "┿", -1
                    )
                )
        strips = [s.adjust_cell_length(layout.width, base) for s in strips]
        self._header_cache.set(key, strips)
        return strips

    def _names_strip(self, layout: Layout, first: int) -> Strip:
        base = self.rich_style
        header = self._style("matrix--header")
        segments: list[Segment] = []
        if not layout.stacked:
            label = f"{len(self.rows)} of {len(self.topics)} topics"
            if len(self.rows) == len(self.topics):
                label = f"{len(self.topics)} topics"
            segments += self._fit(Text(label, style="dim"), layout.topic, base, lead=1)
        if self.grid is not None:
            for c, party_id in enumerate(self.parties[first : first + layout.per_page]):
                party = self.grid.doc.parties[party_id]
                name = party.name if cell_len(party.name) <= layout.col - 2 else party.short
                style = "matrix--header-cursor" if first + c == self.cursor_col else ""
                if c > 0 or not layout.stacked:
                    segments.append(Segment("│", self._style("matrix--rule")))
                text = literal(name, multiline=False)
                segments += self._fit(text, layout.col, base, lead=1, style=style or None)
        return Strip(Segment.apply_style(segments, post_style=header))

    def _tabs_strip(self, layout: Layout, first: int) -> Strip:
        """Party tabs for narrow terminals: the shown page highlighted, [ and ] to switch."""
        if self.grid is None:
            return Strip.blank(layout.width, self.rich_style)
        tab = self._style("matrix--tab")
        active = self._style("matrix--tab-active")
        text = Text()
        spans: list[tuple[int, int, int]] = []
        page_start = 0
        for c, party_id in enumerate(self.parties):
            if c == first:
                page_start = text.cell_len
            start = text.cell_len
            shown = first <= c < first + layout.per_page
            label = literal(f" {self.grid.doc.parties[party_id].short} ", multiline=False)
            label.stylize(active if shown else tab)
            text.append_text(label)
            spans.append((start, text.cell_len, c))
        pages = (len(self.parties) - 1) // layout.per_page + 1
        hint = Text(f" {first // layout.per_page + 1}/{pages} [ ] ", style="dim")
        room = max(1, layout.width - hint.cell_len)
        offset = 0
        if text.cell_len > room:
            offset = max(0, min(page_start - room // 3, text.cell_len - room))
            text = text[offset : offset + room] if offset else text
            text.truncate(room)
        self._tab_spans = [(s - offset, e - offset, c) for s, e, c in spans]
        line = Text.assemble(text, hint) if layout.width > hint.cell_len + 4 else text
        segments = self._fit(line, layout.width, self.rich_style)
        return Strip(segments)

    def _fit(
        self,
        text: Text,
        width: int,
        base: Style,
        *,
        lead: int = 0,
        style: str | None = None,
    ) -> list[Segment]:
        """One line of `text` in exactly `width` cells (cut with an ellipsis if longer)."""
        width = max(0, width)
        text = text.copy()
        text.no_wrap = True
        text.overflow = "ellipsis"
        if style:
            text.stylize(self._style(style))
        segments: list[Segment] = [Segment(" " * min(lead, width), base)] if lead else []
        room = width - min(lead, width)
        if room > 0:
            options = self.app.console_options.update(width=room, height=1, no_wrap=True)
            lines = self.app.console.render_lines(text, options, style=base, pad=True)
            segments += lines[0] if lines else [Segment(" " * room, base)]
        return segments

    def _body(self) -> list[tuple[Strip, int]]:
        """The lines under the header, each with the row it belongs to (-1: none)."""
        layout = self._check_cache()
        top = int(self.scroll_y)
        room = self._body_height()
        key = (top, room, self.cursor_row, self.cursor_col, layout)
        if self._view is not None and self._view_key == key:
            return self._view
        view: list[tuple[Strip, int]] = []
        if self.grid is None or not self.rows:
            message = self.message if self.grid is None else self._empty_message()
            for line in self._render_text(message, layout.width - 2)[:room]:
                segments = Segment.apply_style([Segment(" "), *line], self.rich_style)
                view.append((Strip(list(segments)), -1))
        else:
            r = min(top, len(self.rows) - 1)
            while len(view) < room and r < len(self.rows):
                view.extend((strip, r) for strip in self._row_strips(r))
                r += 1
        self._view, self._view_key = view[:room], key
        return self._view

    def _empty_message(self) -> Text:
        if self.query_text:
            out = Text("No position matches ")
            out.append_text(literal(f"“{self.query_text}”", multiline=False))
            out.append(" (escape clears the search)")
            return out
        return Text("No topics to show: press f to choose parties and topics.")

    def render_line(self, y: int) -> Strip:
        layout = self._check_cache()
        header = self._header(layout) if self.grid is not None else []
        if y < len(header):
            return header[y]
        body = self._body()
        index = y - len(header)
        if 0 <= index < len(body):
            return body[index][0]
        return Strip.blank(layout.width, self.rich_style)

    # --- mouse ----------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.grid is None:
            return
        layout = self._layout()
        kinds = self._header_lines(layout)
        x, y = offset.x, offset.y
        if y < len(kinds):
            if kinds[y] == "tabs":
                for start, end, c in self._tab_spans:
                    if start <= x < end:
                        self.set_cursor(self.cursor_row, c)
            return
        body = self._body()
        index = y - len(kinds)
        if not 0 <= index < len(body) or body[index][1] < 0:
            return
        row = body[index][1]
        col = self._column_at(layout, x)
        if col is None:
            col = self.cursor_col - self._page_first(layout)
        target = (row, self._page_first(layout) + col)
        if target == (self.cursor_row, self.cursor_col):
            self.post_message(self.CellClicked(self, self.selected_position()))
        else:
            self.set_cursor(*target)

    def _column_at(self, layout: Layout, x: int) -> int | None:
        for c in range(layout.per_page):
            start = layout.column_x(c)
            if start <= x < start + layout.col:
                return c
        return None


def _index_or(items: list[str], wanted: str | None, fallback: int) -> int:
    """Index of `wanted` in `items`, else `fallback` clamped into range."""
    if wanted is not None:
        try:
            return items.index(wanted)
        except ValueError:
            pass
    return max(0, min(fallback, len(items) - 1))
