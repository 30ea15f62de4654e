"""The text snapshot: header, matrix (or stacked parties) and numbered sources.

Drawn with the renderables of `tui.report.render` (shared with the dashboard) on a Rich
console that writes to a string; what the output encoding cannot show is
replaced before the layout, so column widths stay true.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, RenderableType
from rich.text import Text

from tui.analysis.snapshot import Snapshot
from tui.report.fold import FoldPrinter, join_line
from tui.safe import literal

MIN_COLUMN = 16
"""Narrowest column of the side-by-side matrix; below it, parties are stacked.

16 lets four parties plus the topic column sit side by side at the default
width of 100, and still holds a stance word and a few words per line."""
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "--",
        "\u2026": "...",
        "\u00a0": " ",
        "\u00b7": "*",
        "\u2713": "+",
        "\u2717": "x",
    }
)
"""Stand-ins for common typography when the output encoding cannot show it.

Not `tui.evidence.source_text`'s fold table: that one serves matching (an em dash folds to "-"),
this one serves reading ("--") and covers the marks the snapshot draws (✓ ✗ ·)."""


def snapshot_text(snap: Snapshot, width: int, *, color: bool, encoding: str = "utf-8") -> str:
    """The text snapshot: header, matrix (or stacked parties), numbered sources."""
    from rich import box
    from rich.rule import Rule
    from rich.table import Table

    from tui.report import render

    ascii_only = not _encodes("│─┌“✓", encoding)

    def fit(text: Text) -> Text:
        text.overflow = "fold"
        return _fit_encoding(text, encoding) if ascii_only else text

    console = text_console(width, color=color)
    printer = FoldPrinter(console)
    parts: list[str] = []
    write = parts.append

    def out(renderable: RenderableType | None = None) -> None:
        if renderable is None:
            write("\n")
        elif isinstance(renderable, Text):
            write(printer.print(renderable))
        else:
            write(printer.rich(renderable))

    doc = snap.doc
    # One rule per topic: drawn once.
    rule = printer.rich(Rule(characters="-" if ascii_only else "─", style="dim"))
    out(fit(render.summit_header(doc.summit)))
    if snap.party_filter:
        shown = Text("Parties shown: ", style="dim")
        shown.append_text(_names(doc.parties[p].name for p in snap.parties))
        out(fit(shown))
    if snap.topic_filter:
        shown = Text("Topics shown: ", style="dim")
        shown.append_text(_names(doc.topics[t].title for t in snap.topics))
        out(fit(shown))
    out()

    def cell(topic: str, party: str) -> Text:
        position = snap.position(topic, party)
        index = snap.cells.get((topic, party))
        markers = snap.markers.get(index) if index is not None else None
        basis = snap.result.basis(index) if index is not None else None
        return fit(render.cell(position, markers=markers, padded=color, basis=basis))

    columns = len(snap.parties) + 1
    available = width - (3 * columns + 1)
    if snap.parties and available >= columns * MIN_COLUMN:
        table = Table(
            box=box.ASCII if ascii_only else box.SQUARE,
            show_lines=True,
            padding=(0, 1),
            header_style="",
            expand=False,
        )
        base, extra = divmod(available, columns)
        for i in range(columns):
            table.add_column(
                width=base + (1 if i < extra else 0),
                overflow="fold",
                vertical="top",
            )
        table.columns[0].header = fit(Text("Topic", style="bold"))
        for column, party in zip(table.columns[1:], snap.parties, strict=True):
            column.header = fit(render.party_heading(doc.parties[party]))
        for topic in snap.topics:
            table.add_row(
                fit(render.topic_heading(doc.topics[topic])),
                *(cell(topic, party) for party in snap.parties),
            )
        write(printer.print_table(table))
    else:
        # Too narrow for columns: one party after another, topic by topic, so the
        # citations still read in order.
        indent = 2 if width >= 24 else 0
        for topic in snap.topics:
            write(rule)
            out(fit(render.topic_heading(doc.topics[topic])))
            for party in snap.parties:
                out()
                out(fit(render.party_heading(doc.parties[party])))
                write(printer.print_padded(cell(topic, party), indent))
        write(rule)

    out()
    out(fit(Text("Legend", style="bold")))
    out(fit(render.legend(padded=color)))
    out()
    out(fit(Text("Sources", style="bold")))
    if not snap.citations:
        out(fit(Text("No quotes cited.", style="dim italic")))
    for citation in snap.citations:
        out()
        marker = Text(f"[{citation.number}]", style="cyan")
        block = fit(
            render.evidence_block(citation.evidence, citation.source, citation.verified, doc=doc)
        )
        gutter = marker.cell_len + 1
        if width - gutter >= MIN_COLUMN and printer.fits(block):
            # A hanging indent: wrap the block once, then prefix its lines (a grid
            # table per source costs several times more).
            lines = printer.wrap(block, width - gutter)
            head = printer.wrap(marker, width)[0]
            lines[0] = join_line(head, (" ", []), lines[0])
            for i in range(1, len(lines)):
                lines[i] = join_line((" " * gutter, []), lines[i])
            write(printer.print_lines(lines))
        elif width - gutter >= MIN_COLUMN:
            hanging = Text()
            for i, line in enumerate(block.wrap(console, width - gutter, overflow="fold")):
                if i:
                    hanging.append("\n" + " " * gutter)
                else:
                    hanging.append_text(marker)
                    hanging.append(" ")
                hanging.append_text(line)
            out(hanging)
        else:
            out(marker)
            out(block)
    text = "".join(parts)
    if not color:
        text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return text


def text_console(width: int, *, color: bool) -> Console:
    """The console the snapshot draws with: `width` cells, ANSI colours or none, no
    markup, emoji or highlighting, and nothing taken from the environment."""
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        force_jupyter=False,
        force_interactive=False,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        safe_box=False,
        tab_size=4,
        _environ={},
    )


def _names(names: Iterable[str]) -> Text:
    joined = Text()
    for i, name in enumerate(names):
        if i:
            joined.append(", ")
        joined.append_text(literal(name, multiline=False))
    return joined


def _encodes(chars: str, encoding: str) -> bool:
    try:
        chars.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _fit_encoding(text: Text, encoding: str) -> Text:
    """`text` with what `encoding` cannot show replaced, styles kept, so widths stay true."""
    plain = text.plain
    if _encodes(plain, encoding):
        return text
    cuts: list[int] = []
    for offset, char in enumerate(plain):
        if not _encodes(char, encoding):
            cuts += [offset, offset + 1]
    out = Text(overflow=text.overflow, no_wrap=text.no_wrap, justify=text.justify, end=text.end)
    for piece in text.divide(cuts):
        char = piece.plain
        if len(char) == 1 and not _encodes(char, encoding):
            stand_in = char.translate(_TYPOGRAPHY)
            if not _encodes(stand_in, encoding):
                stand_in = char.encode(encoding, "backslashreplace").decode(encoding)
            replaced = Text(stand_in, style=piece.style)
            for span in piece.spans:
                replaced.stylize(span.style, 0, len(stand_in))
            piece = replaced
        out.append_text(piece)
    return out
