"""`summit diff OLD [NEW]`: what changed between two positions files (see
`tui.analysis.diff`); NEW is ./positions.yaml unless given.

Exit 0 when nothing changed, 1 when something did (as `diff`), 2 when a side
could not be read or is invalid. A side whose articles are not there (a copy kept away
from its project) is still compared: its quotes are not checked, and that is said once.
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
from tui.safe import brief, quoted, visible

DEFAULT_NEW = "positions.yaml"
"""NEW when only OLD is given: the file of the current folder (`summit diff git:HEAD~1`)."""


def unchecked(path: str, unread: list[str]) -> str:
    """Said once per side whose articles are not there: its quotes were not checked."""
    names = ", ".join(quoted(brief(name)) for name in sorted(set(unread))[:3])
    more = len(set(unread)) - 3
    count = len(set(unread))
    return (
        f"summit diff: {visible(path, multiline=False)}: {count} source "
        f"file{'s' * (count != 1)} not found ({names}{f' and {more} more' if more > 0 else ''}"
        "); its positions are compared as written, its quotes not checked against them"
    )


def run(args: argparse.Namespace) -> int:
    from tui.analysis.diff import compare
    from tui.loader.git import GitError, load_side, parse_git_spec
    from tui.loader.result import LoadResult
    from tui.report.diff_text import diff_text
    from tui.report.json import diff_json, dumps
    from tui.report.markdown import diff_markdown

    new_spec = args.new if args.new is not None else DEFAULT_NEW
    sides = ((args.old, new_spec), (new_spec, args.old))
    results: dict[str, LoadResult] = {}
    missing: dict[str, list[str]] = {}
    # Files first, git:REV after: a missing file is named as the side that is missing,
    # rather than found missing in the revision that was to be read beside it.
    for spec, other in sorted(sides, key=lambda side: parse_git_spec(side[0]) is not None):
        try:
            result = load_side(spec, other, missing.setdefault(spec, []))
        except GitError as exc:
            error(f"summit diff: {exc}")
            return EXIT_ERROR
        if not result.ok:
            print_diagnostics(result.diagnostics, result.path)
            return EXIT_ERROR
        results[spec] = result
    old, new = results[args.old], results[new_spec]
    for side in (old, new):
        unread = missing[args.old if side is old else new_spec]
        if unread:
            error(unchecked(side.path, unread))
    assert old.records is not None and new.records is not None
    diff = compare(old.records, new.records, old.texts, new.texts)
    if args.format == "json":
        write(dumps(diff_json(diff, old.path, new.path)))
    elif args.format == "markdown":
        write(diff_markdown(diff, old.path, new.path))
    else:
        write(diff_text(diff, old.path, new.path, output_width(args.width)))
    return EXIT_CHANGED if diff.changed else EXIT_SAME
