"""Quotes against the archived source texts.

Matching forgives typography only: curly and straight quotes, the ellipsis
character and three dots, the various dashes, and runs of whitespace. Case,
words and punctuation must be exactly as in the source.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from functools import cached_property

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
# What changes the length when normalising: whitespace runs (to one space) and
# characters that fold to several (the ellipsis to three dots).
_WIDE = {chr(c): len(t) for c, t in _FOLD.items() if isinstance(t, str) and len(t) != 1}
_SHIFT = re.compile(r"\s{2,}|[" + re.escape("".join(_WIDE)) + "]")


_FOLD_PAIRS = tuple((chr(code), plain) for code, plain in _FOLD.items())


def _fold(text: str) -> str:
    """`text.translate(_FOLD)`, one `str.replace` per character present: translate takes
    a per-character slow path on non-ASCII text (measured 40 times slower on articles)."""
    for char, plain in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, plain)
    return text


def normalize(text: str) -> str:
    """Fold typography so that only the words and punctuation are compared."""
    # `split()` breaks at exactly what the regex `\s` matches (str.isspace), in C: the
    # same as `re.sub(r"\s+", " ", ...).strip()`, several times faster on prose, where
    # the regex made one match (and one replacement) per space.
    return " ".join(_fold(text).split())


def _spaces_folded(text: str) -> str:
    r"""Each run of whitespace as one space, the ends kept (one space each, if any):
    `re.sub(r"\s+", " ", text)`, by split and join (see normalize)."""
    folded = " ".join(text.split())
    if not folded:
        return " " if text else ""
    if text[0].isspace():
        folded = " " + folded
    if text[-1].isspace():
        folded += " "
    return folded


class SourceText:
    """One archived article, normalised once and searched for many quotes."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def normalized(self) -> str:
        # Not stripped: offsets must line up with `_segments`.
        return _spaces_folded(_fold(self.text))

    @cached_property
    def _segments(self) -> tuple[list[int], list[int]]:
        """Where `normalized` and `text` shift against each other: the start of each stretch
        in both. Only the shifts are stored (not an offset per character), so a long
        article costs little memory and one regex pass."""
        norm, orig = [0], [0]
        shift = 0  # offset in `normalized` minus offset in `text`
        for match in _SHIFT.finditer(self.text):
            start, end = match.span()
            at = start + shift
            width = _WIDE.get(self.text[start], 1) if end - start == 1 else 1
            # Every character that `match` became maps back to its start...
            for k in range(1, width):
                norm.append(at + k)
                orig.append(start)
            # ...and the text after it continues one to one.
            norm.append(at + width)
            orig.append(end)
            shift += width - (end - start)
        return norm, orig

    def _original(self, offset: int) -> int:
        """The offset in `text` of character `offset` of `normalized` (or of its end)."""
        norm, orig = self._segments
        i = bisect_right(norm, offset) - 1
        return orig[i] + offset - norm[i]

    def contains(self, quote: str) -> bool:
        """Whether `quote` occurs in the text, typography forgiven."""
        needle = normalize(quote)
        return bool(needle) and needle in self.normalized

    def find(self, quote: str) -> tuple[int, int] | None:
        """Offsets of `quote` in the original text, or None when it is not there."""
        needle = normalize(quote)
        if not needle:
            return None
        at = self.normalized.find(needle)
        if at < 0:
            return None
        return self._original(at), self._original(at + len(needle) - 1) + 1

    def closest(self, quote: str, context: int = 0) -> str:
        """The passage of the text that most resembles `quote`, for 'did you mean'.

        The best-matching window anchors the search; then the start and the end are
        moved to the word boundaries that resemble the quote most, so a changed word
        at either end neither drags in nor cuts off a neighbouring word. The work is
        bounded whatever the lengths: only the quote's first and last _QUOTE_CAP
        characters are compared, against at most _REGION characters of the text
        (placed by exact pieces of the quote), the window found by rapidfuzz's C code.
        """
        needle = normalize(quote)
        hay = self.normalized
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
        first, last = self._original(start), self._original(max(start, end - 1))
        return self.text[first : last + 1].strip()

    def line_of(self, offset: int) -> tuple[int, int]:
        """Start and end offsets of the line (paragraph) holding `offset`."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end


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
