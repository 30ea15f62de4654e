"""Pilot tests of the matrix's geometry, the filter dialog and the `--since` marks:
the defects found by hand in issue 12 (2, 3 and 4), each pinned where a user sees it.

Every test runs on a private copy of tests/data-app and waits with a deadline.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from tests.helpers import APP_DATA, loaded, matrix, shown, until
from tui.app.app import SummitApp
from tui.app.screens.filters import FilterScreen
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


# --- defect 2: the filter dialog keeps every choice ---------------------------------------


async def burst(pilot: Pilot[object], *keys: tuple[str, str]) -> None:
    """Keys (name, character) as a terminal delivers a fast typist's burst: all queued
    before the app handles the first. (`pilot.press` lets the app settle after each key,
    so the race it would hide is never run.)"""
    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
    await pilot.pause()


async def open_filters(pilot: Pilot[object], app: SummitApp) -> FilterScreen:
    await loaded(pilot, app)
    await pilot.press("f")
    await until(pilot, lambda: isinstance(app.screen, FilterScreen), "the filter screen")
    screen = app.screen
    assert isinstance(screen, FilterScreen)
    return screen


async def test_space_then_enter_in_one_burst_applies_the_toggle(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_filters(pilot, app)
        await pilot.press("space", "enter")  # one key at a time
        await until(pilot, lambda: app.screen is app.main_screen, "the filter applied")
        assert matrix(app).parties == ["south", "league"]  # north, the first, unticked
        await open_filters(pilot, app)
        await burst(pilot, ("space", " "), ("enter", "\r"))  # north again, typed fast
        await until(pilot, lambda: app.screen is app.main_screen, "the filter applied")
        assert matrix(app).parties == ["north", "south", "league"]  # the toggle kept
        await open_filters(pilot, app)
        await burst(pilot, ("down", ""), ("space", " "), ("a", "a"), ("enter", "\r"))
        await until(pilot, lambda: app.screen is app.main_screen, "the filter applied")
        assert matrix(app).parties == ["north", "south", "league"]  # a: all, after space


async def test_tab_from_the_parties_never_lands_on_a_helper_button(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_filters(pilot, app)
        await pilot.press("down", "space", "tab")
        assert screen.focused is screen.query_one("#filters-topics")
        await pilot.press("enter")  # the hint says enter applies: it does
        await until(pilot, lambda: app.screen is app.main_screen, "the filter applied")
        assert matrix(app).parties == ["north", "league"]


async def test_ticked_and_unticked_choices_differ_without_colour(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_filters(pilot, app)
        parties = screen.query_one("#filters-parties")
        assert "[x] Northland" in shown(parties)
        await pilot.press("space")
        text = shown(parties)
        assert "[ ] Northland" in text and "[x] Northland" not in text
        assert "[x] Southland" in text
