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
"""

from __future__ import annotations

import argparse
import json
import textwrap
from dataclasses import dataclass, field

from tui.load import LoadResult
from tui.safe import visible
from tui.sentences import split_spans


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
        return _percent(self.cited_sentences, self.sentences)

    @property
    def char_percent(self) -> float:
        return _percent(self.cited_chars, self.chars)


@dataclass
class SourceCoverage:
    """Coverage of one source by the quotes that cite it (or its archived file)."""

    id: str
    outlet: str
    title: str
    file: str
    coverage: TextCoverage


def _percent(part: int, whole: int) -> float:
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
    uncited: list[Sentence] = []
    for index, (start, end) in enumerate(sentences, 1):
        if not any(a < end and start < b for a, b in union):
            line = text.count("\n", 0, start) + 1
            uncited.append(Sentence(index, start, end, line, text[start:end]))
    return TextCoverage(
        sentences=len(sentences),
        cited_sentences=len(sentences) - len(uncited),
        chars=chars,
        cited_chars=cited_chars,
        uncited=uncited,
    )


def compute(result: LoadResult) -> list[SourceCoverage]:
    """Coverage of every source of a loaded (valid) file, in the file's source order."""
    doc = result.model
    if doc is None:
        return []
    by_file: dict[str, list[tuple[int, int]]] = {}
    for i, position in enumerate(doc.positions):
        for j, evidence in enumerate(position.evidence):
            span = result.spans[i][j] if i < len(result.spans) else None
            source = doc.sources.get(evidence.source)
            if span is not None and source is not None:
                by_file.setdefault(source.file, []).append(span)
    out: list[SourceCoverage] = []
    for source_id, source in doc.sources.items():
        text = result.texts.get(source_id)
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


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()), multiline=False)


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """Wrap at spaces; a word longer than the line overflows rather than being cut."""
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def render_text(coverages: list[SourceCoverage], width: int) -> str:
    lines: list[str] = []
    for source in coverages:
        cov = source.coverage
        if lines:
            lines.append("")
        head = f"{_one_line(source.id)}: {_one_line(source.outlet)}, “{_one_line(source.title)}”"
        lines += _wrap(head, width, "", "    ")
        lines += _wrap(f"({_one_line(source.file)})", width, "  ", "    ")
        stats = (
            f"sentences cited: {cov.cited_sentences} of {cov.sentences} "
            f"({cov.sentence_percent:.1f}%)",
            f"characters cited: {cov.cited_chars} of {cov.chars} ({cov.char_percent:.1f}%)",
            "every sentence is cited"
            if not cov.uncited
            else f"not cited ({len(cov.uncited)}), by sentence number:",
        )
        for line in stats:
            lines += _wrap(line, width, "  ", "    ")
        number_width = len(str(cov.uncited[-1].index)) if cov.uncited else 0
        for sentence in cov.uncited:
            label = f"    {sentence.index:>{number_width}}  "
            lines += _wrap(_one_line(sentence.text), width, label, " " * len(label))
    if not coverages:
        lines.append("no sources")
    else:
        # Sources sharing an archived file are counted once.
        files = {c.file: c.coverage for c in coverages}.values()
        total = sum(c.sentences for c in files)
        cited = sum(c.cited_sentences for c in files)
        chars = sum(c.chars for c in files)
        cited_chars = sum(c.cited_chars for c in files)
        lines.append("")
        lines += _wrap(
            f"All sources: {cited} of {total} sentences cited ({_percent(cited, total):.1f}%), "
            f"{_percent(cited_chars, chars):.1f}% of characters",
            width,
            "",
            "  ",
        )
    return "\n".join(lines) + "\n"


def to_json(coverages: list[SourceCoverage], path: str) -> dict[str, object]:
    """The documented JSON shape. Strings are the data exactly; `run` writes pure
    ASCII JSON, so control characters arrive as \\u escapes, never raw.

    {"file", "sources": [{"id", "outlet", "title", "file",
      "sentences": {"total", "cited", "percent"},
      "characters": {"total", "cited", "percent"},
      "uncited": [{"index", "line", "start", "end", "text"}]}]}
    Offsets are character offsets into the archived text; `line` counts from 1.
    """
    return {
        "file": path,
        "sources": [
            {
                "id": c.id,
                "outlet": c.outlet,
                "title": c.title,
                "file": c.file,
                "sentences": {
                    "total": c.coverage.sentences,
                    "cited": c.coverage.cited_sentences,
                    "percent": c.coverage.sentence_percent,
                },
                "characters": {
                    "total": c.coverage.chars,
                    "cited": c.coverage.cited_chars,
                    "percent": c.coverage.char_percent,
                },
                "uncited": [
                    {
                        "index": s.index,
                        "line": s.line,
                        "start": s.start,
                        "end": s.end,
                        "text": s.text,
                    }
                    for s in c.coverage.uncited
                ],
            }
            for c in coverages
        ],
    }


def run(args: argparse.Namespace) -> int:
    from tui.check import emit
    from tui.cli import EXIT_INVALID, EXIT_OK, _write, output_width, resolve_file
    from tui.load import load_path

    path, shown = resolve_file(args.file)
    result = load_path(path, shown)
    if not result.ok:
        emit(result.diagnostics, shown)
        return EXIT_INVALID
    coverages = compute(result)
    if args.format == "json":
        _write(json.dumps(to_json(coverages, shown), indent=2, ensure_ascii=True) + "\n")
    else:
        _write(render_text(coverages, output_width(args.width)))
    return EXIT_OK
