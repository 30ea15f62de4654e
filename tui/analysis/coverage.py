"""`summit coverage`: how much of each source the quotes cite, and what is left.

Definitions (also in `summit coverage --help` terms and docs):
- A sentence is *cited* when any verified quote span overlaps it, even
  partially: a curator who quoted half a sentence has read it, and the
  character figure below shows how much was actually taken.
- Characters cited = non-whitespace characters inside the union of the quote
  spans / all non-whitespace characters of the text, so line breaks and
  spacing do not move the figure.
- Sources that share one archived file share their coverage: every quote of
  either counts for both.

Compute only: `tui.report` writes the figures as text or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.evidence.sentences import split_spans
from tui.loader.lines import Lines
from tui.loader.result import LoadResult


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article; `index` counts from 1 in article order."""

    index: int
    start: int
    end: int
    line: int
    text: str


@dataclass
class TextCoverage:
    """How much of one text the quote spans cover."""

    sentences: int
    cited_sentences: int
    chars: int
    """Non-whitespace characters of the text."""
    cited_chars: int
    """Non-whitespace characters inside some quote span."""
    uncited: list[Sentence] = field(default_factory=list)

    @property
    def sentence_percent(self) -> float:
        return percent(self.cited_sentences, self.sentences)

    @property
    def char_percent(self) -> float:
        return percent(self.cited_chars, self.chars)


@dataclass
class SourceCoverage:
    """Coverage of one source by the quotes that cite it (or its archived file)."""

    id: str
    outlet: str
    title: str
    file: str
    coverage: TextCoverage


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of half-open spans, sorted and without overlaps."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def coverage_of(text: str, quote_spans: list[tuple[int, int]]) -> TextCoverage:
    """Sentences and characters of `text` covered by `quote_spans` (see module docstring)."""
    union = merge_spans(quote_spans)
    chars = sum(1 for c in text if not c.isspace())
    cited_chars = sum(1 for a, b in union for c in text[a:b] if not c.isspace())
    sentences = split_spans(text)
    lines = Lines(text)
    uncited: list[Sentence] = []
    for index, (start, end) in enumerate(sentences, 1):
        if not any(a < end and start < b for a, b in union):
            uncited.append(Sentence(index, start, end, lines.at(start)[0], text[start:end]))
    return TextCoverage(
        sentences=len(sentences),
        cited_sentences=len(sentences) - len(uncited),
        chars=chars,
        cited_chars=cited_chars,
        uncited=uncited,
    )


def compute(result: LoadResult) -> list[SourceCoverage]:
    """Coverage of every source of a loaded (valid) file, in the file's source order."""
    doc = result.records
    if doc is None:
        return []
    by_file: dict[str, list[tuple[int, int]]] = {}
    for i, position in enumerate(doc.positions):
        for j, evidence in enumerate(position.evidence):
            span = result.span(i, j)
            source = doc.sources.get(evidence.source)
            if span is not None and source is not None:
                by_file.setdefault(source.file, []).append(span)
    out: list[SourceCoverage] = []
    for source_id, source in doc.sources.items():
        text = result.text_of(source_id)
        body = text.text if text is not None else ""
        out.append(
            SourceCoverage(
                id=source_id,
                outlet=source.outlet,
                title=source.title,
                file=source.file,
                coverage=coverage_of(body, by_file.get(source.file, [])),
            )
        )
    return out


def citing_positions(result: LoadResult) -> dict[str, int]:
    """How many positions cite each source (a position citing it twice counts once)."""
    doc = result.records
    counts: dict[str, int] = dict.fromkeys(doc.sources, 0) if doc is not None else {}
    for position in doc.positions if doc is not None else []:
        for source_id in {evidence.source for evidence in position.evidence}:
            if source_id in counts:
                counts[source_id] += 1
    return counts
