"""A drawn cell cut to the room it has, always with a visible mark.

The matrix draws text as lines of Rich segments. A cell or a heading taller than
its row is cut there, and a cut must show: its last line ends with an ellipsis. A
cell's quote status ("2 quotes, all verified") is what a reader checks first, so a
cut takes its lines from the summary above it, never from the status. Rich only,
no Textual: tested on its own (tests/unit/test_matrix_geometry.py).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.text import Text

ELLIPSIS = "…"

Line = list[Segment]


def text_width(line: Line) -> int:
    """Cells of `line` up to its last character that is not a space."""
    return cell_len("".join(segment.text for segment in line).rstrip())


def mark_cut(line: Line, width: int) -> Line:
    """`line` in `width` cells, ending with an ellipsis: right after its text when there
    is room, else in place of its last cell."""
    if width <= 0:
        return []
    used = min(text_width(line), width - 1)
    kept = Segment.adjust_line_length(line, used, pad=False) if used else []
    style = next((s.style for s in reversed(kept) if s.text.strip()), None)
    marked = [*kept, Segment(ELLIPSIS, style)]
    return Segment.adjust_line_length(marked, width)


def fit_lines(body: list[Line], foot: list[Line], height: int, width: int) -> list[Line]:
    """`body` then `foot` in at most `height` lines of `width` cells: when they do not
    fit, the body loses lines from its end and its last line kept is marked, so that
    the foot stays whole below it (at least one line of the body is kept, and a foot
    too tall for what is left is cut and marked in turn)."""
    if height <= 0:
        return []
    if len(body) + len(foot) <= height:
        return body + foot
    if not body:
        return cut(foot, height, width)
    keep = max(1, height - len(foot))
    kept = cut(body, keep, width) if keep < len(body) else body
    return kept + cut(foot, height - len(kept), width)


def cut(lines: list[Line], height: int, width: int) -> list[Line]:
    """The first `height` of `lines`, the last one marked when some are left out."""
    if height <= 0:
        return []
    if len(lines) <= height:
        return lines
    return [*lines[: height - 1], mark_cut(lines[height - 1], width)]


def one_line(console: Console, text: Text, width: int) -> Line:
    """`text` on one line of exactly `width` cells, cut with an ellipsis when longer
    (a line break in it counts as a cut too)."""
    if width <= 0:
        return []
    text = text.copy()
    cut_here = text.plain.find("\n")
    if cut_here >= 0:
        text = text[:cut_here]
        text.append(ELLIPSIS)
    text.no_wrap = True
    text.truncate(width, overflow="ellipsis", pad=True)
    segments = list(text.render(console))
    return Segment.adjust_line_length(segments, width)
