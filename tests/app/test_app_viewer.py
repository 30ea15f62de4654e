"""The source viewer as the place to cite from: sentence selection, who cites it, the
uncited sentences, `y` copying an evidence item that `summit check` accepts; and the
palette's screenshot when the downloads folder is missing.

The pure parts (`tui.authoring.citing`) are tested directly; the rest through Pilot, on
tests/fixtures/app (never the shipped positions.yaml).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Static

from tests.helpers import APP_DATA, ROOT, loaded, notifications, shown, until
from tui.app.app import SummitApp
from tui.app.screens.viewer import (
    SELECTION_BAR,
    UNCITED_MARK,
    ArticleView,
    SourceViewerScreen,
)
from tui.authoring.citing import Guess, evidence_for, evidence_yaml, guess
from tui.authoring.scalars import double_quoted
from tui.evidence.quotations import Article
from tui.loader.pipeline import load_uncached
from tui.model.records import Person, Voice

HARBOUR = (APP_DATA / "articles" / "harbour-talks.txt").read_text(encoding="utf-8")
PEOPLE = {
    "ada-brisk": Person(name="Ada Brisk", role="Northland foreign minister", party="north"),
    "tomas-vell": Person(name="Tomas Vell", role="Southland envoy", party="south"),
}


def span_of(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return start, start + len(passage)


# --- tui.authoring.citing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "passage",
    [
        'He said "no" and left.',
        "a back\\slash and \\n that is not a newline",
        "tab\there, newline\nthere, CR\r, NEL\x85, ESC\x1b, NUL\x00",
        "bidi \u202e override, LS \u2028 PS \u2029, BOM \ufeff, zero width \u200b",
        "non-characters \ufffe \uffff and a surrogate \ud800",
        "  spaces kept  ",
        "# not a comment: - [not, a, list] {nor: a map} &anchor *alias !tag",
        "curly \u201cquotes\u201d and ’apostrophes’ and “« »”",
    ],
)
def test_double_quoted_loads_back_to_the_exact_passage(passage: str) -> None:
    quoted = double_quoted(passage)
    assert "\n" not in quoted
    assert yaml.safe_load(f"quote: {quoted}") == {"quote": passage}


@given(st.text())
def test_double_quoted_loads_back_to_any_text(passage: str) -> None:
    quoted = double_quoted(passage)
    assert "\n" not in quoted
    assert yaml.safe_load(f"quote: {quoted}") == {"quote": passage}


def test_double_quoted_shows_no_control_character() -> None:
    quoted = double_quoted("a\x1b[31mred\u202e\x00")
    assert quoted.isprintable()


def test_a_sentence_holding_a_whole_quotation_is_direct_with_its_named_speaker() -> None:
    article = Article(HARBOUR)
    start, end = span_of(HARBOUR, '"We want the shooting')
    end = HARBOUR.index("harbour.") + len("harbour.")
    assert guess(article, start, end, PEOPLE) == Guess(Voice.DIRECT, "ada-brisk")


def test_a_fragment_inside_a_quotation_is_direct_speaker_named_after_it() -> None:
    article = Article(HARBOUR)
    start, end = span_of(HARBOUR, "freeze a line")
    assert guess(article, start, end, PEOPLE) == Guess(Voice.DIRECT, "tomas-vell")


def test_a_passage_running_out_of_a_quotation_is_reported_by_the_speaker_named() -> None:
    # Starts inside the quotation, ends in the article's words: `check_direct` refuses it.
    article = Article(HARBOUR)
    start, end = span_of(HARBOUR, 'will not accept," said its envoy, Tomas Vell.')
    assert guess(article, start, end, PEOPLE) == Guess(Voice.REPORTED, "tomas-vell")


def test_the_article_own_words_with_no_one_named_in_the_sentence_are_article() -> None:
    # Ada Brisk is named in the sentence before: enough for a speaker, not for `reported`.
    article = Article(HARBOUR)
    start, end = span_of(HARBOUR, "The Southland delegation rejected any pause in the fighting.")
    assert guess(article, start, end, PEOPLE) == Guess(Voice.ARTICLE, None)


def test_a_person_named_in_the_sentence_without_quotation_marks_is_reported() -> None:
    text = "Talks resumed. Ada Brisk told the council that the talks would go on.\n"
    start, end = span_of(text, "Ada Brisk told the council that the talks would go on.")
    assert guess(Article(text), start, end, PEOPLE) == Guess(Voice.REPORTED, "ada-brisk")


def test_aliases_name_a_speaker_and_the_nearest_mention_wins() -> None:
    people = {
        **PEOPLE,
        "vell": Person(name="Someone Else", aliases=["the envoy"]),
    }
    text = 'Ada Brisk spoke first. The envoy replied: "Never."\n'
    start, end = span_of(text, '"Never."')
    assert guess(Article(text), start, end, people) == Guess(Voice.DIRECT, "vell")


TWO_SENTENCES = (
    "Tomas Vell spoke last.\n"
    '"When people say peace, they mean a pause. We mean an end," Tomas Vell said.\n'
)


@pytest.mark.parametrize(
    ("selected", "cited"),
    [
        # A sentence that opens a quotation running over two sentences: the lone mark goes.
        ('"When people say peace, they mean a pause.', "When people say peace, they mean a pause."),
        # The one that closes it.
        ('We mean an end,"', "We mean an end,"),
    ],
)
def test_a_lone_quotation_mark_is_left_out_and_the_rest_is_direct(
    selected: str, cited: str
) -> None:
    article = Article(TWO_SENTENCES)
    start, end = span_of(TWO_SENTENCES, selected)
    block = evidence_for("harbour", article, start, end, PEOPLE)
    assert block.splitlines() == [
        "- source: harbour",
        f"  quote: {double_quoted(cited)}",
        "  voice: direct",
        "  speaker: tomas-vell",
    ]


def test_the_issues_two_sentences_are_reported_by_trump_not_direct_by_zelenskyy() -> None:
    text = (ROOT / "seeds" / "trump-warns-putin-severe-consequences-guardian-report.txt").read_text(
        encoding="utf-8"
    )
    people = {
        "zelenskyy": Person(name="Volodymyr Zelenskyy", aliases=["Zelenskyy"], party="ukraine"),
        "trump": Person(name="Donald Trump", aliases=["Trump"], party="us"),
    }
    start = text.index("Zelenskyy and European leaders have been excluded")
    end = text.index("lead to talks with Kyiv.") + len("lead to talks with Kyiv.")
    assert guess(Article(text), start, end, people) == Guess(Voice.REPORTED, "trump")
    first = text.index("future sovereignty.") + len("future sovereignty.")
    assert guess(Article(text), start, first, people) == Guess(Voice.ARTICLE, None)


def test_a_speaker_found_only_by_context_gets_the_rulebooks_comment() -> None:
    text = (
        "Tomas Vell said the ships would wait. It rained.\n"
        "He said the talks would go on.\n"
        '"We will stay until the end."\n'
    )
    start, end = span_of(text, '"We will stay until the end."')
    found = guess(Article(text), start, end, PEOPLE)
    assert found == Guess(Voice.DIRECT, "tomas-vell", by_context=True)
    block = evidence_for("harbour", Article(text), start, end, PEOPLE)
    first, *rest = block.splitlines()
    assert first.startswith("# Attributed by context, not proximity: Tomas Vell is not named")
    assert rest[-1] == "  speaker: tomas-vell"


def test_the_block_has_source_quote_voice_and_speaker_and_no_speaker_for_article() -> None:
    block = evidence_yaml("harbour", 'a "quoted" word', Guess(Voice.DIRECT, "ada-brisk"))
    assert block.splitlines() == [
        "- source: harbour",
        '  quote: "a \\"quoted\\" word"',
        "  voice: direct",
        "  speaker: ada-brisk",
    ]
    assert yaml.safe_load(block) == [
        {"source": "harbour", "quote": 'a "quoted" word', "voice": "direct", "speaker": "ada-brisk"}
    ]
    article = evidence_yaml("league", "Trade measures.", Guess(Voice.ARTICLE, None))
    assert yaml.safe_load(article) == [
        {"source": "league", "quote": "Trade measures.", "voice": "article"}
    ]
    assert "speaker" not in article


def test_ids_yaml_would_read_as_something_else_are_quoted() -> None:
    block = evidence_yaml("no", "x", Guess(Voice.REPORTED, "on"))
    assert yaml.safe_load(block) == [
        {"source": "no", "quote": "x", "voice": "reported", "speaker": "on"}
    ]
    for number in ("2025", "0x1f", "1_000", "1.5", "1e3"):
        block = evidence_yaml(number, "x", Guess(Voice.REPORTED, number))
        assert f'"{number}"' in block
        assert yaml.safe_load(block)[0]["speaker"] == number


def test_a_direct_quote_with_no_known_speaker_says_one_is_needed() -> None:
    block = evidence_yaml("harbour", '"Yes."', Guess(Voice.DIRECT, None))
    assert "# speaker:" in block and "people:" in block
    assert yaml.safe_load(block) == [{"source": "harbour", "quote": '"Yes."', "voice": "direct"}]


# --- the viewer, opened with enter from the dashboard ---------------------------------------

ADA = '"We want the shooting to stop before anything else is discussed," the Northland'
SOUTH_REJECTS = "The Southland delegation rejected any pause in the fighting."
VELL = '"A ceasefire now would only freeze a line that history will not accept," said its envoy'


async def open_viewer(pilot: object, app: SummitApp) -> SourceViewerScreen:
    """Enter on the first cell (Northland / Ceasefire first): the harbour article."""
    await loaded(pilot, app)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, SourceViewerScreen), "the viewer")  # type: ignore[arg-type]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, SourceViewerScreen)
    return screen


def selected(screen: SourceViewerScreen) -> str:
    assert screen.selection is not None
    return screen.article.text[slice(*screen.selection)]


def status(screen: SourceViewerScreen) -> str:
    return " ".join(shown(screen.query_one("#viewer-status", Static)).split())


def marked_lines(screen: SourceViewerScreen, mark: str) -> list[str]:
    """The lines in view whose gutter shows `mark`, without it."""
    lines = shown(screen.query_one(ArticleView)).splitlines()
    return [line[2:].strip() for line in lines if line[:2].strip() == mark]


async def test_brackets_move_the_selection_by_sentence_and_braces_extend_it(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_viewer(pilot, app)
        assert selected(screen) == "We want the shooting to stop before anything else is discussed,"
        await pilot.press("right_square_bracket")
        assert selected(screen) == SOUTH_REJECTS
        await pilot.press("right_curly_bracket")
        assert selected(screen).startswith(SOUTH_REJECTS) and VELL in selected(screen)
        assert selected(screen).endswith("Tomas Vell.")
        await pilot.press("left_square_bracket")
        assert selected(screen).startswith('"We want') and selected(screen).endswith("harbour.")
        await pilot.press("left_curly_bracket")
        assert selected(screen).startswith("The two delegations arrived")
        assert selected(screen).endswith("harbour.")
        # Shown without colour: a bar beside every selected line, the text reversed.
        await pilot.pause()
        bar = marked_lines(screen, SELECTION_BAR)
        assert bar[0].startswith("The two delegations arrived")
        assert any(line.endswith("harbour.") for line in bar)
        article = screen.query_one(ArticleView)
        first = article.render_line(round(-article.scroll_y) + 2)  # line 3: the selection
        reversed_text = "".join(seg.text for seg in first if seg.style and seg.style.reverse)
        assert reversed_text.startswith("The two delegations arrived")


async def test_the_status_line_says_who_cites_the_selection(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_viewer(pilot, app)
        assert "Quote 1 of 3, cited by Northland / Ceasefire first" in status(screen)
        await pilot.press("right_square_bracket")
        assert "Not cited by any position" in status(screen)
        await pilot.press("right_curly_bracket")
        assert "Partly cited by Southland / Ceasefire first OPPOSES" in status(screen)
        assert "Tomas Vell" in status(screen)


async def test_sentences_no_position_cites_are_marked_in_the_gutter(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_viewer(pilot, app)
        uncited = " ".join(marked_lines(screen, UNCITED_MARK))
        assert uncited.startswith("Harbour talks open with warnings on both sides The two")
        assert "rather than a negotiation." in uncited
        assert SOUTH_REJECTS in uncited
        assert "We want" not in uncited and "Observers" not in uncited
        # The Southland line holds a cited quote and an uncited sentence: marked too.
        await pilot.press("n")
        assert "3 of 6 sentences no position cites" in status(screen)


async def copy_with_y(pilot: object, app: SummitApp, keys: tuple[str, ...]) -> list[str]:
    """Open the viewer, press `keys`, then `y`; what `y` copied (recorded, not sent)."""
    copied: list[str] = []
    screen = await open_viewer(pilot, app)
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    await pilot.press(*keys, "y")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(screen, SourceViewerScreen)
    return copied


async def test_y_copies_an_evidence_block_and_shows_it(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        said = notifications(app)
        copied = await copy_with_y(pilot, app, ("right_square_bracket", "right_curly_bracket"))
        passage = HARBOUR[HARBOUR.index(SOUTH_REJECTS) : HARBOUR.index("Tomas Vell.") + 11]
        # The article's own sentence, then the envoy's quotation: his words reported, not
        # direct (a direct quote may hold no sentence of narration; issue 19); indented
        # for the file (issue 21, item 6): its evidence items' dashes are at 6.
        assert copied == [
            "      - source: harbour\n"
            f"        quote: {double_quoted(passage)}\n"
            "        voice: reported\n"
            "        speaker: tomas-vell"
        ]
        assert copied[0] in said[-1]
        assert said[-1].startswith("Indented 6 spaces: paste it under a position's `evidence:`")


async def test_y_with_nothing_selected_says_so(data: Path) -> None:
    copied: list[str] = []
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        said = notifications(app)
        screen = await open_viewer(pilot, app)
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        screen.selection = None
        await pilot.press("y")
        assert copied == [] and "Nothing selected" in said[-1]


async def test_the_copied_block_pasted_as_a_new_position_passes_the_check(data: Path) -> None:
    """Done when (issue 12): `y`, paste under a new position, `summit check` accepts it."""
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        copied = await copy_with_y(pilot, app, ("right_square_bracket", "right_curly_bracket"))
    assert len(copied) == 1
    pasted = copied[0]  # indented for the file: pasted as it is
    position = (
        "  - party: south\n"
        "    topic: borders\n"
        "    stance: unclear\n"
        "    summary: Southland says history will not accept a frozen line.\n"
        "    evidence:\n" + pasted + "\n"
    )
    original = data.read_text(encoding="utf-8")
    text = original.replace("people:\n", position + "people:\n", 1)
    assert text != original
    data.write_text(text, encoding="utf-8")
    result = load_uncached(data)
    assert result.ok and not result.errors
    doc = result.records
    assert doc is not None
    index = next(
        i for i, p in enumerate(doc.positions) if (p.party, p.topic) == ("south", "borders")
    )
    assert result.verified(index, 0)  # the quote is found in the article
    evidence = doc.positions[index].evidence[0]
    assert (evidence.voice, evidence.speaker) == (Voice.REPORTED, "tomas-vell")
    # Nothing said about the pasted lines (a position may still be told it has one source).
    first = text.count("\n", 0, text.index(pasted)) + 1
    last = first + pasted.count("\n")
    assert not [d.format() for d in result.diagnostics if first <= d.line <= last]


# --- defect 7: the palette's Screenshot ------------------------------------------------------


@pytest.fixture
def no_downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home without a downloads folder; the current folder is an empty `work/`."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


async def test_screenshot_without_a_downloads_folder_goes_to_the_current_folder(
    data: Path, no_downloads: Path
) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        said = notifications(app)
        app.deliver_screenshot()  # what the palette's Screenshot entry calls
        await until(pilot, lambda: list(no_downloads.glob("*.svg")), "the screenshot")
        await until(pilot, lambda: said, "a notification")
        saved = next(no_downloads.glob("*.svg"))
        assert str(saved) in said[-1]


async def test_the_saved_screenshot_s_folder_is_shown_literally(
    tmp_path: Path, data: Path, no_downloads: Path
) -> None:
    """A folder named like markup is shown as it is, not read as a style."""
    odd = tmp_path / "[bold]shots"
    odd.mkdir()
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        said = notifications(app)
        app.action_screenshot(path=str(odd))
        await until(pilot, lambda: said, "a notification")
        saved = next(odd.glob("*.svg"))
        assert said == [f"Saved the screenshot to {saved}"]


async def test_a_screenshot_that_cannot_be_saved_says_where_and_why(
    data: Path, no_downloads: Path
) -> None:
    missing = no_downloads / "no such folder"
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        said = notifications(app)
        app.action_screenshot(path=str(missing))
        await until(pilot, lambda: said, "a notification")
        assert said == [f"Could not save the screenshot in {missing}: {os.strerror(errno.ENOENT)}"]
