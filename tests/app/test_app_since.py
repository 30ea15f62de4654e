"""`summit tui --since`: cells that differ from an older file are marked, and the
detail pane says what changed."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message

import tui.loader.git
from tests.helpers import (
    DEADLINE,
    cells,
    detail_text,
    loaded,
    matrix,
    notifications,
    reading_view,
    shown,
    since_pair,
    until,
)
from tui.app.app import SummitApp
from tui.app.grid import Changes, Grid
from tui.app.since import Baseline
from tui.loader.pipeline import load_uncached
from tui.loader.result import LoadResult


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """An old and a new copy of tests/fixtures/app (see `since_pair`)."""
    return since_pair(tmp_path)


async def test_changed_cells_are_marked_and_detailed(pair: tuple[Path, Path]) -> None:
    old, new = pair
    app = SummitApp(new, "positions.yaml", watch=False, since=str(old))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        first = shown(matrix(app)).splitlines()[2]  # the overview: ceasefire's line
        north, south = cells(first)[1:3]
        assert north.startswith("± CONDITIONAL 1✓") and south == "- not stated"
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
        await reading_view(pilot, app)
        text = shown(matrix(app))
        assert "± changed" in text
        assert "- removed" in text


async def test_unreadable_since_is_reported_and_the_app_runs(pair: tuple[Path, Path]) -> None:
    _, new = pair
    app = SummitApp(new, "positions.yaml", watch=False, since="git:no-such-rev-[bold]")
    messages = notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        assert "± changed" not in shown(matrix(app))
        assert any(m.startswith("--since git:no-such-rev-[bold]") for m in messages), messages


# --- the comparison, off the UI ---------------------------------------------------------


def test_grid_is_built_with_its_changes(pair: tuple[Path, Path]) -> None:
    old, new = pair
    before, after = load_uncached(old), load_uncached(new)
    plain = Grid.build(after)
    assert plain.since is None and plain.changes == {}
    assert plain.change_note("north", "ceasefire") is None
    grid = Grid.build(after, Changes.between(str(old), before, after))
    assert grid.since == str(old)
    assert set(grid.changes) == {("north", "ceasefire"), ("south", "ceasefire")}
    assert grid.change_note("north", "ceasefire") == "changed"
    assert grid.change_note("south", "ceasefire") == "removed"
    assert grid.change_note("league", "ceasefire") is None


def test_baseline_reads_the_older_file_once(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = pair
    reads: list[str] = []
    original = tui.loader.git.load_side

    def load_side(spec: str, other: str | None = None) -> LoadResult:
        reads.append(spec)
        return original(spec, other)

    monkeypatch.setattr(tui.loader.git, "load_side", load_side)
    baseline = Baseline(str(old), str(new))
    result = load_uncached(new)
    for _ in range(3):
        changes = baseline.changes(result)
        assert changes is not None and changes.status[("north", "ceasefire")] == "changed"
    assert reads == [str(old)]
    assert baseline.take_problem() is None


def test_baseline_problem_is_told_once(pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = pair
    bad = tmp_path / "bad.yaml"
    bad.write_text("summit: [\n", encoding="utf-8")
    baseline = Baseline(str(bad), str(new))
    result = load_uncached(new)
    assert baseline.changes(result) is None
    problem = baseline.take_problem()
    assert problem is not None and problem.startswith("--since: the older file is invalid: ")
    assert str(bad) in problem
    assert baseline.take_problem() is None
    assert baseline.changes(result) is None  # never read again, never told again
    assert baseline.take_problem() is None


async def test_since_problem_arrives_on_the_loaded_message(pair: tuple[Path, Path]) -> None:
    _, new = pair
    app = SummitApp(new, "positions.yaml", watch=False, since="git:no-such-rev")
    seen: list[str | None] = []
    original = app.post_message

    def post_message(message: Message) -> bool:
        if isinstance(message, SummitApp.Loaded):
            seen.append(message.since_problem)
        return original(message)

    app.post_message = post_message  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        app.reload()
        await loaded(pilot, app, 2)
    assert len(seen) == 2
    assert seen[0] is not None and seen[0].startswith("--since git:no-such-rev")
    assert seen[1] is None


async def test_quit_never_waits_on_a_comparison(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 20, item 2: a comparison ran in the loading worker's thread, which quitting
    # waits for (the event loop's executor): `q` took two minutes on a long summary.
    # Here the comparison blocks until the test ends; the app quits and its worker's
    # thread ends all the same.
    old, new = pair
    started, release = threading.Event(), threading.Event()
    between = Changes.between

    def slow(*args: Any) -> Changes:
        started.set()
        release.wait(DEADLINE * 2)
        return between(*args)

    monkeypatch.setattr(Changes, "between", staticmethod(slow))
    app = SummitApp(new, "positions.yaml", watch=False, since=str(old))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, started.is_set, "the comparison to start")
            await pilot.press("q")
        # Every thread of the loop's executor (the loading worker's) ends; on the code
        # before issue 20 this waited for the comparison, here for DEADLINE, then failed.
        executor = asyncio.get_running_loop().shutdown_default_executor()
        await asyncio.wait_for(executor, DEADLINE)
    finally:
        release.set()
