"""A passage of an archived article made ready to cite: as an evidence item to paste
under `evidence:` (the viewer's `y`, `summit evidence`) or as a citation line for a writer
(the viewer's `c`, `summit cite`); `find` locates the words a command line gives.

One place for both routes, so that what the dashboard copies and what the command line
prints are the same text. The voice and speaker are `tui.authoring.citing`'s guess. Pure,
and free of YAML (the dashboard imports it when an article is opened).
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.authoring.citing import Guess, cited_span, evidence_yaml, guess
from tui.evidence.quotations import Article
from tui.loader.result import LoadResult
from tui.model.diagnostics import did_you_mean
from tui.model.records import Evidence, PositionsFile
from tui.safe import quoted

MAX_SHOWN_PASSAGE = 300
"""Longest closest passage quoted in a message."""


class NotCitable(Exception):
    """Why words cannot be cited from a source, in the user's terms."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage
        """The source named is not one of the file's (a usage error), rather than the
        words not being in it."""


@dataclass(frozen=True)
class Citable:
    """The stretch [start, end) of source `source_id`'s text, and whose words it gives."""

    source_id: str
    start: int
    end: int
    text: str
    """The passage, exactly as the article has it."""
    found: Guess
    speaker_name: str = ""
    """The guessed speaker's name, for the comment on a speaker found by context."""

    def evidence_block(self) -> str:
        """The evidence item, written at column 0 (indent it for the file:
        `tui.authoring.position_template.evidence_column`); what `citing.evidence_for`
        writes for the same passage."""
        return evidence_yaml(self.source_id, self.text, self.found, self.speaker_name)

    def evidence(self) -> Evidence:
        """The passage as the record a citation is drawn from (`tui.report.render.citation`)."""
        return Evidence(self.source_id, self.text, self.found.voice, self.found.speaker)


def citable(article: Article, doc: PositionsFile, source_id: str, start: int, end: int) -> Citable:
    """The passage [start, end) of `article` (the text of `source_id`) as it is cited
    (`citing.cited_span`: no dangling quotation mark), with its guess."""
    start, end = cited_span(article, start, end)
    found = guess(article, start, end, doc.people)
    person = doc.people.get(found.speaker) if found.speaker is not None else None
    name = person.name if person is not None else ""
    return Citable(source_id, start, end, article.text[start:end], found, name)


def find(result: LoadResult, source_id: str, words: str) -> Citable:
    """`words` found in the archived text of `source_id` (typography forgiven, as
    `summit check` finds quotes), ready to cite; NotCitable when they are not there."""
    doc = result.records
    assert doc is not None  # a valid load
    if source_id not in doc.sources:
        ids = list(doc.sources)
        raise NotCitable(
            f"no source {quoted(source_id)}{did_you_mean(source_id, ids)} "
            f"(sources: {', '.join(ids) or 'none'})",
            usage=True,
        )
    text = result.text_of(source_id)
    if text is None:
        raise NotCitable(f"the archived text of source {quoted(source_id)} could not be read")
    if not words.strip():
        raise NotCitable("the words to cite are empty", usage=True)
    span = text.find(words)
    if span is None:
        from tui.evidence.closest import closest_passage

        closest = " ".join(closest_passage(text, words).split())
        if len(closest) > MAX_SHOWN_PASSAGE:
            closest = closest[: MAX_SHOWN_PASSAGE - 1] + "\u2026"
        raise NotCitable(
            f"{quoted(words)} is not in source {quoted(source_id)}"
            + (f"; closest passage: {quoted(closest)}" if closest else "")
        )
    return citable(Article(text.text), doc, source_id, *span)
