"""The main screen's entries in the command palette (ctrl+p).

The screen offers them itself, through `Screen.COMMANDS`: which ones apply
depends on the screen's state (a search to clear, parties shown a page at a
time), and the app should not have to reach into the screen to find out.
The app's own entries (Help, Reload, Textual's) stay in `get_system_commands`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


@dataclass(frozen=True)
class PaletteCommand:
    """One entry: its title, the line of help under it, and what it runs."""

    title: str
    help: str
    run: Callable[[], object]


def _both_ways(name: str, help: str, step: Callable[[int], object]) -> list[PaletteCommand]:
    """ "Next <name>" and "Previous <name>" for an action that steps by +1 or -1; `help`
    has a {} for "next" or "previous"."""
    return [
        PaletteCommand(f"Next {name}", help.format("next"), lambda: step(1)),
        PaletteCommand(f"Previous {name}", help.format("previous"), lambda: step(-1)),
    ]


def main_commands(screen: MainScreen) -> list[PaletteCommand]:
    """The entries that apply to the main screen as it is now."""
    commands = [
        PaletteCommand("Search", "Keep the positions that match a text", screen.action_search),
        PaletteCommand("Filter", "Choose the parties and topics shown", screen.action_filter),
        PaletteCommand(
            "Alignment", "Party against party: where they agree", screen.action_alignment
        ),
        PaletteCommand(
            "Source", "The article behind the selected position", screen.action_open_source
        ),
        PaletteCommand("Edit", "Open the file in $EDITOR at this position", screen.action_edit),
    ]
    matrix = screen.matrix
    position = matrix.selected_position()
    if position is not None and screen.grid is not None:
        commands.append(
            PaletteCommand(
                "Copy citation",
                "The selected quote with speaker, outlet, title and date, to paste",
                screen.action_cite,
            )
        )
        if len(screen.grid.get(position).evidence) > 1:
            commands += _both_ways("quote", "Select the position's {} quote", screen.action_quote)
    if matrix.query_text:
        commands.append(
            PaletteCommand("Clear search", "Show every position", screen.action_clear_search)
        )
    if matrix.paged:
        commands += _both_ways("parties", "Show the {} page of parties", screen.action_parties)
    if screen.grid is not None and screen.grid.since is not None:
        commands += _both_ways(
            "change", "The {} cell that differs from --since", screen.action_change
        )
    return commands


class MainCommands(Provider):
    """Offers `main_commands` for the screen the palette was opened on."""

    def _commands(self) -> list[PaletteCommand]:
        return main_commands(cast("MainScreen", self.screen))

    async def discover(self) -> Hits:
        """Every entry, by title, for the palette before anything is typed."""
        for command in sorted(self._commands(), key=lambda command: command.title):
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        """The entries whose title matches what was typed (Textual's fuzzy matcher)."""
        matcher = self.matcher(query)
        for command in self._commands():
            if (score := matcher.match(command.title)) > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)
