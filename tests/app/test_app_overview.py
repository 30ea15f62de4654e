"""Pilot tests of the overview, the first screen (issue 18): every topic, every party and
every stance on one screen at 80x24 and 120x40 (the shipped file, and a file of the shipped
file's size when the issue was written: 10 topics, 4 parties, 19 positions), the switch to
the full cells and back with the cursor on its cell (and across reloads and resizes), a big
file scrolled with the cursor always in view, and nothing cut without a mark in either view.

They wait with a deadline, never for a time.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import (
    SHIPPED,
    big_file,
    cells,
    detail_text,
    loaded,
    matrix,
    reading_view,
    shown,
    until,
)
from tui.app.app import SummitApp
from tui.app.widgets.matrix import Matrix

STANCES = ("SUPPORTS", "OPPOSES", "CONDITIONAL", "UNCLEAR")
STATUS = r"\d+ quotes?, all verified"


def shipped_data() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


ISSUE_PARTIES = {
    "us": "United States",
    "russia": "Russia",
    "ukraine": "Ukraine",
    "e3": "E3 (UK, France, Germany)",
}
ISSUE_TOPICS = {
    "ceasefire": "Ceasefire before talks?",
    "sanctions": "Penalties if no ceasefire?",
    "territory": "Ukrainian territory to Russia?",
    "force": "Borders changed by force?",
    "kyiv-role": "Kyiv in territorial talks?",
    "swap-talks": "Discuss land swaps in Alaska?",
    "security-guarantees": "Security guarantees for Ukraine?",
    "trilateral": "Three-way meeting after Alaska?",
    "scope": "Agenda beyond Ukraine?",
    "europe-role": "A say for Europe?",
}
ISSUE_CELLS = [
    ("us", "ceasefire", "supports", 1, "own"),
    ("us", "sanctions", "supports", 7, "own"),
    ("us", "territory", "unclear", 1, "others"),
    ("us", "kyiv-role", "unclear", 2, "others"),
    ("us", "trilateral", "conditional", 5, "own"),
    ("us", "europe-role", "unclear", 2, "own"),
    ("russia", "ceasefire", "unclear", 1, "reporter"),
    ("russia", "territory", "supports", 1, "reporter"),
    ("russia", "force", "unclear", 1, "reporter"),
    ("russia", "swap-talks", "unclear", 1, "own"),
    ("russia", "scope", "supports", 2, "own"),
    ("russia", "europe-role", "unclear", 1, "own"),
    ("ukraine", "territory", "opposes", 1, "own"),
    ("e3", "ceasefire", "supports", 2, "own"),
    ("e3", "sanctions", "supports", 1, "own"),
    ("e3", "territory", "opposes", 1, "own"),
    ("e3", "force", "opposes", 1, "own"),
    ("e3", "security-guarantees", "supports", 1, "own"),
    ("e3", "europe-role", "unclear", 2, "own"),
]
"""The shipped file when issue 18 was written: its titles, its parties, and each cell's
stance, number of quotes and basis (the widest marks the overview had to fit)."""


def issue_sized_file(folder: Path) -> Path:
    """A valid file of the shape above: every quote a sentence of one article, spoken by
    the party's own spokesperson, another party's, or nobody (the article's own words)."""
    sentences = (f"Sentence number {i} of the archive." for i in range(40))
    (folder / "a.txt").write_text(" ".join(sentences), encoding="utf-8")
    source = "{outlet: O, title: T, published: 2025-08-13, published_basis: stated, file: a.txt}"
    lines = [
        "summit: {title: Summit, location: Here, date: 2025-08-15, as_of: 2025-08-13,",
        "  date_basis: stated, as_of_basis: stated}",
        f"sources:\n  a: {source}",
        "parties:",
        *(f'  {p}: {{name: "{name}", short: {p.upper()}}}' for p, name in ISSUE_PARTIES.items()),
        "topics:",
        *(f'  {t}: {{title: "{title}", question: "{title}"}}' for t, title in ISSUE_TOPICS.items()),
        "people:",
        *(f"  sp-{p}: {{name: Speaker {p}, party: {p}}}" for p in ISSUE_PARTIES),
        "positions:",
    ]
    sentence = 0
    for party, topic, stance, quotes, basis in ISSUE_CELLS:
        lines.append(f"  - {{party: {party}, topic: {topic}, stance: {stance}, summary: S.,")
        lines.append("     evidence: [")
        speaker = {"own": f"sp-{party}", "others": "sp-e3", "reporter": None}[basis]
        voice = "article" if speaker is None else f"reported, speaker: {speaker}"
        for _ in range(quotes):
            quote = f"Sentence number {sentence} of"
            lines.append(f'       {{source: a, quote: "{quote}", voice: {voice}}},')
            sentence += 1
        lines.append("     ]}")
    path = folder / "positions.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_issues_ten_topics_and_four_parties_fit_one_screen(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = SummitApp(issue_sized_file(tmp_path), "positions.yaml", watch=False)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot, app)
        assert app.main_screen.grid is not None, app.main_screen.errors.lines
        m = matrix(app)
        assert not m.paged
        lines = grid_lines(m)
        names, rows = lines[0], lines[1:]
        assert names[1:] == ["United States", "Russia", "Ukraine", "E3"]  # short where long
        assert len(rows) == 10
        for title, row in zip(ISSUE_TOPICS.values(), rows, strict=True):
            assert shown_as(title, row[0]), (title, row[0])
            if size[0] >= 120:
                assert row[0] == title
        drawn = {
            (party, topic): row[1 + c]
            for c, party in enumerate(ISSUE_PARTIES)
            for topic, row in zip(ISSUE_TOPICS, rows, strict=True)
        }
        for party, topic, stance, quotes, basis in ISSUE_CELLS:
            mark = {"own": "", "others": "!o", "reporter": "!r"}[basis]
            assert drawn[party, topic].startswith(f"{stance.upper()} {quotes}✓{mark}")
        empty = [key for key, cell in drawn.items() if cell == "not stated"]
        assert len(empty) == 40 - len(ISSUE_CELLS)
        assert app.main_screen.detail.region.height >= 8  # the detail pane below


def grid_lines(m: Matrix) -> list[list[str]]:
    """The overview's lines with a cell per party: topic first, then each party's cell."""
    return [cells(line) for line in shown(m).splitlines() if "│" in line or "┃" in line]


def shown_as(full: str, drawn: str) -> bool:
    """`drawn` is `full`, or its start cut with a mark."""
    return drawn == full or (drawn.endswith("…") and full.startswith(drawn[:-1]))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_first_screen_shows_every_topic_party_and_stance(
    shipped: Path, size: tuple[int, int]
) -> None:
    data = shipped_data()
    app = SummitApp(shipped, "positions.yaml", watch=False)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        assert m.view == "overview" and not m.paged
        lines = grid_lines(m)
        names, rows = lines[0], lines[1:]
        parties, topics = list(data["parties"]), list(data["topics"])
        for party, drawn in zip(parties, names[1:], strict=True):
            entry = data["parties"][party]
            assert drawn in (entry["name"], entry["short"]), (party, drawn)
        assert len(rows) == len(topics)  # every topic has its line on screen...
        stances = {(p["party"], p["topic"]): p["stance"].upper() for p in data["positions"]}
        for topic, row in zip(topics, rows, strict=True):
            title = data["topics"][topic]["title"]
            assert shown_as(title, row[0]), (title, row[0])  # ...titled, or cut with …
            if size[0] >= 120:
                assert row[0] == title  # wide enough for every title whole
            for party, cell in zip(parties, row[1:], strict=True):
                stance = stances.get((party, topic))
                if stance is None:
                    assert cell == "not stated", (party, topic, cell)
                else:
                    assert cell.split()[0] == stance, (party, topic, cell)
        drawn = shown(m)
        assert sum(drawn.count(word) for word in STANCES) == len(data["positions"])
        # The detail pane of the selected position shares the screen.
        detail = app.main_screen.detail
        assert detail.region.height >= 8
        first = data["topics"][topics[0]]["title"]
        assert f"{data['parties'][parties[0]]['name']} on {first}" in shown(detail)


async def test_the_detail_pane_stands_beside_the_overview_on_a_wide_terminal(
    shipped: Path,
) -> None:
    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot, app)
        screen = app.main_screen
        m, detail = matrix(app), screen.detail
        assert screen.has_class("-beside")
        assert detail.region.x >= m.region.right and detail.region.height > 40
        assert len(grid_lines(m)) == 1 + len(shipped_data()["topics"])  # names, every topic
        await reading_view(pilot, app)  # the full cells need the width: the pane goes below
        assert not screen.has_class("-beside")
        assert detail.region.y >= m.region.bottom


async def test_v_switches_views_and_the_cursor_keeps_its_cell(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m, screen = matrix(app), app.main_screen
        assert screen.active_bindings["v"].binding.description == "Full cells"
        await pilot.press("right", "right", "down", "down")
        assert m.selected_ids() == ("league", "sanctions")
        await pilot.press("v")
        assert m.view == "reading" and m.selected_ids() == ("league", "sanctions")
        assert screen.active_bindings["v"].binding.description == "Overview"
        assert "2 quotes, all verified" in shown(m)  # the full cell, in view
        await pilot.press("up", "v")
        assert m.view == "overview" and m.selected_ids() == ("league", "borders")
        assert "Eastern League on Borders" in detail_text(app)


async def test_a_reload_keeps_the_view_and_the_cell(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        await reading_view(pilot, app)
        await pilot.press("right", "down", "down")
        text = data.read_text(encoding="utf-8").replace("Harbour summit", "Harbour summit 2")
        data.write_text(text, encoding="utf-8")
        app.action_reload()
        await loaded(pilot, app, 2)
        await until(pilot, lambda: "Harbour summit 2" in app.title, "the reloaded data")
        assert m.view == "reading" and m.selected_ids() == ("south", "sanctions")


@pytest.mark.parametrize("view", ["overview", "reading"])
async def test_100_topics_scroll_with_the_cursor_always_in_view(tmp_path: Path, view: str) -> None:
    app = SummitApp(big_file(tmp_path, 100, parties=4), watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        if view == "reading":
            await reading_view(pilot, app)
        m = matrix(app)

        def cursor_in_view() -> bool:
            title = f" Topic {m.cursor_row} "
            return any(line.startswith(title) for line in shown(m).splitlines())

        for key in ["down"] * 30 + ["pagedown"] * 4 + ["end"] + ["up"] * 12 + ["pageup", "home"]:
            await pilot.press(key)
            assert cursor_in_view(), (key, m.cursor_row, m.scroll_y)
        assert m.cursor_row == 0
        await pilot.press("end")
        for size in [(120, 40), (40, 12), (80, 24)]:  # a resize keeps the cursor in view
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert m.selected_ids() == ("p0", "t99") and cursor_in_view(), size


async def test_the_overview_is_as_tall_as_its_rows_and_leaves_the_rest_to_the_detail(
    tmp_path: Path,
) -> None:
    app = SummitApp(big_file(tmp_path, 4, parties=3), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        assert m.region.height == 2 + 4  # names, rule and four topics
        assert not m.show_vertical_scrollbar
        app.main_screen.apply_filter((["p0"], ["t0", "t1"]))
        await pilot.pause()
        assert m.region.height == 2 + 2


# --- nothing cut without a mark -------------------------------------------------------------


async def test_a_tall_cell_is_cut_with_a_mark_and_keeps_its_quote_status(shipped: Path) -> None:
    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await reading_view(pilot, app)
        m = matrix(app)
        await pilot.press("down")  # penalties: the US cell takes 22 lines at this width
        await pilot.pause()
        us = [cells(line)[1] for line in shown(m).splitlines() if line.count("┃") >= 2]
        assert us[0] == "SUPPORTS"
        # The quote status whole at the bottom (on one line or wrapped over two), and the
        # summary above it cut where it is cut, marked.
        status = 1 if re.fullmatch(STATUS, us[-1]) else 2
        assert re.fullmatch(STATUS, " ".join(us[-status:])), us
        assert us[-status - 1].endswith("…"), us


async def test_the_first_row_at_80x24_keeps_its_quote_status(shipped: Path) -> None:
    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        await reading_view(pilot, app)
        lines = [line for line in shown(matrix(app)).splitlines() if "┃" in line]
        us = [cells(line)[1] for line in lines]
        assert re.fullmatch(STATUS, us[-1]), us  # its status, whole
        assert us[-2].endswith("…"), us


async def test_an_overview_cell_too_narrow_for_its_summary_ends_with_a_mark(
    shipped: Path,
) -> None:
    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        first = grid_lines(matrix(app))[1]
        assert re.match(r"SUPPORTS \d✓ In the", first[1]) and first[1].endswith("…"), first
        assert first[3] == "not stated"


async def test_the_palette_switches_the_view_too(data: Path) -> None:
    from tui.app.palette import main_entries

    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        titles = {command.title: command for command in main_entries(app.main_screen)}
        assert "Full cells" in titles and "Overview" not in titles
        titles["Full cells"].run()
        await pilot.pause()
        assert matrix(app).view == "reading"
        titles = {command.title: command for command in main_entries(app.main_screen)}
        assert "Overview" in titles and "Full cells" not in titles
