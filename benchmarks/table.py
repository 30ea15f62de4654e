"""The benchmark's figures and its table: a median with its baseline, a ratio and a
verdict, and the Markdown table it prints (it pastes into docs/performance.md as is),
with the header lines that say where, when and how it was measured."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import terminal

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Sample:
    """One run of a child process."""

    seconds: float
    peak_mb: float | None
    """None where not measured (in a terminal, the app is not this program's child)."""


@dataclass
class Figure:
    """The median of several runs (or None when the command failed)."""

    seconds: float | None
    peak_mb: float | None = None
    runs: int = 0
    error: str = ""

    @staticmethod
    def of(samples: Sequence[Sample], error: str = "") -> Figure:
        if not samples:
            return Figure(None, None, 0, error or "no run")
        peaks = [s.peak_mb for s in samples if s.peak_mb is not None]
        return Figure(
            statistics.median(s.seconds for s in samples),
            max(peaks) if peaks else None,
            len(samples),
            error,
        )


@dataclass
class Row:
    what: str
    file: str
    figure: Figure
    baseline: str = ""
    base: Figure | None = None
    target: str = ""
    limit: float | None = None
    """Highest ratio (or, when `absolute`, seconds) that meets the target."""
    absolute: bool = False
    peak_limit_mb: float | None = None
    unit: str = "ms"
    headline: bool = False
    """Measured in a terminal: shown first."""

    @property
    def ratio(self) -> float | None:
        if self.base is None or not self.base.seconds or self.figure.seconds is None:
            return None
        return self.figure.seconds / self.base.seconds

    @property
    def verdict(self) -> str:
        if not self.target:
            return ""
        if self.figure.seconds is None:
            return "not measured"
        value = self.figure.seconds if self.absolute else self.ratio
        if value is None or self.limit is None:
            return "not measured"
        met = value <= self.limit
        if self.peak_limit_mb is not None and self.figure.peak_mb is not None:
            met = met and self.figure.peak_mb < self.peak_limit_mb
        return "met" if met else "NOT met"


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table (it pastes into docs/performance.md as is)."""
    head = ["figure", "file", "median", "peak", "baseline", "ratio", "target", "met?"]
    lines = [head]
    for row in rows:
        fig = row.figure
        if fig.seconds is None:
            median = fig.error if fig.error.startswith("skipped") else f"failed: {fig.error}"
        else:
            median = f"{fig.seconds * 1000:,.1f} ms"
            if fig.runs > 1:
                median += f" (n={fig.runs})"
        peak = f"{fig.peak_mb:,.0f} MB" if fig.peak_mb is not None else ""
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        base = ""
        if row.base is not None and row.base.seconds is not None:
            base = f"{row.baseline} ({row.base.seconds * 1000:,.1f} ms)"
        lines.append([row.what, row.file, median, peak, base, ratio, row.target, row.verdict])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]

    def fmt(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [fmt(lines[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [fmt(line) for line in lines[1:]]
    return "\n".join(out)


def machine() -> str:
    """Where the figures were measured."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for module in ("textual", "rich", "pydantic", "yaml"):
        try:
            versions.append(f"{module} {__import__(module).__version__}")
        except (ImportError, AttributeError):
            pass
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; {', '.join(versions)}"
    )


def _revision() -> str:
    """The commit measured (and whether the checkout had changes), when in a git clone."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "tui"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git clone)"
    return head + (" with uncommitted changes in tui/" if dirty else "")


def _terminal_note(polls: Sequence[float]) -> str:
    """How the "(terminal)" rows were measured: tmux's version and the poll resolution."""
    if not terminal.available():
        return terminal.SKIPPED
    try:
        version = subprocess.run(
            ["tmux", "-V"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        version = "tmux"
    columns, lines = terminal.SIZE
    resolution = (
        f"its screen read every {statistics.mean(polls) * 1000:.1f} ms on average"
        if polls
        else "no run completed"
    )
    return (
        f"{version}, a {columns}x{lines} pane, {resolution} "
        f"({terminal.POLL * 1000:.0f} ms pause + the capture); a time is the first capture "
        "that shows the marker"
    )
