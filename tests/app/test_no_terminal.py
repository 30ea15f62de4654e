"""Without a terminal the dashboard says so and exits 2 instead of spinning forever."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import summit


@pytest.fixture
def terminal() -> Iterator[int]:
    """The child side of a fresh pseudo-terminal, as a file descriptor."""
    parent, child = pty.openpty()
    yield child
    os.close(child)
    os.close(parent)


def test_no_terminal_on_stdin(tmp_path: Path) -> None:
    err = tmp_path / "err"
    with err.open("wb") as stderr:
        proc = summit(stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr.fileno())
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert err.read_text(encoding="utf-8") == (
        "summit: the dashboard needs a terminal, and standard input is not one.\n"
        "For the positions as plain text, run: summit snapshot\n"
    )


def test_output_to_a_pipe_points_to_the_snapshot_of_the_same_file(terminal: int) -> None:
    # stdin and stderr are a terminal, as in `summit tui 'my file.yaml' | head`.
    proc = summit(
        "tui", "my file.yaml", stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (
        "summit: the dashboard needs a terminal, and standard output is not one.\n"
        "For the positions as plain text, run: summit snapshot 'my file.yaml'\n"
    )


def test_drawing_to_a_file_is_refused(terminal: int, tmp_path: Path) -> None:
    # Textual draws on stderr: `summit 2>log` would paint the dashboard into the log.
    log = tmp_path / "log"
    with log.open("wb") as stderr:
        proc = summit(stdin=terminal, stdout=terminal, stderr=stderr.fileno())
    assert proc.returncode == 2
    assert "standard error is not one" in log.read_text(encoding="utf-8")


def test_a_terminal_everywhere_is_accepted(terminal: int, monkeypatch: pytest.MonkeyPatch) -> None:
    with (
        os.fdopen(os.dup(terminal), "r") as stdin,
        os.fdopen(os.dup(terminal), "w") as stdout,
        os.fdopen(os.dup(terminal), "w") as stderr,
    ):
        monkeypatch.setattr(sys, "stdin", stdin)
        monkeypatch.setattr(sys, "stdout", stdout)
        monkeypatch.setattr(sys, "stderr", stderr)
        from tui.app import _no_terminal

        assert _no_terminal(None) is None
