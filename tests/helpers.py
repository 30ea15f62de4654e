"""Helpers shared by the tests in tests/unit and tests/app: one copy of each.

Where things are (the repository, the fixtures, the shipped file), the minimal
positions file, `summit` run in a fresh interpreter, the probe of what a command
imports; and for the dashboard's tests, what a widget shows, waiting with a deadline
instead of sleeping, and reaching into the main screen. Import them as
`from tests.helpers import ...`. Textual is imported only by the dashboard's helpers
that need it, so that the unit tests never load it.
"""

from __future__ import annotations

import gzip
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest
    from textual.pilot import Pilot
    from textual.widget import Widget

    from tui.app.app import SummitApp
    from tui.app.widgets.matrix import Matrix

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "positions.yaml"
SEEDS = ROOT / "seeds"

ARTICLE = (
    "The minister said: \u201cWe will not give up an inch.\u201d\n"
    "Talks could resume \u2014 but only after a ceasefire \u2026 officials said.\n"
    "A second paragraph about sanctions and tariffs.\n"
)

MINIMAL = """\
summit:
  title: Test summit
  location: Nowhere
  date: 2025-08-15
  date_basis: stated
  as_of: 2025-08-13
  as_of_basis: stated
sources:
  art:
    outlet: Test Outlet
    title: A test article
    published: 2025-08-13
    file: article.txt
    published_basis: stated
parties:
  a: {name: Alpha, short: A}
  b: {name: Beta, short: B}
topics:
  ceasefire: {title: Ceasefire, question: Should a ceasefire come first?}
positions:
  - party: a
    topic: ceasefire
    stance: supports
    summary: Alpha wants a ceasefire first.
    evidence:
      - source: art
        quote: "Talks could resume - but only after a ceasefire ... officials said."
        voice: reported
        speaker: officials
  - party: b
    topic: ceasefire
    stance: opposes
    summary: Beta will not give up territory.
    evidence:
      - {source: art, quote: "We will not give up an inch.", voice: direct, speaker: minister}
people:
  officials: {name: officials, role: unnamed officials, party: a}
  minister: {name: The minister, party: b}
"""
FIXTURES = ROOT / "tests" / "fixtures"
APP_DATA = FIXTURES / "app"
"""The dashboard's fixture file and its articles (never the shipped positions.yaml)."""
PAGES = FIXTURES / "pages"
"""Saved news pages nobody here wrote (trafilatura's test corpus; see its README.md)."""
DEADLINE = 60.0
"""Seconds `until` waits: generous (a 1,000-position load on a busy 2-core CI machine
takes several seconds), as only a hang should reach it."""
TIMEOUT = 120.0
"""Seconds a subprocess may take: generous, as only a hang should reach it."""


def saved_page(name: str, folder: Path) -> Path:
    """The saved page `name` (e.g. "dw.com.colonial.html") of tests/fixtures/pages,
    decompressed into `folder` as a browser would have saved it."""
    target = folder / name
    target.write_bytes(gzip.decompress((PAGES / f"{name}.gz").read_bytes()))
    return target


def environment(changes: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """This process's environment for a fresh interpreter: this checkout's `tui`
    importable from any folder, text in UTF-8, and none of git's own variables (a hook
    may set GIT_DIR). `changes` go on top; a value of None removes the variable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    for name, value in (changes or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def summit(
    *args: str,
    cwd: Path | None = None,
    stdin: str | int | None = None,
    env: Mapping[str, str | None] | None = None,
    stdout: int | None = subprocess.PIPE,
    stderr: int | None = subprocess.PIPE,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGS` in a fresh interpreter, as a person runs `summit`.

    `stdin` is the text to read, or a file descriptor; `stdout` and `stderr` are
    captured (as UTF-8 text) unless given a file descriptor; `env` changes the
    `environment()`."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=cwd,
        input=stdin if isinstance(stdin, str) else None,
        stdin=stdin if isinstance(stdin, int) else None,
        stdout=stdout,
        stderr=stderr,
        text=True,
        encoding="utf-8",
        env=environment(env),
        timeout=timeout,
        check=False,
    )


PROBE = """
import json, runpy, sys
out, spec = sys.argv[1], json.loads(sys.argv[2])
for name in spec["modules"]:
    __import__(name)
codes = []
for argv in spec["runs"]:
    sys.argv = ["tui", *argv]
    try:
        runpy.run_module("tui", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        codes.append(exc.code)
exec(spec["then"])
roots = spec["roots"]
loaded = sorted(m for m in sys.modules if any(m == r or m.startswith(r + ".") for r in roots))
with open(out, "w") as handle:
    json.dump({"codes": codes, "loaded": loaded}, handle)
"""


def probe(
    folder: Path,
    modules: Sequence[str] = (),
    *runs: Sequence[str],
    roots: Sequence[str] = ("textual",),
    then: str = "",
) -> dict[str, list]:
    """What a fresh interpreter ends up importing: it imports `modules`, runs `summit`
    once per argument list in `runs` (in `folder`), then the Python code `then`.

    Returns the exit codes of the runs and the loaded modules that are one of `roots`
    or inside one (by default Textual, which the data layer and the commands other than
    `tui` must never pay for)."""
    out = folder / "probe.json"
    spec = {"modules": list(modules), "runs": [list(r) for r in runs], "then": then}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), json.dumps({**spec, "roots": list(roots)})],
        capture_output=True,
        text=True,
        cwd=folder,
        env=environment(),
        timeout=TIMEOUT,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def shown(widget: Widget) -> str:
    """The text the widget draws, line by line, as the terminal would show it."""
    from textual.geometry import Region

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
    return app.main_screen.detail.text.plain


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
    """An old and a new copy of tests/fixtures/app under `root` (for `--since`); the new one
    changes north/ceasefire's stance and drops south/ceasefire."""
    shutil.copytree(APP_DATA, root / "app")
    new = root / "app" / "positions.yaml"
    old = root / "app" / "old.yaml"
    shutil.copy(new, old)
    text = new.read_text(encoding="utf-8")
    head, sep, rest = text.partition("  - party: north\n    topic: ceasefire\n    stance: supports")
    assert sep, "tests/fixtures/app changed: update this helper"
    text = head + "  - party: north\n    topic: ceasefire\n    stance: conditional" + rest
    start = text.index("  - party: south\n    topic: ceasefire\n")
    end = text.index("  - party:", start + 1)
    new.write_text(text[:start] + text[end:], encoding="utf-8")
    return old, new


def cells(line: str) -> list[str]:
    """The texts of a matrix line's cells: topic first, then each party's."""
    import re

    return [cell.strip() for cell in re.split("[│┃]", line)]


async def reading_view(pilot: Pilot[object], app: SummitApp) -> None:
    """Switch the grid to the reading view (full cells), as `v` does, and wait for it."""
    await pilot.press("v")
    await until(pilot, lambda: app.main_screen.matrix.view == "reading", "the reading view")
    await pilot.pause()


def big_file(folder: Path, topics: int, parties: int = 10) -> Path:
    """A valid file of `topics` x `parties` positions, each a quote of one article."""
    article = " ".join(f"Sentence number {i} of the archive." for i in range(50))
    (folder / "a.txt").write_text(article, encoding="utf-8")
    lines = [
        "summit: {title: Big, location: Here, date: 2025-01-01, as_of: 2025-01-01,",
        "  date_basis: stated, as_of_basis: stated}",
        "sources:",
        "  a: {outlet: O, title: T, published: 2025-01-01, published_basis: stated, file: a.txt}",
        "parties:",
        *(f"  p{p}: {{name: Party {p}, short: P{p}}}" for p in range(parties)),
        "topics:",
        *(f"  t{t}: {{title: Topic {t}, question: Question {t}?}}" for t in range(topics)),
        "positions:",
    ]
    for t in range(topics):
        for p in range(parties):
            lines += [
                f"  - {{party: p{p}, topic: t{t}, stance: supports, summary: Party {p} on {t}.,",
                f'     evidence: [{{source: a, quote: "Sentence number {t % 50} of",',
                "                  voice: article}]}",
            ]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


PEAK = """
import os, sys
out, args = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "tui", *args])
_, status, usage = os.wait4(pid, 0)
with open(out, "w") as handle:
    handle.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def summit_peak(*args: str, cwd: Path) -> tuple[int, float]:
    """`summit ARGS` in a fresh interpreter: its exit code and its peak memory (maxrss,
    in MB). Forked from a small wrapper, as the benchmark does: Linux carries a
    process's maxrss over to what it forks and execs, so a child of the test process
    would count the test process's own memory. Linux counts maxrss in KiB."""
    out = cwd / ".peak"
    proc = subprocess.run(
        [sys.executable, "-c", PEAK, str(out), *args],
        cwd=cwd,
        env=environment(),
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert out.exists(), proc.stderr.decode("utf-8", "replace")
    code, peak = out.read_text(encoding="utf-8").split()
    scale = 1 if sys.platform == "darwin" else 1024  # macOS counts bytes
    return int(code), int(peak) * scale / 2**20


def fake_editor(
    tmp_path: Path, record: Path, change: tuple[str, str] | None = None, status: int = 0
) -> str:
    """An $EDITOR that records its arguments (and optionally edits the file, as a user would)."""
    script = tmp_path / "fake_editor.py"
    body = [
        "import json, sys",
        f"open({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))",
    ]
    if change is not None:
        body += [
            "path = sys.argv[-1]",
            "text = open(path, encoding='utf-8').read()",
            f"open(path, 'w', encoding='utf-8').write(text.replace({change[0]!r}, {change[1]!r}))",
        ]
    body.append(f"sys.exit({status})")
    script.write_text("\n".join(body) + "\n", encoding="utf-8")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`summit ARGV` in this process, through the CLI: its exit status, what it printed
    on stdout and on stderr (never a traceback)."""
    from tui.cli import main

    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err
