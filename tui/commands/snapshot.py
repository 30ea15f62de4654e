"""`summit snapshot`: the positions as text, Markdown, JSON or an HTML page (see
`tui.analysis.snapshot`)."""

from __future__ import annotations

import argparse
import codecs
import sys

from tui.report.console import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    error,
    output_width,
    print_diagnostics,
    use_color,
    write,
)
from tui.safe import quoted, visible


def _unknown(kind: str, wanted: list[str], known: list[str]) -> str | None:
    from tui.model.diagnostics import did_you_mean

    for word in wanted:
        if word not in known:
            return (
                f"summit snapshot: unknown {kind} {quoted(word)}{did_you_mean(word, known)} "
                f"({kind.replace('y', 'ie')}s: {', '.join(known)})"
            )
    return None


def run(args: argparse.Namespace) -> int:
    from tui.analysis.snapshot import build
    from tui.loader import load_file

    result = load_file(args.file, use_cache=not args.no_cache)
    if not result.ok or result.records is None:
        print_diagnostics(result.diagnostics, result.path)
        return EXIT_INVALID
    doc = result.records
    parties: list[str] = list(args.party or [])
    topics: list[str] = list(args.topic or [])
    problem = _unknown("party", parties, list(doc.parties)) or _unknown(
        "topic", topics, list(doc.topics)
    )
    if problem:
        error(visible(problem, multiline=False))
        return EXIT_USAGE
    snap = build(result, parties, topics)
    stdout = sys.stdout  # None when closed: written to, it is an OutputError
    encoding = getattr(stdout, "encoding", None) or "utf-8"
    if args.format == "json":
        from tui.report.json import snapshot_json

        write(snapshot_json(snap))
    elif args.format == "html":
        from tui.report.html import snapshot_html

        page = snapshot_html(snap)
        if not _is_utf8(encoding):
            # The page declares UTF-8: in another encoding it is written as ASCII, every
            # other character as a reference, so that the declaration stays true.
            page = page.encode("ascii", "xmlcharrefreplace").decode("ascii")
        write(page, errors="xmlcharrefreplace")
    elif args.format == "markdown":
        from tui.report.markdown import snapshot_markdown

        # An entity renders as the character the encoding lacks.
        write(snapshot_markdown(snap), errors="xmlcharrefreplace")
    else:
        from tui.report.snapshot_text import snapshot_text

        color = use_color(args.color, stdout)
        text = snapshot_text(snap, output_width(args.width, stdout), color=color, encoding=encoding)
        write(text)
    return EXIT_OK


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False
