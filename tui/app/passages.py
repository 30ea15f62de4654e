"""The quoted passages of one archived article, and the article laid out for a terminal.

Pure data, no Textual: the source viewer draws what this computes, and tests
check the offsets and the wrapping directly.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from rich.cells import cell_len

from tui.loader.result import LoadResult
from tui.safe import visible

TAB = "    "
_TOKEN = re.compile(r"\s+|\S+\s*")


@dataclass(frozen=True)
class EvidenceRef:
    """Evidence item `evidence` of position `position` quotes the passage."""

    position: int
    evidence: int


@dataclass
class Passage:
    """A quoted stretch of the article: raw offsets and every evidence item that quotes it."""

    start: int
    end: int
    citations: list[EvidenceRef] = field(default_factory=list)


def source_of(result: LoadResult, position: int, evidence: int) -> str | None:
    """The source id cited by one evidence item, or None if there is no such item."""
    doc = result.records
    if doc is None or not 0 <= position < len(doc.positions):
        return None
    items = doc.positions[position].evidence
    if not 0 <= evidence < len(items):
        return None
    return items[evidence].source


def passages(result: LoadResult, source_id: str) -> list[Passage]:
    """Every verified quote in `source_id`'s text, in reading order.

    Sources that share one archived file share one text, so quotes cited under
    either id are all found here. Identical spans become one passage with
    several citations.
    """
    doc = result.records
    text = result.text_of(source_id)
    if doc is None or text is None:
        return []
    by_span: dict[tuple[int, int], Passage] = {}
    for i, position in enumerate(doc.positions):
        for j in range(len(position.evidence)):
            found = result.evidence(i, j)
            if found is None or found.text is not text:
                continue
            span = found.span
            passage = by_span.setdefault(span, Passage(span[0], span[1]))
            passage.citations.append(EvidenceRef(i, j))
    return sorted(by_span.values(), key=lambda p: (p.start, p.end))


def displayed(text: str, cuts: Iterable[int]) -> tuple[str, dict[int, int]]:
    """The article made safe to show, and where each raw offset in `cuts` lands in it.

    Control characters become visible escapes (so the text grows), CRLF becomes
    a newline and tabs become spaces; cutting at the passage boundaries first
    keeps the highlight offsets exact.
    """
    points = sorted({c for c in cuts if 0 <= c <= len(text)} | {0, len(text)})
    pieces: list[str] = []
    where: dict[int, int] = {}
    length = 0
    for start, end in pairwise(points):
        where[start] = length
        piece = visible(text[start:end].replace("\r\n", "\n").replace("\t", TAB))
        pieces.append(piece)
        length += len(piece)
    where[len(text)] = length
    return "".join(pieces), where


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Lines of `text` word-wrapped to `width` cells, as (start, end) offsets.

    Newlines end lines and belong to no line; trailing spaces stay on the line
    they follow (the view crops them); words wider than a line are cut.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    at = 0
    for paragraph in text.split("\n"):
        end_of_paragraph = at + len(paragraph)
        line_start, used = at, 0
        for match in _TOKEN.finditer(paragraph):
            token = match.group()
            start = at + match.start()
            word = cell_len(token.rstrip())
            if used and used + word > width:
                lines.append((line_start, start))
                line_start, used = start, 0
            if word > width:
                # Cut a long word into pieces of at most `width` cells.
                for index, char in enumerate(token.rstrip()):
                    char_width = cell_len(char)
                    if used and used + char_width > width:
                        lines.append((line_start, start + index))
                        line_start, used = start + index, 0
                    used += char_width
                used += cell_len(token) - word
            else:
                used += cell_len(token)
        lines.append((line_start, end_of_paragraph))
        at = end_of_paragraph + 1
    return lines


def line_of(lines: list[tuple[int, int]], starts: list[int], offset: int) -> int:
    """The index of the wrapped line holding `offset` (`starts`: each line's start)."""
    return max(0, min(len(lines) - 1, bisect_right(starts, offset) - 1))
