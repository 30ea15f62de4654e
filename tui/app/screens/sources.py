"""The sources list (`s`): every source of the file, cited or not, and how much of each
is cited; `enter` opens one in the viewer, where a first quote is selected and copied
(`y`) instead of typed.

The figures are `tui.analysis.coverage`'s (the ones `summit coverage` prints); this screen
lays them out, one entry of two lines per source, wrapped to any width.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.analysis.coverage import SourceCoverage, citing_positions, compute
from tui.app.widgets.footer import SummitFooter
from tui.loader.result import LoadResult
from tui.model.records import DateBasis, Source
from tui.report.render import published
from tui.safe import literal


def entry(item: SourceCoverage, source: Source, positions: int) -> Text:
    """Outlet, title and date on the first line; the id, who cites it and how much of
    it is cited on the second (readable without colour)."""
    out = literal(source.outlet, "bold", multiline=False)
    out.append("  ")
    out.append_text(literal(f"“{source.title}”", "italic", multiline=False))
    # The basis said both ways here (elsewhere only "(inferred)" is marked): this list
    # is where a curator checks what each source states.
    stated = " (stated)" if source.published_basis is DateBasis.STATED else ""
    out.append(f"  {published(source)}{stated}\n")
    out.append("  ")
    out.append_text(literal(item.id, "dim", multiline=False))
    cited = (
        "cited by no position"
        if not positions
        else (f"cited by {positions} position{'s' * (positions != 1)}")
    )
    coverage = item.coverage
    out.append(f"  ·  {cited}  ·  ", style="bold" if not positions else "")
    if coverage.sentences:
        out.append(
            f"{coverage.cited_sentences} of {coverage.sentences} sentences cited "
            f"({coverage.char_percent:g}% of its text)"
        )
    else:
        out.append("its archived text could not be read", style="bold red")
    return out


class SourcesScreen(Screen[None]):
    """Every source of the file, in the file's order; enter opens the selected one."""

    CSS_PATH = "sources.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Before the list's own enter (hidden from the footer), so the footer shows it.
        Binding("enter", "open", "Open", priority=True, id="sources.open"),
        Binding("escape,q", "back", "Back", id="sources.back"),
        Binding("j", "cursor(1)", "Down", show=False, id="sources.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="sources.up"),
    ]

    def __init__(self, result: LoadResult) -> None:
        super().__init__()
        self.result = result
        doc = result.records
        self.sources: dict[str, Source] = dict(doc.sources) if doc is not None else {}
        self._counts = citing_positions(result)
        self._coverage = compute(result)

    def compose(self) -> ComposeResult:
        count = len(self.sources)
        uncited = sum(1 for n in self._counts.values() if not n)
        heading = f"{count} source{'s' * (count != 1)}"
        if uncited:
            heading += f", {uncited} cited by no position"
        heading += ": enter opens one; in it, ] selects a sentence and y copies it as evidence"
        yield Static(Text(heading), id="sources-heading")
        options = [
            Option(entry(item, self.sources[item.id], self._counts.get(item.id, 0)), id=item.id)
            for item in self._coverage
        ]
        yield OptionList(*options, id="sources-list")
        yield SummitFooter()

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.focus()
        if self.sources:
            listing.highlighted = 0

    @property
    def selected(self) -> str | None:
        """The id of the highlighted source."""
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        source_id = self.selected
        if source_id is None:
            self.app.bell()
            return
        from tui.app.screens.viewer import SourceViewerScreen

        self.app.push_screen(SourceViewerScreen.of_source(self.result, source_id))

    def action_cursor(self, step: int) -> None:
        listing = self.query_one(OptionList)
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_back(self) -> None:
        self.dismiss()
