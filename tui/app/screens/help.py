"""The help screen: every key that works on the screen below, read from the live bindings.

Nothing is listed by hand, so the help cannot drift from the bindings: it asks
the screen underneath for its active bindings (its focused widget's, its own
and the app's), through Textual's public `Screen.active_bindings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
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


def _words(name: str) -> str:
    """'ArticleView' -> 'article view': class names as a reader would say them."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def _title(node: DOMNode) -> str:
    if isinstance(node, App):
        return "Everywhere"
    if isinstance(node, Screen):
        return "On this screen"
    return f"When the {_words(type(node).__name__)} has focus"


def key_groups(app: App[object], screen: Screen[object] | None) -> list[KeyGroup]:
    """The active bindings of `screen`, grouped by where they are bound: screen, app, widget."""
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
        # The screen's own keys first: they are what the reader came for.
        return 0 if isinstance(node, Screen) else 1 if isinstance(node, App) else 2

    return [groups[id(node)] for node in sorted(order, key=rank)]


def help_table(groups: list[KeyGroup]) -> Group:
    """Keys and what they do; built from Text so no key or description is read as markup."""
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (group.title, [(" / ".join(keys), what) for (_, what), keys in group.rows.items()])
        for group in groups
    ]
    sections.append(("Also", EXTRA_LINES))
    width = max((cell_len(keys) for _, rows in sections for keys, _ in rows), default=4)
    parts: list[Text | Table] = []
    for number, (title, rows) in enumerate(sections):
        parts.append(Text(("\n" if number else "") + title, style="bold underline"))
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column("keys", no_wrap=True, style="bold", width=width)
        table.add_column("does", ratio=1)
        for keys, what in rows:
            table.add_row(Text(keys), Text(what))
        parts.append(table)
    return Group(*parts)


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

    def on_resize(self) -> None:
        self.set_class(self.size.height < 20 or self.size.width < 60, "-small")

    def action_close(self) -> None:
        self.dismiss()
