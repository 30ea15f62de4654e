"""Pilot tests of attribution in the dashboard: who speaks under each quote in the detail
pane, the basis mark in a cell, the legend on the help screen, the speaker in the source
viewer, an inferred date, and search by a person's name or alias."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.helpers import detail_text, loaded, matrix, reading_view, shown, until
from tui.app.app import SummitApp
from tui.app.screens.help import HelpScreen
from tui.app.screens.viewer import SourceViewerScreen
from tui.loader.pipeline import load_uncached

ARTICLE = (
    "Foreign ministry spokesperson Alexei Fadeyev said Moscow wants a settlement first.\n"
    "Kyiv, he added, must accept the terms.\n"
    "The talks ended without a date.\n"
)

POSITIONS = """\
summit: {title: Attribution, location: Here, date: 2025-08-15, as_of: 2025-08-13,
  date_basis: stated, as_of_basis: stated}
sources:
  art:
    outlet: Wire
    title: Talks
    published: 2025-08-13
    published_basis: inferred
    note: Dated from the wire's archive index.
    file: article.txt
parties:
  ru: {name: Russia, short: RU}
  ua: {name: Ukraine, short: UA}
topics:
  settlement: {title: Settlement first, question: Should a settlement come first?}
people:
  fadeyev:
    name: Alexei Fadeyev
    role: foreign ministry spokesperson
    party: ru
    aliases: [Fedeyev]
positions:
  - party: ru
    topic: settlement
    stance: supports
    summary: Moscow wants a settlement before anything else.
    evidence:
      - {source: art, quote: "Moscow wants a settlement first", voice: reported, speaker: fadeyev}
  - party: ua
    topic: settlement
    stance: unclear
    summary: Only Moscow speaks for Kyiv here.
    evidence:
      - {source: art, quote: "must accept the terms", voice: reported, speaker: fadeyev}
      - {source: art, quote: "The talks ended without a date.", voice: article}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "positions.yaml"
    path.write_text(POSITIONS, encoding="utf-8")
    result = load_uncached(path)
    assert result.ok, [d.format() for d in result.diagnostics]
    return path


async def test_detail_says_who_speaks_and_how(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        assert matrix(app).selected_ids() == ("ru", "settlement")
        text = detail_text(app)
        assert "reported: Alexei Fadeyev, foreign ministry spokesperson" in text
        assert "2025-08-13 (inferred)" in text
        await pilot.press("right")
        await until(pilot, lambda: "Only Moscow" in detail_text(app), "the Ukraine cell")
        text = detail_text(app)
        assert "reported: Alexei Fadeyev, foreign ministry spokesperson" in text
        assert "the article's account" in text
        assert "! others' account: no speaker of the party itself" in text


async def test_a_cell_resting_on_others_is_marked_in_the_matrix(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        grid = matrix(app).grid
        assert grid is not None
        assert [grid.basis(i) for i in range(2)] == ["own", "others"]
        drawn = shown(matrix(app))  # the overview: its mark in two cells
        assert drawn.count("!o") == 1 and "UNCLEAR 2✓!o" in drawn
        assert "!r" not in drawn
        await reading_view(pilot, app)
        drawn = shown(matrix(app))
        assert drawn.count("! others' account") == 1
        assert "! reporter's account" not in drawn


async def test_search_finds_a_speaker_by_alias_and_role(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        # "Fedeyev" is only an alias under `people`: in no quote, summary or id.
        await pilot.press("slash", *"fedeyev")
        assert m.rows == ["settlement"] and m.matches == {0, 1}
        await pilot.press("ctrl+a", "ctrl+k", *"ministry spokes")
        assert m.matches == {0, 1}
        await pilot.press("ctrl+a", "ctrl+k", *"nobody")
        assert m.rows == []


async def test_help_shows_the_legend(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        await pilot.pause()
        legend = str(app.screen.query_one("#help-legend", Static).render())
        assert "! others' account: no speaker of the party itself" in legend
        assert "! reporter's account: no speaker at all" in legend
        assert "not stated in the sources: no position recorded" in legend


async def test_viewer_shows_the_inferred_date_and_who_speaks(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SourceViewerScreen), "the viewer")
        await pilot.pause()
        header = str(app.screen.query_one("#viewer-header", Static).render())
        assert "2025-08-13 (inferred)" in header
        status = str(app.screen.query_one("#viewer-status", Static).render())
        assert "reported: Alexei Fadeyev, foreign ministry spokesperson" in status
        assert "cited by Russia / Settlement first" in status
        await pilot.press("n", "n")  # the article's own words, cited by Ukraine
        status = str(app.screen.query_one("#viewer-status", Static).render())
        assert "the article's account" in status and "Ukraine / Settlement first" in status
