"""The filter dialog: which parties and topics the dashboard shows.

Dismisses with (party ids, topic ids) in file order, or None when cancelled.
At least one party and one topic must stay chosen: an empty matrix would look
like a broken file rather than a filter.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Button, OptionList, SelectionList, Static
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from tui.loader.result import LoadResult
from tui.safe import literal

Choice = tuple[list[str], list[str]]

TICKED, UNTICKED = "[x] ", "[ ] "
"""The marks before each choice: readable without colour (NO_COLOR, a monochrome
terminal), and as wide as the gutter SelectionList leaves for its own button."""


class ChoiceList(SelectionList[str]):
    """A SelectionList whose space toggles at once, whose enter applies the dialog, and
    whose ticks are characters.

    Keys typed in one burst must act in the order typed. Every key here is an ordinary
    (not priority) binding, so all travel the same way; and space toggles in its action,
    where SelectionList's own space posts a message and toggles only when that message
    is handled, after an enter typed right behind it has already applied the dialog.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_highlighted", "Toggle", show=False, id="filters.toggle"),
        Binding("enter", "screen.apply", "Apply", show=False, id="filters.apply"),
    ]

    def __init__(self, *selections: Selection[str], id: str | None = None) -> None:
        super().__init__(*selections, id=id)
        self._ticked: set[str] | None = None

    def action_toggle_highlighted(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.get_option_at_index(self.highlighted))

    def render_lines(self, crop: Region) -> list[Strip]:
        # One set for all the lines drawn (`selected` is a new list on every call).
        self._ticked = set(self.selected)
        try:
            return super().render_lines(crop)
        finally:
            self._ticked = None

    def render_line(self, y: int) -> Strip:
        """The option as OptionList draws it, after a [x] or [ ] mark."""
        line = OptionList.render_line(self, y)
        index = int(self.scroll_offset.y) + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        ticked = self._ticked if self._ticked is not None else set(self.selected)
        on = selection.value in ticked
        component = "selection-list--button" + ("-selected" if on else "")
        if self.highlighted == index:
            component += "-highlighted"
        # The option index in the meta, as SelectionList does: a click on the mark toggles.
        style = self.get_component_rich_style(component) + Style(meta={"option": index})
        return Strip([Segment(TICKED if on else UNTICKED, style), *line])


class FilterScreen(ModalScreen[Choice | None]):
    """Choose the parties and topics to show."""

    CSS_PATH = "filters.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
        # Not priority: a priority key is acted on before the ordinary keys typed ahead
        # of it (space, a, n), which would then be lost. The lists and buttons bind
        # enter themselves (apply; press), this is for when neither has focus.
        Binding("enter", "apply", "Apply", id="filters.apply"),
        Binding("a", "select_all", "All in this list", id="filters.all"),
        Binding("n", "select_none", "None in this list", id="filters.none"),
    ]

    def __init__(self, result: LoadResult, parties: list[str], topics: list[str]) -> None:
        super().__init__()
        self.result = result
        doc = result.records
        self.party_ids: list[str] = list(doc.parties) if doc else []
        self.topic_ids: list[str] = list(doc.topics) if doc else []
        self._shown_parties = set(parties)
        self._shown_topics = set(topics)

    def compose(self) -> ComposeResult:
        doc = self.result.records
        parties = (
            [
                Selection(self._label(doc.parties[p].name, p), p, p in self._shown_parties)
                for p in self.party_ids
            ]
            if doc
            else []
        )
        topics = (
            [
                Selection(self._label(doc.topics[t].title, t), t, t in self._shown_topics)
                for t in self.topic_ids
            ]
            if doc
            else []
        )
        with Vertical(id="filters-dialog"):
            yield Static(Text("Show which parties and topics?", style="bold"), id="filters-title")
            with Horizontal(id="filters-lists"):
                with Vertical(classes="filters-column"):
                    yield Static(Text("Parties", style="bold"))
                    yield ChoiceList(*parties, id="filters-parties")
                    yield from self._helpers("parties")
                with Vertical(classes="filters-column"):
                    yield Static(Text("Topics", style="bold"))
                    yield ChoiceList(*topics, id="filters-topics")
                    yield from self._helpers("topics")
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
    def _helpers(which: str) -> ComposeResult:
        """All / None buttons under a list, for the mouse. Tab skips them (a and n do the
        same from the keyboard), so that enter, which applies, never lands on one."""
        with Horizontal(classes="filters-helpers"):
            for label in ("All", "None"):
                button = Button(label, id=f"{which}-{label.lower()}", compact=True)
                button.can_focus = False
                yield button

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
        parties, topics = self.chosen()
        missing = [name for name, ids in (("party", parties), ("topic", topics)) if not ids]
        if missing:
            self._set_error(f"Choose at least one {' and one '.join(missing)} to show.")
            self.app.bell()
            return
        self.dismiss((parties, topics))

    def action_cancel(self) -> None:
        self.dismiss(None)
