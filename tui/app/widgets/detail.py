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

    QUOTE_NOTE = " · enter: its article · c: copy its citation · , .: other quotes"
    """After the selected quote's mark: what can be done with it, and how to choose another."""

    _shown = 0
    """How many texts were shown: a scroll asked for an older one is dropped."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Loading…", style="dim"), id="detail-body")

    def _set(self, text: Text, anchor: str | None = None) -> None:
        """Show `text`, scrolled to the line that starts with `anchor` (else to the top)."""
        self.query_one("#detail-body", Static).update(text)
        self._shown += 1
        found = text.plain.find("\n" + anchor) if anchor else -1
        if found < 0:
            self.scroll_home(animate=False)
            return
        before = text[: found + 1]
        self.call_after_refresh(self._scroll_to_text, before, self._shown)

    def _scroll_to_text(self, before: Text, shown: int) -> None:
        """Scroll so the line after `before` (a prefix of the body) is at the top,
        unless something else was shown since."""
        width = self.scrollable_content_region.width
        if width <= 0 or shown != self._shown:
            return
        rows = len(before.wrap(self.app.console, width)) - 1
        self.scroll_to(y=max(0, rows), animate=False, immediate=True)

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
        quote: int = 0,
    ) -> None:
        """The position at this cell, or why there is none; `quote` is the selected
        evidence item (marked when there is more than one)."""
        if grid is None:
            self._set(Text("No data yet.", style="dim"))
            return
        if party is None or topic is None:
            self._set(Text("Nothing selected.", style="dim"))
            return
        from tui.render import (
            NOT_STATED,
            SELECTED_MARK,
            cell_heading,
            change_lines,
            position_detail,
        )

        changes = grid.changes.get((party, topic))
        if position is not None:
            text = position_detail(
                grid.doc, grid.result, position, selected=quote, note=self.QUOTE_NOTE
            )
            if changes and grid.since is not None:
                text = changes_first(text, change_lines(grid.since, changes), grid, party, topic)
            several = len(grid.doc.positions[position].evidence) > 1
            self._set(text, f"{SELECTED_MARK} Quote " if several and quote > 0 else None)
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
