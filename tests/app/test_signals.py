"""SIGTERM and SIGHUP end the dashboard as `q` does (issue 20, item 6), in a real terminal:
a pseudo-terminal the dashboard runs in as in any terminal emulator. Left to Python, the
signal killed it in raw mode, on the alternate screen, reporting the mouse (the shell
unusable until `reset`); with $EDITOR running, the editor was orphaned and kept the
terminal."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.helpers import DEADLINE, environment

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

EDITOR = """\
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
with open(os.environ["EDITOR_PIDS"] + ".part", "w") as out:
    out.write(f"{os.getpid()} {child.pid}")
os.replace(os.environ["EDITOR_PIDS"] + ".part", os.environ["EDITOR_PIDS"])
time.sleep(300)
"""


class Terminal:
    """The dashboard in a pseudo-terminal of 100x30: what it wrote, and its end."""

    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.pid, self.master = pty.fork()
        if self.pid == 0:  # the child: the terminal is its own, as a shell gives it
            os.execve(sys.executable, [sys.executable, "-m", "tui", "tui", str(path)], env)
        termios.tcsetwinsize(self.master, (30, 100))
        self.output = b""

    def read_until(self, marker: bytes) -> None:
        deadline = time.monotonic() + DEADLINE
        while marker not in self.output:
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {marker!r}")
            self.read(0.1)

    def read(self, timeout: float) -> bool:
        """Read what is there; False at the end (the terminal's other side closed)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the dashboard has gone
            return False
        self.output += chunk
        return bool(chunk)

    def end(self) -> int:
        """Read to the end, reap the dashboard; its exit status."""
        deadline = time.monotonic() + DEADLINE
        while self.read(0.1):
            if time.monotonic() > deadline:
                raise AssertionError("the dashboard did not end")
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)

    def cooked(self) -> bool:
        """Whether the terminal is back in its usual mode: lines, echo."""
        lflag = termios.tcgetattr(self.master)[3]
        return bool(lflag & termios.ICANON) and bool(lflag & termios.ECHO)


def _gone(pid: int) -> bool:
    """Whether the process ended (a zombie no one has reaped yet has ended too)."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except ProcessLookupError:
            return True
        except OSError:  # no /proc: alive as far as can be told
            state = "?"
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_gives_the_terminal_back(data: Path, signum: int) -> None:
    terminal = Terminal(data, environment())
    terminal.read_until(b"Northland")
    assert not terminal.cooked()  # raw mode while the dashboard runs
    start = len(terminal.output)
    os.kill(terminal.pid, signum)
    assert terminal.end() == 128 + signum
    assert terminal.cooked()
    after = terminal.output[start:]
    assert b"\x1b[?1049l" in after  # off the alternate screen
    assert b"\x1b[?1000l" in after  # no more mouse reports
    assert b"Traceback" not in terminal.output


def test_a_signal_while_the_editor_runs_ends_the_editor_and_all_it_started(
    data: Path, tmp_path: Path
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR, encoding="utf-8")
    pids = tmp_path / "editor.pids"
    env = environment(
        {"EDITOR": f"{sys.executable} {editor}", "VISUAL": None, "EDITOR_PIDS": str(pids)}
    )
    terminal = Terminal(data, env)
    terminal.read_until(b"Northland")
    os.write(terminal.master, b"e")
    deadline = time.monotonic() + DEADLINE
    while not pids.exists():
        assert time.monotonic() < deadline, "the editor did not start"
        terminal.read(0.1)
    editor_pid, child_pid = map(int, pids.read_text().split())
    try:
        os.kill(terminal.pid, signal.SIGTERM)
        assert terminal.end() == 128 + signal.SIGTERM
        assert _gone(editor_pid) and _gone(child_pid)
        assert terminal.cooked()
        assert b"Traceback" not in terminal.output
    finally:
        for pid in (editor_pid, child_pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


HUNG = """\
import asyncio, os, signal
from tui.app.editor import end_on_signals

loop = asyncio.new_event_loop()
# `ended` asks the app to end, but its end never comes (with the terminal gone, Textual's
# writer can wait for ever on output nobody reads).
end_on_signals(loop, lambda signum: None)
loop.call_soon(os.kill, os.getpid(), signal.SIGHUP)
loop.run_forever()
"""


def test_a_dashboard_whose_end_hangs_still_ends() -> None:
    """A terminal closed while the dashboard draws its first screens left it running for
    ever, 4 times in 12 under tmux: the signal asked Textual to end, and Textual waited on
    a terminal that was gone. The signal's handler ends the process GRACE_SECONDS later."""
    from tui.app.editor import GRACE_SECONDS

    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", HUNG], env=environment(), timeout=DEADLINE, capture_output=True
    )
    assert proc.returncode == 128 + signal.SIGHUP, proc.stderr
    assert time.monotonic() - start >= GRACE_SECONDS  # it did wait for a clean end first
