"""Output for `init` and `add-source` until tui/console.py owns it: encoding-safe
writes, and errors as `FILE:LINE:COL: error: message` through `Diagnostic`."""

from __future__ import annotations

import sys
from typing import TextIO

from tui.diagnostics import Diagnostic
from tui.safe import visible

EXIT_OK, EXIT_INVALID = 0, 1


def write(text: str, stream: TextIO | None = None) -> None:
    """Write `text` with control characters escaped, in any output encoding."""
    stream = sys.stdout if stream is None else stream
    encoding = stream.encoding or "utf-8"
    stream.write(visible(text).encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def say(text: str) -> None:
    """A progress or hint line for the user, on stderr (stdout stays for data)."""
    write(text + "\n", sys.stderr)


def fail(path: str, message: str, line: int = 1, col: int = 1) -> int:
    """Print one error at FILE:LINE:COL on stderr; the exit status for it."""
    write(Diagnostic(path, line, col, "error", message).format() + "\n", sys.stderr)
    return EXIT_INVALID
