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
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import QUOTES_PER_SOURCE, Sizes, generate
from tests.helpers import ROOT
from tui.loader.pipeline import load_path


def test_generated_file_is_valid_and_every_quote_is_found(tmp_path: Path) -> None:
    path = generate(tmp_path, topics=3, parties=10)
    sizes = Sizes(10, 3)
    result = load_path(path)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert result.diagnostics == []  # no warning either: two sources per position
    assert result.model is not None
    assert len(result.model.positions) == sizes.positions == 30
    assert len(result.model.sources) == sizes.sources == -(-60 // QUOTES_PER_SOURCE)
    assert len(list((tmp_path / "sources").iterdir())) == sizes.sources
    for i, position in enumerate(result.model.positions):
        assert len(position.evidence) == 2
        assert len({e.source for e in position.evidence}) == 2
        assert all(result.verified(i, j) for j in range(len(position.evidence)))
    # The articles print the quotes with typography that the YAML writes plainly.
    article = (tmp_path / "sources" / "s00001.txt").read_text(encoding="utf-8")
    assert "\u2014" in article and "\u2019" in article
    quote = result.model.positions[0].evidence[0].quote
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
        "summit check",
        "summit snapshot (text)",
        "summit snapshot (json)",
        "dashboard: first frame",
        "dashboard: data on screen",
        "dashboard: longest UI stall while loading",
        "dashboard: cursor move, first frame",
        "dashboard: cursor move, screen settled",
        "dashboard: reload after a save",
    ]
    shipped = next(c[1] for c in cells if c[1].startswith("shipped"))
    assert found == [
        ("python -c pass", "-"),
        ("bare imports (yaml, pydantic, rich)", "-"),
        ("bare imports + pydantic.BaseModel", "-"),
        ("bare Textual app: first frame", "-"),
        *[(what, shipped) for what in per_file],
        *[(what, "100 positions") for what in per_file],
    ]
    # Every figure was measured (none failed), and each one has a time in ms.
    assert all(c[2].endswith("ms") or "ms (n=" in c[2] for c in cells), rows
    # The targets of the shipped file are judged.
    assert {c[7] for c in cells if c[1] == shipped and c[6]} <= {"met", "NOT met"}
