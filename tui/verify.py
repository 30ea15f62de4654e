"""Quotes against the archived source texts.

Matching forgives typography only: curly and straight quotes, the ellipsis
character and three dots, the various dashes, and runs of whitespace. Case,
words and punctuation must be exactly as in the source.
"""

from __future__ import annotations

import difflib
import re
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
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\s+|.", re.DOTALL)


def normalize(text: str) -> str:
    """Fold typography so that only the words and punctuation are compared."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()


class SourceText:
    """One archived article, normalised once and searched for many quotes."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def normalized(self) -> str:
        # Not stripped: offsets must line up with `_offsets`.
        return _SPACE.sub(" ", self.text.translate(_FOLD))

    @cached_property
    def _offsets(self) -> list[int]:
        """Original offset of each character of `normalized` (plus one past the end)."""
        offsets: list[int] = []
        for match in _TOKEN.finditer(self.text):
            piece = match.group()
            if piece.isspace():
                offsets.append(match.start())
            else:
                offsets.extend([match.start()] * len(piece.translate(_FOLD)))
        offsets.append(len(self.text))
        return offsets

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
        offsets = self._offsets
        return offsets[at], offsets[at + len(needle) - 1] + 1

    def closest(self, quote: str, context: int = 0) -> str:
        """The passage of the text that most resembles `quote`, for 'did you mean'."""
        needle = normalize(quote)
        hay = self.normalized
        if not needle or not hay.strip():
            return ""
        matcher = difflib.SequenceMatcher(None, hay, needle, autojunk=False)
        block = matcher.find_longest_match(0, len(hay), 0, len(needle))
        start = max(0, block.a - block.b - context)
        end = min(len(hay), start + len(needle) + 2 * context)
        # Widen to whole words so the passage is readable.
        while start > 0 and not hay[start - 1].isspace():
            start -= 1
        while end < len(hay) and not hay[end].isspace():
            end += 1
        offsets = self._offsets
        return self.text[offsets[start] : offsets[max(start, end - 1)] + 1].strip()

    def line_of(self, offset: int) -> tuple[int, int]:
        """Start and end offsets of the line (paragraph) holding `offset`."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end
