"""Rich's layout of a `Text` (word wrap, fold, styles), written straight to a string.

The text snapshot prints tens of thousands of `tui.report.render` texts. Through
`Console.print` each one costs about a millisecond of Rich's general machinery
(renderables collected and joined, `Lines` of new `Text` objects, segments, a
buffer) for what is, here, always the same job: fold a text at spaces into lines
of `width` cells. `FoldPrinter` does that job with Rich's own pieces (`divide_line`,
`cell_len`, `set_cell_size`, `Style.combine` and the console's own rendering of
each distinct style), in the order `Text.wrap` applies them, so the bytes are
those of `Console.print(text, overflow="fold", crop=False)` (of a `Padding` of it,
and of the snapshot's matrix `Table`); tests/unit/test_fold.py compares the two.
Anything else (tabs, justification, other renderables) goes to the console.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.console import Console, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text


def _rich_divide_line() -> Callable[..., list[int]] | None:
    """Rich's own line breaking, private to Rich: a Rich without it gets the console's own
    path for every text (docs/architecture.md, "Where we lean on internals")."""
    try:
        from rich._wrap import divide_line
    except ImportError:  # pragma: no cover - depends on the installed Rich
        return None
    return divide_line


divide_line = _rich_divide_line()

_TRAILING_SPACE = re.compile(r"\s+$")
"""Whitespace `Text.rstrip_end` removes from a line wider than its width."""
_SPACE = re.compile(r"\s")
_NON_SPACE = re.compile(r"\S")


class _Span(NamedTuple):
    start: int
    end: int
    style: str | Style


_Line = tuple[str, list[_Span]]


class FoldPrinter:
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
        """Whether `text` is one `FoldPrinter` lays out exactly as Rich would."""
        return (
            divide_line is not None
            and text.justify in (None, "default")
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

        lines = self.padded_lines(text, self.width, indent, 0) if self.fits(text) else None
        if lines is None:
            return self.rich(Padding(text, (0, 0, 0, indent)))
        return "".join([line + "\n" for line in lines])

    def padded_lines(
        self, text: Text, width: int, left: int, right: int, *, justify_left: bool = False
    ) -> list[str] | None:
        """The lines (no line breaks) of `Padding(text, (0, right, 0, left))` drawn
        `width` cells wide (`justify_left`: as a table's column draws it, lines padded
        in the text's own style), or None where Padding would crop a line."""
        width -= left + right
        # Padding measures a line segment by segment (a segment ends at a span edge):
        # the same as the whole line when every character is one cell.
        narrow = self._is_narrow(text.plain.replace("\n", " "))
        out: list[str] = []
        for plain, spans in self.wrap(
            text, width, styles=not narrow or not self.plain, justify_left=justify_left
        ):
            used = len(plain) if narrow else sum(map(cell_len, _segments(plain, spans)))
            if used > width:
                return None
            out.append(" " * left + self._render(plain, spans) + " " * (width - used + right))
        return out

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

    def print_table(self, table: Table) -> str:
        """`table` as printed, drawn cell by cell with `padded_lines` when it is a table
        of the snapshot's kind (fixed widths, a header, a line between rows, no styles
        of its own); any other table is printed by the console."""
        lines = self._table_lines(table) if _plain_table(table, self.console) else None
        return self.rich(table) if lines is None else "".join(lines)

    def _table_lines(self, table: Table) -> list[str] | None:
        assert table.box is not None
        box = table.box.substitute(
            self.console.options,
            safe=self.console.safe_box if table.safe_box is None else table.safe_box,
        )
        widths = [(column.width or 0) + 2 for column in table.columns]
        if sum(widths) + len(widths) + 1 > self.width:
            return None  # Rich would narrow the columns
        rows = [
            [column.header for column in table.columns],
            *zip(*(column.cells for column in table.columns), strict=True),
        ]
        out = [box.get_top(widths) + "\n"]
        for index, row in enumerate(rows):
            first, last = index == 0, index == len(rows) - 1
            cells: list[list[str]] = []
            for cell, width in zip(row, widths, strict=True):
                if not isinstance(cell, Text) or cell.justify or not self.fits(cell):
                    return None
                lines = self.padded_lines(cell, width, 1, 1, justify_left=True)
                if lines is None:
                    return None
                cells.append(lines)
            height = max(len(lines) for lines in cells)
            for lines, width in zip(cells, widths, strict=True):
                blank = [" " * width] * (height - len(lines))
                # The header sits at the bottom of its row, the other rows at the top.
                lines[:] = blank + lines if first else lines + blank
            if first:
                left, right, divider = box.head_left, box.head_right, box.head_vertical
            elif last:
                left, right, divider = box.foot_left, box.foot_right, box.foot_vertical
            else:
                left, right, divider = box.mid_left, box.mid_right, box.mid_vertical
            for n in range(height):
                out.append(left + divider.join([lines[n] for lines in cells]) + right + "\n")
            if first:
                out.append(box.get_row(widths, "head", edge=True) + "\n")
            elif not last:
                out.append(box.get_row(widths, "row", edge=True) + "\n")
        out.append(box.get_bottom(widths) + "\n")
        return out

    def wrap(
        self,
        text: Text,
        width: int,
        *,
        styles: bool | None = None,
        justify_left: bool = False,
    ) -> list[_Line]:
        """`text.wrap(console, width, overflow="fold")`, as (plain, spans) lines: the
        text's own style is the first span of each line, as `Text.join` makes it.

        Without colour the spans are left out (they change nothing) unless `styles`;
        `justify_left` pads each line with spaces to `width`."""
        plain = text.plain
        spans: list[_Span] = []
        base = None
        if not self.plain if styles is None else styles:
            spans = [_Span(*span) for span in text.spans]
            base = text.style or None
        out: list[_Line] = []
        for line, line_spans in _split(plain, spans):
            out += self._fold_line(line, line_spans, width, justify_left)
        if base is not None:
            out = [(plain, [_Span(0, len(plain), base), *spans]) for plain, spans in out]
        return out

    def _fold_line(
        self, line: str, spans: list[_Span], width: int, justify_left: bool = False
    ) -> list[_Line]:
        """One line (no line break in it) folded as `Text.wrap` folds it."""
        narrow = width > 0 and self._is_narrow(line)
        if len(line) <= width and (narrow or cell_len(line) <= width):
            # No break, nothing to strip or cut: the common case, checked first.
            if justify_left:
                line += " " * (width - (len(line) if narrow else cell_len(line)))
            return [(line, spans)]
        out: list[_Line] = []
        if narrow:
            offsets = _narrow_breaks(line, width)
        else:
            assert divide_line is not None  # `fits` lets no text here without it
            offsets = divide_line(line, width)
        for piece, piece_spans in _divide(line, spans, offsets):
            if len(piece) > width:
                # Text.rstrip_end: whitespace beyond the width goes.
                match = _TRAILING_SPACE.search(piece)
                if match is not None:
                    keep = len(piece) - min(len(match.group(0)), len(piece) - width)
                    piece, piece_spans = piece[:keep], _crop(piece_spans, keep)
            # Text.truncate(overflow="fold"), with padding when justified left.
            cells = len(piece) if narrow else cell_len(piece)
            if cells > width:
                cut = piece[:width] if narrow else set_cell_size(piece, width)
                if len(cut) < len(piece):
                    piece_spans = _crop(piece_spans, len(cut))
                piece = cut
            elif justify_left and cells < width:
                piece += " " * (width - cells)
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


def _plain_table(table: Table, console: Console) -> bool:
    """A table `print_table` draws itself: the snapshot's matrix."""

    def unstyled(*styles: str | Style | None) -> bool:
        return not any(console.get_style(style or "") for style in styles)

    return (
        table.box is not None
        and table.show_header
        and not table.show_footer
        and table.show_edge
        and table.show_lines
        and not table.leading
        and table.padding == (0, 1, 0, 1)
        and table.pad_edge
        and not table.collapse_padding
        and not (table.title or table.caption or table.row_styles or table.expand)
        and unstyled(table.style, table.border_style, table.header_style)
        and table.width is None
        and table.min_width is None
        and all(row.style is None and not row.end_section for row in table.rows)
        and all(
            column.width is not None
            and column.justify == "left"
            and column.vertical == "top"
            and column.overflow == "fold"
            and not column.no_wrap
            and unstyled(column.style, column.header_style)
            and column.min_width is None
            and column.max_width is None
            and column.ratio is None
            for column in table.columns
        )
        and len(table.columns) > 0
    )


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
