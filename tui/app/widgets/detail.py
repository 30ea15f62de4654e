"""The detail pane: the selected position in full, with every quote and its source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

if TYPE_CHECKING:
    from tui.app.grid import Grid


class Detail(VerticalScroll, can_focus=True):
    """Shows `tui.render.position_detail` for the cell under the cursor."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Loading…", style="dim"), id="detail-body")

    def _set(self, text: Text) -> None:
        self.query_one("#detail-body", Static).update(text)
        self.scroll_home(animate=False)

    def show_message(self, text: Text) -> None:
        self._set(text)

    def show_cell(
        self,
        grid: Grid | None,
        party: str | None,
        topic: str | None,
        position: int | None,
        *,
        hidden: bool = False,
    ) -> None:
        """The position at this cell, or why there is none."""
        if grid is None:
            self._set(Text("No data yet.", style="dim"))
            return
        if party is None or topic is None:
            self._set(Text("Nothing selected.", style="dim"))
            return
        from tui.render import NOT_STATED, cell_heading, change_lines, position_detail

        changes = grid.changes.get((party, topic))
        if position is not None:
            text = position_detail(grid.doc, grid.result, position)
            if changes and grid.since is not None:
                text = changes_first(text, change_lines(grid.since, changes), grid, party, topic)
            self._set(text)
            return

        out = cell_heading(grid.doc, party, topic)
        if changes and grid.since is not None:
            out.append("\n\n")
            out.append_text(change_lines(grid.since, changes))
        out.append("\n\n")
        if hidden:
            out.append("Hidden by the search (escape clears it).", style="dim italic")
        else:
            out.append(NOT_STATED[0].upper() + NOT_STATED[1:] + ".", style="dim italic")
        self._set(out)


def changes_first(detail: Text, changes: Text, grid: Grid, party: str, topic: str) -> Text:
    """`detail` (a `position_detail`) with what changed since `--since` right under its
    party and topic heading, where it is seen before any scrolling."""
    from tui.render import cell_heading

    cut = len(cell_heading(grid.doc, party, topic))
    out = detail[:cut]
    out.append("\n\n")
    out.append_text(changes)
    out.append_text(detail[cut:])
    return out
