"""The header's one line at any width: the summit's dates, with "(inferred)", stay whole
while the name is cut with `…`; the right half drops its least important parts first."""

from __future__ import annotations

import datetime

from rich.text import Text

from tui.app.widgets.header import Title, fit_header, summary_variants
from tui.model.records import DateBasis, Summit
from tui.report.render import summit_dates, summit_line

SUMMIT = Summit(
    title="Trump–Putin summit in Alaska",
    location="Anchorage, Alaska",
    date=datetime.date(2025, 8, 15),
    as_of=datetime.date(2025, 8, 13),
    date_basis=DateBasis.INFERRED,
    as_of_basis=DateBasis.INFERRED,
    note="Neither article gives a calendar date.",
)


def title() -> Title:
    return Title(
        whole=summit_line(SUMMIT),
        unplaced=summit_line(SUMMIT, place=False),
        name=Text(SUMMIT.title),
        dates=summit_dates(SUMMIT),
    )


def halves(width: int) -> tuple[str, str]:
    left, right = fit_header(width, title(), summary_variants("positions.yaml", "18 positions", ""))
    return left.plain, right.plain


def test_a_wide_header_has_everything() -> None:
    left, right = halves(160)
    assert left == (
        "Trump–Putin summit in Alaska · Anchorage, Alaska · 2025-08-15 (inferred)"
        " · as of 2025-08-13 (inferred)"
    )
    assert right == "positions.yaml · 18 positions"


def test_at_80_columns_the_name_is_cut_and_the_dates_stay_whole() -> None:
    left, right = halves(80)
    assert left.endswith(" · 2025-08-15 (inferred) · as of 2025-08-13 (inferred)")
    assert left.startswith("Trump")
    assert "…" in left
    assert right == "positions.yaml"
    assert len(left) + len(right) + 4 <= 80


def test_without_room_for_the_dates_the_least_summary_is_kept() -> None:
    left, right = halves(40)
    assert right == "positions.yaml"
    assert left.startswith("Trump–P…")  # the widget cuts the rest with its own `…`


def test_the_place_goes_before_the_name_is_cut() -> None:
    whole = len(summit_line(SUMMIT).plain)
    unplaced = summit_line(SUMMIT, place=False).plain
    # One column short of the whole title beside the file's name alone.
    left, right = halves(whole + len("positions.yaml") + 4 - 1)
    assert left == unplaced
    assert right == "positions.yaml · 18 positions"
