"""Pilot tests of the five defects found by hand in issue 18, each pinned where a user
sees it: the detail pane after a resize, the arrows in the focused detail pane, a filter
that says it is on, the alignment view's topics, and the palette's Maximize.

Every test runs on a private copy of tests/fixtures/app (or of the shipped file, for its
long texts) and waits with a deadline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import OptionList

from tests.helpers import loaded, matrix, shown, until
from tui.app.app import SummitApp
from tui.app.screens.alignment import AlignmentScreen

BOX = set("─━│┃▁▂▃▄▅▆▇█")


def words(text: str) -> str:
    """The words of `text` in order, borders and scrollbar blocks left out."""
    return " ".join(word for word in text.split() if not set(word) <= BOX)


# --- 1: the detail pane re-wraps at once after a resize ---------------------------------


@pytest.mark.parametrize("view", ["overview", "reading"])
async def test_the_detail_pane_rewraps_at_once_after_a_resize(shipped: Path, view: str) -> None:
    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        if view == "reading":
            await pilot.press("v")
        detail = app.main_screen.detail
        full = words(detail.text.plain)
        for width, height in [(80, 24), (120, 40), (80, 24)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.pause()
            drawn = shown(detail)
            # Every line whole: the words drawn are the text's own, in order, none cut off
            # at the edge of a narrower pane or hidden under its scrollbar...
            assert full.startswith(words(drawn)), drawn
            # ...and wrapped to the pane as it is now, not to the narrower one it was.
            longest = max(len(line.rstrip()) for line in drawn.splitlines())
            assert longest > detail.size.width - 20, drawn


# --- 2: the arrows scroll the focused detail pane, never the grid's cursor ------------------


async def test_arrows_in_the_focused_detail_pane_leave_the_grid_cursor_alone(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        grid, detail = matrix(app), app.main_screen.detail
        await pilot.press("down")  # north on borders: "Not stated", nothing to scroll
        await pilot.press("tab")
        assert app.focused is detail and not detail.allow_vertical_scroll
        for key in ["down", "up", "right", "left", "pagedown", "pageup", "end", "home"]:
            await pilot.press(key)
            assert grid.selected_ids() == ("north", "borders"), key
        await pilot.press("shift+tab", "down")  # back in the grid, the arrows move again
        assert grid.selected_ids() == ("north", "sanctions")


async def test_arrows_scroll_a_long_detail_pane(shipped: Path) -> None:
    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        grid, detail = matrix(app), app.main_screen.detail
        await pilot.press("down")  # the US on penalties: seven quotes
        await pilot.press("tab")
        await until(pilot, lambda: detail.allow_vertical_scroll, "a pane to scroll")
        await pilot.press("down", "down")
        assert detail.scroll_y == 2
        await pilot.press("end", "up")
        assert detail.scroll_y == detail.max_scroll_y - 1
        assert grid.selected_ids() == ("us", "sanctions")


# --- 3: a filtered grid says so -------------------------------------------------------------


def header_text(app: SummitApp) -> str:
    screen = app.main_screen
    return " ".join(shown(screen.query_one(f"#header-{part}")) for part in ("title", "file"))


async def test_a_filtered_grid_says_a_filter_is_on_and_counts_in_words(data: Path) -> None:
    app = SummitApp(data, "positions.yaml", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        assert "5 positions" in header_text(app) and "filter" not in header_text(app)
        app.main_screen.apply_filter((["south"], ["ceasefire"]))
        await pilot.pause()
        header = header_text(app)
        assert "1 of 5 positions" in header, header
        assert "filter: 1/3 parties, 1/3 topics" in header, header
        first = shown(matrix(app)).splitlines()[0]
        assert "1 of 3 topics" in first and "1 topics" not in first
        app.main_screen.apply_filter((["north", "south", "league"], ["ceasefire", "borders"]))
        await pilot.pause()
        header = header_text(app)
        assert "filter: 2/3 topics" in header and "parties" not in header
        assert "4 of 5 positions" in header  # 3 on the ceasefire, 1 on borders


def test_counts_are_in_words() -> None:
    from tui.app.widgets.header import counts_words, filter_words

    assert counts_words(1, 1, narrowed=False) == "1 position"
    assert counts_words(19, 19, narrowed=False) == "19 positions"
    assert counts_words(19, 1, narrowed=True) == "1 of 19 positions"
    assert filter_words((1, 4), (1, 1)) == "filter: 1/4 parties, 1/1 topic"
    assert filter_words((1, 1), None) == "filter: 1/1 party"
    assert filter_words(None, None) == ""


# --- 4: the alignment view's topics go to their cell ---------------------------------------


async def test_enter_on_a_topic_of_the_alignment_view_goes_to_its_cell(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        grid = matrix(app)
        await pilot.press("down", "right")
        assert grid.selected_ids() == ("south", "borders")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AlignmentScreen), "the alignment")
        # The first pair, Northland – Southland: they differ on the ceasefire.
        await pilot.press("enter")  # on the pair: into its topics
        topics = app.screen.query_one("#alignment-topics", OptionList)
        assert topics.has_focus
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is app.main_screen, "back to the grid")
        assert grid.selected_ids() == ("north", "ceasefire")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AlignmentScreen), "the alignment")
        await pilot.press("tab", "down", "enter")  # the next topic: borders, not stated
        await until(pilot, lambda: app.screen is app.main_screen, "back to the grid")
        assert grid.selected_ids() == ("north", "borders")


async def test_enter_on_a_topic_hidden_by_the_search_clears_the_search(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"neutral", "enter")  # only the ceasefire row is left
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AlignmentScreen), "the alignment")
        await pilot.press("tab", "down", "enter")  # borders
        await until(pilot, lambda: app.screen is app.main_screen, "back to the grid")
        assert matrix(app).selected_ids() == ("north", "borders")
        assert not matrix(app).query_text


async def test_a_wrapped_topic_keeps_its_hanging_indent(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(40, 24)) as pilot:
        await loaded(pilot, app)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AlignmentScreen), "the alignment")
        await pilot.pause()
        lines = shown(app.screen.query_one("#alignment-topics")).splitlines()
        first = next(i for i, line in enumerate(lines) if "Ceasefire first" in line)
        indent = len(lines[first]) - len(lines[first].lstrip())
        following = lines[first + 1]
        assert following.strip(), lines  # the topic's line wraps...
        assert len(following) - len(following.lstrip()) == indent + 2, lines  # ...hanging


# --- 5: the palette's Maximize fills the screen ---------------------------------------------


async def maximize(pilot, app: SummitApp) -> None:  # type: ignore[no-untyped-def]
    """Run the command palette's Maximize, as a user does."""
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
    await pilot.press(*"Maximize")
    await until(
        pilot,
        lambda: app.screen.query_one(CommandList).option_count > 0,
        "Maximize in the palette",
    )
    await pilot.press("enter")
    await until(pilot, lambda: app.screen is app.main_screen, "the palette to close")
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (200, 50)])
async def test_maximize_fills_the_screen_with_the_focused_pane(
    data: Path, size: tuple[int, int]
) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot, app)
        screen = app.main_screen
        await pilot.press("tab")
        assert app.focused is screen.detail
        await maximize(pilot, app)
        assert screen.maximized is screen.detail
        width, height = size
        assert screen.detail.region.size == (width, height - 1)  # all but the footer
        await pilot.press("escape")  # Textual's key to minimize
        await until(pilot, lambda: screen.maximized is None, "minimized")
        await pilot.press("shift+tab")
        await maximize(pilot, app)
        assert screen.maximized is matrix(app)
        assert matrix(app).region.size == (width, height - 1)
