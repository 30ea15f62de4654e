"""Time the dashboard headless: first frame, data on screen, cursor moves, reload.

Run by the benchmark in a fresh process (`python -m benchmarks.dashboard MODE ...`),
so the times include starting Python and importing Textual, as a user would see.
Prints one JSON object on stdout; every time is `time.monotonic()` (system-wide on
Linux), so the parent can subtract the moment it started this process.

A frame is counted when the app hands a screen update to its driver: the hook
wraps `App._display` (a private method: the one place every frame passes). In
headless mode Textual skips turning the update into escape sequences; the hook does
that work itself (`render_segments`) so that a frame costs what it would in a
terminal, minus the write.

`python -m benchmarks.dashboard bare --terminal` runs the bare app for real, in the
terminal it is started in: benchmarks/terminal.py times it in a tmux pane.

The second floor: `screen FILE OUT` writes the dashboard's first screen with its data
(the overview), as text with its colours (ANSI), the way `App.export_screenshot`
reads it (from the screen's compositor, a private attribute); `static OUT` then
paints that text in a bare app, one `Static` filling the screen, so that the table
shows what the dashboard costs beyond drawing the same characters.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

SIZE = (120, 40)
"""Terminal size of every run: a common full-screen terminal."""
TICK = 0.01
"""Interval of the timer that probes the UI's responsiveness while the file loads."""
TIMEOUT = 120.0
"""Longest wait for any one step (the largest file loads in well under this)."""
BARE_TEXT = "Hello from a bare Textual app."
"""What the bare app shows (the terminal benchmark waits for it)."""


class Frames:
    """Timestamps of the frames an app paints."""

    def __init__(self, app: Any) -> None:
        from textual._compositor import CompositorUpdate

        self.times: list[float] = []
        self.app = app
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            self.times.append(time.monotonic())

        app._display = display

    def after(self, moment: float) -> list[float]:
        return [t for t in self.times if t > moment]

    async def wait(self, pilot: Any, condition: Any, timeout: float = TIMEOUT) -> None:
        """Let the app run until `condition()` holds."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the app did not get there in time")
            await asyncio.sleep(0.002)


def bare_app() -> Any:
    """The baseline: an app with a Header, a Static and a Footer."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static(BARE_TEXT)
            yield Footer()

    return Bare()


def static_app(screen: Path) -> Any:
    """The second floor: a bare app painting the text of `screen` (see `dump_screen`)."""
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Same(App[None]):
        CSS = "Static { width: 100%; height: 100%; text-wrap: nowrap; }"

        def compose(self) -> ComposeResult:
            yield Static(Text.from_ansi(screen.read_text(encoding="utf-8"), no_wrap=True))

    return Same()


async def dump_screen(path: Path, out: Path) -> dict[str, Any]:
    """Write the dashboard's screen once its data is on it, as ANSI text, to `out`."""
    import io

    from rich.console import Console

    from tui.app import open_app

    app = open_app(path, path.name, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        while not app.loads:
            await asyncio.sleep(0.01)
        await pilot.pause()
        await pilot.pause()
        width, height = SIZE
        console = Console(
            width=width,
            height=height,
            file=io.StringIO(),
            force_terminal=True,
            color_system="truecolor",
            record=True,
            legacy_windows=False,
            safe_box=False,
        )
        console.print(app.screen._compositor.render_update(full=True))
        out.write_text(console.export_text(styles=True), encoding="utf-8")
    return {"lines": height}


async def bare(app: Any = None) -> dict[str, Any]:
    """The bare app's (or `app`'s) first frame, headless."""
    app = app if app is not None else bare_app()
    frames = Frames(app)
    async with app.run_test(size=SIZE) as pilot:
        await frames.wait(pilot, lambda: frames.times)
        return {"first_frame": frames.times[0]}


async def summit(path: Path, moves: int, reloads: int) -> dict[str, Any]:
    """The dashboard on `path`: first frame, data on screen, cursor moves, reloads.

    Opened as `summit FILE` opens it (`open_app`: the cache is read and the check
    started before Textual is imported), with the cache of XDG_CACHE_HOME: empty for
    a cold start, primed for a warm one."""
    from tui.app import open_app

    app = open_app(path, path.name, watch=reloads > 0)
    frames = Frames(app)
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        ticks: list[float] = []
        # While the file loads, a timer ticks every TICK seconds on the UI's event loop:
        # the longest gap between ticks is the longest the UI could not respond.
        timer = app.set_interval(TICK, lambda: ticks.append(time.monotonic()))
        await frames.wait(pilot, lambda: frames.times)
        out["first_frame"] = frames.times[0]
        # Data on screen: the first frame painted at or after the moment the data (or
        # the errors) was handed to the screen; from the cache, that is the first frame.
        screen = app.main_screen
        await frames.wait(pilot, lambda: screen.first_shown is not None)
        shown = screen.first_shown
        await frames.wait(pilot, lambda: [t for t in frames.times if t >= shown])
        out["data"] = next(t for t in frames.times if t >= shown)
        # The check goes on after cached data is shown: the stall counts until it ends.
        await frames.wait(pilot, lambda: app.loads >= 1)
        timer.stop()
        gaps = [b - a for a, b in pairwise(ticks)]
        out["stall"] = max(gaps, default=0.0)
        out["valid"] = app.main_screen.grid is not None
        await pilot.pause()

        # Cursor moves: from the key press to the last frame it caused; in the overview
        # (the first screen), then in the full cells (`v`).
        matrix = app.main_screen.matrix
        for view in ("overview", "reading"):
            if view == "reading" and matrix.rows and moves:
                start = time.monotonic()
                await pilot.press("v")
                await frames.wait(pilot, lambda start=start: frames.after(start))
                await pilot.pause()
            found = out.setdefault(f"moves_{view}", [])
            firsts = out.setdefault(f"moves_{view}_first_frame", [])
            for i in range(moves if matrix.rows else 0):
                start = time.monotonic()
                await pilot.press(_next_move(matrix, i))
                await frames.wait(pilot, lambda start=start: frames.after(start))
                await pilot.pause()
                painted = frames.after(start)
                found.append(painted[-1] - start)
                firsts.append(painted[0] - start)

        # Reloads: save a changed file (write and rename, as editors do) and time until
        # the frame that shows it.
        out["reloads"] = []
        original = path.read_text(encoding="utf-8")
        title = app.main_screen.grid.doc.summit.title if app.main_screen.grid else None
        for i in range(reloads if title else 0):
            edited = _retitle(original, title, f"{title} edit {i + 1}")
            if edited is None:
                break
            before = app.loads
            temp = path.with_name(path.name + ".saving")
            temp.write_text(edited, encoding="utf-8")
            start = time.monotonic()
            os.replace(temp, path)
            await frames.wait(pilot, lambda before=before: app.loads > before)
            shown = time.monotonic()
            await frames.wait(pilot, lambda shown=shown: frames.after(shown))
            if f"edit {i + 1}" not in app.title:
                raise RuntimeError("the reloaded data is not on screen")
            out["reloads"].append(frames.after(shown)[0] - start)
            await pilot.pause()
        if out["reloads"]:
            path.write_text(original, encoding="utf-8")
    return out


def _retitle(text: str, title: str, new: str) -> str | None:
    """`text` with the summit's title changed where it is set (not in a comment)."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.lstrip().startswith("title:") and title in line:
            lines[i] = line.replace(title, new, 1)
            return "".join(lines)
    return None


def _next_move(matrix: Any, i: int) -> str:
    """Mostly down, so that new rows scroll into view; every fourth move sideways. Away
    from the edges, so that every move really moves the cursor."""
    if i % 4 == 3 and len(matrix.parties) > 1:
        return "right" if matrix.cursor_col < len(matrix.parties) - 1 else "left"
    if len(matrix.rows) > 1:
        return "down" if matrix.cursor_row < len(matrix.rows) - 1 else "up"
    return "right" if matrix.cursor_col < len(matrix.parties) - 1 else "left"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("bare", "summit", "screen", "static"))
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("out", nargs="?", type=Path, help="screen: where the text goes")
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--reloads", type=int, default=3)
    parser.add_argument(
        "--terminal",
        action="store_true",
        help="run the bare app in the terminal, as a user would (benchmarks/terminal.py)",
    )
    args = parser.parse_args()
    if args.terminal:
        if args.mode not in ("bare", "static"):
            parser.error("--terminal runs a bare app; the dashboard runs as `python -m tui`")
        (bare_app() if args.mode == "bare" else static_app(args.file)).run()
        return
    if args.mode == "bare":
        result = asyncio.run(bare())
    elif args.mode == "static":
        result = asyncio.run(bare(static_app(args.file)))
    elif args.mode == "screen":
        result = asyncio.run(dump_screen(args.file, args.out))
    else:
        result = asyncio.run(summit(args.file, args.moves, args.reloads))
    json.dump(result, sys.stdout)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
