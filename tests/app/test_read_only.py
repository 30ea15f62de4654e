"""The read-only dashboard (`summit tui --read-only`, as `summit serve` runs it): the
editor is refused with a notice, and every screen's footer says it is read-only."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from textual.app import App
from textual.events import DeliveryComplete
from textual.widgets import Label

from tests.helpers import fake_editor, loaded, matrix, notifications, shown, until
from tui.app import _no_terminal, open_app
from tui.app.app import SummitApp
from tui.app.read_only import COPY_ONLY, EDIT_REFUSED, FOOTER_NOTE, SCREENSHOT_REFUSED
from tui.app.widgets.footer import SummitFooter
from tui.cli import build_parser


def footer_note(app: SummitApp) -> Label:
    return app.screen.query_one(SummitFooter).query_one(".read-only", Label)


@pytest.mark.parametrize("cell", ["stated", "empty"])
async def test_the_editor_is_refused_with_a_notice(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, handover: list[str], cell: str
) -> None:
    record = tmp_path / "argv.json"
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, record))
    app = SummitApp(data, watch=False, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        if cell == "empty":  # where `e` would put a new position on the clipboard
            await pilot.press("down", "down", "right")
            assert app.main_screen.empty_cell() is not None
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        messages = notifications(app)
        await pilot.press("e")
        await pilot.pause()
        assert messages == [EDIT_REFUSED]
        assert handover == [] and not record.exists()  # no editor ever started
        assert copied == []
        assert app.is_running


async def test_the_same_key_opens_the_editor_when_not_read_only(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, handover: list[str]
) -> None:
    """The refusal is the read-only option's doing, not something else about the test."""
    record = tmp_path / "argv.json"
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, record))
    app = SummitApp(data, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("e")
        await until(pilot, record.exists, "the editor")
        assert json.loads(record.read_text())[-1] == str(data)
        assert not app.screen.query_one(SummitFooter).query(".read-only")


async def test_every_footer_says_read_only(data: Path) -> None:
    app = SummitApp(data, watch=False, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        for key in ("enter", "escape", "a", "escape", "question_mark"):
            note = footer_note(app)
            assert note.display and note.region.width > 0, app.screen
            footer = app.screen.query_one(SummitFooter)
            assert note.region.offset == footer.region.offset  # first in the footer
            assert shown(note) == f" {FOOTER_NOTE} ", app.screen
            await pilot.press(key)
            await pilot.pause()
        assert matrix(app).selected_ids() is not None


def test_the_command_passes_the_option_down(data: Path) -> None:
    args = build_parser().parse_args(["tui", "--read-only", str(data)])
    assert args.read_only is True
    assert build_parser().parse_args(["tui", str(data)]).read_only is False
    app = open_app(data, str(data), read_only=True, watch=False)
    assert app.read_only and app.has_class("-read-only")
    assert not open_app(data, str(data), watch=False).has_class("-read-only")


def test_a_driver_chosen_by_the_environment_needs_no_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under `summit serve`, textual-serve names its web driver in TEXTUAL_DRIVER and talks
    to the app through pipes: the check for a terminal stands aside."""
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert _no_terminal(None) is not None  # pytest's streams are not terminals
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert _no_terminal(None) is None
    assert isinstance(build_parser().parse_args([]), argparse.Namespace)


async def test_a_screenshot_in_a_browser_is_said_to_go_there(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Served, Textual sends the palette's screenshot to the visitor's browser (nothing is
    written on the serving machine): the notice says so, not a folder of this machine."""
    app = SummitApp(data, watch=False, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        monkeypatch.setattr(SummitApp, "is_web", property(lambda self: True))
        # Textual's own delivery (to the browser, here to nowhere) hands back its key.
        monkeypatch.setattr(App, "deliver_screenshot", lambda self, *args: "the-key")
        said = notifications(app)
        key = app.deliver_screenshot()
        assert key == "the-key"
        # What Textual's web driver posts once the browser has the file.
        app.post_message(DeliveryComplete(key=key, path=None, name="screenshot"))
        await until(pilot, lambda: said, "a notification")
        assert said == ["Sent the screenshot to your browser."]


async def test_nothing_is_written_here_for_a_copy_or_a_theme(
    data: Path, user_folders: tuple[Path, Path]
) -> None:
    """Served, a copy is the visitor's (their browser's clipboard) and so is a theme: no
    copy file, no settings file on the serving machine."""
    app = SummitApp(data, watch=False, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        said = notifications(app)
        await pilot.press("c")
        await until(pilot, lambda: said, "the copy's notice")
        assert app.clipboard and said[-1].endswith("\n" + COPY_ONLY)
        app.theme = "nord"
        await pilot.pause()
    state, config = user_folders
    assert list(state.rglob("*")) == [] and list(config.rglob("*")) == []


async def test_a_screenshot_in_a_terminal_is_refused(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`summit tui --read-only` in a terminal writes no file: the palette's screenshot,
    which would save one in the downloads or the current folder, is refused, saying why."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("tui.app.app.screenshot_folder", lambda: tmp_path)
    app = SummitApp(data, watch=False, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        said = notifications(app)
        assert app.deliver_screenshot() is None
        await pilot.pause()
        assert said == [SCREENSHOT_REFUSED]
    assert list(tmp_path.rglob("*.svg")) == []
