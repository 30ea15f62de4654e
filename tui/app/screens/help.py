"""The help screen: what the cells mean, and every key that works on the screen below.

The legend is `tui.report.render.legend`, the one the snapshots print, so the dashboard
and the reports explain their marks in the same words. Keys are not listed by
hand, so the help cannot drift from the bindings: it asks the screen underneath
for its active bindings (its focused widget's, its own and the app's), through
Textual's public `Screen.active_bindings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

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
    (
        "views",
        "v switches between the overview (the first screen: a line per topic, each party's "
        "stance with its marks and as much of its summary as fits) and the full cells "
        "(every summary whole, each cell as tall as it needs); the cursor keeps its cell",
    ),
    ("ctrl+p", "Command palette: every action above, found by typing part of its name"),
    (
        "editing",
        "e on the main screen opens the positions file in $VISUAL / $EDITOR at the selected "
        "position (on an empty cell: at the end of positions:, with a new position for that "
        "cell copied, holding the evidence item copied last); edit it with any editor: on "
        "save the dashboard reloads by itself and lists any errors as FILE:LINE:COL until "
        "they are fixed",
    ),
    (
        "sources",
        "s lists every source, cited or not; enter opens one: ] selects a sentence, y copies "
        "it as evidence, c as a citation",
    ),
    (
        "copies",
        "every copy goes to the terminal's clipboard and to last-copy.txt in your state "
        "folder (the notification names it): paste from there when the clipboard is empty",
    ),
    (
        "quotes",
        ", and . choose a quote of the selected position (marked ▶ in the detail); enter "
        "opens its article at that passage, c copies it as a citation to paste",
    ),
]


@dataclass
class KeyGroup:
    """The keys bound on one node (a widget, a screen or the app)."""

    title: str
    rows: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(action, description) -> the keys that run it, in binding order."""
    unavailable: set[tuple[str, str]] = field(default_factory=set)
    """Rows whose action is switched off right now (e.g. 'clear search' with no search)."""

    def add(self, app: App[object], binding: Binding, *, available: bool = True) -> None:
        row = (binding.action, binding.description or binding.action.replace("_", " "))
        keys = self.rows.setdefault(row, [])
        shown = app.get_key_display(binding) or binding.key
        if shown not in keys:
            keys.append(shown)
        if available:
            self.unavailable.discard(row)
        elif len(keys) == 1:
            self.unavailable.add(row)


def _words(name: str) -> str:
    """'ArticleView' -> 'article view': class names as a reader would say them."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def _title(node: DOMNode) -> str:
    if isinstance(node, App):
        return "Everywhere"
    if isinstance(node, Screen):
        return "On this screen"
    return f"When the {_words(type(node).__name__)} has focus"


def _declared(node: DOMNode) -> list[Binding]:
    """The node's bindings as its classes declare them, its own class first."""
    found: list[Binding] = []
    keys: set[str] = set()
    for cls in type(node).__mro__:
        for binding in Binding.make_bindings(vars(cls).get("BINDINGS", [])):
            if binding.key not in keys:
                keys.add(binding.key)
                found.append(binding)
    return found


def key_groups(app: App[object], screen: Screen[object] | None) -> list[KeyGroup]:
    """Every key of `screen` and the app, then those of its focused widget.

    Live bindings come from the public `Screen.active_bindings`; bindings the
    screen or app declare but has switched off for now are listed too, marked.
    """
    if screen is None:
        return []
    active = screen.active_bindings
    groups: list[KeyGroup] = []
    for node in (screen, app):
        group = KeyGroup(_title(node))
        for binding in _declared(node):
            live = active.get(binding.key)
            if live is None:
                group.add(app, binding, available=False)
            elif live.node is node:
                group.add(app, live.binding)
        for live in active.values():  # keys remapped by a keymap
            if live.node is node:
                group.add(app, live.binding)
        groups.append(group)
    widgets: dict[int, KeyGroup] = {}
    for live in active.values():
        if live.node is screen or live.node is app:
            continue
        group = widgets.setdefault(id(live.node), KeyGroup(_title(live.node)))
        group.add(app, live.binding)
    groups.extend(widgets.values())
    return [group for group in groups if group.rows]


def help_table(groups: list[KeyGroup]) -> Group:
    """Keys and what they do; built from Text so no key or description is read as markup."""
    sections: list[tuple[str, list[tuple[Text, Text]]]] = []
    for group in groups:
        rows: list[tuple[Text, Text]] = []
        for row, keys in group.rows.items():
            what = Text(row[1])
            if row in group.unavailable:
                what.append(" (not available now)", style="dim italic")
            rows.append((Text(" / ".join(keys)), what))
        sections.append((group.title, rows))
    sections.append(("Also", [(Text(keys), Text(what)) for keys, what in EXTRA_LINES]))
    width = max((keys.cell_len for _, rows in sections for keys, _ in rows), default=4)
    parts: list[Text | Table] = []
    for number, (title, rows) in enumerate(sections):
        parts.append(Text(("\n" if number else "") + title, style="bold underline"))
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column("keys", no_wrap=True, style="bold", width=width)
        table.add_column("does", ratio=1)
        for shown, what in rows:
            table.add_row(shown, what)
        parts.append(table)
    return Group(*parts)


def compact_legend() -> Text:
    """What the overview's marks mean: `tui.report.render.compact_cell`'s marks, in its words."""
    from tui.report.render import (
        BASIS_GLYPH,
        BASIS_MARK,
        BASIS_MEANING,
        CHANGE_SIGN,
        NO_POSITION,
        NOT_STATED_SHORT,
        UNVERIFIED_MARK,
        VERIFIED_MARK,
    )

    rows = [
        (Text(f"2{VERIFIED_MARK}", style="green"), "2 quotes, all verified in the archived text"),
        (Text(f"2{UNVERIFIED_MARK}", style="bold red"), "2 quotes, not all of them verified"),
        *(
            (Text(glyph, style="bold yellow"), f"{BASIS_MARK[basis][2:]}: {BASIS_MEANING[basis]}")
            for basis, glyph in BASIS_GLYPH.items()
        ),
        (Text(NOT_STATED_SHORT, style="dim italic"), NO_POSITION),
        (
            Text(" ".join(CHANGE_SIGN.values()), style="bold magenta"),
            "added, removed, changed since --since",
        ),
    ]
    return Text("\n").join(Text.assemble(mark, f": {meaning}") for mark, meaning in rows)


class HelpScreen(ModalScreen[None]):
    """Every key of the app and of the screen it was opened from."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(Text("Legend and keys", style="bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(id="help-legend")
                yield Static(id="help-keys")
            yield Static(Text("escape, q or ? closes this help", style="dim"), id="help-hint")

    def on_mount(self) -> None:
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) >= 2 and stack[-1] is self else None
        self.groups = key_groups(self.app, below)
        # Not before the first frame: it imports the records.
        from tui.report.render import legend

        heading = Text("What the cells show\n", style="bold underline")
        marks = Text("\n\nThe overview's marks\n", style="bold underline")
        text = Text.assemble(heading, legend(), marks, compact_legend(), "\n")
        self.query_one("#help-legend", Static).update(text)
        self.query_one("#help-keys", Static).update(help_table(self.groups))
        self.query_one("#help-body").focus()

    def on_resize(self) -> None:
        self.set_class(self.size.height < 20 or self.size.width < 60, "-small")

    def action_close(self) -> None:
        self.dismiss()
