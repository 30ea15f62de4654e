"""`summit serve` run as a person runs it, for tests/unit/test_serve.py and
tests/browser/test_serve.py: in a session of its own (so that every process it starts
can be found afterwards, and Ctrl-C reaches them all as a terminal sends it), on a free
port, stopped and checked for survivors.

Linux only: processes are found by their session in /proc.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import TIMEOUT, environment

STARTED = 60.0
"""Seconds for the server to listen: generous (a busy CI machine), only a hang reaches it."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def session_processes(session: int) -> list[tuple[int, str, str]]:
    """(pid, state, command line) of every process in `session`, zombies included."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:  # gone meanwhile
            continue
        # pid (comm) state ppid pgrp session ...: comm may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == session:
            found.append((int(entry.name), fields[0], cmdline))
    return found


@dataclass
class Served:
    """A running `summit serve`; `stop()` ends it as Ctrl-C in its terminal does."""

    process: subprocess.Popen[str]
    port: int
    host: str = "127.0.0.1"
    out: str = ""
    err: str = ""
    stopped_after: float | None = None
    """Seconds from Ctrl-C to the server's exit."""
    seen: list[tuple[int, str, str]] = field(default_factory=list)
    """The session's processes when last looked at (`processes`)."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def processes(self) -> list[tuple[int, str, str]]:
        self.seen = session_processes(self.process.pid)
        return self.seen

    def fetch(self, host: str = "127.0.0.1") -> str:
        with urllib.request.urlopen(f"http://{host}:{self.port}/", timeout=TIMEOUT) as page:
            assert page.status == 200
            return page.read().decode("utf-8")

    def stop(self, sig: int = signal.SIGINT, *, group: bool = True) -> int:
        """Send `sig` to the whole session (Ctrl-C) or to the server alone; wait for it."""
        start = time.monotonic()
        if group:
            os.killpg(self.process.pid, sig)
        else:
            self.process.send_signal(sig)
        out, err = self.process.communicate(timeout=TIMEOUT)
        self.stopped_after = time.monotonic() - start
        self.out += out
        self.err += err
        return self.process.returncode

    def survivors(self, wait: float = 5.0) -> list[tuple[int, str, str]]:
        """The session's processes still there `wait` seconds after the server exited
        (none, when every dashboard quit with it)."""
        deadline = time.monotonic() + wait
        while (left := session_processes(self.process.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        return left


def serve(path: Path, *args: str, port: int | None = None, cwd: Path | None = None) -> Served:
    """Start `summit serve FILE ARGS --port PORT` in `cwd` (by default PATH's folder, FILE
    then its name) and wait until it listens."""
    port = free_port() if port is None else port
    file = str(path) if cwd is not None else path.name
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", file, "--port", str(port), *args],
        cwd=cwd or path.parent,
        env=environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )
    served = Served(process, port)
    deadline = time.monotonic() + STARTED
    while True:
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"summit serve exited {process.returncode}: {out}{err}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return served
        except OSError:
            if time.monotonic() > deadline:
                served.stop(signal.SIGKILL)
                raise AssertionError(f"summit serve did not listen on {port}") from None
            time.sleep(0.05)
