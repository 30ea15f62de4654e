"""Pilot tests of the source viewer, alignment, help and filter screens.

Each screen is pushed by the tiny host app in tests/app/screen_host.py, on the
fixture tests/fixtures/screens/positions.yaml (never the shipped file).
"""

from __future__ import annotations

import io
from typing import ClassVar

import pytest
from rich.console import Console, RenderableType
from screen_host import ScreenHost, load
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, SelectionList, Static

from tests.helpers import shown
from tui.analysis.alignment import alignment
from tui.app.passages import displayed, passages, wrap_spans
from tui.app.screens.alignment import AlignmentScreen
from tui.app.screens.filters import FilterScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.viewer import ArticleView, SourceViewerScreen
from tui.model.schema import Stance

HOSTILE = ("[@click=app.quit]x", "price[/bold] list", "\\e[31m", "\\u202e")

# Positions of the fixture, by index: see tests/fixtures/screens/positions.yaml.
US_CEASEFIRE, UA_TERRITORY, EU_SANCTIONS, RU_TALKS = 0, 6, 10, 12


def plain(renderable: RenderableType, width: int = 120) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(renderable)
    return console.export_text()


def counts(pair: object) -> tuple[int, int, int, int]:
    return (len(pair.agree), len(pair.differ), len(pair.unclear), len(pair.missing))  # type: ignore[attr-defined]


# --- pure helpers -------------------------------------------------------------------------


def test_alignment_counts_every_pair_in_file_order() -> None:
    model = load().records
    assert model is not None
    pairs = {(p.a, p.b): counts(p) for p in alignment(model)}
    assert list(pairs) == [
        ("us", "ru"),
        ("us", "ua"),
        ("us", "eu"),
        ("ru", "ua"),
        ("ru", "eu"),
        ("ua", "eu"),
    ]
    # (agree, differ, unclear, not stated by both)
    assert pairs == {
        ("us", "ru"): (1, 2, 1, 0),
        ("us", "ua"): (1, 1, 1, 1),
        ("us", "eu"): (1, 1, 1, 1),
        ("ru", "ua"): (0, 3, 0, 1),
        ("ru", "eu"): (0, 3, 0, 1),
        ("ua", "eu"): (2, 0, 0, 2),
    }


def test_alignment_names_the_topics_and_stances() -> None:
    model = load().records
    assert model is not None
    us_ru = alignment(model, ["us", "ru"])[0]
    assert [(t.topic, t.a, t.b) for t in us_ru.agree] == [
        ("talks", Stance.SUPPORTS, Stance.SUPPORTS)
    ]
    assert [(t.topic, t.a, t.b) for t in us_ru.differ] == [
        ("ceasefire", Stance.SUPPORTS, Stance.OPPOSES),
        ("territory", Stance.CONDITIONAL, Stance.SUPPORTS),
    ]
    assert [t.topic for t in us_ru.unclear] == ["sanctions"]
    assert us_ru.compared == 4


def test_alignment_follows_the_filter_and_ignores_unknown_ids() -> None:
    model = load().records
    assert model is not None
    pairs = alignment(model, ["eu", "nobody", "ua", "eu"], ["sanctions", "ghost", "territory"])
    assert [(p.a, p.b) for p in pairs] == [("eu", "ua")]
    assert [t.topic for t in pairs[0].agree] == ["sanctions"]
    assert [(t.topic, t.a, t.b) for t in pairs[0].missing] == [("territory", None, Stance.OPPOSES)]
    assert alignment(model, ["us"]) == []


def test_passages_group_shared_quotes_and_sort_by_offset() -> None:
    result = load()
    found = passages(result, "wire")
    assert [sorted({c.position for c in p.citations}) for p in found] == [
        [US_CEASEFIRE, 2],
        [RU_TALKS],
        [UA_TERRITORY],
        [EU_SANCTIONS],
    ]
    assert [p.start for p in found] == sorted(p.start for p in found)
    source = result.text_of("wire")
    assert source is not None
    text = source.text
    assert text[found[3].start : found[3].end] == "Sanctions will stay until the war ends"


def test_displayed_escapes_controls_and_keeps_passage_offsets() -> None:
    text = "a\x1bb [q]\u202ec\td"
    shown_text, where = displayed(text, [2, 7])
    assert shown_text == "a\\eb [q]\\u202ec    d"
    assert shown_text[where[2] : where[7]] == "b [q]"


def test_wrap_breaks_at_words_and_cuts_long_words() -> None:
    text = "one two three\n\nabcdefghij"
    lines = [text[s:e] for s, e in wrap_spans(text, 7)]
    assert [line.rstrip() for line in lines] == ["one two", "three", "", "abcdefg", "hij"]


# --- source viewer ------------------------------------------------------------------------


def viewer_host(position: int, evidence: int = 0, name: str = "positions.yaml") -> ScreenHost:
    result = load(name)
    return ScreenHost(lambda: SourceViewerScreen(result, position, evidence))


def visible_lines(article: ArticleView) -> range:
    top = round(article.scroll_y)
    return range(top, top + article.scrollable_content_region.height)


async def test_viewer_scrolls_a_passage_far_down_into_view_and_highlights_it() -> None:
    app = viewer_host(EU_SANCTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourceViewerScreen)
        article = screen.query_one(ArticleView)
        assert article.current == 3
        line = article.passage_line(3)
        assert line > article.scrollable_content_region.height
        assert article.scroll_y > 0
        assert line in visible_lines(article)
        # The selected passage is drawn reversed; other passages are only underlined.
        strip = article.render_line(line - round(article.scroll_y))
        styles = {seg.text: seg.style for seg in strip if "Sanctions will" in seg.text}
        assert styles and all(s is not None and s.reverse for s in styles.values())
        status = shown(screen.query_one("#viewer-status", Static))
        assert "Quote 4 of 4" in status
        assert "European Union / Sanctions" in status
        header = shown(screen.query_one("#viewer-header", Static))
        assert "Test Wire" in header and "wire.txt" in header and "2025-08-12" in header


async def test_viewer_other_passages_are_highlighted_differently() -> None:
    app = viewer_host(EU_SANCTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        article = app.screen.query_one(ArticleView)
        article.show(None)
        article.scroll_to(y=article.passage_line(0), animate=False, immediate=True)
        await pilot.pause()
        strip = article.render_line(0)
        marked = [seg for seg in strip if "ceasefire must" in seg.text]
        assert marked and marked[0].style is not None
        assert marked[0].style.underline and not marked[0].style.reverse


async def test_viewer_n_and_shift_n_move_in_order_and_wrap() -> None:
    app = viewer_host(UA_TERRITORY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourceViewerScreen)
        article = screen.query_one(ArticleView)
        seen = [screen.current]
        for _ in range(4):
            await pilot.press("n")
            await pilot.pause()
            assert article.current == screen.current
            assert article.passage_line(article.current) in visible_lines(article)
            seen.append(screen.current)
        assert seen == [2, 3, 0, 1, 2]
        assert round(article.scroll_y) < article.passage_line(3)  # wrapped back up
        for expected in (1, 0, 3):
            await pilot.press("N")
            await pilot.pause()
            assert screen.current == expected
            assert article.passage_line(expected) in visible_lines(article)
        status = shown(screen.query_one("#viewer-status", Static))
        assert "Quote 4 of 4" in status and "European Union / Sanctions" in status


async def test_viewer_names_every_position_citing_a_shared_passage() -> None:
    app = viewer_host(US_CEASEFIRE)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        status = shown(app.screen.query_one("#viewer-status", Static))
        assert "Quote 1 of 4" in status
        assert "United States / Ceasefire" in status and "Ukraine / Ceasefire" in status
        assert "SUPPORTS" in status


async def test_viewer_escape_goes_back() -> None:
    app = viewer_host(RU_TALKS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SourceViewerScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SourceViewerScreen)
        assert app.results == [None]


async def test_viewer_overlapping_passages_in_a_short_article() -> None:
    # EU on sanctions, second quote: it overlaps another quote in paper.txt.
    app = viewer_host(EU_SANCTIONS, 1)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourceViewerScreen)
        assert screen.current is not None
        passage = screen.passages[screen.current]
        assert [c.position for c in passage.citations] == [EU_SANCTIONS]
        await pilot.press("n")
        await pilot.pause()
        assert screen.passages[screen.current].start == passage.start  # same start, longer


async def test_viewer_survives_any_terminal_size() -> None:
    app = viewer_host(EU_SANCTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        for size in ((40, 12), (20, 6), (200, 60), (1, 1), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        article = app.screen.query_one(ArticleView)
        assert article.passage_line(3) in visible_lines(article)


# --- alignment ----------------------------------------------------------------------------


async def test_alignment_screen_lists_pairs_and_details_the_selected_one() -> None:
    result = load()
    app = ScreenHost(lambda: AlignmentScreen(result))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)
        assert table.row_count == 6
        assert [table.get_cell_at((0, c)).plain for c in range(5)] == [
            "US – RU",
            "1",
            "2",
            "1",
            "0",
        ]
        detail = shown(screen.query_one("#alignment-topics"))
        assert "United States vs Russia" in detail
        assert "Agree (1)" in detail and "Differ (2)" in detail
        assert "Ceasefire:  SUPPORTS  vs  OPPOSES" in detail
        matrix = plain(screen.query_one("#alignment-matrix", Static).content)
        assert "2✓ 0✗" in matrix  # Ukraine and the EU
        await pilot.press("down", "j")
        await pilot.pause()
        detail = shown(screen.query_one("#alignment-topics"))
        assert "United States vs European Union" in detail
        assert "Territory:  CONDITIONAL  / not stated" in detail
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AlignmentScreen)


async def test_alignment_screen_follows_the_filter_and_stays_usable_narrow() -> None:
    result = load()
    app = ScreenHost(lambda: AlignmentScreen(result, ["ua", "eu"], ["ceasefire", "sanctions"]))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow")
        table = screen.query_one(DataTable)
        assert table.row_count == 1
        topics = screen.query_one("#alignment-topics", OptionList)
        detail = "".join(plain(option.prompt, 38) for option in topics.options)  # all of it
        assert "Agree (2)" in detail and "Not stated by both (0)" in detail


# --- help ---------------------------------------------------------------------------------


async def test_help_lists_the_keys_of_the_app_and_the_screen_below() -> None:
    result = load()
    app = ScreenHost(lambda: SourceViewerScreen(result, RU_TALKS, 0))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(HelpScreen())
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = plain(help_screen.query_one("#help-keys", Static).content)
        for expected in ("Next quote", "Previous quote", "Back", "Ring the host's bell", "f5"):
            assert expected in text
        rows = {
            description: keys
            for group in help_screen.groups
            for (_, description), keys in group.rows.items()
        }
        assert rows["Next quote"] == ["n"]
        assert "N" in rows["Previous quote"]
        assert "ctrl+p" in text and "Command palette" in text
        assert "$EDITOR" in text and "FILE:LINE:COL" in text
        assert "When the article view has focus" in text and "Page Down" in text
        assert "Scroll Left" not in text  # the article wraps: no sideways scrolling


class _Switchable(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "sometimes", "Sometimes works"),
        Binding("y", "always", "Always works"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "sometimes"

    def action_always(self) -> None:
        self.app.bell()


async def test_help_lists_switched_off_keys_as_not_available() -> None:
    app = ScreenHost(_Switchable)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(HelpScreen())
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query_one("#help-keys", Static).content)
        lines = {line.split()[0]: line for line in text.splitlines() if line.strip()}
        assert "Sometimes works (not available now)" in lines["x"]
        assert "Always works" in lines["y"] and "not available" not in lines["y"]
        assert "Ring the host's bell" in lines["f5"]


@pytest.mark.parametrize("key", ["escape", "q", "question_mark"])
async def test_help_closes_with(key: str) -> None:
    app = ScreenHost(HelpScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running


# --- filters ------------------------------------------------------------------------------


def filter_host(parties: list[str], topics: list[str], name: str = "positions.yaml") -> ScreenHost:
    result = load(name)
    return ScreenHost(lambda: FilterScreen(result, parties, topics))


async def test_filter_starts_from_the_shown_ids_and_returns_the_choice_in_file_order() -> None:
    app = filter_host(["eu", "us"], ["talks"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FilterScreen)
        assert screen.chosen() == (["us", "eu"], ["talks"])
        # Parties list: move to Russia (second) and tick it.
        await pilot.press("down", "space")
        topics = screen.query_one("#filters-topics", SelectionList)
        topics.focus()
        await pilot.press("space")  # tick Ceasefire, the first topic
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [(["us", "ru", "eu"], ["ceasefire", "talks"])]


async def test_filter_refuses_an_empty_selection_with_a_visible_message() -> None:
    app = filter_host(["us"], ["talks"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FilterScreen)
        await pilot.press("n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FilterScreen)
        error = screen.query_one("#filters-error", Static)
        assert error.display
        assert "at least one party" in shown(error)
        await pilot.click("#topics-none")
        await pilot.pause()
        await pilot.click("#filters-apply")
        await pilot.pause()
        assert isinstance(app.screen, FilterScreen)
        assert "at least one party and one topic" in shown(error)
        await pilot.click("#parties-all")
        await pilot.click("#topics-all")
        await pilot.pause()
        assert not error.display  # a change clears the message
        await pilot.click("#filters-apply")
        await pilot.pause()
    assert app.results == [
        (["us", "ru", "ua", "eu"], ["ceasefire", "territory", "sanctions", "talks"])
    ]


async def test_filter_is_usable_on_a_small_terminal() -> None:
    app = filter_host(["us"], ["talks"])
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-small")
        for list_id in ("#filters-parties", "#filters-topics"):
            assert screen.query_one(list_id, SelectionList).size.height >= 4
        await pilot.press("a", "enter")
        await pilot.pause()
    assert app.results == [(["us", "ru", "ua", "eu"], ["talks"])]


async def test_filter_escape_dismisses_none() -> None:
    app = filter_host(["us"], ["talks"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a", "escape")
        await pilot.pause()
    assert app.results == [None]


# --- hostile data -------------------------------------------------------------------------


async def test_hostile_data_is_shown_literally_in_the_viewer() -> None:
    app = viewer_host(0, name="hostile.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        article = screen.query_one(ArticleView)
        text = shown(article)
        for needle in HOSTILE:
            assert needle in text
        assert "\x1b" not in text and "\u202e" not in text
        header = shown(screen.query_one("#viewer-header", Static))
        assert "[@click=app.quit]x Outlet" in header and "price[/bold] list" in header
        assert "\\e[31m" in header and "\\u202e" in header
        status = shown(screen.query_one("#viewer-status", Static))
        assert "[@click=app.quit]x / [@click=app.quit]x topic" in status
        # Clicking the would-be link does nothing; the passages still cycle.
        await pilot.click("#viewer-status", offset=(25, 0))
        await pilot.click("#viewer-header", offset=(2, 0))
        for _ in range(5):
            await pilot.press("n")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, SourceViewerScreen)
        assert "price[/bold] list" in shown(screen.query_one("#viewer-status", Static))


async def test_hostile_data_is_shown_literally_in_alignment_help_and_filters() -> None:
    result = load("hostile.yaml")
    app = ScreenHost(lambda: AlignmentScreen(result))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        detail = shown(screen.query_one("#alignment-topics"))
        assert "[@click=app.quit]x vs price[/bold] list" in detail
        assert "\\e[31m red \\u202e rtl" in detail
        matrix = shown(screen.query_one("#alignment-matrix", Static))
        assert "[b]X" in matrix and "\\e[31mO" in matrix
        await pilot.click("#alignment-topics", offset=(2, 0))  # a heading: nothing to run
        app.push_screen(FilterScreen(result, ["evil", "odd"], ["click", "esc"]))
        await pilot.pause()
        lists = shown(app.screen.query_one("#filters-parties", SelectionList))
        assert "[@click=app.quit]x" in lists and "price[/bold] list" in lists
        topics = shown(app.screen.query_one("#filters-topics", SelectionList))
        assert "\\e[31m red \\u202e rtl" in topics
        await pilot.click("#filters-parties", offset=(6, 0))
        await pilot.press("escape")
        app.push_screen(HelpScreen())
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AlignmentScreen)


def test_the_help_names_every_mark_of_the_overview() -> None:
    from tui.app.screens.help import compact_legend

    legend = compact_legend().plain
    for mark in ("2✓", "2✗", "!o", "!r", "not stated", "+ - ±"):
        assert mark in legend, mark
    assert "others' account" in legend and "reporter's account" in legend
