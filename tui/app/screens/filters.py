"""The filter dialog: which parties and topics the dashboard shows.

Dismisses with (party ids, topic ids) in file order, or None when cancelled.
At least one party and one topic must stay chosen: an empty matrix would look
like a broken file rather than a filter.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static
from textual.widgets.selection_list import Selection

from tui.loader.result import LoadResult
from tui.safe import literal

Choice = tuple[list[str], list[str]]


class FilterScreen(ModalScreen[Choice | None]):
    """Choose the parties and topics to show."""

    CSS_PATH = "filters.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
        Binding("enter", "apply", "Apply", priority=True, id="filters.apply"),
        Binding("a", "select_all", "All in this list", id="filters.all"),
        Binding("n", "select_none", "None in this list", id="filters.none"),
    ]

    def __init__(self, result: LoadResult, parties: list[str], topics: list[str]) -> None:
        super().__init__()
        self.result = result
        model = result.model
        self.party_ids: list[str] = list(model.parties) if model else []
        self.topic_ids: list[str] = list(model.topics) if model else []
        self._shown_parties = set(parties)
        self._shown_topics = set(topics)

    def compose(self) -> ComposeResult:
        model = self.result.model
        parties = (
            [
                Selection(self._label(model.parties[p].name, p), p, p in self._shown_parties)
                for p in self.party_ids
            ]
            if model
            else []
        )
        topics = (
            [
                Selection(self._label(model.topics[t].title, t), t, t in self._shown_topics)
                for t in self.topic_ids
            ]
            if model
            else []
        )
        with Vertical(id="filters-dialog"):
            yield Static(Text("Show which parties and topics?", style="bold"), id="filters-title")
            with Horizontal(id="filters-lists"):
                with Vertical(classes="filters-column"):
                    yield Static(Text("Parties", style="bold"))
                    yield SelectionList[str](*parties, id="filters-parties")
                    with Horizontal(classes="filters-helpers"):
                        yield Button("All", id="parties-all", compact=True)
                        yield Button("None", id="parties-none", compact=True)
                with Vertical(classes="filters-column"):
                    yield Static(Text("Topics", style="bold"))
                    yield SelectionList[str](*topics, id="filters-topics")
                    with Horizontal(classes="filters-helpers"):
                        yield Button("All", id="topics-all", compact=True)
                        yield Button("None", id="topics-none", compact=True)
            yield Static("", id="filters-error")
            with Horizontal(id="filters-buttons"):
                yield Button("Apply", id="filters-apply", variant="primary")
                yield Button("Cancel", id="filters-cancel")
            yield Static(
                Text(
                    "space toggles · a / n: all / none · enter applies · escape cancels",
                    style="dim",
                ),
                id="filters-hint",
            )

    @staticmethod
    def _label(name: str, ident: str) -> Text:
        label = literal(name, multiline=False)
        label.append_text(literal(f"  ({ident})", "dim", multiline=False))
        return label

    def on_mount(self) -> None:
        self.query_one("#filters-parties", SelectionList).focus()

    def on_resize(self) -> None:
        self.set_class(self.size.height < 20 or self.size.width < 60, "-small")

    def _lists(self) -> list[SelectionList[str]]:
        """The focused list, or both when focus is elsewhere."""
        focused = self.focused
        if isinstance(focused, SelectionList):
            return [focused]
        return list(self.query(SelectionList).results(SelectionList))

    def action_select_all(self) -> None:
        for selection_list in self._lists():
            selection_list.select_all()

    def action_select_none(self) -> None:
        for selection_list in self._lists():
            selection_list.deselect_all()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "filters-apply":
            self.action_apply()
        elif button == "filters-cancel":
            self.action_cancel()
        elif button.endswith(("-all", "-none")):
            which, _, what = button.partition("-")
            target = self.query_one(f"#filters-{which}", SelectionList)
            if what == "all":
                target.select_all()
            else:
                target.deselect_all()

    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        self._set_error("")

    def chosen(self) -> Choice:
        """The ticked ids of each list, in file order."""
        parties = set(self.query_one("#filters-parties", SelectionList).selected)
        topics = set(self.query_one("#filters-topics", SelectionList).selected)
        return (
            [p for p in self.party_ids if p in parties],
            [t for t in self.topic_ids if t in topics],
        )

    def _set_error(self, message: str) -> None:
        error = self.query_one("#filters-error", Static)
        error.update(Text(message))
        error.set_class(bool(message), "-shown")

    def action_apply(self) -> None:
        """Dismiss with the choice, unless it would leave nothing to show."""
        focused = self.focused
        if isinstance(focused, Button) and focused.id != "filters-apply":
            # Enter on a helper button presses that button, as it would anywhere else.
            focused.press()
            return
        parties, topics = self.chosen()
        missing = [name for name, ids in (("party", parties), ("topic", topics)) if not ids]
        if missing:
            self._set_error(f"Choose at least one {' and one '.join(missing)} to show.")
            self.app.bell()
            return
        self.dismiss((parties, topics))

    def action_cancel(self) -> None:
        self.dismiss(None)
