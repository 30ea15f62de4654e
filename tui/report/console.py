"""Where the commands' output goes: encoding-safe writes, width, colour, exit codes.

Every command writes through `write` (stdout) or `print_diagnostics` / `error`
(stderr), so no terminal encoding can make a command fail on the data it shows.
No Textual here; it imports only the model below it (diagnostics).
"""

from __future__ import annotations

import os
import sys
from typing import Literal, TextIO

from tui.model.diagnostics import Diagnostic, summary

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
"""check, snapshot, coverage, schema: valid / invalid file / bad arguments."""
EXIT_SAME, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2
"""diff: no changes / changes (as `diff` and `git diff --exit-code`) / could not compare."""
EXIT_OUTPUT = 3
"""Every command: its output could not be written (a full disk, a closed stream), so its
work is not done; never mistaken for 'invalid' or 'changed'."""

DEFAULT_WIDTH = 100

Std = Literal["stdout", "stderr"]
_NAMES: dict[str, str] = {"stdout": "standard output", "stderr": "standard error"}
_closed: set[str] = set()
"""The standard streams that were closed when the command started (see guard_streams)."""


class OutputError(Exception):
    """Output that could not be written, and why: the command stops, and exits EXIT_OUTPUT."""

    def __init__(self, stream: Std, reason: str) -> None:
        super().__init__(reason)
        self.stream, self.reason = stream, reason

    @property
    def message(self) -> str:
        return f"summit: cannot write to {_NAMES[self.stream]}: {self.reason}"


def guard_streams() -> None:
    """Open the null device on standard input, output or error where the command started
    with one closed (`summit schema >&-`): otherwise the next file opened takes its
    number, and a write meant for the terminal lands in that file. Writes to a stream
    closed so are still refused (OutputError), reads find nothing."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            _closed.add(name)


def _stream(name: Std) -> TextIO:
    stream: TextIO | None = getattr(sys, name)
    if stream is None or name in _closed:
        raise OutputError(name, "it is closed")
    return stream


def write(text: str, errors: str = "backslashreplace", *, to: Std = "stdout") -> None:
    """Write to standard output (or error) without failing on encodings that cannot show
    the text; OutputError when it cannot be written (BrokenPipeError when its reader left,
    which is no error: `summit snapshot | head`).

    `errors` says what stands in for what the encoding lacks: `backslashreplace`
    everywhere, except `xmlcharrefreplace` for Markdown (an entity renders as the
    character)."""
    stream = _stream(to)
    encoding = stream.encoding or "utf-8"
    try:
        stream.write(text.encode(encoding, errors).decode(encoding))
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a stream closed meanwhile
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise OutputError(to, reason) from None


def flush_streams() -> None:
    """Flush what others wrote to standard output and error (argparse's --help), so that
    a failure is said now, not as a traceback-like complaint when Python exits."""
    for name in ("stdout", "stderr"):
        stream: TextIO | None = getattr(sys, name)
        if stream is None or name in _closed:
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise OutputError(name, reason) from None


def output_failed(exc: OutputError) -> int:
    """Say why the output failed, on standard error when that is not what failed (nothing
    else can be done then); returns EXIT_OUTPUT."""
    if exc.stream != "stderr":
        try:
            write(exc.message + "\n", to="stderr")
        except (OSError, OutputError):
            pass
    return EXIT_OUTPUT


def error(message: str) -> None:
    """One line on stderr (the caller escapes data in `message`)."""
    write(message + "\n", to="stderr")


def fail_at(path: str, message: str, line: int = 1, col: int = 1) -> int:
    """One error at FILE:LINE:COL on stderr, in `Diagnostic`'s shape (which escapes it);
    returns EXIT_INVALID, so that a command can `return fail_at(...)`."""
    write(Diagnostic(path, line, col, "error", message).format() + "\n", to="stderr")
    return EXIT_INVALID


def print_diagnostics(diagnostics: list[Diagnostic], path: str) -> None:
    """Print diagnostics and the verdict to stderr, safely in any encoding."""
    lines = [d.format() for d in diagnostics] + [summary(diagnostics, path)]
    write("\n".join(lines) + "\n", to="stderr")


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
