"""Pilot tests of the matrix's geometry, the filter dialog and the `--since` marks:
the defects found by hand in issue 12 (2, 3 and 4), each pinned where a user sees it.

Every test runs on a private copy of tests/fixtures/app and waits with a deadline.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from tests.helpers import (
    cells,
    detail_text,
    loaded,
    matrix,
    notifications,
    reading_view,
    shown,
    since_pair,
    until,
)
from tui.app.app import SummitApp
from tui.app.palette import main_entries
from tui.app.screens.filters import FilterScreen


def bars(line: str, marks: str) -> list[int]:
    """The columns where `line` has one of the separator characters `marks`."""
    return [x for x, char in enumerate(line) if char in marks]


# --- defect 3: the column headers sit over the grid's columns ---------------------------


@pytest.mark.parametrize("width", [40, 80, 100, 120, 160])
@pytest.mark.parametrize("view", ["overview", "reading"])
async def test_header_separators_line_up_with_the_grid(data: Path, width: int, view: str) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(width, 40)) as pilot:
        await loaded(pilot, app)
        if view == "reading":
            await reading_view(pilot, app)
        grid = matrix(app)
        lines = shown(grid).splitlines()
        layout = grid.columns
        names = 1 if layout.paged else 0  # the tabs line comes first when paged
        header, rule, body = lines[names], lines[names + 1], lines[names + 2]
        expected = [layout.column_x(c) - 1 for c in range(layout.per_page)]
        assert bars(rule, "┿") == expected
        assert bars(body, "│┃") == expected
        assert bars(header, "│") == expected, (header, body)
        assert all(len(line) == grid.size.width for line in lines[:8]), lines


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


# --- defect 4: what changed since --since is in view ------------------------------------


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An old and a new copy of tests/fixtures/app, the current folder being theirs (so that
    `--since old.yaml` is as short as a user would type it)."""
    old, new = since_pair(tmp_path)
    monkeypatch.chdir(new.parent)
    return old, new


def header_text(app: SummitApp) -> str:
    """The header as drawn (ellipses included), both halves."""
    screen = app.main_screen
    return " ".join(shown(screen.query_one(f"#header-{part}")) for part in ("title", "file"))


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160, 220])
async def test_header_always_shows_the_change_count(pair: tuple[Path, Path], width: int) -> None:
    _, new = pair
    app = SummitApp(new, "positions.yaml", watch=False, since="old.yaml")
    async with app.run_test(size=(width, 24)) as pilot:
        await loaded(pilot, app)
        text = header_text(app)
        assert "2 changed since old.yaml" in text, text
        if width >= 160:  # room for everything: nothing dropped
            assert "positions.yaml · 4 positions · 2 changed" in text, text


async def test_header_cuts_a_long_since_after_the_count(pair: tuple[Path, Path]) -> None:
    old, new = pair
    app = SummitApp(new, "positions.yaml", watch=False, since=str(old))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        text = header_text(app)
        assert f"2 changed since {str(old)[:10]}" in text, text


async def test_what_changed_is_right_under_the_heading(pair: tuple[Path, Path]) -> None:
    app = SummitApp(pair[1], "positions.yaml", watch=False, since="old.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        for cell in ("north/ceasefire", "south/ceasefire (removed)"):
            lines = detail_text(app).splitlines()
            assert lines[2:4] == ["", "Changed since old.yaml:"], (cell, lines)
            assert lines[0].endswith(" on Ceasefire first"), (cell, lines)
            await pilot.press("right")
        assert "Changed since" not in detail_text(app)  # league: unchanged


async def test_a_changed_cell_says_so_on_its_first_line(pair: tuple[Path, Path]) -> None:
    app = SummitApp(pair[1], "positions.yaml", watch=False, since="old.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        lines = shown(matrix(app)).splitlines()
        _, north, south, _ = cells(next(line for line in lines if "CONDITIONAL" in line))
        assert north.startswith("± CONDITIONAL") and south == "- not stated"
        await reading_view(pilot, app)
        lines = shown(matrix(app)).splitlines()
        badge = next(line for line in lines if "CONDITIONAL" in line)
        _, north, south = re.split("[│┃]", badge)  # topic, north, south
        assert "± changed" in north and "- removed" in south, badge


async def test_a_bad_revision_is_named_once(pair: tuple[Path, Path]) -> None:
    app = SummitApp(pair[1], "positions.yaml", watch=False, since="git:nonsense")
    messages = notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
    told = [m for m in messages if m.startswith("--since")]
    assert len(told) == 1 and told[0].startswith("--since git:nonsense: "), messages
    assert told[0].count("git:nonsense") == 1, told


async def test_keys_jump_between_changed_cells(pair: tuple[Path, Path]) -> None:
    app = SummitApp(pair[1], "positions.yaml", watch=False, since="old.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        grid = matrix(app)
        await pilot.press("down", "down")  # sanctions: below both changes
        await pilot.press("right_curly_bracket")
        assert grid.selected_ids() == ("north", "ceasefire")  # wrapped to the first
        await pilot.press("right_curly_bracket")
        assert grid.selected_ids() == ("south", "ceasefire")
        await pilot.press("left_curly_bracket")
        assert grid.selected_ids() == ("north", "ceasefire")
        await pilot.press("left_curly_bracket")
        assert grid.selected_ids() == ("south", "ceasefire")  # wrapped to the last
        bindings = {b.binding.id: b for b in app.main_screen.active_bindings.values()}
        assert bindings["since.next"].binding.description == "Next change"
        assert bindings["since.previous"].binding.description == "Prev change"
        assert {"Next change", "Previous change"} <= {
            c.title for c in main_entries(app.main_screen)
        }


async def test_change_keys_only_with_since(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        ids = {b.binding.id for b in app.main_screen.active_bindings.values()}
        assert not ids & {"since.next", "since.previous"}
        assert "Next change" not in {c.title for c in main_entries(app.main_screen)}
        await pilot.press("right_curly_bracket")
        assert matrix(app).selected_ids() == ("north", "ceasefire")


async def test_change_keys_skip_cells_the_search_hides(pair: tuple[Path, Path]) -> None:
    app = SummitApp(pair[1], "positions.yaml", watch=False, since="old.yaml")
    messages = notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"no-such-words", "enter")
        await pilot.press("right_curly_bracket")
        assert messages[-1] == "No cell shown has changed since old.yaml."
