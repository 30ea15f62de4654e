"""Helpers shared by the dashboard's tests (tests/test_app*.py, test_screens.py).

One copy of each: what a widget shows, waiting with a deadline instead of
sleeping, and reaching into the dashboard's main screen. Import them as
`from tests.helpers import ...`.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

if TYPE_CHECKING:
    from tui.app.app import SummitApp
    from tui.app.widgets.matrix import Matrix

APP_DATA = Path(__file__).resolve().parent / "data-app"
"""The dashboard's fixture file and its articles (never the shipped positions.yaml)."""
DEADLINE = 60.0
"""Seconds `until` waits: generous (a 1,000-position load on a busy 2-core CI machine
takes several seconds), as only a hang should reach it."""


def shown(widget: Widget) -> str:
    """The text the widget draws, line by line, as the terminal would show it."""
    width, height = widget.region.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


async def until(pilot: Pilot[object], condition: Callable[[], object], what: str) -> None:
    """Wait until `condition()` holds; fail (naming `what`) after a generous deadline."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


async def loaded(pilot: Pilot[object], app: SummitApp, count: int = 1) -> None:
    """Wait until the dashboard has finished `count` loads, and drawn the last one."""
    await until(pilot, lambda: app.loads >= count, f"load #{count}")
    await pilot.pause()


def matrix(app: SummitApp) -> Matrix:
    return app.main_screen.matrix


def detail_text(app: SummitApp) -> str:
    """What the detail pane says about the selected cell."""
    body = app.main_screen.query_one("#detail-body", Static)
    return str(body.render())


def notifications(app: SummitApp) -> list[str]:
    """Record every message the app notifies from now on."""
    messages: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        messages.append(message)
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return messages


def since_pair(root: Path) -> tuple[Path, Path]:
    """An old and a new copy of tests/data-app under `root` (for `--since`); the new one
    changes north/ceasefire's stance and drops south/ceasefire."""
    shutil.copytree(APP_DATA, root / "app")
    new = root / "app" / "positions.yaml"
    old = root / "app" / "old.yaml"
    shutil.copy(new, old)
    text = new.read_text(encoding="utf-8")
    head, sep, rest = text.partition("  - party: north\n    topic: ceasefire\n    stance: supports")
    assert sep, "tests/data-app changed: update this helper"
    text = head + "  - party: north\n    topic: ceasefire\n    stance: conditional" + rest
    start = text.index("  - party: south\n    topic: ceasefire\n")
    end = text.index("  - party:", start + 1)
    new.write_text(text[:start] + text[end:], encoding="utf-8")
    return old, new
