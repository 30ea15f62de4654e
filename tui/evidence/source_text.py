"""An archived article's text, and a quote found in it.

Matching forgives typography only: curly and straight quotes, the ellipsis
character and three dots, the various dashes, and runs of whitespace. Case,
words and punctuation must be exactly as in the source. The passage most like a
quote that is not there is `tui.evidence.closest`'s job.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
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
_WIDE = {chr(c): len(t) for c, t in _FOLD.items() if len(t) != 1}
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

    def original(self, offset: int) -> int:
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
        return self.original(at), self.original(at + len(needle) - 1) + 1

    def line_of(self, offset: int) -> tuple[int, int]:
        """Start and end offsets of the line (paragraph) holding `offset`."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end


def same_articles(
    sources: Sequence[tuple[str, str | None, object]],
) -> dict[str, tuple[str, str]]:
    """Which sources are one article, for `(id, normalized text or None, url)` in file
    order: the same archived text (typography and spacing aside), whatever its file, or
    the same `url` (a trailing slash aside), and so on from one to the next.

    Each id maps to the first id of its article and why it is that article ("the same
    archived text", "the same url"; "" for the first)."""
    parent = {sid: sid for sid, _, _ in sources}
    order = {sid: i for i, sid in enumerate(parent)}
    why: dict[str, str] = {}

    def root(sid: str) -> str:
        while parent[sid] != sid:
            parent[sid] = sid = parent[parent[sid]]
        return sid

    first_by: dict[tuple[str, str], str] = {}
    for sid, text, url in sources:
        keys = [("the same archived text", text.strip())] if text is not None else []
        if isinstance(url, str) and url.strip():
            keys.append(("the same url", url.strip().rstrip("/")))
        for key in keys:
            earlier = first_by.setdefault(key, sid)
            if earlier != sid and root(earlier) != root(sid):
                low, high = sorted((root(earlier), root(sid)), key=order.__getitem__)
                parent[high] = low
                why.setdefault(high, key[0])
    return {sid: (root(sid), why.get(sid, "") if root(sid) != sid else "") for sid in parent}
