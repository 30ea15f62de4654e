"""The dashboard's validating process: a full load of the positions file in a second
Python process, its result sent back as the cache's bytes.

Loading imports pydantic and builds its models (most of a load's time on a small
file); in a thread of the dashboard it would compete with drawing for the GIL. In a
process of its own it runs on another core, while the dashboard imports Textual and
draws its first frame; the dashboard then only decodes plain data. Anything that goes
wrong with the process (no Python to start, a crash, bytes that do not decode) falls
back to loading in the calling thread, so the dashboard always gets its load.

Run as `python -m tui.loader.child PATH DISPLAY [--no-cache]`; it writes the bytes to
stdout and exits 0, or exits 1 when the load cannot be carried.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.loader.result import LoadResult


class Validation:
    """A full load of one file, running in a second process from the moment it is made."""

    def __init__(self, path: Path, display: str, *, use_cache: bool = True) -> None:
        self.path, self.display = path, display
        argv = [sys.executable, "-m", "tui.loader.child", str(path), display]
        if not use_cache:
            argv.append("--no-cache")
        self.process: subprocess.Popen[bytes] | None = None
        if sys.executable:
            try:
                self.process = subprocess.Popen(
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                self.process = None

    def result(self) -> LoadResult:
        """Wait for the load (blocking: call it off the UI thread)."""
        if self.process is not None:
            out, _ = self.process.communicate()
            if self.process.returncode == 0:
                from tui.loader.cache import Miss, decode
                from tui.loader.files import folder_reader

                try:
                    # The sources are read again here and must hash as the process
                    # found them: a save in between is a fallback, not a mixed load.
                    return decode(
                        io.BytesIO(out), self.display, folder_reader(self.path.parent), None
                    )
                except Miss:
                    pass
        from tui.loader.pipeline import load_path

        return load_path(self.path, self.display)

    def cancel(self) -> None:
        """Stop the process (the dashboard is closing, or a newer load replaced it)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    use_cache = "--no-cache" not in args
    path, display = (a for a in args if a != "--no-cache")
    from tui.loader.cache import write
    from tui.loader.cached import load_and_encode

    _, blob = load_and_encode(Path(path), display, read_cache=False, write_cache=use_cache)
    if blob is None:
        return 1
    write(sys.stdout.buffer, blob)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
