"""The source viewer: an archived article with every quoted passage highlighted.

The article is laid out by `tui.passages.wrap` and drawn line by line (Textual's
line API), so the line of each passage is known exactly: scrolling it into view
is arithmetic, not a guess, and long articles cost only the visible lines.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Static

from tui.attribution import attribution_words
from tui.loader.result import LoadResult
from tui.passages import Passage, displayed, line_of, passages, source_of, wrap
from tui.render import attribution, badge, published
from tui.safe import literal

_SIDEWAYS = {"scroll_left", "scroll_right", "page_left", "page_right"}


class ArticleView(ScrollView, can_focus=True):
    """A long text, word-wrapped to the view, with highlighted passages.

    `text` must already be safe to show; `spans` are (start, end) offsets in it.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article--passage", "article--current"}

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: scroll;
        padding: 0 1;
    }
    ArticleView > .article--passage {
        background: $warning 30%;
        text-style: underline;
    }
    ArticleView > .article--current {
        text-style: bold reverse;
    }
    """

    def __init__(
        self,
        text: str,
        spans: list[tuple[int, int]],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self._spans = spans
        self._current: int | None = None
        self._width = 0
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._on_line: dict[int, list[int]] = {}
        self._cache: dict[int, Strip] = {}
        self._pending_scroll = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Lines are wrapped to the view: horizontal scrolling would do nothing, so hide it.
        return action not in _SIDEWAYS

    @property
    def current(self) -> int | None:
        """Index in `spans` of the passage drawn as the selected one."""
        return self._current

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def passage_line(self, index: int) -> int:
        """The wrapped line on which passage `index` starts (0 before the first layout)."""
        if not self._lines:
            return 0
        return line_of(self._lines, self._starts, self._spans[index][0])

    def show(self, index: int | None) -> None:
        """Mark passage `index` as the selected one and scroll it into view."""
        self._current = index
        self._cache.clear()
        self.refresh()
        self._pending_scroll = True
        if self._lines:
            self._scroll_to_current()

    def _scroll_to_current(self) -> None:
        self._pending_scroll = False
        if self._current is None:
            return
        start, end = self._spans[self._current]
        first = line_of(self._lines, self._starts, start)
        last = line_of(self._lines, self._starts, max(start, end - 1))
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if top <= first and last < top + height:
            return
        # A third of the way down: the passage, with some of what leads up to it.
        target = first - height // 3 if last - first < height * 2 // 3 else first
        self.scroll_to(y=max(0, target), animate=False, immediate=True)

    def _relayout(self, width: int) -> None:
        self._width = width
        self._lines = wrap(self._text, width)
        self._starts = [start for start, _ in self._lines]
        on_line: dict[int, list[int]] = {}
        for index, (start, end) in enumerate(self._spans):
            first = line_of(self._lines, self._starts, start)
            last = line_of(self._lines, self._starts, max(start, end - 1))
            for line in range(first, last + 1):
                on_line.setdefault(line, []).append(index)
        self._on_line = on_line
        self._cache.clear()
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width > 0 and width != self._width:
            self._relayout(width)
            self._pending_scroll = self._pending_scroll or self._current is not None
        if self._pending_scroll and self._lines:
            self._scroll_to_current()

    def notify_style_update(self) -> None:
        # Theme or CSS changed: the cached lines carry the old colours.
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_text_line(index)
            self._cache[index] = strip
        return strip.crop_extend(0, width, base)

    def _render_text_line(self, index: int) -> Strip:
        start, end = self._lines[index]
        line = Text(self._text[start:end], no_wrap=True, end="")
        line.stylize(self.rich_style)
        marked = self._on_line.get(index, [])
        if marked:
            passage = self.get_component_rich_style("article--passage")
            current = self.get_component_rich_style("article--current")
            # The selected passage last, so it wins where passages overlap.
            for k in sorted(marked, key=lambda k: k == self._current):
                s, e = self._spans[k]
                style = current if k == self._current else passage
                line.stylize(style, max(s, start) - start, min(e, end) - start)
        return Strip(list(line.render(self.app.console)), line.cell_len)


class SourceViewerScreen(Screen[None]):
    """The archived article behind one evidence item, with every quote highlighted."""

    CSS_PATH = "viewer.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="viewer.back"),
        Binding("n", "next_passage", "Next quote", id="viewer.next"),
        Binding("N,shift+n", "previous_passage", "Previous quote", id="viewer.previous"),
    ]

    def __init__(self, result: LoadResult, position: int, evidence: int) -> None:
        super().__init__()
        self.result = result
        self.position = position
        self.evidence = evidence
        self.source_id = source_of(result, position, evidence)
        source_text = result.text_of(self.source_id) if self.source_id else None
        self.passages: list[Passage] = passages(result, self.source_id) if self.source_id else []
        raw = source_text.text if source_text is not None else ""
        cuts = [p.start for p in self.passages] + [p.end for p in self.passages]
        self._text, where = displayed(raw, cuts)
        self._spans = [(where[p.start], where[p.end]) for p in self.passages]
        self._has_text = source_text is not None
        self.current: int | None = None
        span = self._selected_span()
        for index, passage in enumerate(self.passages):
            if span is not None and (passage.start, passage.end) == span:
                self.current = index
                break

    def _selected_span(self) -> tuple[int, int] | None:
        return self.result.span(self.position, self.evidence)

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="viewer-header")
        yield ArticleView(self._text, self._spans, id="viewer-article")
        yield Static(self._status(), id="viewer-status")
        yield Footer()

    def on_mount(self) -> None:
        article = self.query_one(ArticleView)
        article.focus()
        article.show(self.current)

    def on_resize(self) -> None:
        self.set_class(self.size.height < 20, "-short")

    def _header(self) -> Text:
        model = self.result.model
        if model is None or self.source_id is None or self.source_id not in model.sources:
            return Text("No source for this evidence item", style="bold red")
        source = model.sources[self.source_id]
        out = literal(source.outlet, "bold", multiline=False)
        out.append("  ")
        out.append_text(literal(f"“{source.title}”", "italic", multiline=False))
        out.append(f"  {published(source)}\n", style="dim")
        out.append_text(literal(source.file, "dim", multiline=False))
        if source.url:
            out.append("  ")
            out.append_text(literal(source.url, "dim underline", multiline=False))
        return out

    def _status(self) -> Text:
        if not self._has_text:
            return Text("The archived text of this source could not be read.", style="bold red")
        if not self.passages:
            return Text("No verified quotes in this article.", style="dim")
        if self.current is None:
            return Text(
                "The selected quote was not found in this text; "
                "n / N go through the quoted passages.",
                style="bold red",
            )
        passage = self.passages[self.current]
        model = self.result.model
        assert model is not None  # passages exist only for a loaded model
        out = Text(f"Quote {self.current + 1} of {len(self.passages)}: ", style="bold")
        # Who speaks, once per distinct attribution (evidence items quoting the same words
        # usually agree; when they do not, each is shown).
        seen: set[str] = set()
        for citation in passage.citations:
            evidence = model.positions[citation.position].evidence[citation.evidence]
            words = attribution_words(evidence, model)
            if words in seen:
                continue
            if seen:
                out.append(" · ")
            seen.add(words)
            out.append_text(attribution(evidence, model))
        out.append("\nCited by ", style="bold")
        for k, citation in enumerate(passage.citations):
            position = model.positions[citation.position]
            if k:
                out.append(" · ")
            party = model.parties.get(position.party)
            topic = model.topics.get(position.topic)
            out.append_text(literal(party.name if party else position.party, multiline=False))
            out.append(" / ")
            out.append_text(literal(topic.title if topic else position.topic, multiline=False))
            out.append(" ")
            out.append_text(badge(position.stance))
        return out

    def _move(self, step: int) -> None:
        if not self.passages:
            self.bell()
            return
        if self.current is None:
            self.current = 0 if step > 0 else len(self.passages) - 1
        else:
            self.current = (self.current + step) % len(self.passages)
        self.query_one(ArticleView).show(self.current)
        self.query_one("#viewer-status", Static).update(self._status())

    def action_next_passage(self) -> None:
        """Jump to the next quoted passage, wrapping to the first."""
        self._move(1)

    def action_previous_passage(self) -> None:
        """Jump to the previous quoted passage, wrapping to the last."""
        self._move(-1)

    def action_back(self) -> None:
        self.dismiss()
