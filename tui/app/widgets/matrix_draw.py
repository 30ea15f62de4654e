"""What the matrix's lines look like: its rows in either view, and its header lines.

The widget (`matrix.py`) decides what is in view and keeps what it drew; this module
turns a topic's cells into lines of segments (through `tui.report.render`, the renderables
the snapshot draws too) and those lines into strips with the widget's colours. It
reads nothing from the widget: the grid, the layout, the console and the colours
come as arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.app.widgets.matrix_cells import Line, cut, fit_lines, one_line
from tui.app.widgets.matrix_geometry import CELL_PAD, Layout
from tui.safe import literal, visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions

    from tui.app.grid import Grid


@dataclass(frozen=True)
class Styles:
    """The widget's colours (its component classes), read once per style change."""

    base: Style
    header: Style
    header_cursor: Style
    topic: Style
    topic_cursor: Style
    cursor: Style
    rule: Style
    rule_cursor: Style
    stripe: Style
    tab: Style
    tab_active: Style

    @classmethod
    def of(cls, base: Style, get: Callable[[str], Style]) -> Styles:
        """The widget's colours: `base` its own, `get` reads a component class."""
        return cls(
            base=base,
            header=get("matrix--header"),
            header_cursor=get("matrix--header-cursor"),
            # Over the row's own background (the overview's stripes): no colour of its own.
            topic=foreground(get("matrix--topic")),
            topic_cursor=foreground(get("matrix--topic-cursor")),
            cursor=get("matrix--cursor"),
            rule=get("matrix--rule"),
            rule_cursor=get("matrix--rule-cursor"),
            stripe=get("matrix--stripe"),
            tab=get("matrix--tab"),
            tab_active=get("matrix--tab-active"),
        )


def foreground(style: Style) -> Style:
    """`style` without its background."""
    return Style(color=style.color, bold=style.bold, italic=style.italic, underline=style.underline)


@dataclass
class Row:
    """One topic's lines: its heading and each cell of the page, as segments."""

    heading: list[Line]
    cells: list[list[Line]]
    height: int
    """Content lines (the rule below the row not counted)."""


@dataclass(frozen=True)
class Cells:
    """What the rows draw: the data, the page's parties and what the search keeps."""

    grid: Grid
    parties: list[str]
    matches: set[int] | None

    def cell(self, party: str, topic: str) -> tuple[int | None, str | None, bool]:
        """(position, change since --since, hidden by the search) of a cell."""
        grid = self.grid
        index = grid.position(party, topic)
        change = grid.change_note(party, topic) if grid.changes else None
        hidden = index is not None and self.matches is not None and index not in self.matches
        return index, change, hidden


def render_text(console: Console, options: ConsoleOptions, text: Text, width: int) -> list[Line]:
    """Wrapped lines of `text`, padded to `width`; the widget's own colours are put
    underneath later, so that the cursor's background can go there instead."""
    return console.render_lines(text, options.update(width=max(1, width), height=None), pad=True)


def overview_row(cells: Cells, topic: str, layout: Layout, console: Console) -> Row:
    """The topic on one line: its title, and each party's `compact_cell`, cut with a mark."""
    from tui.report.render import compact_cell

    grid = cells.grid
    title = literal(grid.doc.topics[topic].title, "bold", multiline=False)
    lines: list[list[Line]] = []
    for c, party in enumerate(cells.parties):
        width = layout.col_width(c) - CELL_PAD
        index, change, hidden = cells.cell(party, topic)
        if hidden:
            text = Text("")
        elif index is None:
            text = compact_cell(None, change=change)
        else:
            text = compact_cell(
                grid.get(index),
                grid.verified(index),
                change=change,
                basis=grid.basis(index),
                width=width,
            )
        lines.append([one_line(console, text, width)])
    return Row([one_line(console, title, layout.topic - 2)], lines, 1)


def reading_row(
    cells: Cells,
    topic: str,
    layout: Layout,
    console: Console,
    options: ConsoleOptions,
    room: int,
) -> Row:
    """The topic's heading and every cell in full, wrapped; the row as tall as its
    tallest cell, at most `room` lines: a taller cell loses lines from its summary,
    marked, and keeps its quote status (`fit_lines`)."""
    from tui.report.render import cell_parts, topic_heading

    grid = cells.grid
    width = layout.col - CELL_PAD
    heading_width = (layout.width if layout.stacked else layout.topic) - 2
    heading = render_text(console, options, topic_heading(grid.doc.topics[topic]), heading_width)
    parts: list[tuple[list[Line], list[Line]]] = []
    for party in cells.parties:
        index, change, hidden = cells.cell(party, topic)
        if hidden:
            body, foot = Text(""), None
        elif index is None:
            body, foot = cell_parts(None, change=change)
        else:
            body, foot = cell_parts(
                grid.get(index), grid.verified(index), change=change, basis=grid.basis(index)
            )
        foot_lines = render_text(console, options, foot, width) if foot is not None else []
        parts.append((render_text(console, options, body, width), foot_lines))
    tallest = max((len(body) + len(foot) for body, foot in parts), default=1)
    if layout.stacked:
        heading = cut(heading, max(0, room - 1), heading_width)
        cell_room = max(1, min(tallest, room - len(heading)))
        height = len(heading) + cell_room
    else:
        height = min(room, max(tallest, len(heading)))
        heading = cut(heading, height, heading_width)
        cell_room = height
    return Row(heading, [fit_lines(body, foot, cell_room, width) for body, foot in parts], height)


def row_strips(row: Row, layout: Layout, hl: int, styles: Styles, *, overview: bool) -> list[Strip]:
    """The lines of a row: `hl` is the page column of the cursor in this row (-1: none);
    the reading view draws a rule under each row, the overview none."""
    base = styles.base
    pad = Segment(" ")
    topic_style = styles.topic_cursor if hl >= 0 else styles.topic
    under_cursor = base + styles.cursor
    strips: list[Strip] = []
    width = layout.width
    if layout.stacked:
        for line in row.heading:
            heading = Segment.apply_style([pad, *line, pad], base, post_style=topic_style)
            strips.append(Strip(heading).adjust_cell_length(width, base))
    cell_lines = row.height - (len(row.heading) if layout.stacked else 0)
    for i in range(cell_lines):
        segments: list[Segment] = []
        if not layout.stacked:
            heading = row.heading[i] if i < len(row.heading) else []
            heading = Segment.adjust_line_length([pad, *heading], layout.topic)
            segments += Segment.apply_style(heading, base, post_style=topic_style)
        for c, lines in enumerate(row.cells):
            if c > 0 or not layout.stacked:
                near = hl in (c, c - 1) and hl >= 0
                rule = styles.rule_cursor if near else styles.rule
                segments.append(Segment("┃" if near else "│", base + rule))
            content = Segment.adjust_line_length(
                [pad, *(lines[i] if i < len(lines) else [])], layout.col_width(c)
            )
            segments += Segment.apply_style(content, under_cursor if c == hl else base)
        strips.append(Strip(segments).adjust_cell_length(width, base))
    if not overview:
        strips.append(rule_strip(layout, len(row.cells), "─", "┼", hl, styles))
    return strips


def rule_strip(
    layout: Layout, columns: int, line: str, cross: str, hl: int, styles: Styles
) -> Strip:
    """A rule across the grid, `cross` where it meets a column border; the cursor's
    column (`hl`) in the cursor's colour."""
    segments: list[Segment] = []
    if not layout.stacked:
        segments.append(Segment(line * layout.topic, styles.rule))
    for c in range(columns):
        if c > 0 or not layout.stacked:
            segments.append(Segment(cross, styles.rule))
        style = styles.rule_cursor if c == hl else styles.rule
        segments.append(Segment(line * layout.col_width(c), style))
    return Strip(segments).adjust_cell_length(layout.width, styles.base)


def names_strip(
    grid: Grid | None,
    parties: list[str],
    cursor: int,
    label: str,
    layout: Layout,
    styles: Styles,
    console: Console,
) -> Strip:
    """The topic count, then the page's party names (short names where the whole one
    does not fit, cut with a mark where even that does not); `cursor` is the page
    column of the cursor."""
    base = styles.base
    segments: list[Segment] = []
    if not layout.stacked:
        segments += fit(console, Text(label, style="dim"), layout.topic, base, lead=1)
    if grid is not None:
        for c, party_id in enumerate(parties):
            party = grid.doc.parties[party_id]
            room = layout.col_width(c) - CELL_PAD
            name = visible(party.name, multiline=False)
            if cell_len(name) > room:
                name = visible(party.short, multiline=False)
            if c > 0 or not layout.stacked:
                segments.append(Segment("│", styles.rule))
            text = Text(name)
            if c == cursor:
                text.stylize(styles.header_cursor)
            segments += fit(console, text, layout.col_width(c), base, lead=1)
    return Strip(Segment.apply_style(segments, post_style=styles.header))


def tabs_strip(
    grid: Grid, parties: list[str], first: int, layout: Layout, styles: Styles, console: Console
) -> tuple[Strip, list[tuple[int, int, int]]]:
    """Party tabs for narrow terminals: the shown page highlighted, [ and ] to switch.
    Also where each tab is, as (start x, end x, party column), for clicks."""
    text = Text()
    spans: list[tuple[int, int, int]] = []
    page_start = 0
    for c, party_id in enumerate(parties):
        if c == first:
            page_start = text.cell_len
        start = text.cell_len
        shown = first <= c < first + layout.per_page
        label = literal(f" {grid.doc.parties[party_id].short} ", multiline=False)
        label.stylize(styles.tab_active if shown else styles.tab)
        text.append_text(label)
        spans.append((start, text.cell_len, c))
    pages = (len(parties) - 1) // layout.per_page + 1
    hint = Text(f" {first // layout.per_page + 1}/{pages} [ ] ", style="dim")
    room = max(1, layout.width - hint.cell_len)
    offset = 0
    if text.cell_len > room:
        offset = max(0, min(page_start - room // 3, text.cell_len - room))
        text = text[offset : offset + room] if offset else text
        text.truncate(room)
    line = Text.assemble(text, hint) if layout.width > hint.cell_len + 4 else text
    segments = fit(console, line, layout.width, styles.base)
    return Strip(segments), [(s - offset, e - offset, c) for s, e, c in spans]


def empty_message(query: str) -> Text:
    """What the grid says when no row is left to show."""
    if query:
        out = Text("No position matches ")
        out.append_text(literal(f"“{query}”", multiline=False))
        out.append(" (escape clears the search)")
        return out
    return Text("No topics to show: press f to choose parties and topics.")


def fit(console: Console, text: Text, width: int, base: Style, *, lead: int = 0) -> list[Segment]:
    """One line of `text` in exactly `width` cells (cut with an ellipsis if longer),
    after `lead` spaces."""
    width = max(0, width)
    segments: list[Segment] = [Segment(" " * min(lead, width), base)] if lead else []
    room = width - min(lead, width)
    if room > 0:
        segments += Segment.apply_style(one_line(console, text, room), base)
    return segments
