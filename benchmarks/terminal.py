"""Time an app in a real terminal: until a marker text is on the screen of a tmux pane.

The headless figures (benchmarks/dashboard.py) count a frame when Textual hands it
to its driver; a user sees it only once a terminal has read and drawn it. Here the
app runs in a tmux pane of the headless runs' SIZE, as a user would start it, and
the pane's screen is read (`capture-pane`) again and again until the marker shows:
the time is that of the first capture that shows it, counted from just before the
app was started.

One tmux server per run, on a socket of its own (`-L`), without the user's tmux
configuration (`-f /dev/null`), and killed afterwards: the user's own tmux is never
touched. This process talks to that server through one control-mode client (`-C`),
so that starting the app and every capture are a line written to a pipe, not a new
tmux process competing with the app for the CPU: a capture answers in about 0.1 ms,
and the screen is read every POLL seconds.

`python -m benchmarks.terminal FILE` shows what the benchmark waits for on FILE's
dashboard, the screen at that moment and the time.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from benchmarks.dashboard import BARE_TEXT, SIZE

POLL = 0.002
"""Pause between two captures of the screen (each capture adds ~0.1 ms)."""
TIMEOUT = 120.0
"""Longest wait for a marker (the largest file shows its data well within it)."""
SKIPPED = "skipped: tmux not found"

_sockets = itertools.count()


class TerminalError(RuntimeError):
    """The run in tmux failed: the app exited, tmux refused, or the marker never showed."""


def available() -> bool:
    """Whether the terminal figures can be measured here."""
    return shutil.which("tmux") is not None


class Marker:
    """Text that tells, on a captured screen, that what is timed is shown."""

    def __init__(self, description: str, test: Callable[[str], bool]) -> None:
        self.description = description
        self.test = test

    def __call__(self, screen: str) -> bool:
        return self.test(screen)

    @staticmethod
    def text(text: str) -> Marker:
        """Shown when `text` stands on one line of the screen."""
        return Marker(repr(text), lambda screen: text in screen)

    @staticmethod
    def topic(title: str) -> Marker:
        """Shown when the grid's first column reads `title` (wrapped at any width).

        The grid shows each topic's title at the top of its row, in the first column,
        wrapped to that column's width: the first cells of the grid's lines (those with
        a column border), read one after the other, contain the title's words in order.
        Nothing but the data puts a topic title there (before the data the screen says
        it is loading), and the detail panel, which names the topic too, has no border."""
        words = " ".join(title.split())

        def test(screen: str) -> bool:
            cells = (first_cell(line) for line in screen.splitlines())
            column = " ".join(cell for cell in cells if cell is not None)
            return f" {words} " in f" {' '.join(column.split())} "

        return Marker(f"the first topic's title {title!r} in the grid's first column", test)


def first_cell(line: str) -> str | None:
    """The text of a grid line up to its first column border (None: not a grid line)."""
    for i, char in enumerate(line):
        if char in BORDERS:
            return line[:i]
    return None


BORDERS = "│┃┼┿"
"""The grid's column borders (thin, and thick beside the cursor's column)."""


def first_topic(path: Path) -> str:
    """The title of the file's first topic, read as the grid lists it (file order)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open("rb") as stream:
        data = yaml.load(stream, Loader=loader)
    topics = data["topics"]
    first = next(iter(topics.values()))
    return str(first["title"])


def summit_marker(path: Path) -> Marker:
    return Marker.topic(first_topic(path))


class Tmux:
    """One private tmux server, driven through a control-mode client."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.socket = f"summit-bench-{os.getpid()}-{next(_sockets)}"
        # The control client sits in a session of its own, so that it never sizes the
        # measured one; its locale is UTF-8, so that captures keep every character.
        client_env = dict(env)
        if "UTF-8" not in (client_env.get("LC_ALL") or client_env.get("LANG") or "").upper():
            client_env["LC_ALL"] = "C.UTF-8"
        self.proc = subprocess.Popen(
            [
                *("tmux", "-L", self.socket, "-f", "/dev/null", "-C"),
                *("new-session", "-s", "idle", "-x", "80", "-y", "24", "sleep 3600"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=client_env,
        )
        self._in: IO[bytes] = self.proc.stdin  # type: ignore[assignment]
        self._out: IO[bytes] = self.proc.stdout  # type: ignore[assignment]
        self.command("set-option -g status off")
        self.command("set-option -g remain-on-exit on")

    def command(self, line: str) -> str:
        """Run one tmux command; its output (TerminalError if tmux refused it)."""
        self._in.write(line.encode("utf-8") + b"\n")
        self._in.flush()
        out: list[str] = []
        inside = False
        while True:
            raw = self._out.readline()
            if not raw:
                raise TerminalError(f"tmux exited (command: {line.split()[0]})")
            text = raw.decode("utf-8", "replace")
            if text.startswith("%begin"):
                # Flags 1: the answer to a command of this client (the client's own
                # first command, new-session, is answered with flags 0).
                inside, out = text.split()[-1] == "1", []
            elif inside and text.startswith(("%end", "%error")):
                if text.startswith("%error"):
                    raise TerminalError(f"tmux: {''.join(out).strip()}")
                return "".join(out)
            elif inside:
                out.append(text)

    def start(self, argv: Sequence[str], env: Mapping[str, str], cwd: Path) -> None:
        """Start `argv` in a new session of SIZE, with `env` set in its environment."""
        settings = " ".join(f"-e {_quote(f'{k}={v}')}" for k, v in env.items())
        columns, lines = SIZE
        self.command(
            f"new-session -d -s app -x {columns} -y {lines} -c {_quote(str(cwd))} {settings} "
            + " ".join(_quote(arg) for arg in argv)
        )

    def screen(self) -> str:
        return self.command("capture-pane -p -t app")

    def exit_status(self) -> str | None:
        """How the app ended (" (status 1)", " (signal 9)", or "" where tmux saw the end
        of its output but not the process's end), or None while it runs."""
        dead, status, signal = (
            self.command(
                "list-panes -t app -F '#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}'"
            )
            .strip()
            .split("|")
        )
        if dead != "1":
            return None
        if status:
            return f" (status {status})"
        return f" (signal {signal})" if signal else ""

    def close(self) -> None:
        try:
            self.command("kill-server")
        except (TerminalError, OSError):
            pass
        # The client exits once it has written its last lines (`%exit`): read them, or
        # it waits on a closed pipe.
        try:
            self._in.close()
            self._out.read()
            self._out.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _quote(arg: str) -> str:
    """`arg` as one word of a tmux command (tmux parses commands as a shell does)."""
    return "'" + arg.replace("'", "'\\''") + "'"


class Timing:
    """One run: the seconds until the marker, the captures taken, and the screen."""

    def __init__(self, seconds: float, polls: int, screen: str) -> None:
        self.seconds, self.polls, self.screen = seconds, polls, screen

    @property
    def poll_interval(self) -> float:
        """The mean time between two captures of this run."""
        return self.seconds / max(1, self.polls)


def time_until(
    argv: Sequence[str],
    marker: Marker,
    *,
    env: Mapping[str, str],
    cwd: Path,
    timeout: float = TIMEOUT,
) -> Timing:
    """Start `argv` in a fresh tmux pane and time it until `marker` shows on screen.

    `env` is the environment of this call (the tmux server's); the variables that
    the app needs (PYTHONPATH, XDG_CACHE_HOME, ...) are set in its session as well,
    since tmux gives a new session the server's global environment."""
    with Tmux(env) as tmux:
        passed = {k: v for k, v in env.items() if k in _PASSED}
        # Colours as a current terminal emulator announces them (Rich reads this), so
        # that the app writes the 24-bit colours a user's terminal would receive.
        passed.setdefault("COLORTERM", "truecolor")
        start = time.monotonic()
        tmux.start(argv, passed, cwd)
        polls = 0
        while True:
            screen = tmux.screen()
            now = time.monotonic()
            polls += 1
            if marker(screen):
                return Timing(now - start, polls, screen)
            if now - start > timeout:
                raise TerminalError(f"{marker.description} not on screen after {timeout:g} s")
            status = tmux.exit_status() if polls % 100 == 0 else None
            if status is not None:
                # Its last words, when tmux read them before the process was gone.
                last = [
                    line
                    for line in tmux.screen().splitlines()
                    if line.strip() and not line.startswith("Pane is dead")  # tmux's own
                ]
                said = f": {last[-1].strip()[-160:]}" if last else ""
                raise TerminalError(
                    f"the app exited{status} before {marker.description} showed{said}"
                )
            time.sleep(POLL)


_PASSED = (
    *("PATH", "PYTHONPATH", "XDG_CACHE_HOME", "HOME", "SUMMIT_NO_CACHE"),
    *("LANG", "LC_ALL", "COLORTERM"),
)
"""Environment variables handed to the measured app's session explicitly."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?", help="a positions file (default: bare app)")
    parser.add_argument("--cache", help="XDG_CACHE_HOME of the run (default: a fresh empty one)")
    args = parser.parse_args(argv)
    if not available():
        print(SKIPPED, file=sys.stderr)
        return 1
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory(prefix="summit-term-") as empty:
        env["XDG_CACHE_HOME"] = args.cache or empty
        if args.file is None:
            command = [sys.executable, "-m", "benchmarks.dashboard", "bare", "--terminal"]
            marker, cwd = Marker.text(BARE_TEXT), root
        else:
            path = args.file.resolve()
            command = [sys.executable, "-m", "tui", "tui", str(path)]
            marker, cwd = summit_marker(path), path.parent
        timing = time_until(command, marker, env=env, cwd=cwd)
    print(timing.screen, end="")
    print(f"marker: {marker.description}")
    print(
        f"on screen after {timing.seconds * 1000:.1f} ms "
        f"({timing.polls} captures, one every {timing.poll_interval * 1000:.2f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
