"""The help screen: every key that works on the screen below, read from the live bindings.

Nothing is listed by hand, so the help cannot drift from the bindings: it asks
the screen underneath for its active bindings (its focused widget's, its own
and the app's), through Textual's public `Screen.active_bindings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

EXTRA_LINES: list[tuple[str, str]] = [
    ("ctrl+p", "Command palette: every action above, found by typing part of its name"),
    (
        "editing",
        "e on the main screen opens the positions file in $VISUAL / $EDITOR at the selected "
        "position; edit it with any editor: on save the dashboard reloads by itself and lists "
        "any errors as FILE:LINE:COL until they are fixed",
    ),
]


@dataclass
class KeyGroup:
    """The keys bound on one node (a widget, a screen or the app)."""

    title: str
    rows: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(action, description) -> the keys that run it, in binding order."""


def _title(node: DOMNode) -> str:
    if isinstance(node, App):
        return "Everywhere"
    if isinstance(node, Screen):
        return "On this screen"
    if isinstance(node, Widget):
        return f"In the focused {type(node).__name__}"
    return type(node).__name__


def key_groups(app: App[object], screen: Screen[object] | None) -> list[KeyGroup]:
    """The active bindings of `screen`, grouped by where they are bound, nearest first."""
    groups: dict[int, KeyGroup] = {}
    order: list[DOMNode] = []
    if screen is None:
        return []
    for key, active in screen.active_bindings.items():
        node = active.node
        binding: Binding = active.binding
        if id(node) not in groups:
            groups[id(node)] = KeyGroup(_title(node))
            order.append(node)
        description = binding.description or binding.action.replace("_", " ")
        shown = app.get_key_display(binding) or key
        keys = groups[id(node)].rows.setdefault((binding.action, description), [])
        if shown not in keys:
            keys.append(shown)

    def rank(node: DOMNode) -> int:
        return 2 if isinstance(node, App) else 1 if isinstance(node, Screen) else 0

    return [groups[id(node)] for node in sorted(order, key=rank)]


def help_table(groups: list[KeyGroup]) -> Table:
    """Keys and what they do; built from Text so no key or description is read as markup."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("keys", no_wrap=True, style="bold", min_width=10)
    table.add_column("does", ratio=1)
    for number, group in enumerate(groups):
        if number:
            table.add_row(Text(""), Text(""))
        table.add_row(Text(group.title, style="bold underline"), Text(""))
        for (_, description), keys in group.rows.items():
            table.add_row(Text(" / ".join(keys), style="bold"), Text(description))
    table.add_row(Text(""), Text(""))
    table.add_row(Text("Also", style="bold underline"), Text(""))
    for keys, description in EXTRA_LINES:
        table.add_row(Text(keys, style="bold"), Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    """Every key of the app and of the screen it was opened from."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(id="help-keys")
            yield Static(Text("escape, q or ? closes this help", style="dim"), id="help-hint")

    def on_mount(self) -> None:
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) >= 2 and stack[-1] is self else None
        self.groups = key_groups(self.app, below)
        self.query_one("#help-keys", Static).update(help_table(self.groups))
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss()
