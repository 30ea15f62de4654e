"""Pilot tests of the dashboard: navigation, detail, search, filters, the editor jump,
live reload, narrow terminals and hostile data.

Every test runs on a private copy of tests/fixtures/app (never the shipped file), and waits
for what it expects with a deadline instead of sleeping.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.helpers import (
    big_file,
    cells,
    detail_text,
    fake_editor,
    loaded,
    matrix,
    notifications,
    reading_view,
    shown,
    until,
)
from tui.app.app import SummitApp
from tui.app.editor import editor_argv
from tui.app.palette import MainPalette, main_entries
from tui.app.screens.main import MainScreen
from tui.app.watch import FileWatcher, signature
from tui.app.widgets.errors import ErrorPanel
from tui.app.widgets.matrix import Matrix
from tui.loader.pipeline import load_uncached
from tui.safe import quoted


def main(app: SummitApp) -> MainScreen:
    return app.main_screen


def errors(app: SummitApp) -> ErrorPanel:
    return app.main_screen.errors


def rewrite(path: Path, old: str, new: str) -> None:
    """Change the file the way a simple tool would: in place."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- the main screen ------------------------------------------------------------------


async def test_matrix_shows_parties_topics_and_cells(data: Path) -> None:
    app = SummitApp(data, "positions.yaml", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        assert m.view == "overview"  # the first screen
        assert m.parties == ["north", "south", "league"]
        assert m.rows == ["ceasefire", "borders", "sanctions"]
        lines = shown(m).splitlines()
        assert cells(lines[0]) == ["3 topics", "Northland", "Southland", "Eastern League"]
        # One line per topic: stance, quote count (✓: all verified), as much summary as fits.
        ceasefire, borders, sanctions = (cells(line) for line in lines[2:5])
        assert ceasefire[0] == "Ceasefire first"
        assert ceasefire[1].startswith("SUPPORTS 1✓ Northland wants")
        assert ceasefire[2].startswith("OPPOSES 1✓ Southland rejects")
        assert borders[:2] == ["Borders", "not stated"]  # north / borders is empty
        assert sanctions[3].startswith("CONDITIONAL 2✓!r The League would")
        header = shown(app.main_screen.query_one("#header-title"))
        assert "Harbour summit · Port Meridian · 2025-03-03 · as of 2025-03-01" in header
        assert not errors(app).display
        await reading_view(pilot, app)
        text = shown(m)
        for word in ("Northland", "Southland", "Eastern League", "Ceasefire first", "Borders"):
            assert word in text
        assert "SUPPORTS" in text and "OPPOSES" in text and "CONDITIONAL" in text
        assert "1 quote, all verified" in text
        assert "not stated in the" in text


async def test_cursor_moves_with_arrows_and_hjkl(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        assert m.selected_ids() == ("north", "ceasefire")
        await pilot.press("down")
        assert m.selected_ids() == ("north", "borders")
        await pilot.press("l", "l")
        assert m.selected_ids() == ("league", "borders")
        await pilot.press("right")  # stops at the last column
        assert m.selected_ids() == ("league", "borders")
        await pilot.press("j", "j", "j")
        assert m.selected_ids() == ("league", "sanctions")
        await pilot.press("k", "h", "left", "up")
        assert m.selected_ids() == ("north", "ceasefire")
        await pilot.press("end")
        assert m.selected_ids() == ("north", "sanctions")
        await pilot.press("home")
        assert m.selected_ids() == ("north", "ceasefire")


async def test_detail_shows_the_selected_position_in_full(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        text = detail_text(app)
        assert "Northland on Ceasefire first" in text
        assert "We want the shooting to stop before anything else is discussed," in text
        assert "Ada Brisk, Northland foreign minister" in text
        assert "Meridian Daily" in text and "2025-03-01" in text
        assert "✓ verified in the archived text" in text
        assert "In the article:" in text and "told reporters at the harbour" in text
        await pilot.press("down")
        text = detail_text(app)
        assert "Northland on Borders" in text
        assert "Not stated in the sources." in text
        await pilot.press("right", "right", "down")
        text = detail_text(app)
        assert "Eastern League on Sanctions" in text
        assert "Trade measures remain on the table." in text
        assert "CONDITIONAL" in text


async def test_click_selects_a_cell(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        # Second column, first row (below the names and the rule); then a line further.
        await pilot.click(Matrix, offset=(m.columns.column_x(1) + 2, 2))
        assert m.selected_ids() == ("south", "ceasefire")
        await pilot.click(Matrix, offset=(m.columns.column_x(2) + 2, 3))
        assert m.selected_ids() == ("league", "borders")
        await reading_view(pilot, app)
        await pilot.click(Matrix, offset=(m.columns.column_x(0) + 2, 3))
        assert m.selected_ids() == ("north", "ceasefire")


async def test_search_keeps_matching_positions_and_escape_clears(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        await pilot.press("slash")
        box = app.main_screen.query_one("#search", Input)
        assert box.display and box.has_focus
        await pilot.press(*"NEUTRAL")  # in a quote and a summary, any case
        assert m.rows == ["ceasefire"]
        assert m.selected_ids() == ("north", "ceasefire")
        assert m.selected_position() is None  # north's ceasefire position does not match
        assert "Hidden by the search" in detail_text(app)
        text = shown(m)
        assert "1 of 3 topics" in text and "The League backs" in text  # league's summary
        assert "shooting" not in text  # north's, hidden
        await pilot.press("enter")  # keeps the search, back to the matrix
        assert m.has_focus and m.rows == ["ceasefire"]
        await reading_view(pilot, app)
        text = shown(m)
        assert "Eastern League" in text and "neutral" in text
        assert "shooting" not in text
        await pilot.press("escape")
        assert m.rows == ["ceasefire", "borders", "sanctions"]
        assert not box.display and box.value == ""


async def test_search_matches_speakers(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"tomas vell")
        m = matrix(app)
        assert m.rows == ["ceasefire"]
        await pilot.press("down")  # arrows move the cursor while typing
        await pilot.press("right")
        assert m.selected_ids()[1] == "ceasefire"
        await pilot.press(*"zzz")
        assert m.rows == []
        assert "No position matches" in shown(m)


async def test_filter_result_is_applied(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        await pilot.press("down", "right")  # south / borders
        main(app).apply_filter((["league", "south"], ["borders", "sanctions"]))
        await pilot.pause()
        assert m.parties == ["south", "league"]  # file order, not the order chosen
        assert m.rows == ["borders", "sanctions"]
        assert m.selected_ids() == ("south", "borders")
        main(app).apply_filter(None)  # cancelled: nothing changes
        assert m.parties == ["south", "league"]
        main(app).apply_filter(
            (["north", "south", "league"], ["ceasefire", "borders", "sanctions"])
        )
        assert m.parties == ["north", "south", "league"]
        assert main(app).party_filter is None and main(app).topic_filter is None


async def test_keys_open_the_screens(data: Path) -> None:
    from tui.app.screens.alignment import AlignmentScreen
    from tui.app.screens.filters import FilterScreen
    from tui.app.screens.help import HelpScreen
    from tui.app.screens.viewer import SourceViewerScreen

    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        for key, screen in (
            ("enter", SourceViewerScreen),
            ("a", AlignmentScreen),
            ("question_mark", HelpScreen),
            ("f", FilterScreen),
        ):
            await pilot.press(key)
            await until(pilot, lambda s=screen: isinstance(app.screen, s), screen.__name__)
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is app.main_screen, "back to the main screen")
        await pilot.press("right", "down", "down")  # south / sanctions: empty
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main_screen  # nothing to show: a notification instead


async def test_viewer_opens_on_the_selected_position(data: Path) -> None:
    from tui.app.screens.viewer import SourceViewerScreen

    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("right", "right", "down", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, SourceViewerScreen), "the viewer")
        screen = app.screen
        assert isinstance(screen, SourceViewerScreen)
        assert (screen.position, screen.evidence) == (4, 0)


async def test_filter_screen_result_reaches_the_matrix(data: Path) -> None:
    from tui.app.screens.filters import FilterScreen

    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FilterScreen), "the filter screen")
        app.screen.dismiss((["south"], ["ceasefire"]))
        await until(pilot, lambda: matrix(app).parties == ["south"], "the filter applied")
        assert matrix(app).rows == ["ceasefire"]


async def test_every_action_is_in_the_command_palette(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        names = {command.title for command in app.get_system_commands(app.main_screen)}
        names |= {hit.text async for hit in MainPalette(app.main_screen).discover()}
        for name in ("Search", "Filter", "Alignment", "Source", "Edit", "Help", "Reload", "Quit"):
            assert name in names
        await pilot.press("ctrl+p")
        await until(pilot, lambda: app.screen is not app.main_screen, "the command palette")


def palette_options(app: SummitApp) -> list[str]:
    """The entries the open command palette lists, as plain text (title, then help)."""
    options = app.screen.query_one(CommandList)
    return [
        str(options.get_option_at_index(i).prompt).replace("\n", " | ")
        for i in range(options.option_count)
    ]


async def test_typing_in_the_palette_finds_and_runs_a_main_screen_command(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"Sea")
        wanted = "Search | Keep the positions that match a text"
        await until(pilot, lambda: wanted in palette_options(app), "Search in the palette")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is app.main_screen, "the palette to close")
        box = app.main_screen.search_box
        await until(pilot, lambda: box.display and app.focused is box, "the search box")


async def test_palette_offers_what_the_main_screen_can_do_now(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)

        def titles() -> set[str]:
            return {command.title for command in main_entries(app.main_screen)}

        # North / ceasefire: a position of one quote, so its citation but no other quote.
        assert titles() == {
            *("Search", "Filter", "Alignment", "Source", "Sources", "Edit", "Copy citation"),
            "Full cells",
        }
        await pilot.press("slash", *"ceasefire", "enter")
        assert "Clear search" in titles()
        await pilot.resize_terminal(40, 12)
        await until(pilot, lambda: matrix(app).paged, "parties shown a page at a time")
        assert {"Next parties", "Previous parties"} <= titles()
        next_parties = next(c for c in main_entries(app.main_screen) if c.title == "Next parties")
        next_parties.run()
        assert matrix(app).selected_ids()[0] == "south"


async def test_q_quits(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running, "the app to quit")


# --- narrow terminals -----------------------------------------------------------------


@pytest.mark.parametrize("size", [(40, 12), (20, 8), (60, 15), (1, 1)])
async def test_narrow_terminals_page_parties_and_never_crash(
    data: Path, size: tuple[int, int]
) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        keys = ["right_square_bracket", "down", "right", "left_square_bracket", "j", "l", "k"]
        await pilot.press(*keys, "slash", "n", "escape", "end", "home")
        await pilot.pause()
        assert app.is_running
        if size[0] >= 20:
            if not m.paged:  # the overview fits every party: the reading view does not
                await reading_view(pilot, app)
            assert m.paged
            per_page = m.columns.per_page
            m.set_cursor(0, 0)
            await pilot.press("right_square_bracket")
            assert m.cursor_col == per_page
            await pilot.press("left_square_bracket")
            assert m.cursor_col == 0


async def test_tabs_switch_parties_on_click(data: Path) -> None:
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        assert m.paged and "NL" in shown(m).splitlines()[0]
        x = shown(m).splitlines()[0].index(" EL ")
        await pilot.click(Matrix, offset=(x + 2, 0))
        assert m.selected_ids()[0] == "league"


# --- big files ------------------------------------------------------------------------


async def test_big_file_renders_only_the_rows_in_view(tmp_path: Path) -> None:
    app = SummitApp(big_file(tmp_path, 1000), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        assert len(m.rows) == 1000
        await pilot.press("end")
        assert m.selected_ids() == ("p0", "t999")
        assert "Topic 999" in shown(m)
        await pilot.press("pageup", "up", "pagedown")
        # Only rows near the view were ever wrapped and drawn, not all 1,000.
        assert m.rows_rendered < 100
        assert m.max_scroll_y < 1000


async def test_matrix_caches_stay_bounded_and_draw_right_after_evictions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.app.widgets.matrix.ROW_CACHE", 8)
    app = SummitApp(big_file(tmp_path, 300, parties=3), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        m = matrix(app)
        for _ in range(5):
            await pilot.press("pagedown")
            assert m.rows_rendered <= 8
        await pilot.press("end")
        assert m.rows_rendered <= 8
        assert "Topic 299" in shown(m) and "Party 2 on 299." in shown(m)
        await pilot.press("home")
        assert m.rows_rendered <= 8
        assert "Topic 0" in shown(m) and "Party 1 on 0." in shown(m)


# --- the editor -----------------------------------------------------------------------


async def test_edit_opens_editor_at_the_line_and_reloads(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, handover: list[str]
) -> None:
    import json

    record = tmp_path / "argv.json"
    old = "The League backs an immediate ceasefire"
    new = "The League now backs a ceasefire"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, record, (old, new)))
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("right", "right")  # league / ceasefire, positions[2]
        line = app.main_screen.grid.line(2)  # type: ignore[union-attr]
        assert data.read_text().splitlines()[line - 1].strip() == "- party: league"
        await pilot.press("e")
        argv = json.loads(record.read_text())
        assert argv == [f"+{line}", str(data)]
        assert handover == ["suspend", "resume"]
        await loaded(pilot, app, 2)
        assert "The League now backs a ceasefire" in detail_text(app)
        assert matrix(app).selected_ids() == ("league", "ceasefire")


async def test_edit_jumps_to_the_first_error(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, handover: list[str]
) -> None:
    import json

    rewrite(data, "stance: opposes", "stance: oposes")
    record = tmp_path / "argv.json"
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, record))
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("e")
        argv = json.loads(record.read_text())
        line = data.read_text().splitlines().index("    stance: oposes") + 1
        assert argv == [f"+{line}", str(data)]


async def editor_comes_back(
    pilot: Pilot[None], app: SummitApp, handover: list[str], messages: list[str]
) -> str:
    """Press `e`; check the dashboard took the terminal back and still answers keys.

    Returns the one notification the editor run produced.
    """
    assert matrix(app).selected_ids() == ("north", "ceasefire")
    await pilot.press("e")
    await pilot.pause()
    assert handover == ["suspend", "resume"]  # the terminal came back to the dashboard
    await pilot.press("right")
    await until(pilot, lambda: matrix(app).selected_ids() == ("south", "ceasefire"), "the cursor")
    assert app.is_running
    problems = [m for m in messages if not m.startswith("Reloaded")]
    assert len(problems) == 1, messages
    return problems[0]


async def test_missing_editor_is_reported_and_the_dashboard_comes_back(
    data: Path, monkeypatch: pytest.MonkeyPatch, handover: list[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "no-such-editor[b]x[/b] --flag")
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        messages = notifications(app)
        message = await editor_comes_back(pilot, app, handover, messages)
        assert message.startswith("Could not run the editor 'no-such-editor[b]x[/b]': ")
        assert app.loads == 1  # nothing ran, so nothing to reload


async def test_editor_exit_status_is_reported(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, handover: list[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, tmp_path / "argv.json", status=1))
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        messages = notifications(app)
        message = await editor_comes_back(pilot, app, handover, messages)
        assert message == f"The editor {quoted(sys.executable)} exited with status 1"
        await loaded(pilot, app, 2)  # it ran, and may have saved before failing


async def test_editor_stopped_by_a_signal_is_reported(
    data: Path, monkeypatch: pytest.MonkeyPatch, handover: list[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    command = f"{shlex.quote(sys.executable)} -c 'import os, signal; os.kill(os.getpid(), 9)'"
    monkeypatch.setenv("EDITOR", command)
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        messages = notifications(app)
        message = await editor_comes_back(pilot, app, handover, messages)
        assert message == f"The editor {quoted(sys.executable)} was stopped by SIGKILL"


async def test_ctrl_c_in_the_editor_brings_the_dashboard_back(
    data: Path, monkeypatch: pytest.MonkeyPatch, handover: list[str]
) -> None:
    class Interrupted:
        """An editor process whose wait is interrupted."""

        pid = 0

        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def wait(self) -> int:
            raise KeyboardInterrupt  # what Python raises when ctrl+c reaches the suspended app

    monkeypatch.setenv("VISUAL", "vim")
    monkeypatch.setattr("tui.app.editor._start", Interrupted)
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        messages = notifications(app)
        message = await editor_comes_back(pilot, app, handover, messages)
        assert message == "The editor 'vim' was interrupted (ctrl+c)"


async def test_unsplittable_editor_is_reported(
    data: Path, monkeypatch: pytest.MonkeyPatch, handover: list[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "vim [i]'unclosed")
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        messages = notifications(app)
        await pilot.press("e")
        await pilot.pause()
        assert handover == []  # nothing to run: the terminal is never handed over
        assert len(messages) == 1
        assert messages[0].startswith(
            "Cannot run $EDITOR 'vim [i]'unclosed': it does not split into a command"
        )


async def test_a_terminal_that_cannot_hand_over_is_reported(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "argv.json"
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, record))
    app = SummitApp(data, watch=False)  # headless: Textual cannot suspend it
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        messages = notifications(app)
        await pilot.press("e")
        await pilot.pause()
        assert messages == [
            "This terminal cannot hand over to an editor; edit the file elsewhere: "
            "it reloads by itself."
        ]
        assert not record.exists()  # the editor never ran on the dashboard's screen


def test_editor_argv_conventions() -> None:
    assert editor_argv({"EDITOR": "vim"}, "f.yaml", 7) == ["vim", "+7", "f.yaml"]
    assert editor_argv({"VISUAL": "emacs -nw", "EDITOR": "vi"}, "f.yaml", 3) == [
        "emacs",
        "-nw",
        "+3",
        "f.yaml",
    ]
    assert editor_argv({"EDITOR": "code --wait"}, "a b.yaml", 2) == [
        "code",
        "--wait",
        "--goto",
        "a b.yaml:2",
    ]
    assert editor_argv({"EDITOR": "'/opt/my editor/micro'"}, "f.yaml", 1) == [
        "/opt/my editor/micro",
        "+1",
        "f.yaml",
    ]
    # A path that looks like an option is never read as one.
    assert editor_argv({"EDITOR": "nano"}, "-rf.yaml", 1) == ["nano", "+1", "./-rf.yaml"]
    fallback = editor_argv({}, "f.yaml", 1)
    assert fallback[0] in ("nano", "vi") and fallback[1:] == ["+1", "f.yaml"]
    with pytest.raises(ValueError, match=r"^Cannot run \$VISUAL 'vim 'unclosed': "):
        editor_argv({"VISUAL": "vim 'unclosed", "EDITOR": "nano"}, "f.yaml", 1)


# --- live reload ----------------------------------------------------------------------


def watched(path: Path) -> SummitApp:
    return SummitApp(path, "positions.yaml", watch=True, poll=0.05)


async def test_valid_change_reloads_and_keeps_the_cursor(data: Path) -> None:
    app = watched(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("right", "right", "down")  # league / borders
        assert matrix(app).selected_ids() == ("league", "borders")
        # A new topic above, so the row of "borders" moves down by one.
        rewrite(
            data,
            "topics:\n",
            "topics:\n  talks: {title: Talks, question: Should talks go on?}\n",
        )
        rewrite(data, "the consent of the people", "the CONSENT of the people")
        await until(pilot, lambda: "CONSENT" in detail_text(app), "the change on screen")
        m = matrix(app)
        assert m.rows[0] == "talks"
        assert m.selected_ids() == ("league", "borders")
        assert m.cursor_row == 2
        assert not errors(app).display


async def test_invalid_change_keeps_last_good_data_and_fix_clears_errors(data: Path) -> None:
    app = watched(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        good = data.read_text()
        rewrite(data, "stance: opposes", "stance: oposes")
        await until(pilot, lambda: errors(app).display, "the error panel")
        # The panel lists exactly what `summit check` says (Diagnostic.format()).
        expected = [d.format() for d in load_uncached(data, "positions.yaml").errors]
        line = good.splitlines().index("    stance: opposes") + 1
        assert len(expected) == 1 and expected[0].startswith(f"positions.yaml:{line}:13: error: ")
        assert "oposes" in expected[0]
        assert errors(app).lines == expected
        assert expected[0] in str(errors(app).query_one("#errors-body", Static).render())
        # The last good data is still there.
        m = matrix(app)
        assert m.grid is not None and m.rows == ["ceasefire", "borders", "sanctions"]
        assert "OPPOSES" in shown(m)
        data.write_text(good)
        await until(pilot, lambda: not errors(app).display, "the error panel to clear")
        assert errors(app).lines == []


async def test_deleted_then_recreated_file(data: Path) -> None:
    app = watched(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        good = data.read_text()
        data.unlink()
        await until(pilot, lambda: errors(app).display, "the error panel")
        assert errors(app).lines == ["positions.yaml:1:1: error: file not found"]
        assert matrix(app).grid is not None and "Northland" in shown(matrix(app))
        data.write_text(good.replace("Harbour summit", "Harbour summit II"))
        await until(pilot, lambda: not errors(app).display, "the error panel to clear")
        await until(pilot, lambda: "Harbour summit II" in app.title, "the new title")


async def test_atomic_rename_save(data: Path) -> None:
    app = watched(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        text = data.read_text().replace("Northland wants", "Northland insists")
        temporary = data.with_name(".positions.yaml.swp")
        temporary.write_text(text)
        os.replace(temporary, data)
        await until(pilot, lambda: "Northland insists" in detail_text(app), "the renamed file")


async def test_invalid_file_at_start_up_then_fixed(data: Path) -> None:
    good = data.read_text()
    data.write_text(good.replace("summit:\n", "summit: [\n", 1))
    app = watched(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        assert errors(app).display
        assert errors(app).lines and errors(app).lines[0].startswith("positions.yaml:")
        assert ": error: " in errors(app).lines[0]
        assert matrix(app).grid is None
        assert "has errors, listed above" in shown(matrix(app))
        data.write_text(good)
        await until(pilot, lambda: matrix(app).grid is not None, "the fixed file")
        assert not errors(app).display
        assert "Northland" in shown(matrix(app))


def test_watcher_waits_for_a_stable_signature(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("one")
    watcher = FileWatcher(path)
    assert not watcher.poll()
    # A chunked write: the first poll sees it changing, the next one (unchanged) reports.
    with open(path, "a") as handle:
        handle.write(" two")
        handle.flush()
        assert not watcher.poll()
        handle.write(" three")
        handle.flush()
        os.utime(path, ns=(1, 10**9))  # make sure the signature differs
        assert not watcher.poll()  # still changing
    assert watcher.poll()  # stable for one poll: reload
    assert not watcher.poll()  # and only once
    path.unlink()
    assert not watcher.poll()
    assert watcher.poll()  # a deletion is a change too (the app shows "file not found")
    path.write_text("back")
    assert not watcher.poll()
    assert watcher.poll()


# --- hostile data ---------------------------------------------------------------------


async def test_hostile_data_is_shown_literally(data: Path) -> None:
    rewrite(data, "title: Harbour summit", 'title: "price[/bold] list \\e[31mred"')
    rewrite(
        data,
        "summary: Northland wants the shooting to stop before anything else is discussed.",
        'summary: "[@click=app.quit]x[/] and [b]bold[/b] \\e]0;title\\a end"',
    )
    rewrite(data, "name: Southland,", 'name: "[red]South\\u202eland",')
    rewrite(data, "title: Borders,", 'title: "Borders [link=https://x]here[/link]",')
    hostile = data.with_name("[@click=app.quit]q.yaml")
    data.rename(hostile)
    app = SummitApp(hostile, hostile.name, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot, app)
        assert not errors(app).display, errors(app).lines
        m = matrix(app)
        overview = shown(m)
        assert "Borders [link=https://x]here[/link]" in overview  # a title, literally
        assert "│ SL " in overview  # the name, escaped, is too wide: the short one
        await reading_view(pilot, app)
        grid_text = shown(m)
        assert "[@click=app.quit]x[/] and [b]bold[/b]" in grid_text.replace("\n", " ") or (
            "[@click=app.quit]x[/]" in grid_text
        )
        assert "\\e]0;title\\x07" in detail_text(app)
        assert "[red]South\\u202eland" in grid_text
        await pilot.press("down")
        assert "Borders [link=https://x]here[/link]" in detail_text(app)
        header = shown(app.main_screen.query_one("#header-title"))
        assert "price[/bold] list \\e[31mred" in header
        assert "[@click=app.quit]q.yaml" in shown(app.main_screen.query_one("#header-file"))
        assert "\x1b" not in overview + grid_text + detail_text(app) + header
        # Clicking the text runs nothing; a reload notifies with the name, literally.
        messages = notifications(app)
        await pilot.press("up")  # back to north / ceasefire
        x = m.columns.column_x(0) + 2
        assert "[@click=app.quit]x" in shown(m).splitlines()[3][x - 1 :]
        # A click on the selected cell opens its source (and does not quit).
        await pilot.click(Matrix, offset=(x, 3))
        await until(pilot, lambda: app.screen is not app.main_screen, "the viewer")
        assert app.is_running
        await pilot.press("escape")
        app.action_reload()
        await loaded(pilot, app, 2)
        await pilot.pause()
        assert app.is_running
        assert any("[@click=app.quit]q.yaml" in m for m in messages)


async def test_keys_typed_in_one_burst_after_slash_go_to_the_search(data: Path) -> None:
    from textual import events

    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        # As a terminal delivers "/feat" in one read: all queued before "/" is handled.
        for key, char in (("slash", "/"), ("f", "f"), ("e", "e"), ("a", "a"), ("t", "t")):
            app.post_message(events.Key(key, char))
        box = app.main_screen.search_box
        await until(pilot, lambda: box.value == "feat", "the burst in the search box")
        assert app.screen is app.main_screen  # f, e and a ran no action


@pytest.mark.parametrize("loop", ["positions.yaml", "article.txt"])
async def test_a_loop_of_symbolic_links_is_an_error_on_screen(data: Path, loop: str) -> None:
    # Issue 20, item 5: Path.resolve raised RuntimeError on Python 3.11 and 3.12: the
    # dashboard crashed at start (the positions file) or never finished loading (a source).
    from tui.app import open_app

    looped = data.parent / loop
    if loop == "article.txt":
        data.write_text(
            data.read_text().replace("file: articles/harbour-talks.txt", "file: article.txt", 1)
        )
    looped.unlink(missing_ok=True)
    looped.symlink_to(loop)
    app = open_app(data, "positions.yaml", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        assert errors(app).display
        assert any(
            line.endswith("its symbolic links go round in a loop") for line in errors(app).lines
        )


# --- what the watcher sees (issue 20, item 12) ------------------------------------------------


def _settles(watcher: FileWatcher) -> bool:
    """Two polls: the change seen, then settled."""
    return not watcher.poll() and watcher.poll()


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("stance: supports\n")
    before = path.stat()
    watcher = FileWatcher(path)
    path.write_text("stance: opposes!\n")  # the same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the time put back
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert _settles(watcher)


def test_two_saves_in_one_tick_of_the_clock_are_told_by_their_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app.watch as watch

    path = tmp_path / "f.yaml"
    path.write_text("stance: supports\n")
    frozen = os.stat(path)  # a coarse clock: every save leaves this very stat
    real_stat = os.stat
    monkeypatch.setattr(
        watch.os, "stat", lambda p, *a, **k: frozen if Path(p) == path else real_stat(p, *a, **k)
    )
    watcher = FileWatcher(path)
    path.write_text("stance: opposes!\n")
    assert _settles(watcher)
    assert not watcher.poll()


def test_an_edited_article_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("sources: {a: {file: a.txt}}\n")
    article = tmp_path / "a.txt"
    article.write_text("The minister said it.\n")
    watcher = FileWatcher(path)
    watcher.mark_loaded(watcher.loaded, {article: signature(article)})
    assert not watcher.poll()
    article.write_text("The minister denied it.\n")
    assert _settles(watcher)
    assert not watcher.poll()  # reported once; the reload records the articles again


async def test_the_dashboard_reloads_when_an_article_changes(data: Path) -> None:
    app = watched(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        assert not errors(app).display
        article = data.parent / "articles" / "harbour-talks.txt"
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace("the shooting to stop", "the talking to stop"), "utf-8")
        await until(pilot, lambda: errors(app).display, "the error panel")
        assert any("not found in source" in line for line in errors(app).lines)
