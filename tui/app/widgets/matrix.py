"""The party x topic matrix: one virtualised Line API widget with a cell cursor.

Two views of the same cells. The overview (the first screen) gives each topic one
line: every party's stance with its marks (`tui.report.render.compact_cell`), and as much
of the summary as fits. The reading view gives each cell its full text
(`tui.report.render.cell`), wrapped; a cell taller than the view is cut with a mark, its
quote status kept. `v` switches; the cursor keeps its cell.

Mounting a widget per cell would cost seconds at 10,000 topics, so the matrix
draws its own lines: only the rows in view are rendered, rendered rows are kept in
bounded LRU caches, and a cursor move re-draws just the two rows it touches. The
arithmetic of columns, pages and scrolling is `matrix_geometry` (scrolling counts
rows, not lines); cutting drawn text with a mark is `matrix_cells`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.widgets import matrix_geometry as geometry
from tui.app.widgets.matrix_draw import (
    Cells,
    Row,
    Styles,
    empty_message,
    names_strip,
    overview_row,
    reading_row,
    render_text,
    row_strips,
    rule_strip,
    tabs_strip,
)
from tui.app.widgets.matrix_geometry import Layout, compute_layout, overview_layout

if TYPE_CHECKING:
    from tui.app.grid import Grid

View = Literal["overview", "reading"]
OVERVIEW: View = "overview"
READING: View = "reading"
ROW_CACHE = 1024
"""Rows kept wrapped (and, separately, drawn): a few screenfuls even on a tall terminal,
as the view, the rows at the end (where scrolling stops) and the cursor's are asked for."""
HEADER_CACHE = 64
"""Header pictures kept: one per cursor column on the page and layout."""


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
        "matrix--stripe",
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
        self.view: View = OVERVIEW
        self.query_text = ""
        self.matches: set[int] | None = None
        self.cursor_row = 0
        self.cursor_col = 0
        self.message = Text("Loading…")
        # The least recently drawn entries go first; all go when the data, the layout
        # or the styles change (see _check_cache).
        self._rows_cache: LRUCache[int, Row] = LRUCache(ROW_CACHE)
        self._strips_cache: LRUCache[tuple[int, int], list[Strip]] = LRUCache(ROW_CACHE)
        self._header_cache: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(HEADER_CACHE)
        self._view: list[tuple[Strip, int]] | None = None
        self._view_key: tuple[object, ...] | None = None
        self._cache_key: tuple[object, ...] | None = None
        self._version = 0
        self._last_selected: tuple[object, ...] | None = None
        self._tab_spans: list[tuple[int, int, int]] = []
        self._dims_cache: tuple[object, tuple[int, int]] | None = None
        self._layout_memo: tuple[object, Layout] | None = None
        self._styles_memo: Styles | None = None

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
        self.cursor_col = geometry.index_or(self.parties, keep_party, old_col)
        self.cursor_row = geometry.index_or(self.rows, keep_topic, old_row)
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
        self.cursor_row = geometry.index_or(self.rows, keep_topic, min(old_row, len(self.rows) - 1))
        self.cursor_col = geometry.index_or(self.parties, keep_party, self.cursor_col)
        self._data_changed()

    def set_view(self, view: View) -> None:
        """Show the overview or the reading view; the cursor stays on its cell."""
        if view == self.view:
            return
        self.view = view
        self._version += 1
        self._refresh_all()
        self.refresh(layout=True)  # the overview is as tall as its rows

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
        if self.view == OVERVIEW:
            self.refresh(layout=True)  # another number of rows: another height
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
        y = 0
        for r in geometry.rows_in_view(int(self.scroll_y), room, len(self.rows), self._row_height):
            height = self._row_height(r)
            if r in rows:
                self.refresh(Region(0, lines + y, width, min(height, room - y)))
            y += height

    def select(self, party: str, topic: str) -> None:
        """Put the cursor on this party and topic, if they are shown."""
        if party in self.parties and topic in self.rows:
            self.set_cursor(self.rows.index(topic), self.parties.index(party))

    def jump_to_change(self, step: int) -> bool:
        """Put the cursor on the next (`step` 1) or previous (-1) cell shown that differs
        from `--since`, row by row and wrapping around; False when none is shown."""
        if self.grid is None or not self.parties or not self.rows:
            return False
        row_of = {topic: r for r, topic in enumerate(self.rows)}
        col_of = {party: c for c, party in enumerate(self.parties)}
        cells = [
            (row_of[topic], col_of[party])
            for party, topic in self.grid.changes
            if party in col_of and topic in row_of and not self._hidden(party, topic)
        ]
        target = geometry.next_cell(cells, (self.cursor_row, self.cursor_col), step)
        if target is not None:
            self.set_cursor(*target)
        return target is not None

    def _hidden(self, party: str, topic: str) -> bool:
        """A position the search hides (its cell is drawn blank)."""
        assert self.grid is not None
        return self.grid.position(party, topic) is not None and (
            self._visible_position(party, topic) is None
        )

    def page_parties(self, pages: int) -> None:
        """Show the previous or next page of parties (narrow terminals)."""
        per = self._layout().per_page
        target = geometry.page_parties(self.cursor_col, pages, per, len(self.parties))
        self.set_cursor(self.cursor_row, target)

    def page_rows(self, direction: int) -> None:
        """Move the cursor by about a screenful of rows."""
        top, room = int(self.scroll_y), self._body_height()
        shown = geometry.rows_in_view(top, room, len(self.rows), self._row_height)
        self.move_cursor(rows=direction * max(1, len(shown) - 1))

    @property
    def rows_rendered(self) -> int:
        """Rows wrapped and cached since the last change (only those near the view,
        at most ROW_CACHE)."""
        return len(self._rows_cache)

    @property
    def columns(self) -> Layout:
        """Where the columns are now (in the view shown, at the width there is). Not
        `layout`: that is Textual's own, how a widget arranges its children."""
        return self._layout()

    @property
    def paged(self) -> bool:
        return self.columns.paged

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
        """Width and height inside the scrollbar; asked for on every line, so kept until
        the size or the scrollbar changes."""
        key = (self.size, self.show_vertical_scrollbar)
        if self._dims_cache is None or self._dims_cache[0] != key:
            region = self.scrollable_content_region
            self._dims_cache = (key, (max(1, region.width), max(0, region.height)))
        return self._dims_cache[1]

    def _layout(self, width: int | None = None) -> Layout:
        width = self._dims()[0] if width is None else width
        key = (width, self.view, self._version)
        if self._layout_memo is not None and self._layout_memo[0] == key:
            return self._layout_memo[1]
        if self.view == OVERVIEW and self.grid is not None:
            needs = [self.grid.needs.get(party, 1) for party in self.parties]
            layout = overview_layout(width, needs, self.grid.title_width)
        else:
            layout = compute_layout(width, len(self.parties))
        self._layout_memo = (key, layout)
        return layout

    def _page_first(self, layout: Layout) -> int:
        return geometry.page_first(self.cursor_col, layout.per_page)

    def _header_lines(self, layout: Layout) -> list[str]:
        """Which sticky lines to draw above the rows, dropping extras when short of room."""
        return geometry.header_lines(layout.paged, self._dims()[1], len(self.rows))

    def _body_height(self) -> int:
        layout = self._layout()
        return max(1, self._dims()[1] - len(self._header_lines(layout)))

    def _row_height(self, r: int) -> int:
        """Lines the row takes, its rule included (the overview has none)."""
        if self.view == OVERVIEW:
            return 1
        return self._row(r).height + 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The overview is as tall as its header and rows (the screen caps it); the
        reading view takes the height it is given."""
        if self.view != OVERVIEW or self.grid is None:
            return super().get_content_height(container, viewport, width)
        rows = max(1, len(self.rows))
        kinds = geometry.header_lines(self._layout(max(1, width)).paged, rows + 3, rows)
        return len(kinds) + rows

    def _update_virtual_size(self) -> None:
        height = self._dims()[1]
        top = geometry.max_top(len(self.rows), self._body_height(), self._row_height)
        self.virtual_size = Size(self._dims()[0], top + max(1, height))

    def _scroll_to_cursor(self) -> None:
        if not self.rows:
            return
        top = int(self.scroll_y)
        new = geometry.top_for_row(top, self.cursor_row, self._body_height(), self._row_height)
        if new != top:
            self.scroll_to(y=new, animate=False, immediate=True)
            self._view = None
            self.refresh()

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
        key = (layout, self._page_first(layout), self._body_height(), self._version)
        if key != self._cache_key:
            self._drop_caches()
            self._cache_key = key
        return layout

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._dims_cache = None
        self._styles_memo = None
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

    def _styles(self) -> Styles:
        """The component classes' colours (kept until the styles change)."""
        if self._styles_memo is None:
            self._styles_memo = Styles.of(self.rich_style, self.get_component_rich_style)
        return self._styles_memo

    def _page_parties(self, layout: Layout) -> list[str]:
        first = self._page_first(layout)
        return self.parties[first : first + layout.per_page]

    def _row(self, r: int) -> Row:
        layout = self._check_cache()
        cached = self._rows_cache.get(r)
        if cached is None:
            assert self.grid is not None
            cells = Cells(self.grid, self._page_parties(layout), self.matches)
            console, topic = self.app.console, self.rows[r]
            if self.view == OVERVIEW:
                cached = overview_row(cells, topic, layout, console)
            else:
                room = max(1, self._body_height() - 1)
                options = self.app.console_options
                cached = reading_row(cells, topic, layout, console, options, room)
            self._rows_cache.set(r, cached)
        return cached

    def _row_strips(self, r: int) -> list[Strip]:
        """The lines of row `r`, with the cursor cell highlighted if it is in this row."""
        layout = self._check_cache()
        hl = self.cursor_col - self._page_first(layout) if r == self.cursor_row else -1
        key = (r, hl)
        cached = self._strips_cache.get(key)
        if cached is None:
            styles = self._styles()
            overview = self.view == OVERVIEW
            if overview and r % 2:  # the overview's rows have no rules: every other is tinted
                styles = replace(styles, base=styles.base + styles.stripe)
            cached = row_strips(self._row(r), layout, hl, styles, overview=overview)
            self._strips_cache.set(key, cached)
        return cached

    def _header(self, layout: Layout) -> list[Strip]:
        first = self._page_first(layout)
        kinds = self._header_lines(layout)
        key = (layout, first, self.cursor_col, tuple(kinds), self._version)
        cached = self._header_cache.get(key)
        if cached is not None:
            return cached
        styles, console = self._styles(), self.app.console
        parties = self._page_parties(layout)
        strips: list[Strip] = []
        for kind in kinds:
            if kind == "tabs" and self.grid is not None:
                tabs, self._tab_spans = tabs_strip(
                    self.grid, self.parties, first, layout, styles, console
                )
                strips.append(tabs)
            elif kind == "names":
                cursor, label = self.cursor_col - first, self.topics_label()
                strips.append(
                    names_strip(self.grid, parties, cursor, label, layout, styles, console)
                )
            else:
                strips.append(rule_strip(layout, len(parties), "━", "┿", -1, styles))
        strips = [s.adjust_cell_length(layout.width, styles.base) for s in strips]
        self._header_cache.set(key, strips)
        return strips

    def topics_label(self) -> str:
        """'10 topics', or '3 of 10 topics' when a filter or the search leaves some out."""
        total = len(self.grid.topics) if self.grid is not None else len(self.topics)
        if len(self.rows) == total:
            return f"{total} topic" if total == 1 else f"{total} topics"
        return f"{len(self.rows)} of {total} topics"

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
            message = self.message if self.grid is None else empty_message(self.query_text)
            app, base = self.app, self.rich_style
            lines = render_text(app.console, app.console_options, message, layout.width - 2)
            for line in lines[:room]:
                view.append((Strip(Segment.apply_style([Segment(" "), *line], base)), -1))
        else:
            r = min(top, len(self.rows) - 1)
            while len(view) < room and r < len(self.rows):
                view.extend((strip, r) for strip in self._row_strips(r))
                r += 1
        self._view, self._view_key = view[:room], key
        return self._view

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
        col = layout.column_at(x)
        if col is None:
            col = self.cursor_col - self._page_first(layout)
        target = (row, self._page_first(layout) + col)
        if target == (self.cursor_row, self.cursor_col):
            self.post_message(self.CellClicked(self, self.selected_position()))
        else:
            self.set_cursor(*target)
