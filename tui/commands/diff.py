"""`summit diff OLD NEW`: what changed between two positions files (see `tui.analysis.diff`).

Exit 0 when nothing changed, 1 when something did (as `diff`), 2 when a side
could not be read or is invalid.
"""

from __future__ import annotations

import argparse

from tui.report.console import (
    EXIT_CHANGED,
    EXIT_ERROR,
    EXIT_SAME,
    error,
    output_width,
    print_diagnostics,
    write,
)


def run(args: argparse.Namespace) -> int:
    from tui.analysis.diff import compare
    from tui.loader.git import GitError, load_side
    from tui.loader.result import LoadResult
    from tui.report.diff_text import diff_text
    from tui.report.json import diff_json, dumps
    from tui.report.markdown import diff_markdown

    results: list[LoadResult] = []
    for spec, other in ((args.old, args.new), (args.new, args.old)):
        try:
            results.append(load_side(spec, other))
        except GitError as exc:
            error(f"summit diff: {exc}")
            return EXIT_ERROR
    failed = False
    for result in results:
        if not result.ok:
            print_diagnostics(result.diagnostics, result.path)
            failed = True
    if failed:
        return EXIT_ERROR
    old, new = results
    assert old.records is not None and new.records is not None
    diff = compare(old.records, new.records, old.texts, new.texts)
    if args.format == "json":
        write(dumps(diff_json(diff, old.path, new.path)))
    elif args.format == "markdown":
        write(diff_markdown(diff, old.path, new.path))
    else:
        write(diff_text(diff, old.path, new.path, output_width(args.width)))
    return EXIT_CHANGED if diff.changed else EXIT_SAME
