"""The dashboard: `summit` / `summit tui [FILE]`."""

from __future__ import annotations

import argparse
import shlex
import sys

from tui.safe import visible


def run(args: argparse.Namespace) -> int:
    """Open the dashboard on the file named in `args` (or the default one)."""
    from tui.console import EXIT_USAGE, write
    from tui.loader.files import resolve_file

    problem = _no_terminal(getattr(args, "file", None))
    if problem is not None:
        write(problem, sys.stderr)
        return EXIT_USAGE
    from tui.app.app import SummitApp

    path, shown = resolve_file(getattr(args, "file", None))
    app = SummitApp(path, shown, since=getattr(args, "since", None))
    app.run()
    return app.return_code or 0


def _no_terminal(file: str | None) -> str | None:
    """Why the dashboard cannot run here, or None.

    Textual reads keys from stdin and draws on stderr: without a terminal there
    (`summit </dev/null`, cron, CI) it spins a core forever. Output sent to a pipe
    or a file (`summit | head`, `summit >out`) asks for text, which the snapshot gives.
    """
    from tui.console import isatty

    for stream, name in (
        (sys.stdin, "standard input"),
        (sys.stdout, "standard output"),
        (sys.stderr, "standard error"),
    ):
        if not isatty(stream):
            snapshot = "summit snapshot" if file is None else f"summit snapshot {shlex.quote(file)}"
            return (
                f"summit: the dashboard needs a terminal, and {name} is not one.\n"
                f"For the positions as plain text, run: {visible(snapshot, multiline=False)}\n"
            )
    return None
