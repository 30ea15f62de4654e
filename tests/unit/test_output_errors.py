"""Output that cannot be written (issue 20, item 7): a full disk or a closed stream is its
own exit status (3, never 1, which means 'invalid' or 'changed'), said in one line where
that can be written, never a traceback; and add-source does all of its work or none."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import ARTICLE, ROOT, TIMEOUT, environment, summit
from tui.report.console import EXIT_OUTPUT

needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")


def _full() -> int:
    return os.open("/dev/full", os.O_WRONLY)


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`summit` run by a shell, for redirections that close a stream (`>&-`)."""
    return subprocess.run(
        ["/bin/sh", "-c", f'"{sys.executable}" -m tui {command}'],
        cwd=cwd,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ["snapshot", "positions.yaml"],
        ["snapshot", "--format", "json", "positions.yaml"],
        ["snapshot", "--format", "markdown", "positions.yaml"],
        ["schema"],
        ["diff", "positions.yaml", "new.yaml"],
        ["coverage", "positions.yaml"],
        ["--help"],
        ["--version"],
        ["check", "--help"],
    ],
)
def test_a_full_disk_on_standard_output_is_exit_3_in_one_line(
    write_file: Callable[..., Path], args: list[str]
) -> None:
    path = write_file()
    (path.parent / "new.yaml").write_text(path.read_text().replace("Test summit", "New"))
    full = _full()
    try:
        proc = summit(*args, cwd=path.parent, stdout=full)
    finally:
        os.close(full)
    assert proc.returncode == EXIT_OUTPUT == 3
    assert proc.stderr == "summit: cannot write to standard output: No space left on device\n"


@needs_dev_full
def test_a_report_that_cannot_be_written_is_not_a_verdict(
    write_file: Callable[..., Path],
) -> None:
    path = write_file()
    full = _full()
    try:
        proc = summit("check", "positions.yaml", cwd=path.parent, stderr=full)
    finally:
        os.close(full)
    assert (proc.returncode, proc.stdout) == (3, "")  # was 1, 'invalid', for a valid file


def test_closed_streams_are_exit_3_or_a_message(write_file: Callable[..., Path]) -> None:
    path = write_file()
    closed_out = _shell("schema >&-", path.parent)
    assert (closed_out.returncode, closed_out.stderr) == (
        3,
        "summit: cannot write to standard output: it is closed\n",
    )
    # The report never goes to standard output instead.
    closed_err = _shell("check positions.yaml 2>&-", path.parent)
    assert (closed_err.returncode, closed_err.stdout) == (3, "")
    closed_in = _shell("check - <&-", path.parent)
    assert closed_in.returncode == 1
    assert closed_in.stderr.splitlines()[0] == (
        "<stdin>:1:1: error: cannot read standard input: it is closed"
    )


def test_a_file_opened_while_a_stream_is_closed_never_takes_its_place(tmp_path: Path) -> None:
    # With standard error closed, the next file opened gets its number: a write meant for
    # the terminal would land in it. `summit init` writes two files.
    proc = _shell("init project 2>&-", tmp_path)
    assert proc.returncode == 3  # its message could not be written
    template = (tmp_path / "project" / "positions.yaml").read_text(encoding="utf-8")
    assert "Created" not in template
    assert (tmp_path / "project" / "positions.schema.json").read_text().startswith("{")


@needs_dev_full
def test_add_source_does_all_or_nothing_when_the_stanza_cannot_be_printed(
    tmp_path: Path,
) -> None:
    assert summit("init", "talks", cwd=tmp_path).returncode == 0
    project = tmp_path / "talks"
    article = tmp_path / "article.txt"
    article.write_text("Harbour talks end\n\n" + ARTICLE, encoding="utf-8")
    full = _full()
    try:
        proc = summit("add-source", str(article), cwd=project, stdout=full)
    finally:
        os.close(full)
    assert proc.returncode == 3
    assert proc.stderr == "summit: cannot write to standard output: No space left on device\n"
    assert list((project / "seeds").iterdir()) == []  # the article is not kept either
    retry = summit("add-source", str(article), cwd=project)
    assert retry.returncode == 0, retry.stderr
    assert retry.stdout.startswith("  article:\n")
    assert (project / "seeds" / "article.txt").exists()


def test_exit_status_3_is_documented_in_the_readme_and_the_help() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "3 when the\noutput could not be written" in readme
    proc = summit("--help")
    assert "3 the output could not be written" in " ".join(proc.stdout.split())
