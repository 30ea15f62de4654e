"""`summit check`: every problem in a positions file, then a one-line verdict."""

from __future__ import annotations

import argparse

from tui.report.console import EXIT_INVALID, EXIT_OK, print_diagnostics


def run(args: argparse.Namespace) -> int:
    from tui.loader import load_file

    result = load_file(args.file, use_cache=not args.no_cache)
    print_diagnostics(result.diagnostics, result.path)
    return EXIT_OK if result.ok else EXIT_INVALID
