"""Rich's layout of a `Text` (word wrap, fold, styles), written straight to a string.

The text snapshot prints tens of thousands of `tui.render` texts. Through
`Console.print` each one costs about a millisecond of Rich's general machinery
(renderables collected and joined, `Lines` of new `Text` objects, segments, a
buffer) for what is, here, always the same job: fold a text at spaces into lines
of `width` cells. `TextLayout` does that job with Rich's own pieces (`divide_line`,
`cell_len`, `set_cell_size`, `Style.combine` and the console's own rendering of
each distinct style), in the order `Text.wrap` applies them, so the bytes are
those of `Console.print(text, overflow="fold", crop=False)`; tests compare the
two. Anything else (tabs, justification, other renderables) goes to the console.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size
from rich.console import Console, RenderableType
from rich.style import Style
from rich.text import Text

_TRAILING_SPACE = re.compile(r"\s+$")
"""Whitespace `Text.rstrip_end` removes from a line wider than its width."""
_SPACE = re.compile(r"\s")
_NON_SPACE = re.compile(r"\S")


class _Span(NamedTuple):
    start: int
    end: int
    style: str | Style


_Line = tuple[str, list[_Span]]


class TextLayout:
    """Prints `Text` as `console.print(text, overflow="fold", crop=False)` would, faster.

    Only for texts Rich would fold at the default justification without tabs;
    `fits` says which, and everything else is printed by the console itself.
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self.width = console.width
        self.plain = console.color_system is None
        """No colour system: Rich writes every style as the bare text."""
        self._styles: dict[tuple[str | Style, ...], tuple[str, str]] = {}
        self._narrow = set(map(chr, range(0x20, 0x7F)))
        """Characters one cell wide that start a grapheme of their own: in a line of
        only these, Rich's cell counts are character counts."""
        self._other: set[str] = set()

    @staticmethod
    def fits(text: Text) -> bool:
        """Whether `text` is one `TextLayout` lays out exactly as Rich would."""
        return (
            text.justify in (None, "default")
            and text.overflow in (None, "fold")
            and not text.no_wrap
            and "\t" not in text.plain
        )

    def rich(self, renderable: RenderableType) -> str:
        """What `console.print` writes for `renderable` (the path for everything else)."""
        with self.console.capture() as capture:
            self.console.print(renderable, overflow="fold", crop=False)
        return capture.get()

    def print(self, text: Text) -> str:
        """`text` folded into lines of the console's width, each ended by a line break."""
        if not self.fits(text):
            return self.rich(text)
        lines = self.wrap(text, self.width)
        return "\n".join([self._render(plain, spans) for plain, spans in lines]) + "\n"

    def print_padded(self, text: Text, indent: int) -> str:
        """`Padding(text, (0, 0, 0, indent))` as printed: lines indented and padded with
        spaces to the console's width."""
        from rich.padding import Padding

        if not self.fits(text):
            return self.rich(Padding(text, (0, 0, 0, indent)))
        width = self.width - indent
        # Padding measures a line segment by segment (a segment ends at a span edge):
        # the same as the whole line when every character is one cell.
        narrow = self._is_narrow(text.plain.replace("\n", " "))
        out: list[str] = []
        for plain, spans in self.wrap(text, width, styles=not narrow or not self.plain):
            used = len(plain) if narrow else sum(map(cell_len, _segments(plain, spans)))
            if used > width:
                return self.rich(Padding(text, (0, 0, 0, indent)))  # Padding would crop
            out.append(" " * indent + self._render(plain, spans) + " " * (width - used) + "\n")
        return "".join(out)

    def print_lines(self, lines: list[_Line]) -> str:
        """Lines (from `wrap`, or put together from its lines) printed as one text with
        a line break between them, as `console.print` prints their `Text("\\n").join`."""
        out: list[str] = []
        for plain, spans in lines:
            if spans and len(lines) > 1:
                spans = _clip(spans, 0, len(plain))  # as the join's split does
            for piece, piece_spans in self._fold_line(plain, spans, self.width):
                out.append(self._render(piece, piece_spans))
        return "\n".join(out) + "\n"

    def wrap(self, text: Text, width: int, *, styles: bool | None = None) -> list[_Line]:
        """`text.wrap(console, width, overflow="fold")`, as (plain, spans) lines: the
        text's own style is the first span of each line, as `Text.join` makes it.

        Without colour the spans are left out (they change nothing) unless `styles`."""
        plain = text.plain
        spans: list[_Span] = []
        if not self.plain if styles is None else styles:
            spans = [_Span(*span) for span in text.spans]
            if text.style:
                spans.insert(0, _Span(0, len(plain), text.style))
        out: list[_Line] = []
        for line, line_spans in _split(plain, spans):
            out += self._fold_line(line, line_spans, width)
        return out

    def _fold_line(self, line: str, spans: list[_Span], width: int) -> list[_Line]:
        """One line (no line break in it) folded as `Text.wrap` folds it."""
        narrow = width > 0 and self._is_narrow(line)
        if len(line) <= width and (narrow or cell_len(line) <= width):
            # No break, nothing to strip or cut: the common case, checked first.
            return [(line, spans)]
        out: list[_Line] = []
        offsets = _narrow_breaks(line, width) if narrow else divide_line(line, width)
        for piece, piece_spans in _divide(line, spans, offsets):
            if len(piece) > width:
                # Text.rstrip_end: whitespace beyond the width goes.
                match = _TRAILING_SPACE.search(piece)
                if match is not None:
                    keep = len(piece) - min(len(match.group(0)), len(piece) - width)
                    piece, piece_spans = piece[:keep], _crop(piece_spans, keep)
            if narrow:
                if len(piece) > width:
                    # Text.truncate(overflow="fold").
                    piece, piece_spans = piece[:width], _crop(piece_spans, width)
            elif cell_len(piece) > width:
                cut = set_cell_size(piece, width)
                if len(cut) < len(piece):
                    piece_spans = _crop(piece_spans, len(cut))
                piece = cut
            out.append((piece, piece_spans))
        return out

    def _is_narrow(self, line: str) -> bool:
        """Whether every character of `line` is one cell and a grapheme of its own."""
        if line.isascii() and line.isprintable():
            return True
        unknown = set(line).difference(self._narrow)
        if not unknown:
            return True
        for char in unknown:
            if char in self._other:
                return False
            if cell_len(char) == 1 and char not in "\u200d\ufe0f":
                self._narrow.add(char)
            else:
                self._other.add(char)
                return False
        return True

    def _render(self, plain: str, spans: list[_Span]) -> str:
        """One line as `Text.render` and the console write it: a segment between any
        two span edges, each in the combination of the spans over it."""
        if self.plain or not spans:
            return plain
        points = _edges(plain, spans)
        out: list[str] = []
        for start, end in pairwise(points):
            key = tuple([s for a, b, s in spans if a <= start < b])
            if not key:
                out.append(plain[start:end])
                continue
            codes = self._styles.get(key)
            if codes is None:
                codes = self._styles[key] = self._style_codes(key)
            out.append(codes[0] + plain[start:end] + codes[1])
        return "".join(out)

    def _style_codes(self, styles: tuple[str | Style, ...]) -> tuple[str, str]:
        """What the console writes before and after a text in these styles (stacked in
        order): asked of the console itself, once per combination."""
        sample = Text("X")
        for style in styles:
            sample.stylize(style)
        with self.console.capture() as capture:
            self.console.print(sample, end="", overflow="fold", crop=False)
        before, _, after = capture.get().rpartition("X")
        return before, after


def _edges(plain: str, spans: list[_Span]) -> list[int]:
    """Where `Text.render` starts a new segment: 0, the end, and every span edge."""
    edges = {0, len(plain)}
    for start, end, _style in spans:
        edges.add(start)
        edges.add(end)
    return sorted(edge for edge in edges if 0 <= edge <= len(plain))


def _segments(plain: str, spans: list[_Span]) -> list[str]:
    """The texts of the segments `Text.render` makes of a line."""
    return [plain[a:b] for a, b in pairwise(_edges(plain, spans)) if b > a]


def _narrow_breaks(text: str, width: int) -> list[int]:
    """`rich._wrap.divide_line(text, width, fold=True)` for a line whose every
    character is one cell (cell counts are lengths, a fold cuts every `width`).

    Rich walks word by word; a word fits when its last non-space character is within
    `width` of the line's start, so this jumps straight to the first word that does
    not: the one whose non-space run holds (or follows) the cell just past the line.
    """
    breaks: list[int] = []
    size = len(text)
    line = 0
    while line + width < size:
        limit = line + width
        if text[limit].isspace():
            found = _NON_SPACE.search(text, limit)
            if found is None:
                break  # only whitespace beyond the width: Text.rstrip_end's part
            start = found.start()
        else:
            start = limit
            while start > line and not text[start - 1].isspace():
                start -= 1
        found = _SPACE.search(text, max(start, limit))
        stop = size if found is None else found.start()  # the word's last non-space
        if line == 0 and text[:start].isspace():
            start = 0  # the first word holds the whitespace before it
        if stop - start > width:
            # Longer than a line: folded every `width` characters, whitespace after
            # it included.
            found = _NON_SPACE.search(text, stop)
            end = size if found is None else found.start()
            line = start + (end - start - 1) // width * width
            breaks += [piece for piece in range(start, line + 1, width) if piece]
        else:
            breaks.append(start)
            line = start
    return breaks


def _split(plain: str, spans: list[_Span]) -> list[_Line]:
    """`Text.split("\\n", allow_blank=True)`: spans cut at each line break (untouched
    when there is none)."""
    if "\n" not in plain:
        return [(plain, spans)]
    if not spans:
        return [(line, spans) for line in plain.split("\n")]
    out: list[_Line] = []
    start = 0
    for line in plain.split("\n"):
        end = start + len(line)
        out.append((line, _clip(spans, start, end)))
        start = end + 1
    return out


def _divide(plain: str, spans: list[_Span], offsets: list[int]) -> list[_Line]:
    """`Text.divide(offsets)`."""
    if not offsets:
        return [(plain, spans)]
    bounds = [0, *offsets, len(plain)]
    if not spans:
        return [(plain[a:b], spans) for a, b in pairwise(bounds)]
    return [(plain[a:b], _clip(spans, a, b)) for a, b in pairwise(bounds)]


def _clip(spans: list[_Span], start: int, end: int) -> list[_Span]:
    """The spans over [start, end), shifted to start at 0; empty ones dropped."""
    out: list[_Span] = []
    for a, b, style in spans:
        a, b = max(a, start), min(b, end)
        if b > a:
            out.append(_Span(a - start, b - start, style))
    return out


def _crop(spans: list[_Span], length: int) -> list[_Span]:
    """Spans of a text cut to `length` characters (`Text.right_crop`, `_trim_spans`)."""
    return [
        span if span.end < length else _Span(span.start, min(length, span.end), span.style)
        for span in spans
        if span.start < length
    ]


def join_line(*pieces: _Line) -> _Line:
    """Pieces of one line put end to end, spans shifted (`Text.append_text`)."""
    plain = ""
    spans: list[_Span] = []
    for piece, piece_spans in pieces:
        spans += [_Span(a + len(plain), b + len(plain), s) for a, b, s in piece_spans]
        plain += piece
    return plain, spans
