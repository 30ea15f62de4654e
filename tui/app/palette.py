"""The main screen's entries in the command palette (ctrl+p).

The screen offers them itself, through `Screen.COMMANDS`: which ones apply
depends on the screen's state (a search to clear, parties shown a page at a
time), and the app should not have to reach into the screen to find out.
The app's own entries (Help, Reload, Textual's) stay in `get_system_commands`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui.app.grid import Grid
    from tui.app.widgets.matrix import Matrix, View


class PaletteScreen(Protocol):
    """What the entries need of the main screen: its matrix, its grid and its actions.

    Named here rather than imported, so that this module, which the main screen imports
    for its `COMMANDS`, does not import the main screen back (not even for its types).
    """

    grid: Grid | None

    @property
    def matrix(self) -> Matrix: ...

    def action_search(self) -> object: ...
    def action_filter(self) -> object: ...
    def action_alignment(self) -> object: ...
    def action_open_source(self) -> object: ...
    def action_sources(self) -> object: ...
    def action_edit(self) -> object: ...
    def action_cite(self) -> object: ...
    def action_quote(self, step: int) -> object: ...
    def action_clear_search(self) -> object: ...
    def action_parties(self, pages: int) -> object: ...
    def action_change(self, step: int) -> object: ...
    def action_view(self, view: View) -> object: ...


@dataclass(frozen=True)
class PaletteEntry:
    """One entry: its title, the line of help under it, and what it runs."""

    title: str
    help: str
    run: Callable[[], object]


def _both_ways(name: str, help: str, step: Callable[[int], object]) -> list[PaletteEntry]:
    """ "Next <name>" and "Previous <name>" for an action that steps by +1 or -1; `help`
    has a {} for "next" or "previous"."""
    return [
        PaletteEntry(f"Next {name}", help.format("next"), lambda: step(1)),
        PaletteEntry(f"Previous {name}", help.format("previous"), lambda: step(-1)),
    ]


def main_entries(screen: PaletteScreen) -> list[PaletteEntry]:
    """The entries that apply to the main screen as it is now."""
    entries = [
        PaletteEntry("Search", "Keep the positions that match a text", screen.action_search),
        PaletteEntry("Filter", "Choose the parties and topics shown", screen.action_filter),
        PaletteEntry("Alignment", "Party against party: where they agree", screen.action_alignment),
        PaletteEntry(
            "Source", "The article behind the selected position", screen.action_open_source
        ),
        PaletteEntry(
            "Sources",
            "Every archived source, cited or not: open one to cite from it",
            screen.action_sources,
        ),
        PaletteEntry("Edit", "Open the file in $EDITOR at this position", screen.action_edit),
    ]
    matrix = screen.matrix
    if screen.grid is not None:
        if matrix.view == "overview":
            entries.append(
                PaletteEntry(
                    "Full cells",
                    "Every cell in full, as tall as it needs",
                    lambda: screen.action_view("reading"),
                )
            )
        else:
            entries.append(
                PaletteEntry(
                    "Overview",
                    "A line per topic: every topic and party at once",
                    lambda: screen.action_view("overview"),
                )
            )
    position = matrix.selected_position()
    if position is not None and screen.grid is not None:
        entries.append(
            PaletteEntry(
                "Copy citation",
                "The selected quote with speaker, outlet, title and date, to paste",
                screen.action_cite,
            )
        )
        if len(screen.grid.get(position).evidence) > 1:
            entries += _both_ways("quote", "Select the position's {} quote", screen.action_quote)
    if matrix.query_text:
        entries.append(
            PaletteEntry("Clear search", "Show every position", screen.action_clear_search)
        )
    if matrix.paged:
        entries += _both_ways("parties", "Show the {} page of parties", screen.action_parties)
    if screen.grid is not None and screen.grid.since is not None:
        entries += _both_ways(
            "change", "The {} cell that differs from --since", screen.action_change
        )
    return entries


class MainPalette(Provider):
    """Offers `main_entries` for the screen the palette was opened on."""

    def _entries(self) -> list[PaletteEntry]:
        return main_entries(cast("PaletteScreen", self.screen))

    async def discover(self) -> Hits:
        """Every entry, by title, for the palette before anything is typed."""
        for entry in sorted(self._entries(), key=lambda entry: entry.title):
            yield DiscoveryHit(entry.title, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        """The entries whose title matches what was typed (Textual's fuzzy matcher)."""
        matcher = self.matcher(query)
        for entry in self._entries():
            if (score := matcher.match(entry.title)) > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.run, help=entry.help)
