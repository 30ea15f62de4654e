"""The header: the summit's title, place, day and the date the positions reflect."""

from __future__ import annotations

from dataclasses import dataclass
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
"""Of the width, what the right half may take (but its least part, which the widget cuts
with `…`): main.tcss gives #header-file the same max-width."""


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


@dataclass(frozen=True)
class Title:
    """The left half's parts: the whole line, the line without the place, and the
    summit's name and dates apart, so that a narrow header cuts the name, not the dates
    (an inferred date must read "(inferred)" at any width the dates fit in)."""

    whole: Text
    unplaced: Text
    name: Text
    dates: Text


MIN_NAME = 8
"""Cells of the summit's name a narrow header keeps (with its `…`) before the dates."""


def fit_header(width: int, title: Title, variants: list[list[Text]]) -> tuple[Text, Text]:
    """The left and right halves for `width`: the whole title, else the title without
    the place, beside the most complete summary that fits; else the name cut with `…`
    and the dates whole, beside the most complete summary that leaves room for them;
    else the least summary and the same cut title, which the widget cuts at its end."""
    share = int(width * SHARE) - PADDING
    joined = [text for text in _joined(variants)[:-1] if text.cell_len <= share]
    joined.append(_joined(variants)[-1])
    for left in (title.whole, title.unplaced):
        for right in joined:
            if left.cell_len + right.cell_len + 2 * PADDING <= width:
                return left, right
    least = min(MIN_NAME, title.name.cell_len)
    right = joined[-1]
    for text in joined:
        if least + title.dates.cell_len + text.cell_len + 2 * PADDING <= width:
            right = text
            break
    room = max(width - right.cell_len - 2 * PADDING - title.dates.cell_len, least)
    name = title.name.copy()
    name.truncate(room, overflow="ellipsis")
    return Text.assemble(name, title.dates), right


def _joined(variants: list[list[Text]]) -> list[Text]:
    return [Text(SEPARATOR, style="dim").join(parts) for parts in variants]


class SummitHeader(Horizontal):
    """One line: summit facts on the left, the file and its counts on the right,
    shortened to fit (the right half drops parts rather than cutting the change count)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = _bare_title()
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
            self._title = _bare_title()
        else:
            from tui.report.render import summit_dates, summit_line

            self._title = Title(
                whole=summit_line(summit),
                unplaced=summit_line(summit, place=False),
                name=literal(summit.title, "bold", multiline=False),
                dates=summit_dates(summit),
            )
        self._variants = summary_variants(path, counts, changes, filtered)
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        title, summary = fit_header(self.size.width, self._title, self._variants)
        self.query_one("#header-title", Static).update(title)
        self.query_one("#header-file", Static).update(summary)


def _bare_title() -> Title:
    """Before a file is loaded: the tool's name alone."""
    bare = Text("summit", style="bold")
    return Title(whole=bare, unplaced=bare, name=bare, dates=Text())
