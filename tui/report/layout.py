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
from typing import NamedTuple

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size
from rich.console import Console, RenderableType
from rich.style import Style
from rich.text import Text

_TRAILING_SPACE = re.compile(r"\s+$")
"""Whitespace `Text.rstrip_end` removes from a line wider than its width."""


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
        self.plain = console.color_system is None
        """No colour system: Rich writes every style as the bare text."""
        self._styles: dict[tuple[str | Style, ...], tuple[str, str]] = {}

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

    def print(self, text: Text, width: int | None = None) -> str:
        """`text` folded into lines of `width` cells (the console's by default), each
        ended by a line break."""
        if not self.fits(text):
            return self.rich(text)
        width = self.console.width if width is None else width
        lines = self.wrap(text, width)
        return "\n".join(self._render(plain, spans) for plain, spans in lines) + "\n"

    def print_padded(self, text: Text, indent: int) -> str:
        """`Padding(text, (0, 0, 0, indent))` as printed: lines indented and padded with
        spaces to the console's width."""
        from rich.padding import Padding

        if not self.fits(text):
            return self.rich(Padding(text, (0, 0, 0, indent)))
        width = self.console.width - indent
        out: list[str] = []
        for plain, spans in self.wrap(text, width):
            pad = width - cell_len(plain)
            out.append(" " * indent + self._render(plain, spans) + " " * pad + "\n")
        return "".join(out)

    def print_lines(self, lines: list[_Line]) -> str:
        """Lines from `wrap` (or put together from them) printed as one text."""
        text, spans = _join(lines)
        width = self.console.width
        return "\n".join(self._render(p, s) for p, s in self._fold(text, spans, width)) + "\n"

    def wrap(self, text: Text, width: int) -> list[_Line]:
        """`text.wrap(console, width, overflow="fold")`, as (plain, spans) lines: the
        text's own style is the first span of each line, as `Text.join` makes it."""
        plain = text.plain
        spans = [_Span(*span) for span in text.spans]
        if text.style:
            spans.insert(0, _Span(0, len(plain), text.style))
        return self._fold(plain, spans, width)

    def _fold(self, plain: str, spans: list[_Span], width: int) -> list[_Line]:
        out: list[_Line] = []
        for line, line_spans in _split(plain, spans):
            if len(line) <= width and cell_len(line) <= width:
                # No break, nothing to strip or cut (the common case, checked first).
                out.append((line, line_spans))
                continue
            for piece, piece_spans in _divide(line, line_spans, divide_line(line, width)):
                if len(piece) > width:
                    # Text.rstrip_end: whitespace beyond the width goes.
                    match = _TRAILING_SPACE.search(piece)
                    if match is not None:
                        keep = len(piece) - min(len(match.group(0)), len(piece) - width)
                        piece, piece_spans = piece[:keep], _crop(piece_spans, keep)
                if cell_len(piece) > width:
                    # Text.truncate(overflow="fold").
                    cut = set_cell_size(piece, width)
                    if len(cut) < len(piece):
                        piece_spans = _crop(piece_spans, len(cut))
                    piece = cut
                out.append((piece, piece_spans))
        return out

    def _render(self, plain: str, spans: list[_Span]) -> str:
        """One line as `Text.render` and the console write it: a segment between any
        two span edges, each in the combination of the spans over it."""
        if self.plain or not spans:
            return plain
        edges = {0, len(plain)}
        for start, end, _style in spans:
            edges.add(start)
            edges.add(end)
        points = sorted(edge for edge in edges if 0 <= edge <= len(plain))
        out: list[str] = []
        for start, end in zip(points, points[1:]):
            key = tuple(s for a, b, s in spans if a <= start < b)
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


def _split(plain: str, spans: list[_Span]) -> list[_Line]:
    """`Text.split("\\n", allow_blank=True)`: spans cut at each line break (untouched
    when there is none)."""
    if "\n" not in plain:
        return [(plain, spans)]
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
    return [(plain[a:b], _clip(spans, a, b)) for a, b in zip(bounds, bounds[1:])]


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


def _join(lines: list[_Line]) -> tuple[str, list[_Span]]:
    """Lines joined with line breaks, spans shifted (`Text("\\n").join`)."""
    spans: list[_Span] = []
    offset = 0
    for plain, line_spans in lines:
        spans += [_Span(a + offset, b + offset, s) for a, b, s in line_spans]
        offset += len(plain) + 1
    return "\n".join(plain for plain, _ in lines), spans


def join_line(*pieces: _Line) -> _Line:
    """Pieces of one line put end to end, spans shifted (`Text.append_text`)."""
    plain = ""
    spans: list[_Span] = []
    for piece, piece_spans in pieces:
        spans += [_Span(a + len(plain), b + len(plain), s) for a, b, s in piece_spans]
        plain += piece
    return plain, spans
