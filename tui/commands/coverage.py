"""`summit coverage`: how much of each source the quotes cite (see `tui.analysis.coverage`)."""

from __future__ import annotations

import argparse

from tui.report.console import EXIT_INVALID, EXIT_OK, output_width, print_diagnostics, write


def run(args: argparse.Namespace) -> int:
    from tui.analysis.coverage import compute
    from tui.loader import load_file
    from tui.report.coverage_text import coverage_text
    from tui.report.json import coverage_json, dumps

    result = load_file(args.file, use_cache=not args.no_cache)
    if not result.ok:
        print_diagnostics(result.diagnostics, result.path)
        return EXIT_INVALID
    coverages = compute(result)
    if args.format == "json":
        write(dumps(coverage_json(coverages, result.path)))
    else:
        write(coverage_text(coverages, output_width(args.width)))
    return EXIT_OK
