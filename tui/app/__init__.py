"""The dashboard: `summit` / `summit tui [FILE]`."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    """Open the dashboard on the file named in `args` (or the default one)."""
    from tui.app.app import SummitApp
    from tui.cli import resolve_file

    path, shown = resolve_file(getattr(args, "file", None))
    app = SummitApp(path, shown, since=getattr(args, "since", None))
    app.run()
    return app.return_code or 0
