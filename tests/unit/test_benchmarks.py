"""The benchmark runs, at its smallest size, so that it does not rot.

No timing is asserted (machines are noisy): only that the generator writes a
valid file whose quotes really stand in their articles, and that the script
prints its table with every row.

Running the benchmark script (the last test) starts dashboards and takes a while: it is
marked `benchmark`, so that `pytest -m "not benchmark"` leaves it out; the default run
and CI run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks import runs, table, terminal
from benchmarks.generate import QUOTES_PER_SOURCE, Sizes, generate
from benchmarks.terminal import SKIPPED, Marker, TerminalError, available, first_topic, time_until
from tests.helpers import ROOT
from tui.loader.pipeline import load_uncached


def test_generated_file_is_valid_and_every_quote_is_found(tmp_path: Path) -> None:
    path = generate(tmp_path, topics=3, parties=10)
    sizes = Sizes(10, 3)
    result = load_uncached(path)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert result.diagnostics == []  # no warning either: two sources per position
    assert result.records is not None
    assert len(result.records.positions) == sizes.positions == 30
    assert len(result.records.sources) == sizes.sources == -(-60 // QUOTES_PER_SOURCE)
    assert len(list((tmp_path / "sources").iterdir())) == sizes.sources
    for i, position in enumerate(result.records.positions):
        assert len(position.evidence) == 2
        assert len({e.source for e in position.evidence}) == 2
        assert all(result.verified(i, j) for j in range(len(position.evidence)))
    # The articles print the quotes with typography that the YAML writes plainly.
    article = (tmp_path / "sources" / "s00001.txt").read_text(encoding="utf-8")
    assert "\u2014" in article and "\u2019" in article
    quote = result.records.positions[0].evidence[0].quote
    assert " - it's " in quote and quote not in article


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", topics=2).read_bytes()
    second = generate(tmp_path / "b", topics=2).read_bytes()
    assert first == second


@pytest.mark.benchmark
def test_benchmark_prints_every_row_at_the_smallest_size() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "10", "--runs", "1", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("Machine: ")
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| figure")]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    found = [(c[0], c[1]) for c in cells]
    per_file = [
        "bare libyaml parse",
        "summit check, cold",
        "summit check, warm",
        "summit snapshot (text), cold",
        "summit snapshot (text), warm",
        "summit snapshot (json), cold",
        "summit snapshot (json), warm",
        "summit snapshot (html), cold",
        "summit snapshot (html), warm",
        "dashboard: first frame, cold",
        "dashboard: data on screen, cold",
        "dashboard: data on screen, warm",
        "dashboard: longest UI stall while loading, cold",
        "dashboard: longest UI stall while loading, warm",
        "dashboard: cursor move in the overview, first frame",
        "dashboard: cursor move in the overview, screen settled",
        "dashboard: cursor move in the full cells, first frame",
        "dashboard: cursor move in the full cells, screen settled",
        "dashboard: reload after a save",
    ]
    in_terminal = [
        "dashboard: data on screen, cold (terminal)",
        "dashboard: data on screen, warm (terminal)",
    ]
    shipped = next(c[1] for c in cells if c[1].startswith("shipped"))
    static = "bare Textual app: the same screen as static text"
    assert found == [
        # The headline first: measured in a terminal, against both floors.
        ("bare Textual app: first frame (terminal)", "-"),
        (f"{static}: first frame (terminal)", shipped),
        *[(what, shipped) for what in in_terminal],
        *[(f"{what}, over static text", shipped) for what in in_terminal],
        *[(what, "100 positions") for what in in_terminal],
        ("python -c pass", "-"),
        ("bare imports (yaml, pydantic, rich)", "-"),
        ("bare imports + pydantic.BaseModel", "-"),
        ("bare Textual app: first frame", "-"),
        (f"{static}: first frame", shipped),
        *[(what, shipped) for what in per_file],
        *[(what, "100 positions") for what in per_file],
    ]
    # Every figure was measured (none failed), and each one has a time in ms; the
    # terminal's only where tmux is installed.
    headless = [c for c in cells if "(terminal)" not in c[0]]
    assert all(c[2].endswith("ms") or "ms (n=" in c[2] for c in headless), rows
    terminal = [c for c in cells if "(terminal)" in c[0]]
    if shutil.which("tmux"):
        assert all(c[2].endswith("ms") or "ms (n=" in c[2] for c in terminal), rows
    else:
        assert {c[2] for c in terminal} == {SKIPPED}
    # The targets of the shipped file are judged.
    assert {c[7] for c in cells if c[1] == shipped and c[6]} <= {"met", "NOT met"}
    # The header says where, when and how.
    assert any(line.startswith("Date: ") and line.endswith(" UTC") for line in lines[:8])
    assert any(line.startswith("Terminal: ") for line in lines[:8])


# --- the terminal figures (benchmarks/terminal.py) ------------------------------------

LOADING = """\
 summit
 Loading…

"""
"""The dashboard's screen before its data (what the marker must not match)."""

DATA = """\
 Trump–Putin summit · Anchorage, Alaska · 2025-08-15 · as of 2025-08-13        positions.yaml
 10 topics             │ United States         │ Russia                │ Ukraine
━━━━━━━━━━━━━━━━━━━━━━━┿━━━━━━━━━━━━━━━━━━━━━━━┿━━━━━━━━━━━━━━━━━━━━━━━┿━━━━━━━━━━━━━━━━━━━━━━━
 Ceasefire before      ┃  SUPPORTS             ┃  UNCLEAR              │ not stated in the
 talks?                ┃ In the report's       ┃ ! reporter's account  │ sources
 Should a ceasefire be ┃ paraphrase (only      ┃ Neither article       │
───────────────────────┼───────────────────────┼───────────────────────┼───────────────────────
 United States on Ceasefire before talks?
"""
"""The top of the dashboard's screen with the shipped file's data, as tmux captured it
(the full cells, the first screen before issue 18)."""

OVERVIEW = """\
 Trump–Putin summit · Anchorage, Alaska · 2025-08-15 · as of 2025-08-13        positions.yaml
 10 topics                        │ United States         │ Russia               │ Ukraine
━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┿━━━━━━━━━━━━━━━━━━━━━━━┿━━━━━━━━━━━━━━━━━━━━━━┿━━━━━━━━━━━━━━
 Ceasefire before talks?          ┃ SUPPORTS 1✓ In the r… ┃ UNCLEAR 1✓!r         │ not stated
 Penalties if no ceasefire?       │ SUPPORTS 7✓ Asked wh… │ not stated           │ not stated
"""
"""The same with the overview, the first screen since issue 18."""


def test_topic_marker_reads_the_grids_first_column_only() -> None:
    marker = Marker.topic("Ceasefire before talks?")
    assert marker(DATA)  # wrapped over two lines of the first column
    assert marker(OVERVIEW)  # on one line
    assert not marker(OVERVIEW.replace("talks?", "talk…"))  # a cut title is not it
    assert not marker(LOADING)
    # The detail panel names the topic too, but on a line without a column border.
    detail = "\n".join(line for line in DATA.splitlines() if "│" not in line and "┃" not in line)
    assert "Ceasefire before talks?" in detail
    assert not marker(detail)
    # Another title is not it, even one that the shown title starts with.
    assert not marker(DATA.replace("talks?", "now?  "))
    assert not Marker.topic("Topic 1")(" Topic 10 │ Party 1\n")
    assert Marker.topic("Topic 1")(" Topic 1  │ Party 1\n")


def test_first_topic_is_the_files_first_in_order(tmp_path: Path) -> None:
    path = generate(tmp_path, topics=12, parties=2)
    assert first_topic(path) == "Topic 1"
    shipped = yaml.safe_load((ROOT / "positions.yaml").read_text(encoding="utf-8"))
    assert first_topic(ROOT / "positions.yaml") == next(iter(shipped["topics"].values()))["title"]


needs_tmux = pytest.mark.skipif(not available(), reason="tmux not installed")


@needs_tmux
def test_time_until_sees_the_apps_screen_with_the_environment_given(tmp_path: Path) -> None:
    script = "import os, time; print('cache at', os.environ['XDG_CACHE_HOME']); time.sleep(30)"
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    timing = time_until(
        [sys.executable, "-c", script],
        Marker.text(f"cache at {tmp_path / 'cache'}"),
        env=env,
        cwd=tmp_path,
        timeout=30,
    )
    assert timing.seconds > 0 and timing.polls >= 1
    assert f"cache at {tmp_path / 'cache'}" in timing.screen


@needs_tmux
def test_time_until_fails_clearly_and_leaves_no_tmux_behind(tmp_path: Path) -> None:
    with pytest.raises(TerminalError, match=r"the app exited.* before 'never shown' showed"):
        time_until(
            [sys.executable, "-c", "import sys; print('the end'); sys.exit(3)"],
            Marker.text("never shown"),
            env=dict(os.environ),
            cwd=tmp_path,
            timeout=30,
        )
    with pytest.raises(TerminalError, match="'never shown' not on screen after"):
        time_until(
            [sys.executable, "-c", "import time; time.sleep(30)"],
            Marker.text("never shown"),
            env=dict(os.environ),
            cwd=tmp_path,
            timeout=0.3,
        )
    # Each run's private server is gone: no socket of this process answers.
    for number in range(50):
        socket = f"summit-bench-{os.getpid()}-{number}"
        ls = subprocess.run(["tmux", "-L", socket, "ls"], capture_output=True, check=False)
        assert ls.returncode != 0, socket


def test_without_tmux_the_terminal_rows_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(terminal, "available", lambda: False)
    job = runs.Terminal(["true"], lambda: Marker.text("x"), tmp_path, 3, None)
    bench = runs.Bench(3, True, dict(os.environ), tmp_path)
    bench.rounds([job])
    assert job.samples == []
    row = table.Row("dashboard: data on screen, warm (terminal)", "f", job.figure)
    assert f"| {SKIPPED} " in table.table([row])
    assert table._terminal_note([]) == SKIPPED
