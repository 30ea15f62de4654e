"""Pilot tests of the matrix's geometry, the filter dialog and the `--since` marks:
the defects found by hand in issue 12 (2, 3 and 4), each pinned where a user sees it.

Every test runs on a private copy of tests/data-app and waits with a deadline.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import APP_DATA, loaded, matrix, shown
from tui.app.app import SummitApp
from tui.app.widgets.matrix import compute_layout


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of tests/data-app; returns its positions.yaml."""
    shutil.copytree(APP_DATA, tmp_path / "app")
    return tmp_path / "app" / "positions.yaml"


def bars(line: str, marks: str) -> list[int]:
    """The columns where `line` has one of the separator characters `marks`."""
    return [x for x, char in enumerate(line) if char in marks]


# --- defect 3: the column headers sit over the grid's columns ---------------------------


@pytest.mark.parametrize("width", [80, 100, 120, 160])
async def test_header_separators_line_up_with_the_grid(data: Path, width: int) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(width, 40)) as pilot:
        await loaded(pilot, app)
        grid = matrix(app)
        lines = shown(grid).splitlines()
        layout = compute_layout(grid.scrollable_content_region.width, len(grid.parties))
        names = 1 if layout.paged else 0  # the tabs line comes first when paged
        header, rule, body = lines[names], lines[names + 1], lines[names + 2]
        expected = [layout.column_x(c) - 1 for c in range(layout.per_page)]
        assert bars(rule, "┿") == expected
        assert bars(body, "│┃") == expected
        assert bars(header, "│") == expected, (header, body)
