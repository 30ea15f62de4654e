"""The header: the summit's title, place, day and the date the positions reflect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.safe import literal

if TYPE_CHECKING:
    from tui.model import Summit


class SummitHeader(Horizontal):
    """One line: summit facts on the left, the file and its counts on the right."""

    def compose(self) -> ComposeResult:
        yield Static(Text("summit"), id="header-title")
        yield Static(Text(""), id="header-file")

    def show(self, summit: Summit | None, path: str, counts: str = "") -> None:
        if summit is None:
            title = Text("summit", style="bold")
        else:
            from tui.render import summit_line

            title = summit_line(summit)
        right = literal(path, multiline=False)
        if counts:
            right.append(f" · {counts}", style="dim")
        self.query_one("#header-title", Static).update(title)
        self.query_one("#header-file", Static).update(right)
