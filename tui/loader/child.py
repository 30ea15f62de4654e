"""The dashboard's validating process: a full load of the positions file in a second
Python process, its result sent back as the cache's bytes.

Loading imports pydantic and builds its models (most of a load's time on a small
file); in a thread of the dashboard it would compete with drawing for the GIL. In a
process of its own it runs on another core, while the dashboard imports Textual and
draws its first frame; the dashboard then only decodes plain data. Anything that goes
wrong with the process (no Python to start, a crash, bytes that do not decode) falls
back to loading in the calling thread, so the dashboard always gets its load.

Run as `python -m tui.loader.child PATH DISPLAY [--no-cache]`; it writes the bytes to
stdout and exits 0, or exits 1 when the load cannot be carried. Run as
`python -m tui.loader.child --wait`, it is a spare: it imports the loader at once, then
waits for one request on stdin (a JSON list: path, display, whether to cache). The
dashboard starts a spare when its watcher first sees the file change, so that by the
time the save has settled, the reload does not wait for pydantic's import again.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.loader.result import LoadResult

WAIT = "--wait"


class Cancelled(Exception):
    """The load was stopped (`Validation.cancel`): nobody waits for its result."""


def _command(*args: str) -> list[str]:
    """`python -P -m tui.loader.child ARGS`: -P keeps the current folder off the path, so
    a folder with a `tui` of its own cannot stand in for this one."""
    return [sys.executable, "-P", "-m", "tui.loader.child", *args]


def python_environment() -> dict[str, str]:
    """This process's environment for a `python -P -m tui...` child (this module's, and
    `summit serve`'s dashboards); for a `tui` that is not installed (a clone, found in
    the current folder, which -P leaves out), its folder first on the path, so that the
    child runs the same code as its parent. An installed one is found as usual: its
    site-packages is not put ahead of the standard library."""
    root = Path(__file__).resolve().parent.parent.parent
    env = dict(os.environ)
    if root.name not in ("site-packages", "dist-packages"):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    return env


def spare() -> subprocess.Popen[bytes] | None:
    """A validating process that has imported the loader and waits for its file (see
    `Validation(spare=...)`); None when no process can be started."""
    if not sys.executable:
        return None
    try:
        return subprocess.Popen(
            _command(WAIT),
            env=python_environment(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """Stop `process` if it still runs, and reap it."""
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()


class Validation:
    """A full load of one file, running in a second process from the moment it is made."""

    def __init__(
        self,
        path: Path,
        display: str,
        *,
        use_cache: bool = True,
        spare: subprocess.Popen[bytes] | None = None,
    ) -> None:
        """`spare`: a process from `spare()` to hand the file to; a new one otherwise."""
        self.path, self.display, self.use_cache = path, display, use_cache
        self.process: subprocess.Popen[bytes] | None = None
        self.cancelled = False
        self._request: bytes | None = None
        """What the spare is told (written by `result`, which closes its stdin after)."""
        if spare is not None and spare.poll() is None:
            self.process = spare
            self._request = json.dumps([str(path), display, use_cache]).encode() + b"\n"
            return
        self.cancelled = False
        argv = _command(str(path), display, *([] if use_cache else ["--no-cache"]))
        if sys.executable:
            try:
                self.process = subprocess.Popen(
                    argv,
                    env=python_environment(),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                self.process = None

    def result(self) -> LoadResult:
        """Wait for the load (blocking: call it off the UI thread); Cancelled if it was
        stopped meanwhile (then nothing is loaded here either)."""
        if self.process is not None:
            try:
                out, _ = self.process.communicate(self._request)
            except OSError:  # a spare that died before it read its file
                out = b""
            if self.cancelled:
                raise Cancelled
            if self.process.returncode == 0 and out:
                from tui.loader.cache import decode
                from tui.loader.files import folder_reader

                try:
                    # The sources are read again here and must hash as the process
                    # found them: a save in between is a fallback, not a mixed load.
                    return decode(
                        io.BytesIO(out),
                        self.display,
                        folder_reader(self.path.parent),
                        None,
                        kept=self.use_cache,
                    )
                except Exception:  # whatever does not decode is loaded here instead
                    pass
        if self.cancelled:
            raise Cancelled
        from tui.loader.pipeline import load_uncached

        return load_uncached(self.path, self.display)

    def cancel(self) -> None:
        """Stop the process (the dashboard is closing, or a newer load replaced it); a
        `result` waiting for it raises Cancelled rather than loading the file itself."""
        self.cancelled = True
        stop(self.process)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == [WAIT]:
        import tui.loader.pipeline  # noqa: F401 - the import is what a spare is for

        request = sys.stdin.readline()
        if not request:
            return 1  # the dashboard closed without a file for it
        path, display, use_cache = json.loads(request)
    else:
        use_cache = "--no-cache" not in args
        path, display = (a for a in args if a != "--no-cache")
    from tui.loader.files import write_chunks
    from tui.loader.front import load_and_encode

    _, blob = load_and_encode(
        Path(path), display, read_cache=False, write_cache=use_cache, carry=True
    )
    if blob is None:
        return 1
    write_chunks(sys.stdout.buffer, blob)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
