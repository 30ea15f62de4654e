"""`summit check`: every problem in a positions file, then a one-line verdict."""

from __future__ import annotations

import argparse
import sys

from tui.diagnostics import Diagnostic, summary


def emit(diagnostics: list[Diagnostic], path: str) -> None:
    """Print diagnostics and the verdict to stderr, safely in any encoding."""
    stream = sys.stderr
    encoding = stream.encoding or "utf-8"
    lines = [d.format() for d in diagnostics] + [summary(diagnostics, path)]
    text = "\n".join(lines) + "\n"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def run(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_INVALID, EXIT_OK, load_file

    result = load_file(args.file)
    emit(result.diagnostics, result.path)
    return EXIT_OK if result.ok else EXIT_INVALID
