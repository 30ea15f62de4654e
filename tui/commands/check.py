"""`summit check`: every problem in a positions file, then a one-line verdict."""

from __future__ import annotations

import argparse

from tui.console import EXIT_INVALID, EXIT_OK, print_diagnostics, resolve_file


def run(args: argparse.Namespace) -> int:
    from tui.load import load_path

    path, shown = resolve_file(args.file)
    result = load_path(path, shown)
    print_diagnostics(result.diagnostics, shown)
    return EXIT_OK if result.ok else EXIT_INVALID
