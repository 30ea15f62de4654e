"""Offsets to line and column, as an editor counts them: the one place that does it, for
every message that points into a file (the loader's, add-source's) and every line number
printed (coverage's sentences).

Only LF ends a line (CRLF ends with its LF); columns count characters, from 1.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any


class Lines:
    """Character offsets to (line, column) as an editor counts them.

    Only LF ends a line (CRLF ends with its LF); columns count characters, from 1.
    libyaml and PyYAML also break lines at CR, NEL (U+0085), LS (U+2028) and PS (U+2029),
    so their `mark.line` drifts from the editor's after one such character; their
    `mark.index` (a character offset into the decoded text) does not, and is used instead.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks: list[int] | None = None

    @property
    def breaks(self) -> list[int]:
        """Offsets of every LF, computed once, on first use."""
        if self._breaks is None:
            find = self.text.find
            breaks: list[int] = []
            at = find("\n")
            while at >= 0:
                breaks.append(at)
                at = find("\n", at + 1)
            self._breaks = breaks
        return self._breaks

    def at(self, index: int) -> tuple[int, int]:
        """Line and column of the character at `index`; the end of the file is placed
        after the last character of the last line, never on a line that is not there."""
        index = max(0, min(index, len(self.text)))
        breaks = self.breaks
        if index == len(self.text) and breaks and breaks[-1] == index - 1:
            index -= 1  # just past a final LF: the end of the last line
        line = bisect_left(breaks, index)
        start = breaks[line - 1] + 1 if line else 0
        return line + 1, index - start + 1

    def mark(self, mark: Any) -> tuple[int, int]:
        return self.at(mark.index)


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column of a byte offset, for bytes that do not decode (the offset of the
    first bad byte): the characters before it on its line, undecodable bytes counted as
    one each, as editors show them."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    before = data[line_start:offset].decode("utf-8", "replace")
    return data.count(b"\n", 0, offset) + 1, len(before) + 1
