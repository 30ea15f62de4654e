"""The detail pane as a workbench: choosing a quote and opening its article, citing it,
starting a new position from an empty cell, the errors panel from the keyboard, and
the bundled demo copy that is shown but never edited.

Pilot tests run on private copies (tests/fixtures/app, or the shipped file and its seeds);
the pure parts (citation, template, where it goes) have unit tests below them.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Static

import tui.loader.files
from tests.helpers import APP_DATA, detail_text, loaded, matrix, notifications, shown, until
from tui.app.app import SummitApp
from tui.app.palette import main_entries
from tui.app.widgets.detail import Detail
from tui.app.widgets.errors import ErrorPanel
from tui.authoring.position_template import dash_column, position_template, positions_end_line
from tui.loader.files import default_path, is_bundled
from tui.loader.pipeline import load_uncached
from tui.model.records import DateBasis, Voice
from tui.report.render import citation


def in_view(scroll: VerticalScroll, body: Static) -> str:
    """The lines of `body` that `scroll` shows now (what the user sees in the pane)."""
    height = scroll.scrollable_content_region.height
    top = round(scroll.scroll_y)
    region = Region(0, top, body.region.width, height)
    return "\n".join(strip.text for strip in body.render_lines(region))


def detail_in_view(detail: Detail) -> str:
    """The lines the detail pane shows now (what the user sees in it)."""
    height = detail.scrollable_content_region.height
    return "\n".join(detail.render_line(y).text for y in range(height))


# --- defect 1: enter opens the selected quote's article ----------------------------------


async def test_the_header_marks_the_summits_inferred_dates(shipped: Path) -> None:
    """Neither article dates the summit: the header says so, as for a source (issue 19)."""
    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(240, 40)) as pilot:  # room for the whole title
        await loaded(pilot, app)
        header = shown(app.main_screen.query_one("#header-title"))
        assert "2025-08-15 (inferred) · as of 2025-08-13 (inferred)" in header


async def test_enter_opens_the_article_of_the_selected_quote(shipped: Path) -> None:
    """United States / Penalties: the third quote is from the other article."""
    from tui.app.screens.viewer import ArticleView, SourceViewerScreen

    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("down")
        assert matrix(app).selected_ids() == ("us", "sanctions")
        position = matrix(app).selected_position()
        assert position is not None
        doc = app.main_screen.grid.doc  # type: ignore[union-attr]
        evidence = doc.positions[position].evidence
        assert evidence[0].source != evidence[2].source
        assert "▶ Quote 1 of 7" in detail_text(app)
        await pilot.press("full_stop", "full_stop")
        text = detail_text(app)
        assert "▶ Quote 3 of 7" in text and "  Quote 1 of 7" in text
        assert "▶ Quote 1 of 7" not in text
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SourceViewerScreen), "the viewer")
        viewer = app.screen
        assert isinstance(viewer, SourceViewerScreen)
        assert viewer.source_id == evidence[2].source
        assert viewer.current is not None
        wanted = app.main_screen.result.span(position, 2)  # type: ignore[union-attr]
        chosen = viewer.passages[viewer.current]
        assert (chosen.start, chosen.end) == wanted
        article = viewer.query_one(ArticleView)
        await until(pilot, lambda: article.line_count > 0, "the article laid out")
        line = article.passage_line(viewer.current)
        top = round(article.scroll_y)
        assert top <= line < top + article.scrollable_content_region.height
        assert article.current == viewer.current


async def test_quote_keys_wrap_and_moving_the_cursor_resets_them(shipped: Path) -> None:
    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("down", "comma")
        assert "▶ Quote 7 of 7" in detail_text(app)  # back from the first: the last
        await pilot.press("full_stop")
        assert "▶ Quote 1 of 7" in detail_text(app)
        await pilot.press("full_stop", "right", "left")
        assert matrix(app).selected_ids() == ("us", "sanctions")
        assert "▶ Quote 1 of 7" in detail_text(app)


async def test_the_selected_quote_is_scrolled_into_the_detail_pane(shipped: Path) -> None:
    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("down", "comma")
        detail = app.main_screen.detail
        await until(pilot, lambda: "▶ Quote 7 of 7" in detail_in_view(detail), "the last quote")
        assert detail.scroll_y > 0
        await pilot.press("full_stop")  # wraps to the first, near the top
        await until(pilot, lambda: "▶ Quote 1 of 7" in detail_in_view(detail), "the first quote")


async def test_quote_keys_are_in_the_help_and_the_palette(data: Path) -> None:
    from tui.app.screens.help import HelpScreen

    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        titles = {command.title for command in main_entries(app.main_screen)}
        assert "Copy citation" in titles and "Next quote" not in titles  # one quote here
        await pilot.press("right", "right", "down", "down")  # league / sanctions: two
        titles = {command.title for command in main_entries(app.main_screen)}
        assert {"Next quote", "Previous quote", "Copy citation"} <= titles
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        rows = {
            description: keys
            for group in app.screen.groups  # type: ignore[attr-defined]
            for (_, description), keys in group.rows.items()
        }
        assert rows["Next quote"] == ["."]
        assert rows["Previous quote"] == [","]
        assert rows["Copy citation"] == ["c"]


async def test_one_quote_has_no_selection_marks(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        assert "Quote 1 of 1" not in detail_text(app)
        await pilot.press("right", "right", "down", "down", "full_stop")
        assert "▶ Quote 2 of 2" in detail_text(app)
        assert "Trade measures remain on the table." in detail_text(app)


# --- c: a citation to paste ---------------------------------------------------------------


async def test_c_copies_the_selected_quote_as_a_citation(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        messages = notifications(app)
        await pilot.press("c")
        expected = (
            "“We want the shooting to stop before anything else is discussed,” — Ada Brisk, "
            "Northland foreign minister (reported), Meridian Daily, "
            "“Harbour talks open with warnings on both sides”, 2025-03-01"
        )
        assert app.clipboard == expected
        assert messages[-1].startswith(expected + "\nAlso saved to ")
        await pilot.press("right", "right", "down", "down", "full_stop", "c")
        assert app.clipboard == (
            "“Trade measures remain on the table.” — Eastern League, "
            "“Statement of the Eastern League council”, 2025-02-28"
        )
        await pilot.press("left")  # south / sanctions: no position
        await pilot.press("c")
        assert messages[-1] == "No position here: no quote to cite."


def test_citation_words(write_file: Callable[..., Path]) -> None:
    result = load_uncached(write_file())
    doc = result.records
    assert doc is not None
    reported, direct = doc.positions[0].evidence[0], doc.positions[1].evidence[0]
    assert citation(direct, doc) == (
        "“We will not give up an inch.” — The minister, Test Outlet, “A test article”, 2025-08-13"
    )
    assert citation(reported, doc) == (
        "“Talks could resume - but only after a ceasefire ... officials said.” — officials, "
        "unnamed officials (reported), Test Outlet, “A test article”, 2025-08-13"
    )
    article = replace(direct, voice=Voice.ARTICLE, speaker=None)
    assert citation(article, doc).startswith("“We will not give up an inch.” — Test Outlet, ")
    doc.sources["art"] = replace(
        doc.sources["art"],
        published_basis=DateBasis.INFERRED,
        note="From the dateline.",
        url="https://example.org/a",
        title="Two\nlines \x1b[31m",
    )
    text = citation(replace(direct, quote="We will\n   not give up."), doc)
    assert text == (
        "“We will not give up.” — The minister, Test Outlet, “Two lines \\e[31m”, "
        "2025-08-13 (inferred), https://example.org/a"
    )
    # A quote cut from a quotation over two sentences keeps a lone mark at one end: the
    # citation leaves it out rather than read “"When people say …” (issue 19).
    for quote in ('"When people say peace, they mean a pause.', 'We mean an end."'):
        cited = citation(replace(direct, quote=quote), doc)
        assert cited.startswith(f"“{quote.strip(chr(34))}” — "), cited
    whole = citation(replace(direct, quote='"Yes," he said.'), doc)
    assert whole.startswith('“"Yes," he said.” — ')


# --- e on an empty cell: a template, and the end of the list ------------------------------


async def test_e_on_an_empty_cell_opens_the_end_of_the_list_with_a_template(
    data: Path, editor: Path, handover: list[str]
) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        messages = notifications(app)
        await pilot.press("right", "down", "down")
        assert matrix(app).selected_ids() == ("south", "sanctions")
        await pilot.press("e")
        await until(pilot, editor.exists, "the editor to run")
        lines = data.read_text(encoding="utf-8").splitlines()
        after_last = lines.index("people:") + 1  # the last position ends just above it
        assert json.loads(editor.read_text()) == [f"+{after_last}", str(data)]
        template = position_template("south", "sanctions", 2)
        assert app.clipboard == template
        assert any(template.rstrip() in message for message in messages)
    # Pasted there and filled in, it is a valid position for that cell.
    filled = (
        template.replace("source: ...", "source: harbour")
        .replace('quote: "..."', 'quote: "if talks collapse through the fault of one side"')
        .replace("voice: direct", "voice: article")
        .replace("      speaker: ...\n", "")
    )
    data.write_text(
        "\n".join([*lines[: after_last - 1], filled.rstrip("\n"), *lines[after_last - 1 :]]),
        encoding="utf-8",
    )
    result = load_uncached(data)
    assert result.ok, [d.format() for d in result.errors]
    assert result.records is not None
    assert (result.records.positions[-1].party, result.records.positions[-1].topic) == (
        "south",
        "sanctions",
    )


async def test_e_on_a_position_still_opens_that_position(
    data: Path, editor: Path, handover: list[str]
) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("e")
        await until(pilot, editor.exists, "the editor to run")
        line = app.main_screen.grid.line(0)  # type: ignore[union-attr]
        assert json.loads(editor.read_text()) == [f"+{line}", str(data)]
        assert app.clipboard == ""


def test_positions_end_line() -> None:
    text = (
        "topics: {}\n"  # 1
        "positions:\n"  # 2
        "  # --- first ---\n"  # 3
        "  - party: a\n"  # 4
        "    summary: >-\n"  # 5
        "      folded\n"  # 6
        "\n"  # 7
        "      on\n"  # 8
        "  # --- a heading for what comes next ---\n"  # 9
        "people: {}\n"  # 10
    )
    assert positions_end_line(text, [4]) == 9
    assert positions_end_line(text.replace("\n", "\r\n"), [4]) == 9
    assert positions_end_line("a: 1\npositions: []\n", []) == 2
    assert positions_end_line("positions:\n- party: a\n  topic: b", [2]) == 4
    assert positions_end_line("no such key\n", []) == 1


def test_template_fits_the_files_indentation() -> None:
    assert dash_column("positions:\n    - party: a\n", [2]) == 4
    assert dash_column("positions:\n- party: a\n", [2]) == 0
    assert dash_column("positions: []\n", []) == 2
    assert position_template("us", "ceasefire", 0).splitlines() == [
        "- party: us",
        "  topic: ceasefire",
        "  stance: unclear",
        "  summary: ...",
        "  evidence:",
        "    - source: ...",
        '      quote: "..."',
        "      voice: direct",
        "      speaker: ...",
    ]


# --- defect 5: the errors panel from the keyboard -----------------------------------------


def many_errors(data: Path, count: int = 15) -> Path:
    """The fixture with `count` positions of unknown parties: one error each."""
    extra = "".join(
        f"  - party: nobody{i}\n    topic: borders\n    stance: supports\n    summary: S.\n"
        "    evidence:\n      - {source: league, voice: article, quote: Trade measures}\n"
        for i in range(count)
    )
    text = data.read_text(encoding="utf-8").replace("people:\n", extra + "people:\n")
    data.write_text(text, encoding="utf-8")
    return data


async def test_tab_reaches_the_errors_panel_and_keys_scroll_it(data: Path) -> None:
    app = SummitApp(many_errors(data), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        panel = app.main_screen.query_one(ErrorPanel)
        assert len(panel.lines) >= 15 and panel.display
        await until(pilot, lambda: panel.max_scroll_y > 0, "more errors than the panel shows")
        for _ in range(4):
            if app.focused is panel:
                break
            await pilot.press("tab")
        assert app.focused is panel
        await pilot.press("down")
        await until(pilot, lambda: panel.scroll_y == 1, "one line down")
        await pilot.press("end")
        await until(pilot, lambda: panel.scroll_y == panel.max_scroll_y, "the last error")
        body = panel.query_one("#errors-body", Static)
        assert "nobody14" in in_view(panel, body)
        assert "nobody0" not in in_view(panel, body)
        await pilot.press("home")
        await until(pilot, lambda: panel.scroll_y == 0, "back to the first")


# --- defect 6: the bundled demo copy -------------------------------------------------------


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for the installed package's data folder; returns its positions.yaml."""
    folder = tmp_path / "site-packages" / "tui" / "data"
    shutil.copytree(APP_DATA, folder)
    monkeypatch.setattr(tui.loader.files, "BUNDLED", folder)
    return folder / "positions.yaml"


def test_bundled_is_detected_by_the_resolved_path(bundled: Path, tmp_path: Path) -> None:
    assert is_bundled(bundled)
    assert is_bundled(bundled.parent / "articles" / ".." / "positions.yaml")
    link = tmp_path / "link.yaml"
    link.symlink_to(bundled)
    assert is_bundled(link)
    copy = tmp_path / "mine.yaml"
    shutil.copy(bundled, copy)
    assert not is_bundled(copy)
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    assert default_path(empty) == bundled  # no ./positions.yaml: the bundled copy
    assert is_bundled(default_path(empty))


async def test_the_bundled_copy_says_so_and_refuses_e(
    bundled: Path, editor: Path, handover: list[str]
) -> None:
    app = SummitApp(bundled, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        note = app.main_screen.query_one("#bundled", Static)
        assert note.display
        assert "bundled demo copy — run `summit init` to start your own" in shown(note)
        messages = notifications(app)
        await pilot.press("e")
        await pilot.pause()
        assert not editor.exists() and handover == []
        assert len(messages) == 1 and "summit init" in messages[0]


async def test_a_project_file_has_no_bundled_note(data: Path, bundled: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        assert not app.main_screen.query_one("#bundled", Static).display


async def test_focus_leaves_the_errors_panel_when_the_errors_are_fixed(data: Path) -> None:
    good = data.read_text(encoding="utf-8")
    app = SummitApp(many_errors(data), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        panel = app.main_screen.query_one(ErrorPanel)
        panel.focus()
        await pilot.pause()
        assert app.focused is panel
        data.write_text(good, encoding="utf-8")
        await pilot.press("r")
        await loaded(pilot, app, 2)
        assert not panel.display
        assert app.focused is matrix(app)
        await pilot.press("right")
        assert matrix(app).selected_ids() == ("south", "ceasefire")


@pytest.mark.parametrize("project", ["init", "app-data"])
def test_the_new_position_pasted_as_told_loads(tmp_path: Path, project: str) -> None:
    """The template and its place: pasted where (and how) the notification says, and
    filled in, the file loads. Under `summit init`'s `positions: []` the text replaces
    that line, since an item cannot go under a flow list."""
    from tui.authoring.position_template import new_position
    from tui.cli import main

    if project == "init":
        assert main(["init", str(tmp_path / "p")]) == 0
        folder = tmp_path / "p"
    else:
        folder = tmp_path / "p"
        shutil.copytree(APP_DATA, folder)
    path = folder / "positions.yaml"
    before = load_uncached(path)
    assert before.records is not None
    taken = {(p.party, p.topic) for p in before.records.positions}
    party, topic = next(
        (p, t) for t in before.records.topics for p in before.records.parties if (p, t) not in taken
    )
    text = path.read_text(encoding="utf-8")
    line, template, how = new_position(text, list(before.position_lines), party, topic)
    lines = text.split("\n")
    if how.startswith("replace"):
        assert lines[line - 1].strip().startswith("positions: []")
        lines[line - 1 : line] = template.rstrip("\n").split("\n")
    else:
        lines[line - 1 : line - 1] = template.rstrip("\n").split("\n")
    pasted = "\n".join(lines)
    # Filled in as a curator would: the source's id, a quote of its text, no speaker.
    source = next(iter(before.records.sources), None)
    if source is None:
        (folder / "seeds" / "a.txt").write_text("Officials said talks would resume.\n")
        pasted = pasted.replace(
            "sources: {}",
            "sources:\n  a: {outlet: O, title: T, published: 2025-08-13, "
            "published_basis: stated, file: seeds/a.txt}",
        )
        source, quote = "a", "Officials said talks would resume."
    else:
        article = before.text_of(source)
        assert article is not None
        quote = article.text.split("\n")[0].strip()
    filled = (
        pasted.replace("summary: ...", "summary: Filled in.")
        .replace("source: ...", f"source: {source}", 1)
        .replace('quote: "..."', "quote: " + json.dumps(quote), 1)
        .replace("voice: direct\n", "voice: article\n", 1)
    )
    filled = re.sub(r"\n *speaker: \.\.\.", "", filled, count=1)
    path.write_text(filled, encoding="utf-8")
    after = load_uncached(path)
    assert after.errors == [], [d.format() for d in after.errors]
    assert any(p.party == party and p.topic == topic for p in after.records.positions)
