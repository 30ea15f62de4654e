"""The curation loop without dead ends (issue 21): every source reachable from the
dashboard (`s`), copies that say where else they went and come indented for the file,
`e` keeping the evidence just copied, the viewer's keys as less users expect, the theme
remembered and a screenshot with a plain name.

On a private copy of tests/fixtures/app, plus an article no position cites.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import OptionList
from textual.widgets._footer import FooterKey

from tests.helpers import loaded, matrix, notifications, shown, summit, until
from tui.app.app import SummitApp, screenshot_name
from tui.app.screens.main import MainScreen
from tui.app.screens.sources import SourcesScreen
from tui.app.screens.viewer import ArticleView, SourceViewerScreen
from tui.app.widgets.footer import SummitFooter
from tui.authoring.position_template import evidence_column, position_template
from tui.loader.pipeline import load_uncached

EXTRA = (
    "Fishermen wait for the harbour talks\n"
    "Fishermen in Port Meridian said they had waited three seasons for the quota to be "
    "settled. “We cannot plan a single trip until they agree,” said Mira Holt, who leads "
    "the harbour cooperative. The cooperative said it would write to both delegations.\n"
)


THIRD_SENTENCE = ("right_square_bracket",) * 3
"""From nothing selected: the headline, the first sentence, then Mira Holt's words."""


@pytest.fixture
def project(data: Path) -> Path:
    """The app fixture with a third source that no position cites."""
    (data.parent / "articles" / "extra.txt").write_text(EXTRA, encoding="utf-8")
    text = data.read_text(encoding="utf-8").replace(
        "parties:\n",
        "  extra:\n"
        "    outlet: Port Meridian Post\n"
        "    title: Fishermen wait for the harbour talks\n"
        "    published: 2025-03-02\n"
        "    published_basis: inferred\n"
        "    file: articles/extra.txt\n"
        "    note: The text has no date; it reports the eve of the talks.\n"
        "parties:\n",
        1,
    )
    text = text.replace(
        "people:\n", "people:\n  holt: {name: Mira Holt, role: cooperative leader}\n", 1
    )
    data.write_text(text, encoding="utf-8")
    assert load_uncached(data).ok
    return data


def copy_file(user_folders: tuple[Path, Path]) -> Path:
    return user_folders[0] / "summit-positions" / "last-copy.txt"


async def open_sources(pilot: object, app: SummitApp) -> SourcesScreen:
    await loaded(pilot, app)  # type: ignore[arg-type]
    await pilot.press("s")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, SourcesScreen), "the sources")  # type: ignore[arg-type]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, SourcesScreen)
    return screen


async def open_extra(pilot: object, app: SummitApp) -> SourceViewerScreen:
    """`s`, down twice to the uncited source, `enter`."""
    screen = await open_sources(pilot, app)
    await pilot.press("down", "down")  # type: ignore[attr-defined]
    assert screen.selected == "extra"
    await pilot.press("enter")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, SourceViewerScreen), "the viewer")  # type: ignore[arg-type]
    await pilot.pause()  # type: ignore[attr-defined]
    viewer = app.screen
    assert isinstance(viewer, SourceViewerScreen)
    return viewer


# --- item 1: every source reachable -------------------------------------------------------


async def test_s_lists_every_source_cited_or_not_with_its_figures(project: Path) -> None:
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sources(pilot, app)
        text = " ".join(shown(screen.query_one(OptionList)).split())
        assert (
            "Meridian Daily “Harbour talks open with warnings on both sides” 2025-03-01 (stated)"
            in text
        )
        assert "harbour · cited by 3 positions · " in text
        assert (
            "Eastern League “Statement of the Eastern League council” 2025-02-28 (stated)" in text
        )
        assert (
            "Port Meridian Post “Fishermen wait for the harbour talks” 2025-03-02 (inferred)"
            in (text)
        )
        assert "extra · cited by no position · 0 of 4 sentences cited (0% of its text)" in text
        heading = " ".join(shown(screen.query_one("#sources-heading")).split())
        assert heading.startswith("3 sources, 1 cited by no position")
        footer = {key.key: key.description for key in screen.query(FooterKey)}
        assert footer["enter"] == "Open" and footer["escape"] == "Back"


async def test_an_uncited_source_opens_and_its_sentence_is_copied_as_evidence(
    project: Path, user_folders: tuple[Path, Path]
) -> None:
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        said = notifications(app)
        viewer = await open_extra(pilot, app)
        assert viewer.source_id == "extra" and viewer.selection is None
        status = " ".join(shown(viewer.query_one("#viewer-status")).split())
        assert "No position cites this article yet" in status
        await pilot.press(*THIRD_SENTENCE, "y")
        await pilot.pause()
        block = (
            "      - source: extra\n"
            '        quote: "“We cannot plan a single trip until they agree,” said Mira Holt, '
            'who leads the harbour cooperative."\n'
            "        voice: direct\n"
            "        speaker: holt"
        )
        assert app.clipboard == block
        assert block in said[-1]
        # The second route: the same text in the copy file, which the notification names.
        assert copy_file(user_folders).read_text(encoding="utf-8") == block
        assert f"Also saved to {copy_file(user_folders)}" in said[-1]


async def test_enter_on_an_empty_cell_points_at_the_sources_list(project: Path) -> None:
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        said = notifications(app)
        await pilot.press("right", "down", "down", "enter")
        assert matrix(app).selected_ids() == ("south", "sanctions")
        assert said[-1].startswith("No position here. s lists every source")


async def test_the_palette_has_the_sources_list(project: Path) -> None:
    from tui.app.palette import main_entries

    app = SummitApp(project, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        entries = {entry.title: entry for entry in main_entries(app.main_screen)}
        entries["Sources"].run()
        await until(pilot, lambda: isinstance(app.screen, SourcesScreen), "the sources")


async def test_c_in_the_viewer_copies_the_selection_as_a_citation(
    project: Path, user_folders: tuple[Path, Path]
) -> None:
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        said = notifications(app)
        await open_extra(pilot, app)
        await pilot.press(*THIRD_SENTENCE, "c")
        await pilot.pause()
        expected = (
            "““We cannot plan a single trip until they agree,” said Mira Holt, who leads the "
            "harbour cooperative.” — Mira Holt, cooperative leader, Port Meridian Post, "
            "“Fishermen wait for the harbour talks”, 2025-03-02 (inferred)"
        )
        assert app.clipboard == expected
        assert said[-1].startswith(expected)
        assert copy_file(user_folders).read_text(encoding="utf-8") == expected


# --- items 4 and 6: e keeps the evidence just copied; copies indented for the file -----------


async def test_e_on_an_empty_cell_holds_the_evidence_copied_last(
    project: Path, editor: Path, handover: list[str]
) -> None:
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        said = notifications(app)
        await open_extra(pilot, app)
        await pilot.press(*THIRD_SENTENCE, "y")
        copied = app.clipboard
        await pilot.press("escape", "escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await pilot.press("right", "down", "down")
        assert matrix(app).selected_ids() == ("south", "sanctions")
        await pilot.press("e")
        await until(pilot, editor.exists, "the editor to run")
        template = app.clipboard
        # The template's head, then the evidence just copied (the file's column, 6).
        head = position_template("south", "sanctions", 2).split("      - source")[0]
        assert template == head + copied + "\n"
        assert "with the evidence you copied last (from extra)" in said[-1]
    # Pasted where the editor opened, with a stance and a summary: a valid position.
    assert "speaker: holt" in template
    line = json.loads(editor.read_text())[0].lstrip("+")
    lines = project.read_text(encoding="utf-8").splitlines()
    filled = template.replace("stance: unclear", "stance: opposes").replace(
        "summary: ...", "summary: The harbour cooperative cannot plan until the sides agree."
    )
    at = int(line) - 1
    text = "\n".join([*lines[:at], filled.rstrip("\n"), *lines[at:]]) + "\n"
    project.write_text(text, encoding="utf-8")
    result = load_uncached(project)
    assert result.ok, [d.format() for d in result.errors]
    assert result.records is not None
    last = result.records.positions[-1]
    assert (last.party, last.topic, last.evidence[0].source) == ("south", "sanctions", "extra")
    assert result.verified(len(result.records.positions) - 1, 0)


def test_the_evidence_column_is_the_file_s_own() -> None:
    six = "positions:\n  - party: a\n    evidence:\n      - source: x\n"
    four = "positions:\n- party: a\n  evidence:\n    - {source: x, quote: q}\n"
    none = "positions: []\n"
    assert evidence_column(six, [2]) == 6
    assert evidence_column(four, [2]) == 4
    assert evidence_column(none, []) == 6


# --- item 5: the command line prints the same blocks ----------------------------------------


async def test_summit_evidence_and_cite_print_what_y_and_c_copy(
    project: Path, tmp_path: Path
) -> None:
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_extra(pilot, app)
        await pilot.press(*THIRD_SENTENCE, "y")
        copied_evidence = app.clipboard
        await pilot.press("c")
        copied_citation = app.clipboard
    words = "We cannot plan a single trip until they agree,\u201d said Mira Holt"
    sentence = "\u201c" + words + ", who leads the harbour cooperative."
    evidence = summit("evidence", "extra", sentence, str(project), cwd=tmp_path)
    assert evidence.returncode == 0, evidence.stderr
    assert evidence.stdout == copied_evidence + "\n"
    cite = summit("cite", "extra", sentence, str(project), cwd=tmp_path)
    assert cite.returncode == 0, cite.stderr
    assert cite.stdout == copied_citation + "\n"
    # Typography forgiven, as for quotes; words that are not there name the closest passage.
    straight = summit(
        "cite",
        "extra",
        sentence.replace("\u201c", '"').replace("\u201d", '"'),
        str(project),
        cwd=tmp_path,
    )
    assert straight.stdout == copied_citation + "\n"
    missing = summit("evidence", "extra", "We can plan a single trip", str(project), cwd=tmp_path)
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr.startswith("summit evidence: 'We can plan a single trip' is not in")
    assert "closest passage: " in missing.stderr
    unknown = summit("cite", "extar", "x", str(project), cwd=tmp_path)
    assert unknown.returncode == 2
    assert "no source 'extar'; did you mean 'extra'?" in unknown.stderr


async def test_a_copy_file_that_cannot_be_written_is_said_and_the_copy_still_made(
    project: Path, user_folders: tuple[Path, Path]
) -> None:
    blocker = user_folders[0] / "summit-positions"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        said = notifications(app)
        await loaded(pilot, app)
        await pilot.press("c")
        assert app.clipboard.startswith("“We want the shooting")
        assert f"Could not also save it to {blocker / 'last-copy.txt'}: " in said[-1]


# --- item 10: the viewer's keys ----------------------------------------------------------------


async def test_j_k_and_space_scroll_the_article_and_q_closes_the_viewer(project: Path) -> None:
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(80, 12)) as pilot:
        await loaded(pilot, app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SourceViewerScreen), "the viewer")
        article = app.screen.query_one(ArticleView)
        article.scroll_home(animate=False)
        await pilot.pause()
        assert article.scroll_y == 0 and article.max_scroll_y > 3
        await pilot.press("j")
        await until(pilot, lambda: article.scroll_y == 1, "j")
        await pilot.press("j", "k")
        await until(pilot, lambda: article.scroll_y == 1, "k")
        await pilot.press("space")
        await until(pilot, lambda: article.scroll_y > 2, "space")
        await pilot.press("b")
        await until(pilot, lambda: article.scroll_y == 0, "b")
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "back on the main screen")
        assert app.is_running
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SourcesScreen), "the sources")
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "back again")
        assert app.is_running


@pytest.mark.parametrize("width", [80, 120])
async def test_the_viewer_footer_shows_the_copy_keys_whole(project: Path, width: int) -> None:
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(width, 30)) as pilot:
        await loaded(pilot, app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SourceViewerScreen), "the viewer")
        await pilot.pause()
        footer = app.screen.query_one(SummitFooter)
        keys = {key.key: key for key in footer.query(FooterKey)}
        for key, words in (("y", "Copy evidence"), ("c", "Copy citation")):
            assert keys[key].description == words
            region = keys[key].region
            assert region.width > 0 and region.right <= footer.region.right, (key, region)


# --- item 11: the theme remembered, a screenshot with a plain name ---------------------------


async def test_the_theme_chosen_is_the_next_run_s(
    project: Path, user_folders: tuple[Path, Path]
) -> None:
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        assert app.theme != "nord"
        app.theme = "nord"
        settings = user_folders[1] / "summit-positions" / "settings.json"
        await until(pilot, settings.exists, "the settings file")
    assert json.loads(settings.read_text(encoding="utf-8")) == {"theme": "nord"}
    again = SummitApp(project, watch=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, again)
        assert again.theme == "nord"


async def test_an_unknown_or_broken_saved_theme_is_ignored(
    project: Path, user_folders: tuple[Path, Path]
) -> None:
    default = SummitApp(project, watch=False).theme
    settings = user_folders[1] / "summit-positions" / "settings.json"
    settings.parent.mkdir(parents=True)
    for content in ('{"theme": "no-such-theme"}', "{broken", "[1, 2]", '{"theme": 3}'):
        settings.write_text(content, encoding="utf-8")
        app = SummitApp(project, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot, app)
            assert app.theme == default, content


async def test_a_screenshot_gets_a_plain_ascii_name_and_says_where(
    project: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "shots"
    folder.mkdir()
    text = project.read_text(encoding="utf-8").replace("Harbour summit", "Trump–Putin summit")
    project.write_text(text, encoding="utf-8")
    app = SummitApp(project, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        assert "–" in app.title
        said = notifications(app)
        app.deliver_screenshot(path=str(folder))
        await until(pilot, lambda: said, "a notification")
        [saved] = folder.glob("*.svg")
        assert re.fullmatch(r"summit-screenshot-\d{8}-\d{6}\.svg", saved.name)
        assert said == [f"Saved the screenshot to {saved}"]


def test_two_screenshots_in_one_second_get_two_names(tmp_path: Path) -> None:
    now = datetime(2025, 8, 15, 9, 30, 0)
    first = screenshot_name(tmp_path, now)
    (tmp_path / first).write_text("", encoding="utf-8")
    assert first == "summit-screenshot-20250815-093000.svg"
    assert screenshot_name(tmp_path, now) == "summit-screenshot-20250815-093000-2.svg"
