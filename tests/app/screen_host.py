"""A tiny app that shows one screen, for the Pilot and snapshot tests of the screens.

It never reads the shipped positions.yaml: the data is tests/fixtures/screens/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tests.helpers import FIXTURES
from tui.loader.pipeline import load_uncached
from tui.loader.result import LoadResult

DATA = FIXTURES / "screens"


def load(name: str = "positions.yaml") -> LoadResult:
    """A fixture file, which must load cleanly."""
    result = load_uncached(DATA / name, display=name)
    assert result.ok, [d.format() for d in result.errors]
    return result


class ScreenHost(App[None]):
    """Pushes the screen `make()` builds and records what it dismisses with."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f5", "bell", "Ring the host's bell")]

    def __init__(self, make: Callable[[], Screen[object]]) -> None:
        super().__init__()
        self.make = make
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.make(), self.results.append)
