"""The header: the summit's title, place, day and the date the positions reflect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.safe import literal

if TYPE_CHECKING:
    from tui.model.records import Summit

SEPARATOR = " · "
PADDING = 2
"""Cells around each half's text (`padding: 0 1` in main.tcss)."""
SHARE = 0.5
"""Of the width, what the right half may take when it and the whole title do not fit
side by side (the title is then cut): main.tcss gives #header-file the same max-width."""


def plural(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def counts_words(total: int, shown: int, *, narrowed: bool) -> str:
    """'19 positions', or '5 of 19 positions' when a filter or the search is on."""
    if not narrowed:
        return plural(total, "position")
    return f"{shown} of {plural(total, 'position')}"


def filter_words(parties: tuple[int, int] | None, topics: tuple[int, int] | None) -> str:
    """'filter: 2/4 parties, 1/10 topics' (each part only when that filter is on, as
    (shown, in the file)); '' with no filter."""
    parts = []
    if parties is not None:
        parts.append(f"{parties[0]}/{parties[1]} {'party' if parties[1] == 1 else 'parties'}")
    if topics is not None:
        parts.append(f"{topics[0]}/{topics[1]} {'topic' if topics[1] == 1 else 'topics'}")
    return "filter: " + ", ".join(parts) if parts else ""


def summary_variants(path: str, counts: str, changes: str, filtered: str = "") -> list[list[Text]]:
    """The right half's parts, most complete first: each drops the least important part
    left. The filter and the change count (`--since`) go last, so they are always in
    view."""
    file = literal(path, multiline=False)
    count = [Text(counts, style="dim")] if counts else []
    marks = [Text(filtered, style="bold yellow")] if filtered else []
    if changes:
        marks.append(literal(changes, "bold magenta", multiline=False))
    if marks:
        return [[file, *count, *marks], [*count, *marks], marks]
    return [[file, *count], [file]]


def fit_summary(width: int, title: Text, variants: list[list[Text]]) -> Text:
    """The most complete variant that fits beside the whole title; failing that, the
    most complete that fits in SHARE of the width; failing that, the last (least) one,
    which the widget cuts with an ellipsis."""
    joined = [Text(SEPARATOR, style="dim").join(parts) for parts in variants]
    beside = width - title.cell_len - 2 * PADDING
    for text in joined:
        if text.cell_len <= beside:
            return text
    room = int(width * SHARE) - PADDING
    for text in joined:
        if text.cell_len <= room:
            return text
    return joined[-1]


class SummitHeader(Horizontal):
    """One line: summit facts on the left, the file and its counts on the right,
    shortened to fit (the right half drops parts rather than cutting the change count)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = Text("summit", style="bold")
        self._variants: list[list[Text]] = [[]]

    def compose(self) -> ComposeResult:
        yield Static(Text("summit"), id="header-title")
        yield Static(Text(""), id="header-file")

    def show(
        self,
        summit: Summit | None,
        path: str,
        counts: str = "",
        changes: str = "",
        filtered: str = "",
    ) -> None:
        """`counts`: what the file holds (and shows); `changes`: what differs from
        `--since` (or ''); `filtered`: which filter is on (or '')."""
        if summit is None:
            self._title = Text("summit", style="bold")
        else:
            from tui.report.render import summit_line

            self._title = summit_line(summit)
        self._variants = summary_variants(path, counts, changes, filtered)
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        self.query_one("#header-title", Static).update(self._title)
        summary = fit_summary(self.size.width, self._title, self._variants)
        self.query_one("#header-file", Static).update(summary)
