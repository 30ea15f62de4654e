"""`summit cite SOURCE "words" [FILE]`: the citation the viewer's `c` copies, for the same
words, printed: quote, speaker (as `summit check` would accept it), outlet, title, date."""

from __future__ import annotations

import argparse

from tui.report.console import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, print_diagnostics, write
from tui.safe import visible


def run(args: argparse.Namespace) -> int:
    from tui.authoring.citable import NotCitable, find
    from tui.loader import load_file
    from tui.report.render import citation

    result = load_file(args.file, use_cache=not args.no_cache)
    if not result.ok or result.records is None:
        print_diagnostics(result.diagnostics, result.path)
        return EXIT_INVALID
    try:
        found = find(result, args.source, args.words)
    except NotCitable as exc:
        error(f"summit cite: {visible(exc.message, multiline=False)}")
        return EXIT_USAGE if exc.usage else EXIT_INVALID
    write(citation(found.evidence(), result.records) + "\n")
    return EXIT_OK
