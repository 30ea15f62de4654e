"""`summit evidence SOURCE "words" [FILE]`: the evidence item the viewer's `y` copies, for
the same words, printed: for a script, or a terminal that passes no clipboard on.

The item is indented for the file, as `y` copies it (tui.authoring.position_template).
"""

from __future__ import annotations

import argparse

from tui.report.console import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, print_diagnostics, write
from tui.safe import visible


def run(args: argparse.Namespace) -> int:
    from tui.authoring.citable import NotCitable, find
    from tui.authoring.position_template import evidence_column, indented
    from tui.loader import load_file
    from tui.loader.files import read_text_or_none, resolve_file

    result = load_file(args.file, use_cache=not args.no_cache)
    if not result.ok:
        print_diagnostics(result.diagnostics, result.path)
        return EXIT_INVALID
    try:
        found = find(result, args.source, args.words)
    except NotCitable as exc:
        error(f"summit evidence: {visible(exc.message, multiline=False)}")
        return EXIT_USAGE if exc.usage else EXIT_INVALID
    text = read_text_or_none(resolve_file(args.file)[0]) or ""
    column = evidence_column(text, list(result.position_lines))
    write(indented(found.evidence_block(), column) + "\n")
    return EXIT_OK
