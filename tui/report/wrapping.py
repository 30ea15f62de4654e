"""Plain lines that hold a width: a data string on one line, and text wrapped under an
indent. The diff and coverage reports wrap with them, so the two wrap alike and every
line, indent included, holds the width in terminal cells (as the snapshot does). Of Rich
only `cell_len`, the width the snapshot's layout counts with.
"""

from __future__ import annotations

from rich.cells import cell_len

from tui.safe import visible


def one_line(text: str) -> str:
    """A data string on one line: whitespace runs as one space, controls escaped."""
    return visible(" ".join(text.split()), multiline=False)


def wrap_indented(text: str, width: int, first: str, rest: str) -> list[str]:
    """`text` wrapped at spaces into lines of at most `width` cells, the first after
    `first`, the others after `rest`.

    A word wider than a whole line (a long path, a URL) starts a line of its own and is
    cut where it must, after a '/', '-', '_', '.' or '–' when one falls in the line's second
    half. An indent that leaves no room is given up (a label on a line of its own).
    """
    width = max(1, width)
    lines: list[str] = []
    if cell_len(first) >= width:
        label = first.strip()
        lines += _cut_all(label, width, width) if label else []
        first = ""
    if cell_len(rest) >= width:
        rest = ""
    indent, line = first, ""
    for word in text.split(" "):
        if not word:
            continue
        room = width - cell_len(indent)
        if cell_len(line) + (1 if line else 0) + cell_len(word) <= room:
            line = f"{line} {word}" if line else word
            continue
        if line:
            lines.append(indent + line)
            indent, line = rest, ""
            room = width - cell_len(indent)
        if cell_len(word) > room:
            *heads, word = _cut_all(word, room, width - cell_len(rest))
            lines += [(indent if n == 0 else rest) + head for n, head in enumerate(heads)]
            indent = rest if heads else indent
        line = word
    if line or not lines:
        lines.append((indent + line).rstrip())
    return lines


_BREAK_AFTER = "/-_.–"


def _cut_all(word: str, first: int, rest: int) -> list[str]:
    """`word` cut into pieces: the first at most `first` cells wide, the others at most
    `rest`, each the longest that fits (ending after a break character when one is in its
    second half), never empty; the last is what is left.

    In one pass over the word: measuring the rest of the word again at every cut made a
    300,000-character word take minutes (issue 20)."""
    pieces: list[str] = []
    start, room = 0, max(1, first)
    while start < len(word):
        used, end = 0, start
        while end < len(word):
            used += cell_len(word[end])
            if used > room and end > start:
                break
            end += 1
        if end < len(word):
            soft = max(word.rfind(c, start, end) for c in _BREAK_AFTER) + 1
            if soft - start > (end - start) // 2:
                end = soft
        pieces.append(word[start:end])
        start, room = end, max(1, rest)
    return pieces
