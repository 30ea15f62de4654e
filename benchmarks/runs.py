"""How the benchmark runs things: every figure a fresh child process (forked from a small
wrapper that reports its wall time and peak memory), the dashboard through
benchmarks/dashboard.py, apps in a terminal through benchmarks/terminal.py, all of them
in rounds."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from benchmarks import terminal
from benchmarks.table import ROOT, Figure, Row, Sample

VIEWS = {"overview": "in the overview", "reading": "in the full cells"}
"""The dashboard's two views, where cursor moves are timed (benchmarks/dashboard.py)."""
SPAWN = """
import json, os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
start = time.monotonic()
clock = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - clock
with open(report, "w") as out:
    kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    json.dump({"start": start, "seconds": seconds, "maxrss_kib": kib,
               "exit": os.waitstatus_to_exitcode(status)}, out)
"""
"""Runs a command and reports its wall time and peak memory. Peak memory (maxrss)
carries over from the process that forks: a child of this runner would report at
least the runner's own (hundreds of MB after generating a big file), so each
command is forked from this small wrapper instead."""


Cache = Path | Literal["cold"] | None
"""The cache folder of a run: a primed one (warm), a fresh empty one per run (cold), or
the benchmark's scratch folder (figures that do not read the cache)."""


class Job:
    """Something measured run after run: a command, or the dashboard."""

    runs: int
    error: str = ""

    def run(self, bench: Bench, round_: int) -> None:
        raise NotImplementedError


class Command(Job):
    """A command timed from start to exit."""

    def __init__(self, argv: list[str], cwd: Path, runs: int, cache: Cache = None) -> None:
        self.argv, self.cwd, self.runs, self.cache = argv, cwd, runs, cache
        self.samples: list[Sample] = []

    def run(self, bench: Bench, round_: int) -> None:
        with bench.cache_env(self.cache) as env:
            sample, _, _, error = bench.child(self.argv, self.cwd, env)
        if sample is None:
            self.error = error
        else:
            self.samples.append(sample)

    @property
    def figure(self) -> Figure:
        return Figure.of(self.samples, self.error)


class Dashboard(Job):
    """First frame, data on screen and stall (every run); moves and reloads (first run)."""

    def __init__(
        self,
        mode: str,
        path: Path | None,
        runs: int,
        moves: int = 0,
        reloads: int = 0,
        cache: Cache = None,
    ) -> None:
        self.mode, self.path, self.runs = mode, path, runs
        self.moves, self.reloads, self.cache = moves, reloads, cache
        self.found: dict[str, list[Sample]] = {
            "first_frame": [],
            "data": [],
            "stall": [],
            **{f"moves_{view}{part}": [] for view in VIEWS for part in ("", "_first_frame")},
            "reload": [],
        }

    def run(self, bench: Bench, round_: int) -> None:
        argv = [sys.executable, "-m", "benchmarks.dashboard", self.mode]
        if self.path is not None:
            argv.append(str(self.path))
        moves, reloads = (self.moves, self.reloads) if round_ == 0 else (0, 0)
        argv += ["--moves", str(moves), "--reloads", str(reloads)]
        with bench.cache_env(self.cache) as env:
            cwd = self.path.parent if self.path else ROOT
            sample, start, stdout, stderr = bench.child(argv, cwd, env)
        if sample is None:
            self.error = stderr
            return
        try:
            times = json.loads(stdout)
        except json.JSONDecodeError:
            self.error = f"no result: {_tail(stderr)}"
            return
        if times.get("valid") is False:
            self.error = "the file did not load (invalid or refused)"
            return
        peak = sample.peak_mb
        self.found["first_frame"].append(Sample(times["first_frame"] - start, peak))
        if "data" in times:
            self.found["data"].append(Sample(times["data"] - start, peak))
            self.found["stall"].append(Sample(times["stall"], peak))
        for view in VIEWS:
            for part in ("", "_first_frame"):
                key = f"moves_{view}{part}"
                self.found[key] += [Sample(t, peak) for t in times.get(key, [])]
        self.found["reload"] += [Sample(t, peak) for t in times.get("reloads", [])]

    def figure(self, name: str) -> Figure:
        return Figure.of(self.found[name], self.error)


class _Once:
    """A value made when first asked for (the marker of a big file takes a parse)."""

    def __init__(self, make: Callable[[], terminal.Marker]) -> None:
        self.make = make
        self.value: terminal.Marker | None = None

    def __call__(self) -> terminal.Marker:
        if self.value is None:
            self.value = self.make()
        return self.value


class Terminal(Job):
    """An app run in a tmux pane, timed until its marker is on the pane's screen."""

    def __init__(
        self,
        argv: list[str],
        marker: Callable[[], terminal.Marker],
        cwd: Path,
        runs: int,
        cache: Cache,
    ) -> None:
        self.argv, self.marker, self.cwd, self.runs, self.cache = argv, marker, cwd, runs, cache
        self.samples: list[Sample] = []
        if not terminal.available():
            self.error = terminal.SKIPPED

    def run(self, bench: Bench, round_: int) -> None:
        with bench.cache_env(self.cache) as env:
            try:
                timing = terminal.time_until(
                    self.argv, self.marker(), env={**bench.env, **env}, cwd=self.cwd
                )
            except terminal.TerminalError as error:
                self.error = str(error).replace("|", "/")
                return
        bench.polls.append(timing.poll_interval)
        self.samples.append(Sample(timing.seconds, None))

    @property
    def figure(self) -> Figure:
        return Figure.of(self.samples, self.error)


@dataclass
class Bench:
    """Runs children and collects the rows of the table."""

    runs: int
    quick: bool
    env: dict[str, str]
    caches: Path
    """Where the cold runs' fresh cache folders are made (and removed)."""
    rows: list[Row] = field(default_factory=list)
    polls: list[float] = field(default_factory=list)
    """The mean interval between two screen captures, of each terminal run."""

    def runs_for(self, positions: int) -> int:
        """Fewer runs for big files: their times vary less and cost more."""
        if positions >= 100_000:
            return 1
        if positions >= 10_000:
            return max(1, self.runs // 2)
        return self.runs

    @contextmanager
    def cache_env(self, cache: Cache) -> Iterator[dict[str, str]]:
        """The environment that gives one run its cache folder (see `Cache`)."""
        if cache == "cold":
            with tempfile.TemporaryDirectory(prefix="cold-", dir=self.caches) as fresh:
                yield {"XDG_CACHE_HOME": fresh}
        elif cache is None:
            yield {}
        else:
            yield {"XDG_CACHE_HOME": str(cache)}

    def prime(self, path: Path, folder: Path) -> str:
        """Load `path` once with `folder` as the cache folder; why it failed, or ""."""
        folder.mkdir(parents=True, exist_ok=True)
        argv = [sys.executable, "-m", "tui", "check", str(path)]
        sample, _, _, error = self.child(argv, path.parent, {"XDG_CACHE_HOME": str(folder)})
        if sample is None:
            return f"priming the cache failed: {error}"
        if not any(item.is_file() for item in folder.rglob("*")):
            return "no warm cache: `summit check` wrote nothing under XDG_CACHE_HOME"
        return ""

    def child(
        self, argv: list[str], cwd: Path, env: dict[str, str] | None = None
    ) -> tuple[Sample | None, float, str, str]:
        """Run one child through SPAWN (with `env` added to the benchmark's environment):
        its wall time and peak memory, the monotonic moment it was started, its stdout
        and its stderr."""
        with (
            tempfile.TemporaryFile() as out,
            tempfile.TemporaryFile() as err,
            tempfile.NamedTemporaryFile("r", suffix=".json") as report,
        ):
            wrapper = [sys.executable, "-S", "-c", SPAWN, report.name, *argv]
            code = subprocess.run(
                wrapper,
                cwd=cwd,
                env={**self.env, **(env or {})},
                stdout=out,
                stderr=err,
                check=False,
            ).returncode
            out.seek(0)
            err.seek(0)
            stdout = out.read().decode("utf-8", "replace")
            stderr = err.read().decode("utf-8", "replace")
            try:
                run = json.loads(report.read())
            except json.JSONDecodeError:
                return None, 0.0, stdout, f"the wrapper failed (exit {code}): {_tail(stderr)}"
        sample = Sample(run["seconds"], run["maxrss_kib"] / 1024)
        if run["exit"] != 0:
            return None, run["start"], stdout, f"exit {run['exit']}: {_tail(stderr)}"
        return sample, run["start"], stdout, stderr

    def rounds(self, jobs: Sequence[Job]) -> None:
        """Run the jobs in rounds, one run of each per round, so that a passing disturbance
        of the machine touches every figure of a round alike instead of all the runs of
        one figure (and a figure and its baseline are measured side by side)."""
        for round_ in range(max((job.runs for job in jobs), default=0)):
            for job in jobs:
                if round_ < job.runs and not job.error:
                    job.run(self, round_)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        _progress(row)
        return row


def _tail(stderr: str) -> str:
    """The last line of a child's stderr, for the table."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return (lines[-1] if lines else "no message")[-200:].replace("|", "/")


def _progress(row: Row) -> None:
    fig = row.figure
    shown = (fig.error or "failed") if fig.seconds is None else f"{fig.seconds * 1000:.1f} ms"
    print(f"  {row.what} [{row.file}]: {shown}", file=sys.stderr, flush=True)
