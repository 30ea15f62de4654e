"""The overview's cell (`tui.report.render.compact_cell`): stance, marks and summary on one line,
readable without colour, and the width the overview sizes its columns by
(`compact_width`) equal to what the cell draws."""

from __future__ import annotations

import itertools

import pytest

from tui.evidence.attribution import Basis
from tui.model.records import Position, Stance
from tui.report.render import SUMMARY_MIN, compact_cell, compact_width


def position(stance: Stance, summary: str = "A summary of the position.") -> Position:
    return Position(party="p", topic="t", stance=stance, summary=summary, evidence=())


@pytest.mark.parametrize(
    ("stance", "quotes", "basis", "change"),
    list(
        itertools.product(
            list(Stance),
            [1, 2, 12],
            [None, Basis.OWN, Basis.OTHERS, Basis.REPORTER],
            [None, "added", "changed"],
        )
    ),
)
def test_the_counted_width_is_the_drawn_one(
    stance: Stance, quotes: int, basis: Basis | None, change: str | None
) -> None:
    cell = compact_cell(position(stance), [True] * quotes, change=change, basis=basis)
    assert cell.cell_len == compact_width(stance, quotes, change=change, basis=basis)


def test_an_empty_cell_is_counted_as_drawn() -> None:
    for change in (None, "removed"):
        drawn = compact_cell(None, change=change)
        assert drawn.cell_len == compact_width(None, 0, change=change)


def test_the_marks_read_without_colour() -> None:
    assert compact_cell(position(Stance.SUPPORTS), [True, True]).plain == "SUPPORTS 2✓"
    assert compact_cell(position(Stance.OPPOSES), [True, False]).plain == "OPPOSES 2✗"
    drawn = compact_cell(position(Stance.UNCLEAR), [True], basis=Basis.OTHERS, change="changed")
    assert drawn.plain == "± UNCLEAR 1✓!o"
    assert compact_cell(position(Stance.UNCLEAR), [True], basis=Basis.REPORTER).plain.endswith("!r")
    assert compact_cell(None).plain == "not stated"  # never a badge: not UNCLEAR
    assert compact_cell(None, change="removed").plain == "- not stated"


def test_the_summary_follows_only_where_enough_of_it_fits() -> None:
    pos = position(Stance.SUPPORTS, "Wants it\nnow.")
    bare = compact_cell(pos, [True]).plain
    assert compact_cell(pos, [True], width=len(bare) + SUMMARY_MIN).plain == bare
    wide = compact_cell(pos, [True], width=len(bare) + SUMMARY_MIN + 1)
    assert wide.plain == "SUPPORTS 1✓ Wants it now."  # one line, the break a space
    assert wide.no_wrap and wide.overflow == "ellipsis"


def test_control_characters_in_a_summary_are_escaped() -> None:
    drawn = compact_cell(position(Stance.SUPPORTS, "[b]x[/b] \x1b[31m"), [True], width=80)
    assert drawn.plain == "SUPPORTS 1✓ [b]x[/b] \\e[31m"
