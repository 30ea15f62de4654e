"""The dashboard's start: the cached load on screen before any load ends, the full load
in a second process, and the screen redrawn only when that load differs."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

import tui.loader.child as child
from tests.helpers import environment, loaded, matrix, shown, until
from tui.app import open_app
from tui.app.app import SummitApp
from tui.app.watch import same, signature
from tui.loader.front import cached_load, load_path
from tui.loader.result import LoadResult


class HeldValidation(child.Validation):
    """A real validating process whose result is handed over only when released."""

    release = threading.Event()

    def result(self) -> LoadResult:
        assert self.release.wait(60), "never released"
        return super().result()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> type[HeldValidation]:
    HeldValidation.release = threading.Event()
    monkeypatch.setattr(child, "Validation", HeldValidation)
    return HeldValidation


def _count_shows(app: SummitApp) -> list[LoadResult]:
    screen, calls = app.main_screen, []
    show = screen.show_load

    def counted(result: LoadResult, grid: object) -> None:
        calls.append(result)
        show(result, grid)  # type: ignore[arg-type]

    screen.show_load = counted  # type: ignore[method-assign]
    return calls


async def test_a_cached_load_is_on_screen_before_any_load_ends(
    data: Path, held: type[HeldValidation]
) -> None:
    assert load_path(data, "positions.yaml").ok  # the cache, as a previous run left it
    app = open_app(data, "positions.yaml", watch=False)
    calls = _count_shows(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.loads == 0 and app.main_screen.grid is not None
        assert "positions" in shown(app.main_screen.query_one("#header-file"))
        assert matrix(app).rows
        assert len(calls) == 1  # the cached load, shown as the screen mounted
        # The full load ends with the same data: nothing is drawn again.
        calls.clear()
        held.release.set()
        await loaded(pilot, app)
        await pilot.pause()
        assert calls == []


async def test_the_full_load_replaces_a_cached_load_that_differs(data: Path) -> None:
    """The file is saved after the cached load was read and before the full load reads
    it: the full load's data replaces what is on screen."""
    assert load_path(data, "positions.yaml").ok
    cached = cached_load(data, "positions.yaml")
    assert cached is not None and cached.records is not None
    title = cached.records.summit.title
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace(title, "Edited title", 1), encoding="utf-8")
    app = SummitApp(data, "positions.yaml", watch=False, cached=cached)
    calls = _count_shows(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(calls) == 1 and calls[0] is cached
        await loaded(pilot, app)
        await until(pilot, lambda: len(calls) == 2, "the new load shown")
        assert "Edited title" in shown(app.main_screen.query_one("#header-title"))


async def test_a_started_load_keeps_the_signature_from_before_it_started(
    data: Path, held: type[HeldValidation]
) -> None:
    """A save while the first load's process reads the file must still be seen as a
    change afterwards: the signature recorded for that load is the one from before."""
    before = signature(data)
    app = open_app(data, "positions.yaml", watch=True)
    # The same version (its bytes hashed or not, depending on how recent it is).
    assert app._started is not None and same(app._started[1], before)
    data.write_text(data.read_text(encoding="utf-8") + "\n# saved meanwhile\n", "utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        held.release.set()
        await loaded(pilot, app)
        assert app.watcher is not None and same(app.watcher.loaded, before)
        await loaded(pilot, app, 2)  # the save is seen, and loaded


async def test_without_a_cache_the_screen_waits_for_the_load(
    data: Path, held: type[HeldValidation]
) -> None:
    app = open_app(data, "positions.yaml", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.main_screen.grid is None
        held.release.set()
        await loaded(pilot, app)
        assert app.main_screen.grid is not None


async def test_no_cache_and_since_start_without_the_cached_load(
    data: Path, held: type[HeldValidation]
) -> None:
    assert load_path(data, "positions.yaml").ok
    for options in ({"use_cache": False}, {"since": str(data)}):
        held.release = threading.Event()
        app = open_app(data, "positions.yaml", watch=False, **options)  # type: ignore[arg-type]
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.main_screen.grid is None
            held.release.set()
            await loaded(pilot, app)


PROBE = """
import asyncio, sys, time
from pathlib import Path
from tui.app import open_app

async def main():
    app = open_app(Path(sys.argv[1]), "positions.yaml", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        first = app.main_screen.grid is not None
        while app.loads < 1:
            await asyncio.sleep(0.01)
        await pilot.pause()
        # The article of the selected cell, a sentence selected and copied to paste.
        await pilot.press("enter", "right_square_bracket", "y")
        await pilot.pause()
        viewer = type(app.screen).__name__
        modules = ("pydantic" in sys.modules, "yaml" in sys.modules)
        print(first, app.main_screen.grid is not None, viewer, *modules)

asyncio.run(main())
"""


def test_the_dashboard_never_imports_pydantic(data: Path) -> None:
    """Cold and warm: the loads run in the second process; this one decodes plain data,
    and writes the evidence item it copies from an article without a YAML library."""
    lines = []
    for _ in ("cold", "warm"):
        out = subprocess.run(
            [sys.executable, "-c", PROBE, str(data)],
            env=environment(),
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        lines.append(out.stdout.strip())
    assert lines == [
        "False True SourceViewerScreen False False",
        "True True SourceViewerScreen False False",
    ]


async def test_a_save_starts_the_spare_that_reloads_it(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watcher's first sight of a change starts a spare process; the reload, one poll
    later, hands the file to it instead of starting a process that imports pydantic."""
    started: list[object] = []
    real_spare = child.spare

    def counted() -> object:
        process = real_spare()
        started.append(process)
        return process

    monkeypatch.setattr(child, "spare", counted)
    app = SummitApp(data, "positions.yaml", poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        assert started == [] and app._spare is None
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("Harbour summit", "Harbour summit, day two"), "utf-8")
        await loaded(pilot, app, 2)
        await until(pilot, lambda: "day two" in app.title, "the reloaded title")
        assert len(started) == 1
        assert app._spare is None  # handed to the reload
        assert started[0].poll() == 0  # type: ignore[attr-defined]  # it loaded, and ended
