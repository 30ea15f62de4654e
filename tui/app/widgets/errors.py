"""The error panel: every problem of the file as `FILE:LINE:COL: error: message`.

Lines come from `Diagnostic.format()`, the same text `summit check` prints, so
the panel, the CLI and the tests never disagree. Shown only while the file on
disk is invalid; the last valid version stays on screen below it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.safe import literal

if TYPE_CHECKING:
    from tui.model.diagnostics import Diagnostic


class ErrorPanel(VerticalScroll, can_focus=True):
    """Lists the errors of the latest load; hidden when there are none.

    Focusable (Tab reaches it while it shows), so its arrows, page keys, home and end
    (VerticalScroll's bindings) scroll a list longer than the panel is tall.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[str] = []
        self.border_title = "Errors"
        self.display = False

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="errors-body")

    @property
    def lines(self) -> list[str]:
        """The diagnostics shown, as formatted (for tests and the screenshot script)."""
        return list(self._lines)

    def show(self, path: str, diagnostics: list[Diagnostic], *, have_data: bool) -> None:
        errors = [d for d in diagnostics if d.is_error]
        self._lines = [d.format() for d in errors]
        if not errors:
            self.display = False
            return
        count = f"{len(errors)} error{'' if len(errors) == 1 else 's'}"
        out = literal(path, "bold", multiline=False)
        out.append(f" has {count}. ")
        if have_data:
            out.append("Showing the last valid version; ", style="dim")
        else:
            out.append("Nothing to show yet; ", style="dim")
        out.append("it reloads by itself when the file is saved (e: edit).", style="dim")
        for line in self._lines:
            out.append("\n")
            out.append(line)
        self.query_one("#errors-body", Static).update(out)
        self.display = True
