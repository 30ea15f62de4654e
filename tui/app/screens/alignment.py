"""The alignment view: party against party, where their stances agree or differ.

The counting is `tui.analysis.alignment.alignment` (pure, tested on its own); this screen
only lays it out: a matrix of counts, a table of pairs, and the topics of the
selected pair, a list in which `enter` on a topic goes to that cell of the grid (the
screen is dismissed with the cell; the main screen puts its cursor there).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.console import Console, ConsoleOptions
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from tui.analysis.alignment import PairAlignment, TopicStances, alignment
from tui.app.widgets.footer import SummitFooter
from tui.loader.result import LoadResult
from tui.model.records import PositionsFile
from tui.report.render import badge
from tui.safe import literal

MATRIX_LIMIT = 12
"""More parties than this and the matrix no longer fits; the pair table still lists them all."""


def _name(doc: PositionsFile, party: str, *, short: bool = False) -> Text:
    found = doc.parties.get(party)
    if found is None:
        return literal(party, multiline=False)
    return literal(found.short if short else found.name, multiline=False)


def _plural(number: int, word: str, words: str | None = None) -> str:
    return f"{number} {word if number == 1 else words or word + 's'}"


def _count(number: int, style: str) -> Text:
    return Text(str(number), style=style if number else "dim")


def matrix(doc: PositionsFile, parties: list[str], pairs: list[PairAlignment]) -> Table:
    """Party by party: 'agree ✓ differ ✗' counts, readable without colour."""
    by_pair = {(p.a, p.b): p for p in pairs}
    table = Table(
        box=None,
        padding=(0, 1),
        show_edge=False,
        expand=False,
    )
    table.add_column("")
    for party in parties:
        table.add_column(_name(doc, party, short=True), justify="center", no_wrap=True)
    for row in parties:
        cells: list[Text] = [_name(doc, row, short=True)]
        for column in parties:
            pair = by_pair.get((row, column)) or by_pair.get((column, row))
            if row == column or pair is None:
                cells.append(Text("·", style="dim"))
                continue
            cell = Text()
            cell.append(f"{len(pair.agree)}✓", style="green" if pair.agree else "dim")
            cell.append(" ")
            cell.append(f"{len(pair.differ)}✗", style="red" if pair.differ else "dim")
            cells.append(cell)
        table.add_row(*cells)
    return table


class Hanging:
    """Text whose first line is indented by `first` cells and every wrapped line after
    it by `rest`: a topic's line stays one item however narrow the pane."""

    def __init__(self, text: Text, first: int = 2, rest: int = 4) -> None:
        self.text, self.first, self.rest = text, first, rest

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        room = max(1, options.max_width - self.rest)
        out = Text()
        for i, line in enumerate(self.text.wrap(console, room)):
            if i:
                out.append("\n")
            out.append(" " * (self.first if i == 0 else self.rest))
            out.append_text(line)
        yield out


def _topic_line(doc: PositionsFile, item: TopicStances, joiner: str) -> Text:
    topic = doc.topics.get(item.topic)
    out = literal(topic.title if topic else item.topic, "bold", multiline=False)
    out.append(": ")
    out.append_text(badge(item.a) if item.a else Text("not stated", style="dim italic"))
    out.append(joiner)
    out.append_text(badge(item.b) if item.b else Text("not stated", style="dim italic"))
    return out


def pair_lines(doc: PositionsFile, pair: PairAlignment) -> list[tuple[Text, str | None]]:
    """The selected pair, topic by topic, grouped by agree / differ / unclear / not
    stated: each line with the topic it names (None for the headings)."""
    out = _name(doc, pair.a)
    out.stylize("bold")
    out.append(" vs ", style="dim")
    other = _name(doc, pair.b)
    other.stylize("bold")
    out.append_text(other)
    out.append(f"\nBoth have a position on {_plural(pair.compared, 'topic')}.", style="dim")
    lines: list[tuple[Text, str | None]] = [(out, None)]
    groups = (
        ("Agree", pair.agree, " / ", "green"),
        ("Differ", pair.differ, " vs ", "red"),
        ("Unclear", pair.unclear, " / ", "yellow"),
        ("Not stated by both", pair.missing, " / ", "dim"),
    )
    for title, items, joiner, style in groups:
        lines.append((Text(f"\n{title} ({len(items)})", style=f"bold {style}"), None))
        if not items:
            lines.append((Text("  none", style="dim"), None))
        lines += [(_topic_line(doc, item, joiner), item.topic) for item in items]
    return lines


class AlignmentScreen(Screen[tuple[str, str] | None]):
    """Party against party: on how many topics their stances agree or differ, and which."""

    CSS_PATH = "alignment.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="alignment.back"),
        Binding("j", "cursor_down", "Next pair", show=False),
        Binding("k", "cursor_up", "Previous pair", show=False),
    ]

    def __init__(
        self,
        result: LoadResult,
        parties: list[str] | None = None,
        topics: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.result = result
        self.pair: PairAlignment | None = None
        """The pair whose topics are listed."""
        doc = result.records
        self.parties: list[str] = []
        self.pairs: list[PairAlignment] = []
        if doc is not None:
            self.pairs = alignment(doc, parties, topics)
            wanted = doc.parties if parties is None else parties
            self.parties = [p for p in dict.fromkeys(wanted) if p in doc.parties]
            self.topic_count = len(
                [
                    t
                    for t in dict.fromkeys(doc.topics if topics is None else topics)
                    if t in doc.topics
                ]
            )
        else:
            self.topic_count = 0

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="alignment-heading")
        with Horizontal(id="alignment-body"):
            with Vertical(id="alignment-left"):
                yield Static(self._matrix(), id="alignment-matrix")
                yield DataTable(id="alignment-pairs", cursor_type="row", zebra_stripes=True)
            yield OptionList(id="alignment-topics")
        yield SummitFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        doc = self.result.records
        for label in ("Pair", "Agree", "Differ", "Unclear", "Not both"):
            table.add_column(Text(label, style="bold"), key=label.lower())
        if doc is not None:
            for index, pair in enumerate(self.pairs):
                name = _name(doc, pair.a, short=True)
                name.append(" – ")
                name.append_text(_name(doc, pair.b, short=True))
                table.add_row(
                    name,
                    _count(len(pair.agree), "green"),
                    _count(len(pair.differ), "red"),
                    _count(len(pair.unclear), "yellow"),
                    _count(len(pair.missing), ""),
                    key=str(index),
                )
        table.focus()
        self._show(0)

    def on_resize(self) -> None:
        # Side by side when there is room, stacked on narrow terminals.
        self.set_class(self.size.width < 90, "-narrow")

    def _heading(self) -> Text:
        doc = self.result.records
        if doc is None:
            return Text("No data to compare: the file has errors.", style="bold red")
        out = Text("Alignment", style="bold")
        out.append(
            f"  {_plural(len(self.parties), 'party', 'parties')}, "
            f"{_plural(len(self.pairs), 'pair')}, {_plural(self.topic_count, 'topic')} shown"
            "  ·  ✓ topics agreed  ✗ topics differing",
            style="dim",
        )
        return out

    def _matrix(self) -> Table | Text:
        doc = self.result.records
        if doc is None or len(self.parties) < 2:
            return Text("Choose at least two parties to compare them.", style="dim")
        if len(self.parties) > MATRIX_LIMIT:
            return Text(
                f"{len(self.parties)} parties: too many for a matrix; the table lists every pair.",
                style="dim",
            )
        return matrix(doc, self.parties, self.pairs)

    def _show(self, index: int) -> None:
        doc = self.result.records
        topics = self.query_one("#alignment-topics", OptionList)
        topics.clear_options()
        self.pair = self.pairs[index] if 0 <= index < len(self.pairs) else None
        if doc is None or self.pair is None:
            topics.add_option(Option(Text("No pair selected.", style="dim"), disabled=True))
            return
        lines = pair_lines(doc, self.pair)
        topics.add_options(
            Option(text, disabled=True) if topic is None else Option(Hanging(text), id=topic)
            for text, topic in lines
        )
        # The first topic highlighted: `enter` goes there without a move first.
        topics.highlighted = next((i for i, (_, t) in enumerate(lines) if t is not None), None)

    @on(OptionList.OptionSelected, "#alignment-topics")
    def _go_to_cell(self, event: OptionList.OptionSelected) -> None:
        """Back to the grid, with its cursor on the first party's cell of that topic."""
        if self.pair is not None and event.option_id is not None:
            self.dismiss((self.pair.a, event.option_id))

    @on(DataTable.RowSelected, "#alignment-pairs")
    def _pair_chosen(self, event: DataTable.RowSelected) -> None:
        """`enter` on a pair: into its topics, to choose one."""
        self.query_one("#alignment-topics", OptionList).focus()

    @on(DataTable.RowHighlighted, "#alignment-pairs")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_back(self) -> None:
        self.dismiss()
