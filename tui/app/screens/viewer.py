"""The source viewer: an archived article with every quoted passage highlighted, and the
place to cite from (the article itself is drawn by `tui.app.widgets.article`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from tui.analysis.coverage import coverage_of
from tui.app.copies import CopyRequested
from tui.app.passages import EvidenceRef, Passage, displayed, passages, source_of
from tui.app.widgets.article import SELECTION_BAR, UNCITED_MARK, ArticleView
from tui.app.widgets.footer import SummitFooter
from tui.authoring.citable import Citable, citable
from tui.evidence.attribution import attribution_words
from tui.evidence.quotations import Article
from tui.loader.result import LoadResult
from tui.report.render import badge, published
from tui.report.render import citation as citation_line
from tui.safe import literal

__all__ = ["SELECTION_BAR", "UNCITED_MARK", "ArticleView", "SourceViewerScreen"]


class SourceViewerScreen(Screen[None]):
    """The archived article behind one evidence item, every quote highlighted: the place
    to cite from.

    A selection moves by sentence (and grows over the next or previous one); the status
    line says which cells already cite it, the gutter marks the sentences no position
    cites, `y` copies the selection as an evidence item to paste and `c` as a citation
    (`tui.authoring.citable`). Opened from a position (its quote selected) or from the
    sources list (`of_source`: any source, cited or not).
    """

    CSS_PATH = "viewer.tcss"

    # In the footer's order: the copies first, so that no width cuts them off (the
    # previous-ones are in the help and the README).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy_evidence", "Copy evidence", id="viewer.copy"),
        Binding("c", "cite", "Copy citation", id="viewer.cite"),
        Binding("escape,q", "back", "Back", id="viewer.back"),
        Binding("right_square_bracket", "next_sentence", "Next sentence", id="viewer.sentence"),
        Binding(
            "left_square_bracket",
            "previous_sentence",
            "Previous sentence",
            show=False,
            id="viewer.sentence_back",
        ),
        Binding("right_curly_bracket", "extend_next", "Extend", id="viewer.extend"),
        Binding(
            "left_curly_bracket",
            "extend_previous",
            "Extend to previous",
            show=False,
            id="viewer.extend_back",
        ),
        Binding("n", "next_passage", "Next quote", id="viewer.next"),
        Binding(
            "N,shift+n", "previous_passage", "Previous quote", show=False, id="viewer.previous"
        ),
        # As in less: j / k a line, space a page down, b a page up.
        Binding("j", "scroll(1)", "Scroll down", show=False, id="viewer.line_down"),
        Binding("k", "scroll(-1)", "Scroll up", show=False, id="viewer.line_up"),
        Binding("space", "page(1)", "Page down", show=False, id="viewer.page_down"),
        Binding("b", "page(-1)", "Page up", show=False, id="viewer.page_up"),
    ]

    def __init__(
        self,
        result: LoadResult,
        position: int | None,
        evidence: int = 0,
        *,
        source_id: str | None = None,
    ) -> None:
        """The article behind evidence item `evidence` of position `position`, that
        quote selected; or, with `source_id` (see `of_source`), that source's article
        from its top, nothing selected."""
        super().__init__()
        self.result = result
        self.position = position
        self.evidence = evidence
        if source_id is None and position is not None:
            source_id = source_of(result, position, evidence)
        self.source_id = source_id
        source_text = result.text_of(self.source_id) if self.source_id else None
        self.passages: list[Passage] = passages(result, self.source_id) if self.source_id else []
        raw = source_text.text if source_text is not None else ""
        self.article = Article(raw)
        self.sentences: list[tuple[int, int]] = self.article.sentences
        coverage = coverage_of(raw, [(p.start, p.end) for p in self.passages])
        self.uncited = [(s.start, s.end) for s in coverage.uncited]
        cuts = [p.start for p in self.passages] + [p.end for p in self.passages]
        cuts += [at for span in self.sentences for at in span]
        self._text, self._where = displayed(raw, cuts)
        self._spans = [(self._where[p.start], self._where[p.end]) for p in self.passages]
        self._uncited_spans = [(self._where[s], self._where[e]) for s, e in self.uncited]
        self._has_text = source_text is not None
        self.current: int | None = None
        self.selection: tuple[int, int] | None = None
        """The selected stretch of the raw article text: a quoted passage or sentences."""
        span = self._selected_span()
        for index, passage in enumerate(self.passages):
            if span is not None and (passage.start, passage.end) == span:
                self.current = index
                self.selection = span
                break

    @classmethod
    def of_source(cls, result: LoadResult, source_id: str) -> SourceViewerScreen:
        """The article of `source_id`, cited or not (the sources list's `enter`)."""
        return cls(result, None, source_id=source_id)

    def _selected_span(self) -> tuple[int, int] | None:
        if self.position is None:
            return None
        return self.result.span(self.position, self.evidence)

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="viewer-header")
        yield ArticleView(self._text, self._spans, self._uncited_spans, id="viewer-article")
        yield Static(self._status(), id="viewer-status")
        yield SummitFooter()

    def on_mount(self) -> None:
        article = self.query_one(ArticleView)
        article.focus()
        article.show(self.current)

    def on_resize(self) -> None:
        self.set_class(self.size.height < 20, "-short")

    def _header(self) -> Text:
        doc = self.result.records
        if doc is None or self.source_id is None or self.source_id not in doc.sources:
            return Text("No source for this evidence item", style="bold red")
        source = doc.sources[self.source_id]
        out = literal(source.outlet, "bold", multiline=False)
        out.append("  ")
        out.append_text(literal(f"“{source.title}”", "italic", multiline=False))
        out.append(f"  {published(source)}\n", style="dim")
        out.append_text(literal(source.file, "dim", multiline=False))
        if source.url:
            out.append("  ")
            out.append_text(literal(source.url, "dim underline", multiline=False))
        return out

    # --- the status line: who cites the selection, and what no one cites ----------------

    def _status(self) -> Text:
        if not self._has_text:
            return Text("The archived text of this source could not be read.", style="bold red")
        if not self.sentences:
            return self._selection_status()
        # The coverage first: one short line, never cut off by a long list of citations.
        out = self._coverage_line()
        out.append("\n")
        out.append_text(self._selection_status())
        return out

    def _selection_status(self) -> Text:
        if self.selection is None:
            if not self.passages:
                return Text(
                    "No position cites this article yet: ] selects a sentence, } extends "
                    "it, y copies it as evidence.",
                    style="bold",
                )
            if self.position is None:
                return Text("n / N go through the quoted passages.", style="dim")
            return Text(
                "The selected quote was not found in this text; "
                "n / N go through the quoted passages.",
                style="bold red",
            )
        if self.current is not None:
            quote = f"Quote {self.current + 1} of {len(self.passages)}, cited by "
            return self._cited_by(Text(quote, style="bold"), self.passages[self.current].citations)
        start, end = self.selection
        inside = [p for p in self.passages if p.start <= start and end <= p.end]
        overlapping = [p for p in self.passages if p.start < end and start < p.end]
        if inside:
            return self._cited_by(Text("Cited by ", style="bold"), _citations(inside))
        if overlapping:
            head = Text("Partly cited by ", style="bold")
            return self._cited_by(head, _citations(overlapping))
        return Text("Not cited by any position: y copies it as evidence to paste.", style="bold")

    def _cited_by(self, out: Text, citations: list[EvidenceRef]) -> Text:
        """`out` followed by each citing cell: party / topic, stance, who speaks."""
        doc = self.result.records
        assert doc is not None  # passages exist only for a valid file
        for k, citation in enumerate(citations):
            position = doc.positions[citation.position]
            if k:
                out.append(" · ")
            party = doc.parties.get(position.party)
            topic = doc.topics.get(position.topic)
            out.append_text(literal(party.name if party else position.party, multiline=False))
            out.append(" / ")
            out.append_text(literal(topic.title if topic else position.topic, multiline=False))
            out.append(" ")
            out.append_text(badge(position.stance))
            evidence = position.evidence[citation.evidence]
            out.append(" (")
            out.append_text(literal(attribution_words(evidence, doc), multiline=False))
            out.append(")")
        return out

    def _coverage_line(self) -> Text:
        uncited, total = len(self.uncited), len(self.sentences)
        if not uncited:
            return Text(f"Every one of the {total} sentences is cited.", style="dim")
        return Text(
            f"{UNCITED_MARK} marks the {uncited} of {total} sentences no position cites;"
            " ] / [ select a sentence, } / { extend, y copies.",
            style="dim",
        )

    def _update(self) -> None:
        article = self.query_one(ArticleView)
        if self.selection is None:
            article.select(None)
        else:
            start, end = self.selection
            article.select((self._where[start], self._where[end]), self.current)
        self.query_one("#viewer-status", Static).update(self._status())

    # --- moving the selection --------------------------------------------------------------

    def _move(self, step: int) -> None:
        if not self.passages:
            self.app.bell()
            return
        if self.current is None:
            self.current = 0 if step > 0 else len(self.passages) - 1
        else:
            self.current = (self.current + step) % len(self.passages)
        passage = self.passages[self.current]
        self.selection = (passage.start, passage.end)
        self._update()

    def action_next_passage(self) -> None:
        """Jump to the next quoted passage, wrapping to the first."""
        self._move(1)

    def action_previous_passage(self) -> None:
        """Jump to the previous quoted passage, wrapping to the last."""
        self._move(-1)

    def _sentence_after(self) -> tuple[int, int] | None:
        """The first sentence after the selection (the first on screen when none)."""
        if self.selection is None:
            article = self.query_one(ArticleView)
            return self._first_sentence_from(article.offset_at_top())
        end = self.selection[1]
        return next((s for s in self.sentences if s[0] >= end), None)

    def _sentence_before(self) -> tuple[int, int] | None:
        """The last sentence before the selection (the first on screen when none)."""
        if self.selection is None:
            return self._sentence_after()
        start = self.selection[0]
        return next((s for s in reversed(self.sentences) if s[1] <= start), None)

    def _first_sentence_from(self, shown_offset: int) -> tuple[int, int] | None:
        for sentence in self.sentences:
            if self._where[sentence[1]] > shown_offset:
                return sentence
        return self.sentences[-1] if self.sentences else None

    def _select(self, span: tuple[int, int] | None) -> None:
        if span is None:
            self.app.bell()
            return
        self.selection = span
        self.current = next(
            (k for k, p in enumerate(self.passages) if (p.start, p.end) == span), None
        )
        self._update()

    def action_next_sentence(self) -> None:
        """Select the sentence after the selection."""
        self._select(self._sentence_after())

    def action_previous_sentence(self) -> None:
        """Select the sentence before the selection."""
        self._select(self._sentence_before())

    def action_extend_next(self) -> None:
        """Grow the selection over the sentence after it."""
        sentence = self._sentence_after()
        if self.selection is None or sentence is None:
            self._select(sentence)
            return
        self._select((self.selection[0], sentence[1]))

    def action_extend_previous(self) -> None:
        """Grow the selection over the sentence before it."""
        sentence = self._sentence_before()
        if self.selection is None or sentence is None:
            self._select(sentence)
            return
        self._select((sentence[0], self.selection[1]))

    # --- scrolling, as in less ----------------------------------------------------------------

    def action_scroll(self, lines: int) -> None:
        self.query_one(ArticleView).scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        article = self.query_one(ArticleView)
        if pages > 0:
            article.scroll_page_down(animate=False)
        else:
            article.scroll_page_up(animate=False)

    # --- citing ------------------------------------------------------------------------------

    def to_cite(self) -> Citable | None:
        """The selection, ready to cite (an evidence item or a citation), or None."""
        doc = self.result.records
        if self.selection is None or self.source_id is None or doc is None:
            return None
        return citable(self.article, doc, self.source_id, *self.selection)

    def evidence_yaml(self) -> str | None:
        """The selection as an evidence item (at column 0), or None."""
        found = self.to_cite()
        return found.evidence_block() if found is not None else None

    def _nothing_selected(self) -> None:
        self.app.bell()
        self.app.notify(
            "Nothing selected: ] / [ select a sentence, n / N a quote.",
            severity="warning",
            markup=False,
        )

    def action_copy_evidence(self) -> None:
        """Copy the selection as a ready-to-paste evidence item, indented for the file
        (the app copies it both ways and says where), and show it."""
        found = self.to_cite()
        if found is None:
            self._nothing_selected()
            return
        self.post_message(CopyRequested("", "Evidence copied", evidence=found))

    def action_cite(self) -> None:
        """Copy the selection as a citation a writer can paste, as `c` on the main screen
        copies a position's quote."""
        found = self.to_cite()
        doc = self.result.records
        if found is None or doc is None:
            self._nothing_selected()
            return
        self.post_message(CopyRequested(citation_line(found.evidence(), doc), "Citation copied"))

    def action_back(self) -> None:
        self.dismiss()


def _citations(found: list[Passage]) -> list[EvidenceRef]:
    """Every evidence item quoting one of the passages, each position once."""
    seen: set[int] = set()
    out: list[EvidenceRef] = []
    for passage in found:
        for citation in passage.citations:
            if citation.position not in seen:
                seen.add(citation.position)
                out.append(citation)
    return out
