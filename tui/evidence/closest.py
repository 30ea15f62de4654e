"""The passage of an article most like a quote that is not in it, for 'did you mean'.

Bounded whatever the lengths: only the ends of the quote are compared, with a bounded
stretch of the article (tests/unit/test_verify.py counts the comparisons).
"""

from __future__ import annotations

import difflib

from tui.evidence.source_text import SourceText, normalize


def closest_passage(source: SourceText, quote: str, context: int = 0) -> str:
    """The passage of the text that most resembles `quote`, for 'did you mean'.

    The best-matching window anchors the search; then the start and the end are
    moved to the word boundaries that resemble the quote most, so a changed word
    at either end neither drags in nor cuts off a neighbouring word. The work is
    bounded whatever the lengths: only the quote's first and last _QUOTE_CAP
    characters are compared, against at most _REGION characters of the text
    (placed by exact pieces of the quote), the window found by rapidfuzz's C code.
    """
    needle = normalize(quote)
    hay = source.normalized
    if not needle or not hay.strip():
        return ""
    head, tail = needle[:_QUOTE_CAP], needle[-_QUOTE_CAP:]
    anchor = _anchor(hay, head)
    reach = max(12, len(head) // 4)

    def score(text: str, part: str) -> float:
        # difflib's ratio counts matching stretches, not scattered letters (as an LCS
        # does), so a window is not stretched over unrelated words; both sides are at
        # most a few hundred characters, which bounds its quadratic cost.
        return difflib.SequenceMatcher(None, text, part, autojunk=False).ratio()

    def start_score(s: int) -> float:
        return max(score(hay[s:e], head) for e in _word_ends_near(hay, s + len(head)))

    starts = _word_edges(hay, anchor, reach, start=True) or [anchor]
    start = max(starts, key=start_score)
    target = start + len(needle)
    ends = _word_edges(hay, target, reach, start=False)
    if ends:
        # A short quote is compared whole with the passage; a long one by its tail.
        low = (lambda e: start) if len(needle) <= _QUOTE_CAP else (lambda e: e - len(tail))
        end = max(ends, key=lambda e: score(hay[max(start, low(e)) : e], tail))
    else:
        end = _word_end(hay, target)
    start = max(0, start - context)
    end = min(len(hay), end + context)
    # Widen to whole words so the passage is readable (not across a wall of text).
    before = hay.rfind(" ", max(0, start - _WORD_CAP), start)
    if before >= 0 or start <= _WORD_CAP:
        start = before + 1
    after = hay.find(" ", end, end + _WORD_CAP)
    if after >= 0 or end + _WORD_CAP >= len(hay):
        end = after if after >= 0 else len(hay)
    first, last = source.original(start), source.original(max(start, end - 1))
    return source.text[first : last + 1].strip()


_MAX_EDGES = 12
"""Candidate word boundaries tried at each end of a closest passage (bounds the work)."""

_QUOTE_CAP = 128
"""Characters at each end of a quote that place the closest passage: enough to put each end
on the right word, and few enough for the ~36 comparisons (each costs about the product
of the two lengths) to take milliseconds."""

_REGION = 1 << 16
"""Characters of the text searched for the best window of the quote; a longer text is
first narrowed to the stretch around exact pieces of the quote."""

_PIECES = 8
"""Exact pieces of the quote looked up in a long text (each lookup scans it in C)."""

_WORD_CAP = 64
"""A passage is widened to whole words only when the word ends this near."""


def _anchor(hay: str, head: str) -> int:
    """Where in `hay` the quote (its first characters, `head`) most likely starts: the
    start of the window of `hay` that resembles `head` most, searched in a stretch of at
    most _REGION characters around where pieces of `head` occur verbatim."""
    low = 0
    if len(hay) > _REGION:
        low = max(0, min(_center(hay, head) - _REGION // 2, len(hay) - _REGION))
    region = hay[low : low + _REGION]
    if len(region) < len(head):
        # A text shorter than the quote: both are short, and the longest common stretch
        # says which part of the quote the text holds (a best window would be the whole).
        matcher = difflib.SequenceMatcher(None, region, head, autojunk=False)
        block = matcher.find_longest_match(0, len(region), 0, len(head))
        return max(0, block.a - block.b)
    # Imported here: only a misquote needs it, and a cached load never verifies.
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(head, region, processor=None)
    if found is None:  # rapidfuzz gives none only under a score cutoff, and none is set
        return low
    return max(0, low + found.dest_start - found.src_start)


def _center(hay: str, head: str) -> int:
    """Where `head` would start in `hay`, by exact pieces of it: the start implied by the
    most pieces (each at its first occurrence), else 0. Each piece is one C scan."""
    size = max(8, min(32, len(head) // _PIECES))
    step = max(size, (len(head) - size) // max(1, _PIECES - 1))
    starts = []
    for i in range(0, max(1, len(head) - size + 1), step):
        at = hay.find(head[i : i + size])
        if at >= 0:
            starts.append(at - i)
    if not starts:
        return 0
    return max(starts, key=lambda s: sum(abs(s - t) <= len(head) for t in starts))


def _word_edges(hay: str, center: int, reach: int, *, start: bool) -> list[int]:
    """Word starts (or ends) within `reach` of `center`, the _MAX_EDGES nearest to it:
    the best window usually puts `center` right, or a word or two off."""
    low, high = max(0, center - reach), min(len(hay), center + reach)
    if start:
        edges = [
            i for i in range(low, high) if not hay[i].isspace() and (i == 0 or hay[i - 1].isspace())
        ]
    else:
        edges = [i for i in range(max(low, 1), high + 1) if _is_word_end(hay, i)]
    return sorted(edges, key=lambda i: abs(i - center))[:_MAX_EDGES]


def _word_ends_near(hay: str, at: int) -> set[int]:
    """The word ends on either side of `at` (so a window of the quote's length is scored
    at its best, not stretched over the next word). `hay` is normalised: its only
    whitespace is the plain space, so the C `find`s stand for a character loop."""
    at = min(len(hay), max(0, at))
    after = _word_end(hay, at)
    before = at
    if not _is_word_end(hay, before):
        space = hay.rfind(" ", max(0, at - _WORD_CAP), at)
        before = space if space > 0 and _is_word_end(hay, space) else 0
    return {after, before} if before > 0 else {after}


def _is_word_end(hay: str, i: int) -> bool:
    return 0 < i <= len(hay) and not hay[i - 1].isspace() and (i == len(hay) or hay[i].isspace())


def _word_end(hay: str, at: int) -> int:
    """The end of the word at `at`, or `at` itself inside a wall of text with no space near."""
    at = min(len(hay), max(0, at))
    space = hay.find(" ", at, at + _WORD_CAP)
    if space >= 0:
        return space
    return len(hay) if at + _WORD_CAP >= len(hay) else at
