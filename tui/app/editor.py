"""Which editor to run, how to tell it the line, and how it went: no shell involved."""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import PurePath

from tui.safe import quoted, visible

# Editors that take `--goto FILE:LINE` or `FILE:LINE` instead of the usual `+LINE FILE`.
_GOTO = {"code", "code-insiders", "codium", "cursor", "windsurf"}
_COLON = {"subl", "sublime_text", "hx", "helix", "zed"}


def editor_argv(environ: Mapping[str, str], path: str, line: int) -> list[str]:
    """The command line that opens `path` at `line`.

    $VISUAL, then $EDITOR (split like a shell would, but never run by one), then
    nano if installed, else vi. Raises ValueError, with a message fit to show the
    user, when the variable cannot be split.
    """
    argv: list[str] = []
    for name in ("VISUAL", "EDITOR"):
        command = environ.get(name, "").strip()
        if not command:
            continue
        try:
            argv = shlex.split(command)
        except ValueError as exc:
            raise ValueError(
                f"Cannot run ${name} {quoted(command)}: it does not split into a command "
                f"({visible(str(exc), multiline=False)})"
            ) from None
        break
    if not argv:
        argv = ["nano" if shutil.which("nano") else "vi"]
    if path.startswith(("-", "+")):
        path = "./" + path  # never mistaken for an option
    name = PurePath(argv[0]).name.lower().removesuffix(".exe")
    if name in _GOTO:
        return [*argv, "--goto", f"{path}:{line}"]
    if name in _COLON:
        return [*argv, f"{path}:{line}"]
    return [*argv, f"+{line}", path]


@dataclass(frozen=True)
class EditorOutcome:
    """How a run of the editor went."""

    ran: bool
    """The editor started (so the file may have changed)."""
    problem: str | None = None
    """What to tell the user, literally; None when the editor exited 0."""
    ended_by: int | None = None
    """The signal (SIGTERM, SIGHUP) that ended the dashboard, and the editor with it."""


ENDING = (signal.SIGTERM, signal.SIGHUP)
"""Signals that end the dashboard: while the editor runs, they end its process group
too (an editor left behind would keep the terminal)."""


GRACE_SECONDS = 3.0
"""How long a signalled dashboard may take to end as `q` does before it ends outright
(exit status 128 + the signal): with its terminal gone (SIGHUP, a closed window), Textual's
writer can wait for ever on output nobody will read."""


def end_on_signals(loop: asyncio.AbstractEventLoop, ended: Callable[[int], None]) -> None:
    """Have SIGTERM and SIGHUP call `ended(signum)` on `loop`, so that the dashboard ends
    as `q` ends it and the terminal is given back as it was (left to Python, they kill it
    in raw mode, on the alternate screen, reporting the mouse), and in GRACE_SECONDS at
    the latest. While the editor runs, run_editor ends the editor's process group as
    well; the loop hears the signal when it resumes."""

    def end(signum: int) -> None:
        watchdog = threading.Timer(GRACE_SECONDS, os._exit, (128 + signum,))
        watchdog.daemon = True  # a dashboard that ends in time is not held by it
        watchdog.start()
        ended(signum)

    for signum in ENDING:
        with suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, end, signum)


def run_editor(argv: list[str]) -> EditorOutcome:
    """Run the editor and wait for it.

    It runs in a process group of its own, given the terminal (as a shell gives it to a
    job), so that SIGTERM or SIGHUP to the dashboard can end it and all it started;
    stopped (ctrl+z), the dashboard stops with it and `fg` resumes both. Never raises
    for a failed editor: the caller runs this while the terminal is handed over, and an
    exception escaping that would leave the dashboard blank.
    """
    editor = quoted(argv[0])
    terminal = _terminal()
    try:
        process = _start(argv, own_group=terminal is not None)
    except OSError as exc:
        reason = visible(exc.strerror or str(exc), multiline=False)
        return EditorOutcome(False, f"Could not run the editor {editor}: {reason}")
    ended: list[int] = []

    def end(signum: int, _frame: object) -> None:
        ended.append(signum)
        with suppress(OSError):
            if terminal is not None:
                os.killpg(process.pid, signum)
                os.killpg(process.pid, signal.SIGCONT)  # a stopped editor hears it too
            else:
                process.send_signal(signum)

    previous = {signum: signal.signal(signum, end) for signum in ENDING}
    try:
        status = _wait(process, terminal)
    except KeyboardInterrupt:
        return EditorOutcome(True, f"The editor {editor} was interrupted (ctrl+c)")
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if ended:
        name = signal.Signals(ended[0]).name
        return EditorOutcome(True, f"The editor {editor} was ended ({name})", ended[0])
    if status == 0:
        return EditorOutcome(True)
    return EditorOutcome(True, f"The editor {editor} {_ended(status)}")


def _start(argv: list[str], *, own_group: bool) -> subprocess.Popen[bytes]:
    """The editor's process, in a process group of its own when `own_group`."""
    return subprocess.Popen(argv, process_group=0 if own_group else None)


def _terminal() -> int | None:
    """The terminal this process may hand to the editor: standard input, when it is a
    terminal whose foreground is this process's group; else None (the editor then runs
    in this group, as any child does)."""
    stdin = sys.__stdin__
    try:
        fd = stdin.fileno() if stdin is not None else -1
        return fd if os.isatty(fd) and os.tcgetpgrp(fd) == os.getpgrp() else None
    except (OSError, ValueError):
        return None


def _give(terminal: int, group: int) -> None:
    """Make `group` the terminal's foreground (from the background too: SIGTTOU ignored
    meanwhile, as shells do)."""
    previous = signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    try:
        with suppress(OSError):
            os.tcsetpgrp(terminal, group)
    finally:
        signal.signal(signal.SIGTTOU, previous)


def _wait(process: subprocess.Popen[bytes], terminal: int | None) -> int:
    """The editor's exit status, its process group holding the terminal meanwhile."""
    if terminal is None:
        return process.wait()
    _give(terminal, process.pid)
    with suppress(OSError):
        os.killpg(process.pid, signal.SIGCONT)  # in case it read before it had the terminal
    try:
        while True:
            _, status = os.waitpid(process.pid, os.WUNTRACED)
            if not os.WIFSTOPPED(status):
                process.returncode = os.waitstatus_to_exitcode(status)
                return process.returncode
            # Stopped (ctrl+z): stop with it, as one job; when continued, continue it.
            _give(terminal, os.getpgrp())
            os.kill(os.getpid(), signal.SIGSTOP)
            _give(terminal, process.pid)
            os.killpg(process.pid, signal.SIGCONT)
    finally:
        _give(terminal, os.getpgrp())


def _ended(status: int) -> str:
    """How a non-zero exit status reads: `exited with status 1`, `was stopped by SIGKILL`."""
    if status > 0:
        return f"exited with status {status}"
    try:
        name = signal.Signals(-status).name
    except ValueError:
        name = f"signal {-status}"
    return f"was stopped by {name}"
