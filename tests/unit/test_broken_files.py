"""Deliberately broken positions files, each with the exact messages it must produce.

Every `tests/fixtures/broken/*.yaml` states its expected diagnostics in its header, one per line:

    # expect: LINE:COL: error: message

The list is complete and ordered: a file must produce exactly these lines, no more (so a
spurious message fails) and no fewer (so "every problem, not only the first" is checked).
A line ending in ` ...` pins the location and the project's words before it, and leaves
the rest (the YAML parser's own description, which differs between libyaml, PyYAML and
their versions) unchecked. Every file is read with libyaml and with PyYAML's pure-Python
parser, and must give the same lines with both.
A file without `# expect:` lines must be listed in VALID. Files that cannot hold a comment
(an empty file) have their expectations in EXPECT below.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml

import tui.loader.yaml_guard
from tests.helpers import FIXTURES, summit
from tui.loader.files import MAX_BYTES
from tui.loader.pipeline import load_uncached

DATA = FIXTURES / "broken"
FILES = sorted(DATA.glob("*.yaml"))
VALID: set[str] = set()
NO_DATA = (
    "1:1: error: the file holds no data (it is empty or only comments); expected a mapping with "
    "summit, sources, parties, topics and positions (see docs/positions-format.md)"
)
EXPECT = {"empty.yaml": [NO_DATA]}
# C0/C1 controls other than newline, plus bidi and zero-width controls: never raw in output.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


LOADERS = ["libyaml", "pure-python"]


@pytest.fixture(params=LOADERS)
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with libyaml, then with PyYAML's pure-Python parser (libyaml missing)."""
    if request.param == "libyaml":
        if not yaml.__with_libyaml__:
            pytest.skip("PyYAML is installed without libyaml")
        monkeypatch.setattr(tui.loader.yaml_guard, "Loader", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(tui.loader.yaml_guard, "Loader", tui.loader.yaml_guard.PureLoader)
    return str(request.param)


def expected(path: Path) -> list[str]:
    if path.name in EXPECT:
        return EXPECT[path.name]
    lines = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    # LF only, as an editor counts: a NEL or a lone CR in a file does not end a line.
    return [
        line.removeprefix("# expect: ").removesuffix("\r")
        for line in lines.split("\n")
        if line.startswith("# expect: ")
    ]


def matches(got: list[str], want: list[str]) -> bool:
    """Exactly the lines wanted; one ending in ' ...' only has to start with what is before."""
    return len(got) == len(want) and all(
        g.startswith(w.removesuffix("...")) if w.endswith(" ...") else g == w
        for g, w in zip(got, want, strict=True)
    )


def check(*args: str, cwd: Path = DATA) -> subprocess.CompletedProcess[str]:
    return summit("check", *args, cwd=cwd)


def test_data_folder_is_complete() -> None:
    names = {p.name for p in FILES}
    assert len(FILES) >= 40
    assert VALID <= names and set(EXPECT) <= names
    for path in FILES:
        if path.name not in VALID:
            assert expected(path), f"{path.name} states no expected message"
        else:
            assert not expected(path)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_gives_exactly_its_messages(path: Path, yaml_loader: str) -> None:
    result = load_uncached(path, path.name)
    got = [d.format().removeprefix(f"{path.name}:") for d in result.diagnostics]
    assert matches(got, expected(path)), got
    assert result.ok == (not any(": error: " in line for line in got))
    for diagnostic in result.diagnostics:
        assert "\n" not in diagnostic.message
        assert not RAW_CONTROL.search(diagnostic.message), diagnostic.message


def _verdict(name: str, lines: list[str]) -> str:
    errors = sum(": error: " in line for line in lines)
    warnings = len(lines) - errors
    if errors:
        return f"{name}: invalid: {errors} error{'s' * (errors != 1)}, {warnings} warning" + (
            "s" * (warnings != 1)
        )
    return f"{name}: valid" + (f", {warnings} warning{'s' * (warnings != 1)}" if warnings else "")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_check_command_output(
    path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    yaml_loader: str,
) -> None:
    """`summit check FILE` in-process (the same `main` as `python -m tui`): exact stderr,
    exit 0 or 1, nothing on stdout. An exception would fail the test."""
    from tui.cli import main

    monkeypatch.chdir(DATA)
    code = main(["check", path.name])
    out, err = capsys.readouterr()
    lines = [f"{path.name}:{line}" for line in expected(path)]
    assert out == ""
    assert matches(err.split("\n"), [*lines, _verdict(path.name, lines), ""])
    assert code == (1 if any(": error: " in line for line in lines) else 0)


# One of each kind, run for real as `python -m tui check` (a subprocess per file costs
# half a second; the in-process test above covers every file).
SUBPROCESS = [
    "yaml11-valid.yaml",
    "warnings-only.yaml",
    "three-errors.yaml",
    "control-char.yaml",
    "python-tag.yaml",
    "not-utf8.yaml",
    "billion-laughs.yaml",
    "yaml-syntax.yaml",
    "empty.yaml",
    "quote-not-found.yaml",
]


@pytest.mark.parametrize(
    ("encoding", "names"),
    [("utf-8", SUBPROCESS), ("ascii", ["quote-not-found.yaml", "three-errors.yaml"])],
    ids=["utf-8", "ascii"],
)
def test_python_m_tui_check(encoding: str, names: list[str]) -> None:
    """Exit codes, exact stderr, never a traceback, even on an ASCII-only terminal."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "tui", "check", name],
            cwd=DATA,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for name in names
    }
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        stderr = err.decode(encoding)  # the bytes really are in that encoding
        lines = [f"{name}:{line}" for line in expected(DATA / name)]
        assert "Traceback" not in stderr, name
        assert out == b"", name  # nothing on stdout; the !!python tag never ran
        assert not RAW_CONTROL.search(stderr), name
        assert proc.returncode == (1 if any(": error: " in x for x in lines) else 0), stderr
        want = [*lines, _verdict(name, lines), ""]
        if encoding == "ascii":
            want = [w.encode("ascii", "backslashreplace").decode("ascii") for w in want]
        assert matches(stderr.split("\n"), want)


def test_three_independent_errors_give_three_lines_and_a_summary() -> None:
    proc = check("three-errors.yaml")
    lines = proc.stderr.splitlines()
    assert proc.returncode == 1
    # The first position rests on the article's account alone: a warning besides.
    assert [line.split(": error: ")[0] for line in lines[:-1] if ": error: " in line] == [
        "three-errors.yaml:9:3",
        "three-errors.yaml:29:13",
        "three-errors.yaml:40:30",
    ]
    assert lines[-1] == "three-errors.yaml: invalid: 3 errors, 1 warning"


def test_warnings_alone_exit_zero() -> None:
    proc = check("warnings-only.yaml")
    assert proc.returncode == 0
    assert proc.stderr.splitlines()[-1] == "warnings-only.yaml: valid, 4 warnings"


def test_yaml_1_1_scalars_stay_the_text_written() -> None:
    result = load_uncached(DATA / "yaml11-valid.yaml")
    assert result.ok, [d.format() for d in result.diagnostics]
    model = result.records
    assert model is not None
    assert model.summit.title == "3.10"
    assert list(model.parties) == ["no", "b"]
    assert model.parties["no"].short == "0x10"
    assert list(model.topics) == ["off"]
    assert model.topics["off"].title == "yes"
    assert model.positions[0].party == "no"
    assert model.positions[0].summary == "2025-08-15"


def test_bom_is_accepted() -> None:
    assert (DATA / "bom.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert load_uncached(DATA / "bom.yaml").ok


def test_control_character_is_shown_escaped() -> None:
    proc = check("control-char.yaml")
    assert "\x1b" not in proc.stderr
    assert "id 'a\\e[2J' must start" in proc.stderr


def _peak_while(action: object) -> int:
    """Peak Python memory, in bytes, while `action()` runs."""
    tracemalloc.start()
    try:
        action()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("text", "col"),
    [
        ("[" * 100_000, 65),
        ("{" * 100_000, 65),
        ("a: " + "[" * 100_000 + "]" * 100_000, 67),
    ],
    ids=["brackets", "braces", "closed"],
)
def test_deep_nesting_refused_in_bounded_memory(
    tmp_path: Path, text: str, col: int, yaml_loader: str
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    results = []
    peak = _peak_while(lambda: results.append(load_uncached(path, "deep.yaml")))
    [diagnostic] = results[0].diagnostics
    assert diagnostic.format() == (
        f"deep.yaml:1:{col}: error: nesting is deeper than 64 levels; a positions file needs "
        "no more than 5, so look for stray '[' or '{'"
    )
    assert peak < 8 * 2**20
    proc = check(str(path))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"{path}:1:{col}: error: nesting is deeper")


def test_deep_block_nesting_refused(tmp_path: Path, yaml_loader: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("".join(" " * i + "- \n" for i in range(0, 200, 2)))
    [diagnostic] = load_uncached(path, "deep.yaml").diagnostics
    assert diagnostic.line == 65
    assert "nesting is deeper than 64 levels" in diagnostic.message


def test_alias_bomb_refused_in_bounded_memory(yaml_loader: str) -> None:
    results = []
    peak = _peak_while(lambda: results.append(load_uncached(DATA / "billion-laughs.yaml")))
    assert len(results[0].diagnostics) == 11
    assert peak < 8 * 2**20


@pytest.mark.parametrize("size", [300 * 10**6, MAX_BYTES + 1], ids=["300MB", "cap+1"])
def test_huge_file_refused_without_reading_it(tmp_path: Path, size: int) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(size)  # sparse: takes no disk space
    results = []
    peak = _peak_while(lambda: results.append(load_uncached(path, "huge.yaml")))
    [diagnostic] = results[0].diagnostics
    assert diagnostic.format() == (
        f"huge.yaml:1:1: error: file is larger than {MAX_BYTES // 2**20} MiB; refusing to read it"
    )
    # Reading the file, even up to the cap, would allocate MAX_BYTES.
    assert peak < 2**20
    proc = check(str(path))
    assert proc.returncode == 1
    assert proc.stderr.startswith(
        f"{path}:1:1: error: file is larger than {MAX_BYTES // 2**20} MiB"
    )


def test_missing_file_and_folder(tmp_path: Path) -> None:
    proc = check("no-such.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stderr.splitlines()[0]) == (
        1,
        "no-such.yaml:1:1: error: file not found",
    )
    proc = check(".", cwd=tmp_path)
    assert (proc.returncode, proc.stderr.splitlines()[0]) == (
        1,
        ".:1:1: error: is a folder, not a positions file",
    )


@pytest.mark.parametrize(
    "args", [["--no-such-option"], ["a.yaml", "b.yaml"]], ids=["option", "two-files"]
)
def test_usage_errors_exit_two(args: list[str]) -> None:
    proc = check(*args)
    assert proc.returncode == 2
    assert "summit: error: unrecognized arguments" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_source_that_is_a_pipe_is_refused_not_waited_on(write_file) -> None:
    path: Path = write_file(article=None)
    os.mkfifo(path.parent / "article.txt")  # opening it would block until a writer came
    [diagnostic] = load_uncached(path, "p.yaml").diagnostics
    assert diagnostic.format() == (
        "p.yaml:13:11: error: cannot read source file 'article.txt': "
        "not a regular file (a pipe, a socket or a device)"
    )


def test_long_closest_passage_is_shortened(write_file) -> None:
    article = " ".join(f"word{i}" for i in range(2000))
    quote = " ".join(f"word{i}" for i in range(100, 400)).replace("word250", "wrod250")
    path: Path = write_file(
        "\n".join(
            line.replace("We will not give up an inch.", quote)
            for line in write_file().read_text().splitlines()
        ),
        article=article,
    )
    messages = [d.message for d in load_uncached(path).errors]
    assert len(messages) == 2  # the long typo, and the Talks quote not in this article
    [long] = [m for m in messages if "'word100 " in m]
    passage = long.split("closest passage: ")[1]
    assert len(passage) == 400 + 2  # in quotes
    assert passage.startswith("'word100 word101") and passage.endswith("word398 word399'")
    assert "\u2026" in passage
