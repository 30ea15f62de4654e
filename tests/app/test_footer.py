"""The footer recomposes only when its keys change, and never shows stale keys.

`SummitFooter` overrides the hook Textual's `Footer` gets the screen's bindings
signal through (`bindings_changed`) and compares what it would draw before
recomposing. These tests fail if Textual stops calling that hook (every signal
would rebuild the footer again), or if the keys shown differ from what Textual's
own `Footer` shows on the same screen (something the comparison leaves out).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from tests.helpers import loaded, until
from tui.app.app import SummitApp
from tui.app.widgets.footer import SummitFooter


def keys_of(footer: Footer) -> list[tuple[str, str, str, str, bool]]:
    """What a footer draws: key, its display, description, action, dimmed or not."""
    return [
        (key.key, key.key_display, key.description, key.action, key.has_class("-disabled"))
        for key in footer.query(FooterKey)
    ]


class Box(Static, can_focus=True):
    """Something to move the focus to."""


class KeysScreen(Screen[None]):
    """`save` is enabled, dimmed (None) or hidden (False) as `save_state` says."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "Save"),
        Binding("o", "open", "Open"),
        Binding("x", "hidden", "Never shown", show=False),
    ]

    def __init__(self, *, stock: bool = False) -> None:
        super().__init__()
        self.save_state: bool | None = True
        self.stock = stock

    def compose(self) -> ComposeResult:
        yield Box("one", id="one")
        yield Box("two", id="two")
        yield SummitFooter()
        if self.stock:  # Textual's own, drawn under ours, to compare with
            yield Footer(id="stock")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.save_state if action == "save" else True

    def action_save(self) -> None:
        """Bound, so that the key is live."""

    def action_open(self) -> None:
        """Bound, so that the key is live."""


class KeysApp(App[None]):
    def __init__(self, *, stock: bool = False) -> None:
        super().__init__()
        self.keys_screen = KeysScreen(stock=stock)

    def on_mount(self) -> None:
        self.push_screen(self.keys_screen)


@pytest.fixture
def recomposes(monkeypatch: pytest.MonkeyPatch) -> list[SummitFooter]:
    """Every SummitFooter recompose from now on, by footer."""
    seen: list[SummitFooter] = []
    original = SummitFooter.recompose

    async def counting(self: SummitFooter) -> None:
        seen.append(self)
        await original(self)

    monkeypatch.setattr(SummitFooter, "recompose", counting)
    return seen


async def test_same_keys_do_not_rebuild_the_footer_changed_keys_do(
    recomposes: list[SummitFooter],
) -> None:
    app = KeysApp()
    async with app.run_test(size=(120, 10)) as pilot:
        screen = app.keys_screen
        footer = screen.query_one(SummitFooter)
        await until(pilot, lambda: keys_of(footer), "the keys in the footer")
        widgets = list(footer.query(FooterKey))
        before = len(recomposes)

        # Focus moves, resizes and bindings signals that change nothing shown.
        await pilot.click("#two")
        screen.query_one("#one", Box).focus()
        await pilot.resize_terminal(130, 12)
        for _ in range(5):
            screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert len(recomposes) == before
        assert list(footer.query(FooterKey)) == widgets  # the very same widgets

        screen.save_state = None  # dimmed
        screen.refresh_bindings()
        await until(pilot, lambda: ("s", "s", "Save", "save", True) in keys_of(footer), "dim")
        assert len(recomposes) == before + 1

        screen.save_state = False  # hidden
        screen.refresh_bindings()
        await until(pilot, lambda: [k[0] for k in keys_of(footer)] == ["o", "ctrl+p"], "hidden")

        screen.save_state = True
        screen.refresh_bindings()
        await until(pilot, lambda: ("s", "s", "Save", "save", False) in keys_of(footer), "back")
        assert len(recomposes) == before + 3


async def test_a_narrow_footer_is_compact_and_leaves_the_palette_key_to_the_help() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        footer = app.keys_screen.query_one(SummitFooter)
        await until(pilot, lambda: [k[0] for k in keys_of(footer)] == ["s", "o"], "narrow keys")
        assert footer.compact
        await pilot.resize_terminal(120, 10)
        await until(pilot, lambda: "ctrl+p" in [k[0] for k in keys_of(footer)], "the palette")
        assert not footer.compact
        await pilot.resize_terminal(99, 10)
        await until(pilot, lambda: "ctrl+p" not in [k[0] for k in keys_of(footer)], "narrow")


@pytest.mark.parametrize("state", [True, None, False])
async def test_the_footer_shows_what_textuals_footer_shows(state: bool | None) -> None:
    app = KeysApp(stock=True)
    async with app.run_test(size=(120, 10)) as pilot:
        screen = app.keys_screen
        ours, stock = screen.query_one(SummitFooter), screen.query_one("#stock", Footer)
        await until(pilot, lambda: keys_of(ours) and keys_of(stock), "both footers drawn")
        screen.save_state = state
        screen.refresh_bindings()
        await pilot.pause()
        await until(pilot, lambda: keys_of(ours) == keys_of(stock), "the same keys")
        assert ("x", "x", "Never shown", "hidden", False) not in keys_of(ours)


async def test_textual_calls_the_hook_the_footer_overrides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Screen[object]] = []
    original = SummitFooter.bindings_changed

    def spy(self: SummitFooter, screen: Screen[object]) -> None:
        calls.append(screen)
        original(self, screen)

    monkeypatch.setattr(SummitFooter, "bindings_changed", spy)
    app = KeysApp()
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.pause()
        calls.clear()
        app.keys_screen.refresh_bindings()
        await pilot.pause()
        assert calls == [app.keys_screen]


async def test_the_dashboard_footer_rebuilds_for_the_data_not_for_moves(
    shipped: Path, recomposes: list[SummitFooter]
) -> None:
    app = SummitApp(shipped, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        footer = app.main_screen.query_one(SummitFooter)
        await until(
            pilot, lambda: ("enter", "⏎", "Source", "open_source", False) in keys_of(footer), "keys"
        )
        # Composed once the bindings were known, and again when the data enabled its keys
        # (once if the data came first); Textual's footer rebuilt about eight times here.
        assert 1 <= recomposes.count(footer) <= 2
        before = len(recomposes)
        await pilot.press("down", "right", "down", "left", "up", "up")  # back to the first
        await pilot.pause()
        assert len(recomposes) == before

        await pilot.press("enter")  # its source in the viewer: a screen with its own keys
        await until(pilot, lambda: app.screen is not app.main_screen, "the viewer")
        viewer_footer = app.screen.query_one(SummitFooter)
        await until(pilot, lambda: keys_of(viewer_footer), "the viewer's keys")
        assert keys_of(viewer_footer) != keys_of(footer)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.main_screen, "back to the matrix")
        await pilot.pause()
        assert ("enter", "⏎", "Source", "open_source", False) in keys_of(footer)
