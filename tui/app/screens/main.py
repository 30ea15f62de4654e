"""The main screen: header, error panel, search box, the matrix and the detail pane."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.app.copies import CopyRequested
from tui.app.palette import MainPalette
from tui.app.widgets.detail import Detail
from tui.app.widgets.errors import ErrorPanel
from tui.app.widgets.footer import SummitFooter
from tui.app.widgets.header import SummitHeader, counts_words, filter_words
from tui.app.widgets.matrix import OVERVIEW, READING, Matrix, View
from tui.safe import literal, visible

if TYPE_CHECKING:
    from tui.app.grid import Grid
    from tui.loader.result import LoadResult

NEEDS_DATA = {"open_source", "sources", "filter", "alignment", "quote", "cite"}
BUNDLED_NOTE = "bundled demo copy — run `summit init` to start your own"
"""Shown under the header when the file is the copy installed inside the package."""
BESIDE_WIDTH = 160
"""From this width on, the overview has the detail pane beside it rather than below."""


class MainScreen(Screen[None]):
    """Where each party stands on each topic, and the evidence for the selected cell."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # One key, two bindings: check_action keeps the one that leads to the other view,
        # so that the footer names where `v` goes.
        Binding("v", "view('reading')", "Full cells", id="view.reading"),
        Binding("v", "view('overview')", "Overview", id="view.overview"),
        Binding("up,k", "cursor(-1, 0)", "Up", show=False, id="cursor.up"),
        Binding("down,j", "cursor(1, 0)", "Down", show=False, id="cursor.down"),
        Binding("left,h", "cursor(0, -1)", "Left", show=False, id="cursor.left"),
        Binding("right,l", "cursor(0, 1)", "Right", show=False, id="cursor.right"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="cursor.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="cursor.page_down"),
        Binding("home,g", "first", "First topic", show=False, id="cursor.first"),
        Binding("end,G", "last", "Last topic", show=False, id="cursor.last"),
        Binding("left_square_bracket", "parties(-1)", "Prev parties", id="parties.previous"),
        Binding("right_square_bracket", "parties(1)", "Next parties", id="parties.next"),
        Binding("enter", "open_source", "Source", id="source"),
        Binding("s", "sources", "Sources", id="sources"),
        Binding("slash", "search", "Search", id="search"),
        Binding("escape", "clear_search", "Clear search", id="search.clear"),
        Binding("f", "filter", "Filter", id="filter"),
        Binding("a", "alignment", "Alignment", id="alignment"),
        Binding("e", "edit", "Edit", id="edit"),
        # `summit tui --since` only (see check_action): the cells that changed, in turn.
        Binding("right_curly_bracket", "change(1)", "Next change", id="since.next"),
        Binding("left_curly_bracket", "change(-1)", "Prev change", show=False, id="since.previous"),
        Binding("full_stop", "quote(1)", "Next quote", show=False, id="quote.next"),
        Binding("comma", "quote(-1)", "Previous quote", show=False, id="quote.previous"),
        Binding("c", "cite", "Copy citation", show=False, id="quote.cite"),
    ]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {MainPalette}

    @dataclass
    class EditRequested(Message):
        """The user asked to edit the file at `line` (the app runs the editor)."""

        line: int
        new_position: tuple[str, str] | None = None
        """(party id, topic id) of an empty cell: the editor opens at the end of the
        `positions:` list instead, with a template for it on the clipboard."""

    def __init__(
        self, *, bundled: bool = False, initial: tuple[LoadResult, Grid] | None = None
    ) -> None:
        # The overview's class from the start: added once mounted, it would restyle every
        # widget of the screen before the first frame.
        super().__init__(id="main", classes="-overview")
        self._initial = initial
        """A load to show from the first frame (the cached one), before any load ends."""
        self.first_shown: float | None = None
        """When a load was first handed to the screen (time.monotonic(); the benchmark's
        "data on screen")."""
        self.bundled = bundled
        """The file is the demo copy inside the installed package: shown, never edited."""
        self.quote = 0
        """The selected quote (evidence index) of the position under the cursor."""
        self._quote_cell: tuple[str | None, str | None] = (None, None)
        self.grid: Grid | None = None
        self.result: LoadResult | None = None
        """The last valid load (what is on screen)."""
        self.latest: LoadResult | None = None
        """The latest load, valid or not (what is on disk)."""
        self.party_filter: list[str] | None = None
        """Party ids chosen in the filter; None: all, including parties added later."""
        self.topic_filter: list[str] | None = None

    def compose(self) -> ComposeResult:
        yield SummitHeader(id="header")
        note = Static(Text(BUNDLED_NOTE), id="bundled")
        note.display = self.bundled
        yield note
        yield ErrorPanel(id="errors")
        search = Input(placeholder="Search summaries, quotes and speakers", id="search")
        search.display = False
        yield search
        with Container(id="body"):
            yield Matrix(id="matrix")
            yield Detail(id="detail")
        yield SummitFooter()

    @property
    def matrix(self) -> Matrix:
        return self.query_one(Matrix)

    @property
    def detail(self) -> Detail:
        return self.query_one(Detail)

    @property
    def errors(self) -> ErrorPanel:
        return self.query_one(ErrorPanel)

    @property
    def search_box(self) -> Input:
        return self.query_one("#search", Input)

    def on_mount(self) -> None:
        self._set_layout_classes()
        self.matrix.focus()
        if self._initial is not None:
            self.show_load(*self._initial)
            self._initial = None

    # --- loading --------------------------------------------------------------------

    def show_load(self, result: LoadResult, grid: Grid | None) -> None:
        """A load finished: show it if valid, else keep the last valid data and list errors."""
        if self.first_shown is None:
            self.first_shown = time.monotonic()
        self.latest = result
        if grid is not None:
            self.grid, self.result = grid, result
            self.matrix.set_grid(grid, self.party_filter, self.topic_filter)
            self._show_header()
        elif self.grid is None:
            self.query_one(SummitHeader).show(None, result.path)
            message = literal(result.path, "bold", multiline=False)
            message.append(" has errors, listed above. Fix them and save: the file reloads.")
            self.matrix.set_grid(None, message=message)
            self.detail.show_message(Text("No data yet.", style="dim"))
        self.errors.show(result.path, result.diagnostics, have_data=self.grid is not None)
        if not self.errors.display and self.focused in (None, self.errors):
            self.matrix.focus()  # the errors are fixed: back to the grid
        self.refresh_bindings()

    # --- selection ------------------------------------------------------------------

    @on(Matrix.CellSelected)
    def _cell_selected(self, event: Matrix.CellSelected) -> None:
        # Another cell: back to its first quote. The same cell reloaded keeps its quote.
        cell = (event.party, event.topic)
        count = self._quote_count(event.position)
        if cell != self._quote_cell or self.quote >= count:
            self.quote = 0
        self._quote_cell = cell
        self._show_cell(event.party, event.topic, event.position)

    def _show_cell(self, party: str | None, topic: str | None, position: int | None) -> None:
        hidden = False
        if self.grid is not None and party and topic and position is None:
            hidden = self.grid.position(party, topic) is not None
        self.detail.show_cell(self.grid, party, topic, position, hidden=hidden, quote=self.quote)

    def _quote_count(self, position: int | None) -> int:
        if self.grid is None or position is None:
            return 0
        return len(self.grid.get(position).evidence)

    @on(Matrix.CellClicked)
    def _cell_clicked(self, event: Matrix.CellClicked) -> None:
        self.action_open_source()

    def on_resize(self, event: events.Resize) -> None:
        self._set_layout_classes()
        self.refresh_bindings()

    def _set_layout_classes(self) -> None:
        width, height = self.size
        overview = self.matrix.view == OVERVIEW
        self.set_class(height < 24, "-short")
        self.set_class(overview, "-overview")
        self.set_class(overview and width >= BESIDE_WIDTH, "-beside")

    def _show_header(self) -> None:
        """The summit, the file, what it holds and how much of it is shown (a filter or
        the search leaves some out), and what changed since `--since`."""
        grid, result = self.grid, self.result
        if grid is None or result is None:
            return
        matrix = self.matrix
        total = len(grid.doc.positions)
        narrowed = bool(self.party_filter or self.topic_filter or matrix.query_text)
        shown = grid.count_shown(matrix.parties, matrix.rows, matrix.matches) if narrowed else total
        counts = counts_words(total, shown, narrowed=narrowed)
        filtered = filter_words(
            (len(matrix.parties), len(grid.parties)) if self.party_filter else None,
            (len(matrix.topics), len(grid.topics)) if self.topic_filter else None,
        )
        changes = ""
        if grid.since is not None:
            since = visible(grid.since, multiline=False)
            changes = f"{len(grid.changes)} changed since {since}"
        self.query_one(SummitHeader).show(grid.doc.summit, result.path, counts, changes, filtered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "view":  # only the binding to the other view; dimmed without data
            if parameters[0] == self.matrix.view:
                return False
            return None if self.grid is None else True
        if action == "parties":
            return self.matrix.paged
        if action == "clear_search":
            return bool(self.search_box.display or self.matrix.query_text)
        if action == "change":
            return self.grid is not None and self.grid.since is not None
        if action in NEEDS_DATA and self.grid is None:
            return None
        return True

    # --- actions --------------------------------------------------------------------

    def action_view(self, view: View) -> None:
        """Switch between the overview and the full cells; the cursor keeps its cell."""
        self.matrix.set_view(READING if view == READING else OVERVIEW)
        self._set_layout_classes()
        self.refresh_bindings()

    def action_cursor(self, rows: int, cols: int) -> None:
        self.matrix.move_cursor(rows, cols)

    def action_page(self, direction: int) -> None:
        self.matrix.page_rows(direction)

    def action_first(self) -> None:
        self.matrix.set_cursor(0, self.matrix.cursor_col)

    def action_last(self) -> None:
        self.matrix.set_cursor(len(self.matrix.rows) - 1, self.matrix.cursor_col)

    def action_parties(self, pages: int) -> None:
        self.matrix.page_parties(pages)

    def action_change(self, step: int) -> None:
        """The next (1) or previous (-1) cell that differs from `--since`."""
        if self.grid is None or self.grid.since is None or self.matrix.jump_to_change(step):
            return
        since = visible(self.grid.since, multiline=False)
        shown = " shown" if self.grid.changes else ""
        self.app.notify(f"No cell{shown} has changed since {since}.", markup=False)

    def action_search(self) -> None:
        box = self.search_box
        box.display = True
        # At once (not after the next refresh, as focus() would), so that keys typed
        # right after the slash land in the box.
        self.set_focus(box)
        self.refresh_bindings()

    def action_clear_search(self) -> None:
        box = self.search_box
        box.value = ""
        box.display = False
        self.matrix.set_search("")
        self._show_header()
        self.matrix.focus()
        self.refresh_bindings()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.matrix.set_search(event.value)
        self._show_header()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.action_clear_search()
        else:
            self.matrix.focus()

    def action_open_source(self) -> None:
        if self.result is None:
            return
        position = self.matrix.selected_position()
        if position is None:
            self.app.notify(
                "No position here. s lists every source, cited or not: open one there "
                "to cite from it.",
                markup=False,
            )
            return
        from tui.app.screens.viewer import SourceViewerScreen

        quote = self.quote if self.quote < self._quote_count(position) else 0
        self.app.push_screen(SourceViewerScreen(self.result, position, quote))

    def action_sources(self) -> None:
        """Every source of the file, cited or not; enter opens one in the viewer."""
        if self.result is None:
            return
        from tui.app.screens.sources import SourcesScreen

        self.app.push_screen(SourcesScreen(self.result))

    def action_quote(self, step: int) -> None:
        """Select the next (1) or previous (-1) quote of the position, wrapping around."""
        position = self.matrix.selected_position()
        count = self._quote_count(position)
        if count == 0:
            self.app.notify("No position here: no quotes to choose from.", markup=False)
            return
        if count == 1:
            self.app.bell()
            return
        self.quote = (self.quote + step) % count
        self._show_cell(*self.matrix.selected_ids(), position)

    def action_cite(self) -> None:
        """Copy the selected quote as a citation a writer can paste (OSC 52)."""
        position = self.matrix.selected_position()
        if self.grid is None or position is None:
            self.app.notify("No position here: no quote to cite.", markup=False)
            return
        from tui.report.render import citation

        evidence = self.grid.get(position).evidence
        text = citation(evidence[min(self.quote, len(evidence) - 1)], self.grid.doc)
        self.post_message(CopyRequested(text, "Citation copied"))

    def action_filter(self) -> None:
        if self.result is None:
            return
        from tui.app.screens.filters import FilterScreen

        screen = FilterScreen(self.result, list(self.matrix.parties), list(self.matrix.topics))
        self.app.push_screen(screen, callback=self.apply_filter)

    def apply_filter(self, choice: tuple[list[str], list[str]] | None) -> None:
        """The filter screen closed: show the chosen parties and topics (None: cancelled)."""
        if choice is None or self.grid is None:
            return
        parties, topics = choice
        chosen_parties, chosen_topics = set(parties), set(topics)
        all_parties = chosen_parties >= set(self.grid.parties)
        all_topics = chosen_topics >= set(self.grid.topics)
        self.party_filter = None if all_parties else list(parties)
        self.topic_filter = None if all_topics else list(topics)
        self.matrix.set_filter(
            self.party_filter if self.party_filter is not None else list(self.grid.parties),
            self.topic_filter if self.topic_filter is not None else list(self.grid.topics),
        )
        self._show_header()
        self.refresh_bindings()

    def action_alignment(self) -> None:
        if self.result is None:
            return
        from tui.app.screens.alignment import AlignmentScreen

        screen = AlignmentScreen(self.result, list(self.matrix.parties), list(self.matrix.topics))
        self.app.push_screen(screen, callback=self.go_to_cell)

    def go_to_cell(self, cell: tuple[str, str] | None) -> None:
        """Put the cursor on (party id, topic id), clearing a search that hides its row
        (the alignment view's `enter` on a topic); None: nothing to go to."""
        if cell is None:
            return
        party, topic = cell
        if topic not in self.matrix.rows and self.matrix.query_text:
            self.action_clear_search()
        self.matrix.select(party, topic)
        self.matrix.focus()

    def action_edit(self) -> None:
        if self.bundled:
            self.app.notify(
                "This is the demo copy bundled inside the installed package: edits there "
                "would land in site-packages and be lost. Run `summit init FOLDER` to make a "
                "project folder of your own, then `summit` inside it.",
                title="Not editable",
                severity="warning",
                timeout=10,
                markup=False,
            )
            return
        self.post_message(self.EditRequested(self.edit_line(), self.empty_cell()))

    def empty_cell(self) -> tuple[str, str] | None:
        """(party, topic) under the cursor when the file holds no position there."""
        latest = self.latest
        if self.grid is None or (latest is not None and latest.errors):
            return None
        party, topic = self.matrix.selected_ids()
        if party is None or topic is None or self.grid.position(party, topic) is not None:
            return None
        return party, topic

    def edit_line(self) -> int:
        """Where the editor should open: the first error, else the selected position."""
        latest = self.latest
        if latest is not None and latest.errors:
            return latest.errors[0].line
        if self.grid is None:
            return 1
        party, topic = self.matrix.selected_ids()
        position = self.grid.position(party, topic) if party and topic else None
        if position is not None:  # hidden by the search or not, it is the one meant
            return self.grid.line(position)
        nearby = [
            i
            for p in self.grid.parties
            if topic is not None and (i := self.grid.position(p, topic)) is not None
        ]
        if nearby:
            return self.grid.line(min(nearby))
        return 1
