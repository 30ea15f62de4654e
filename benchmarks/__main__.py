"""`python -m benchmarks`: the speed figures of issues 5, 13, 18 and 22 and their baselines.

Every figure is measured in a fresh process, as a user runs it: wall time from
starting the process to the end (or to the frame in question, for the
dashboard), median of several runs, and the peak memory (maxrss) of that process.
Each figure is shown next to its baseline, measured in the same run on the same
machine, and as a ratio to it; where issue 5 or issue 13 sets a target, the
last column says whether it is met.

Sizes are counted in topics: 10 parties times 10, 100, 1,000 and 10,000 topics
give 100 to 100,000 positions (benchmarks/generate.py). The shipped
positions.yaml is always measured too. Files are generated into a temporary
folder and removed afterwards.

Where the cache of the last valid load matters, a figure is measured twice:
"cold", each run with a fresh empty cache folder (XDG_CACHE_HOME), and "warm",
every run with one folder per file in which `summit check` loaded that file
once. The user's own cache is never read or written. (platformdirs follows
XDG_CACHE_HOME on Linux; elsewhere the cache figures are not cold and warm.)

The headline, first in the table, is measured in a real terminal: the app runs
in a tmux pane (benchmarks/terminal.py) and the time is when its data is seen
on the pane's screen. Without tmux those rows say so and the rest still runs.

Two floors for the dashboard's first screen: a bare Textual app (a header, a line
of text, a footer), and a bare Textual app that paints the dashboard's own first
screen (the shipped file's overview, written out once per run) as static text: the
second shows what the dashboard costs beyond drawing the same characters.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import terminal
from benchmarks.generate import Sizes
from benchmarks.runs import VIEWS, Bench, Cache, Command, Dashboard, Job, Terminal, _Once, _tail
from benchmarks.table import ROOT, Figure, Row, _revision, _terminal_note, machine, table

SIZES = (10, 100, 1000, 10000)
PARTIES = 10
TEXT_LIMIT = 10_000
"""Above this many positions the text snapshot is not timed: it is linear (the 10,000
figure times ten) and would take minutes of the run on its own."""
STATIC = "bare Textual app: the same screen as static text"
"""The second floor (benchmarks/dashboard.py `static`)."""
IMPORTS = "import yaml, pydantic, rich.console, rich.table"
PARSE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"


def _label(positions: int) -> str:
    return f"{positions:,} positions"


def run_benchmark(sizes: Sequence[int], runs: int, quick: bool, folder: Path) -> Bench:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("NO_COLOR", None)
    # An installed package imports compiled modules: let the warm-up write them (and
    # every run read them), even where the environment asks Python not to.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Never the user's cache, and the cache always on: a figure that does not choose its
    # cache gets a scratch folder of its own.
    env.pop("SUMMIT_NO_CACHE", None)
    env["XDG_CACHE_HOME"] = str(folder / "cache-scratch")
    caches = folder / "caches"
    caches.mkdir()
    bench = Bench(runs, quick, env, caches)
    py = sys.executable
    moves = 5 if quick else 20
    reloads = 1 if quick else 3

    shipped_dir = folder / "shipped"
    shipped_dir.mkdir()
    shutil.copy(ROOT / "positions.yaml", shipped_dir / "positions.yaml")
    shutil.copytree(ROOT / "seeds", shipped_dir / "seeds")
    shipped = shipped_dir / "positions.yaml"

    # Warm up: compile every module once, so no run pays for writing .pyc files.
    bench.child([py, "-m", "tui", "check", str(shipped)], shipped_dir)
    bench.child([py, "-m", "tui", "snapshot", str(shipped)], shipped_dir)
    bench.child([py, "-m", "tui", "snapshot", "--format", "html", str(shipped)], shipped_dir)
    bench.child([py, "-m", "benchmarks.dashboard", "bare"], ROOT)
    bench.child(
        [py, "-m", "benchmarks.dashboard", "summit", str(shipped), "--moves", "1"], shipped_dir
    )
    # The second floor's screen: the dashboard's first screen, with the shipped file.
    screen = folder / "screen.ansi"
    _, _, _, screen_error = bench.child(
        [py, "-m", "benchmarks.dashboard", "screen", str(shipped), str(screen)], shipped_dir
    )
    if not screen.exists():
        screen_error = f"the dashboard's screen was not written: {_tail(screen_error)}"
    else:
        screen_error = ""
        bench.child([py, "-m", "benchmarks.dashboard", "static", str(screen)], ROOT)
    bare_terminal = [py, "-m", "benchmarks.dashboard", "bare", "--terminal"]
    static_terminal = [py, "-m", "benchmarks.dashboard", "static", str(screen), "--terminal"]
    bare_marker = terminal.Marker.text(terminal.BARE_TEXT)
    if terminal.available():
        for argv, marker, cwd in (
            (bare_terminal, bare_marker, ROOT),
            ([py, "-m", "tui", "tui", str(shipped)], terminal.summit_marker(shipped), shipped_dir),
        ):
            try:
                terminal.time_until(argv, marker, env=env, cwd=cwd)
            except terminal.TerminalError:
                pass  # the measured runs say what fails

    files: list[tuple[str, Path, int]] = [("shipped", shipped, _count_positions(shipped))]
    for topics in sizes:
        size = Sizes(PARTIES, topics)
        print(f"generating {_label(size.positions)}", file=sys.stderr, flush=True)
        # In a child: generating 100,000 positions takes 0.5 GB, which would stay
        # this process's peak memory.
        path = folder / f"t{topics}" / "positions.yaml"
        subprocess.run(
            [py, "-m", "benchmarks.generate", str(path.parent), "--topics", str(topics)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        files.append((_label(size.positions), path, size.positions))

    # The baselines run in the same rounds as the shipped file, whose targets they set.
    nothing = Command([py, "-c", "pass"], ROOT, runs)
    imports = Command([py, "-c", IMPORTS], ROOT, runs)
    basemodel = Command([py, "-c", IMPORTS + "; from pydantic import BaseModel"], ROOT, runs)
    bare_app = Dashboard("bare", None, runs)
    bare_term = Terminal(bare_terminal, lambda: bare_marker, ROOT, runs, None)
    static_app = Dashboard("static", screen, runs)
    shipped_marker = _Once(lambda: terminal.summit_marker(shipped))
    static_term = Terminal(static_terminal, shipped_marker, ROOT, runs, None)
    for job in (static_app, static_term):
        job.error = job.error or screen_error
    bare: Figure | None = None
    bare_screen: Figure | None = None
    static_screen: Figure | None = None
    check_by_size: dict[int, Figure] = {}
    shipped_frame: Figure | None = None
    shipped_screen: dict[str, Figure] = {}
    for name, path, positions in files:
        print(name, file=sys.stderr, flush=True)
        n = bench.runs_for(positions)
        is_shipped = name == "shipped"
        label = f"shipped ({positions} positions)" if is_shipped else name
        warm_cache = caches / f"warm-{path.parent.name}"
        unprimed = bench.prime(path, warm_cache)
        temps: dict[str, Cache] = {"cold": "cold", "warm": warm_cache}

        def cli(*args: str, cache: Cache, path: Path = path, runs: int = n) -> Command:
            return Command([py, "-m", "tui", *args, str(path)], path.parent, runs, cache)

        parse = Command([py, "-c", PARSE, str(path)], path.parent, n)
        checks = {temp: cli("check", cache=cache) for temp, cache in temps.items()}
        snapshots: dict[tuple[str, str], Command] = {}
        for fmt in ("text", "json", "html"):
            if fmt == "text" and positions > TEXT_LIMIT:
                continue
            # The text snapshot of 10,000 positions takes seconds and varies little: once.
            fmt_runs = 1 if fmt == "text" and positions >= TEXT_LIMIT else n
            for temp, cache in temps.items():
                snapshots[fmt, temp] = cli("snapshot", "--format", fmt, cache=cache, runs=fmt_runs)
        # Cursor moves and reloads in the cold runs: a reload saves an edited file, whose
        # load would replace the warm folder's cache of the file measured.
        dashes = {
            "cold": Dashboard(
                "summit", path, n, moves, 1 if positions >= 100_000 else reloads, cache="cold"
            ),
            "warm": Dashboard("summit", path, n, cache=warm_cache),
        }
        summit_argv = [py, "-m", "tui", "tui", str(path)]
        marker = _Once(lambda path=path: terminal.summit_marker(path))
        screens = {
            temp: Terminal(summit_argv, marker, path.parent, n, cache)
            for temp, cache in temps.items()
        }
        if unprimed:
            for job in (checks["warm"], dashes["warm"], screens["warm"]):
                job.error = job.error or unprimed
            for (_, temp), job in snapshots.items():
                if temp == "warm":
                    job.error = unprimed
        jobs: list[Job] = [
            *screens.values(),
            parse,
            *checks.values(),
            *snapshots.values(),
            *dashes.values(),
        ]
        if is_shipped:
            floors = [bare_term, static_term, nothing, imports, basemodel, bare_app, static_app]
            jobs = [*floors, *jobs]
        bench.rounds(jobs)

        # The headline: in a terminal.
        if is_shipped:
            bare_screen = bare_term.figure
            bench.add(
                Row("bare Textual app: first frame (terminal)", "-", bare_screen, headline=True)
            )
            static_screen = static_term.figure
            bench.add(
                Row(
                    f"{STATIC}: first frame (terminal)",
                    label,
                    static_screen,
                    "bare Textual (terminal)",
                    bare_screen,
                    headline=True,
                )
            )
        for temp, job in screens.items():
            row = Row(
                f"dashboard: data on screen, {temp} (terminal)", label, job.figure, headline=True
            )
            if is_shipped:
                row.baseline, row.base = "bare Textual (terminal)", bare_screen
                row.target, row.limit = (
                    ("<= 1.5x bare Textual", 1.5)
                    if temp == "cold"
                    else ("<= 1.2x bare Textual", 1.2)
                )
                shipped_screen[temp] = job.figure
            elif temp in shipped_screen:
                row.baseline, row.base = f"shipped, {temp}", shipped_screen[temp]
                if positions == 10_000 and temp == "warm":
                    row.target, row.limit = "<= 3x shipped", 3
            bench.add(row)
        if is_shipped:
            # The second floor: what the dashboard costs beyond drawing the same screen.
            for temp, job in screens.items():
                what = f"dashboard: data on screen, {temp} (terminal), over static text"
                bench.add(
                    Row(what, label, job.figure, "static (terminal)", static_screen, headline=True)
                )

        if is_shipped:
            bench.add(Row("python -c pass", "-", nothing.figure))
            bench.add(Row("bare imports (yaml, pydantic, rich)", "-", imports.figure))
            # Not a baseline of the issue: what pydantic's models cost before ours are built.
            bench.add(
                Row(
                    "bare imports + pydantic.BaseModel",
                    "-",
                    basemodel.figure,
                    "bare imports",
                    imports.figure,
                )
            )
            bare = bare_app.figure("first_frame")
            bench.add(Row("bare Textual app: first frame", "-", bare))
            static = static_app.figure("first_frame")
            bench.add(Row(f"{STATIC}: first frame", label, static, "bare Textual", bare))

        bench.add(Row("bare libyaml parse", label, parse.figure))
        base_name, base = (
            ("bare imports", imports.figure) if is_shipped else ("libyaml parse", parse.figure)
        )
        check_by_size[positions] = checks["cold"].figure
        for temp, job in checks.items():
            row = Row(f"summit check, {temp}", label, job.figure, base_name, base)
            if is_shipped and temp == "warm":
                row.target, row.limit = "<= 1.3x bare imports", 1.3
            elif positions == 10_000 and temp == "cold":
                row.target, row.limit, row.peak_limit_mb = "<= 1.0x parse, < 150 MB", 1.0, 150
            bench.add(row)
        if positions == 100_000 and 10_000 in check_by_size:
            bench.add(
                Row(
                    "summit check, cold: 100,000 vs 10,000",
                    label,
                    checks["cold"].figure,
                    "check of 10,000",
                    check_by_size[10_000],
                    "<= 12x",
                    12,
                )
            )
        for fmt in ("text", "json", "html"):
            for temp in temps:
                what = f"summit snapshot ({fmt}), {temp}"
                if (fmt, temp) not in snapshots:
                    skipped = Figure(
                        None, error=f"skipped above {TEXT_LIMIT:,} positions (see note)"
                    )
                    bench.add(Row(what, label, skipped))
                    continue
                row = Row(what, label, snapshots[fmt, temp].figure, base_name, base)
                if is_shipped and temp == "warm":
                    row.target, row.limit = "<= 1.3x bare imports", 1.3
                elif fmt == "text" and positions == 10_000:
                    row.target, row.limit, row.absolute = "<= 5 s", 5.0, True
                elif fmt == "html" and positions == 10_000 and ("text", temp) in snapshots:
                    # Issue 22: the page costs no more than the text snapshot of the same file.
                    row.baseline, row.base = f"text, {temp}", snapshots["text", temp].figure
                    row.target, row.limit = "<= 1.0x text", 1.0
                bench.add(row)

        first = dashes["cold"].figure("first_frame")
        row = Row("dashboard: first frame, cold", label, first, "bare Textual", bare)
        if is_shipped:
            row.target, row.limit = "<= 1.5x bare Textual", 1.5
            shipped_frame = first
        elif positions == 10_000 and shipped_frame is not None:
            row.baseline, row.base = "shipped first frame", shipped_frame
            row.target, row.limit = "<= 3x shipped", 3
        bench.add(row)
        # What the dashboard adds to loading: data on screen and reload against the check
        # of the same file (the shipped file's data against the bare app's first frame).
        for temp, dash in dashes.items():
            what = f"dashboard: data on screen, {temp}"
            if is_shipped:
                row = Row(what, label, dash.figure("data"), "bare Textual", bare)
            else:
                row = Row(what, label, dash.figure("data"), f"check, {temp}", checks[temp].figure)
            bench.add(row)
        for temp, dash in dashes.items():
            bench.add(
                Row(
                    f"dashboard: longest UI stall while loading, {temp}",
                    label,
                    dash.figure("stall"),
                )
            )
        cold = dashes["cold"]
        for view, where in VIEWS.items():
            first_frame = cold.figure(f"moves_{view}_first_frame")
            row = Row(f"dashboard: cursor move {where}, first frame", label, first_frame)
            if positions == 10_000:
                row.target, row.limit, row.absolute = "<= 16 ms", 0.016, True
            bench.add(row)
            settled = cold.figure(f"moves_{view}")
            row = Row(f"dashboard: cursor move {where}, screen settled", label, settled)
            if positions == 10_000:
                row.target, row.limit, row.absolute = "<= 50 ms", 0.05, True
            bench.add(row)
        reload = cold.figure("reload")
        row = Row(
            "dashboard: reload after a save", label, reload, "check, cold", checks["cold"].figure
        )
        if is_shipped:
            row.target, row.limit, row.absolute = "< 1 s", 1.0, True
        bench.add(row)
    return bench


def _count_positions(path: Path) -> int:
    """Positions in a file, without importing the loader into this process."""
    out = subprocess.run(
        [sys.executable, "-m", "tui", "snapshot", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        cwd=path.parent,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        check=False,
    )
    try:
        return len(json.loads(out.stdout)["positions"])
    except (json.JSONDecodeError, KeyError):
        return 0


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected topic counts like 10,100: {text!r}") from None
    if any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("topic counts must be at least 1")
    return sizes


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(SIZES),
        metavar="T1,T2",
        help=f"topic counts to generate, {PARTIES} parties each (default: 10,100,1000,10000)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=7,
        metavar="N",
        help="runs per figure (half as many at 10,000 positions, one at 100,000; default 7)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer cursor moves and reloads (for the test)"
    )
    args = parser.parse_args(argv)
    date = datetime.now(UTC)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="summit-bench-") as folder:
        bench = run_benchmark(args.sizes, max(1, args.runs), args.quick, Path(folder))
    elapsed = time.perf_counter() - started
    out(f"Machine: {machine()}")
    out(f"Date: {date:%Y-%m-%d %H:%M} UTC")
    out(f"Revision: {_revision()}")
    shown = " ".join(["python -m benchmarks", *(argv if argv is not None else sys.argv[1:])])
    out(f"Command: {shown}")
    out(f"Terminal: {_terminal_note(bench.polls)}")
    out(f"Run time: {elapsed:.0f} s")
    out("")
    # The headline first: the figures seen in a terminal.
    out(table(sorted(bench.rows, key=lambda row: not row.headline)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
