"""A new position to paste, where in the file it goes, and where an evidence item goes.

`e` on an empty cell of the dashboard opens the editor at the end of the
`positions:` list and copies a template for that party and topic (holding the evidence
item copied last, if any); `y` in the source viewer copies an evidence item indented for
the file. Worked out from the file's text (the loader gives each position's first line),
so what is pasted lands where the file's own layout puts it. No Textual here.
"""

from __future__ import annotations

import re

_POSITIONS_KEY = re.compile(r"positions[ \t]*:")
_EMPTY_FLOW = re.compile(r"positions[ \t]*:[ \t]*\[[ \t]*\][ \t]*(#.*)?$")
"""`positions: []`, as `summit init` writes it: a new item cannot go under it."""
DEFAULT_INDENT = 2
"""Where a dash goes under `positions:` when the file has no position to copy it from."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _lines(text: str) -> list[str]:
    """The file's lines as an editor counts them (LF or CRLF breaks only)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def dash_column(text: str, starts: list[int]) -> int:
    """The column (0-based) of the dash of the file's first position, else DEFAULT_INDENT."""
    lines = _lines(text)
    if starts and 1 <= starts[0] <= len(lines):
        line = lines[starts[0] - 1]
        column = _indent(line)
        if line[column : column + 1] == "-":
            return column
    return DEFAULT_INDENT


def positions_end_line(text: str, starts: list[int]) -> int:
    """The line (1-based) just after the last position: where a new one is typed.

    `starts` are the first lines of the positions (`LoadResult.lines`). The last
    position runs on while lines are blank or indented deeper than its dash; a line
    at the dash's column or left of it (the next key, a comment heading the next
    section) ends it. With no positions: the line of the `positions:` key (1 if
    the file has none).
    """
    lines = _lines(text)
    if not starts or not 1 <= starts[-1] <= len(lines):
        for number, line in enumerate(lines, 1):
            if _POSITIONS_KEY.match(line):
                return number
        return 1
    first = starts[-1]
    column = _indent(lines[first - 1])
    last = first
    for number in range(first + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            continue
        if _indent(line) <= column:
            break
        last = number
    return last + 1


_EVIDENCE_ITEM = re.compile(r"( *)- +\{? *source[ \t]*:")
EVIDENCE_STEP = 4
"""How far right of a position's dash its evidence items' dashes go when the file has
none to copy it from (`- party:` at 2, `evidence:` at 4, `- source:` at 6)."""


def evidence_column(text: str, starts: list[int]) -> int:
    """The column (0-based) where an evidence item's dash goes in this file: that of the
    file's first evidence item, else EVIDENCE_STEP right of its positions' dashes."""
    dash = dash_column(text, starts)
    for line in _lines(text):
        found = _EVIDENCE_ITEM.match(line)
        if found is not None and len(found.group(1)) > dash:
            return len(found.group(1))
    return dash + EVIDENCE_STEP


def indented(block: str, column: int) -> str:
    """`block` (lines written at column 0) moved right to `column`."""
    return "\n".join(" " * column + line if line else line for line in block.split("\n"))


def position_template(
    party: str, topic: str, indent: int = DEFAULT_INDENT, evidence: str | None = None
) -> str:
    """A position for `party` on `topic` to fill in, its dash at column `indent`; its
    evidence is `evidence` (an item written at column 0, as the viewer's `y` makes it)
    when given, else one to fill in.

    Ids are written as given: they come from the loaded file, where the schema
    already holds them to `[a-z0-9][a-z0-9_-]*`, so they need no quoting.
    """
    pad = " " * indent
    rows = [
        f"- party: {party}",
        f"  topic: {topic}",
        "  stance: unclear",
        "  summary: ...",
        "  evidence:",
    ]
    if evidence is None:
        rows += [
            "    - source: ...",
            '      quote: "..."',
            "      voice: direct",
            "      speaker: ...",
        ]
    else:
        rows += indented(evidence.rstrip("\n"), EVIDENCE_STEP).split("\n")
    return "".join(f"{pad}{row}\n" for row in rows)


def new_position(
    text: str, starts: list[int], party: str, topic: str, evidence: str | None = None
) -> tuple[int, str, str]:
    """Where a new position for `party` on `topic` goes, the text to paste there, and
    how to paste it, in words for the user; `evidence` as for `position_template`.

    Under `positions: []` (a new project) an item cannot simply be added: the text
    then holds the `positions:` key too, to replace that line with.
    """
    lines = _lines(text)
    line = positions_end_line(text, starts)
    template = position_template(party, topic, dash_column(text, starts), evidence)
    if not starts and 1 <= line <= len(lines) and _EMPTY_FLOW.match(lines[line - 1]):
        return line, "positions:\n" + template, "replace the line `positions: []` with it"
    if not starts:
        return line + 1, template, "paste it under `positions:`, where the editor opens"
    return line, template, "paste it at the end of `positions:`, where the editor opens"
