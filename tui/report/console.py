"""Where the commands' output goes: encoding-safe writes, width, colour, exit codes.

Every command writes through `write` (stdout) or `print_diagnostics` / `error`
(stderr), so no terminal encoding can make a command fail on the data it shows.
No Textual here; it imports only the model below it (diagnostics).
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from tui.model.diagnostics import Diagnostic, summary

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
"""check, snapshot, coverage, schema: valid / invalid file / bad arguments."""
EXIT_SAME, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2
"""diff: no changes / changes (as `diff` and `git diff --exit-code`) / could not compare."""

DEFAULT_WIDTH = 100


def write(text: str, stream: TextIO | None = None, errors: str = "backslashreplace") -> None:
    """Write to `stream` (stdout) without failing on encodings that cannot show the text.

    `errors` says what stands in for what the encoding lacks: `backslashreplace`
    everywhere, except `xmlcharrefreplace` for Markdown (an entity renders as the
    character)."""
    stream = sys.stdout if stream is None else stream
    encoding = stream.encoding or "utf-8"
    stream.write(text.encode(encoding, errors).decode(encoding))
    stream.flush()


def error(message: str) -> None:
    """One line on stderr (the caller escapes data in `message`)."""
    write(message + "\n", sys.stderr)


def fail_at(path: str, message: str, line: int = 1, col: int = 1) -> int:
    """One error at FILE:LINE:COL on stderr, in `Diagnostic`'s shape (which escapes it);
    returns EXIT_INVALID, so that a command can `return fail_at(...)`."""
    write(Diagnostic(path, line, col, "error", message).format() + "\n", sys.stderr)
    return EXIT_INVALID


def print_diagnostics(diagnostics: list[Diagnostic], path: str) -> None:
    """Print diagnostics and the verdict to stderr, safely in any encoding."""
    lines = [d.format() for d in diagnostics] + [summary(diagnostics, path)]
    write("\n".join(lines) + "\n", sys.stderr)


def isatty(stream: object) -> bool:
    """Whether `stream` is a terminal (one without `isatty`, or closed, is not)."""
    check = getattr(stream, "isatty", None)
    try:
        return bool(check()) if check is not None else False
    except (AttributeError, ValueError):
        return False


def output_width(requested: int | None, stream: object | None = None) -> int:
    """--width, else the terminal's width when writing to one, else 100."""
    if requested is not None:
        return requested
    target = sys.stdout if stream is None else stream
    if isatty(target):
        fileno = getattr(target, "fileno", None)
        try:
            columns = os.get_terminal_size(fileno()).columns if fileno is not None else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
        return columns or DEFAULT_WIDTH
    return DEFAULT_WIDTH


def use_color(choice: bool | None, stream: object) -> bool:
    """--color / --no-color win; otherwise colour only on a terminal without NO_COLOR."""
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR", "") != "" or os.environ.get("TERM") == "dumb":
        return False
    return isatty(stream)
