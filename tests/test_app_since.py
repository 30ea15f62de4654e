"""`summit tui --since`: cells that differ from an older file are marked, and the
detail pane says what changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import APP_DATA, detail_text, loaded, matrix, notifications, shown
from tui.app.app import SummitApp


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """An old and a new copy of tests/data-app; the new one changes north/ceasefire's
    stance and drops south/ceasefire."""
    shutil.copytree(APP_DATA, tmp_path / "app")
    new = tmp_path / "app" / "positions.yaml"
    old = tmp_path / "app" / "old.yaml"
    shutil.copy(new, old)
    text = new.read_text(encoding="utf-8")
    head, sep, rest = text.partition("  - party: north\n    topic: ceasefire\n    stance: supports")
    assert sep, "tests/data-app changed: update this fixture"
    text = head + "  - party: north\n    topic: ceasefire\n    stance: conditional" + rest
    start = text.index("  - party: south\n    topic: ceasefire\n")
    end = text.index("  - party:", start + 1)
    new.write_text(text[:start] + text[end:], encoding="utf-8")
    return old, new


async def test_changed_cells_are_marked_and_detailed(pair: tuple[Path, Path]) -> None:
    old, new = pair
    app = SummitApp(new, "positions.yaml", watch=False, since=str(old))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        text = shown(matrix(app))
        assert "± changed" in text
        assert "- removed" in text
        header = str(app.main_screen.query_one("#header-file").render())
        assert f"2 changed since {old}" in header
        detail = detail_text(app)
        assert f"Changed since {old}:" in detail
        assert "stance: supports -> conditional" in detail
        await pilot.press("right")
        detail = detail_text(app)
        assert "Not stated in the sources." in detail
        assert "removed (was opposes)" in detail
        await pilot.press("right", "down")
        assert "Changed since" not in detail_text(app)


async def test_unreadable_since_is_reported_and_the_app_runs(pair: tuple[Path, Path]) -> None:
    _, new = pair
    app = SummitApp(new, "positions.yaml", watch=False, since="git:no-such-rev-[bold]")
    messages = notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        assert "± changed" not in shown(matrix(app))
        assert any(m.startswith("--since git:no-such-rev-[bold]") for m in messages), messages
