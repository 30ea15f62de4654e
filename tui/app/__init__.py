"""The dashboard: `summit` / `summit tui [FILE]`."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.safe import visible

if TYPE_CHECKING:
    from tui.app.app import SummitApp
    from tui.loader.result import LoadResult


def run(args: argparse.Namespace) -> int:
    """Open the dashboard on the file named in `args` (or the default one)."""
    from tui.loader.files import resolve_file
    from tui.report.console import EXIT_USAGE, write

    path, shown = resolve_file(getattr(args, "file", None))
    since = getattr(args, "since", None)
    older = None
    if since is not None:
        older = _older(since, str(path))
        if older is None:
            return EXIT_USAGE
    if getattr(args, "read_only", False) and "web_driver" in os.environ.get("TEXTUAL_DRIVER", ""):
        _ends_with_its_server()
    problem = _no_terminal(getattr(args, "file", None))
    if problem is not None:
        write(problem, to="stderr")
        return EXIT_USAGE
    app = open_app(
        path,
        shown,
        since=since,
        use_cache=not getattr(args, "no_cache", False),
        older=older,
        read_only=getattr(args, "read_only", False),
    )
    app.run()
    return app.return_code or 0


def _ends_with_its_server() -> None:
    """A visitor's dashboard under `summit serve` (textual-serve starts it with Textual's
    web driver) ends when the server does, even one killed outright, which can end none
    of them: on Linux the kernel sends it SIGTERM then (PR_SET_PDEATHSIG), which it
    answers as `q`. (Its parent's pid is not checked: a server may be pid 1, in a
    container.)"""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # no prctl to call: the server's Ctrl-C still ends every dashboard


def _older(since: str, path: str) -> LoadResult | None:
    """The file `--since` names, loaded now: a bad one is refused before the dashboard
    starts, in the words and with the exit code of `summit diff` (None when refused)."""
    from tui.loader.git import GitError, load_side
    from tui.report.console import error, print_diagnostics

    try:
        older = load_side(since, path)
    except GitError as exc:
        error(f"summit tui: --since {exc}")
        return None
    if not older.ok:
        print_diagnostics(older.diagnostics, older.path)
        error(
            f"summit tui: --since {visible(since, multiline=False)}: cannot compare with it "
            "(its problems are listed above)"
        )
        return None
    return older


def open_app(
    path: Path,
    shown: str,
    *,
    since: str | None = None,
    use_cache: bool = True,
    watch: bool = True,
    older: LoadResult | None = None,
    read_only: bool = False,
) -> SummitApp:
    """The dashboard of `path`, with its data ready for the first frame when it can be.

    `older` is `--since`'s file, already loaded (`run` checks it before the start).
    Before Textual is imported: the cached load is read (no pydantic, a few milliseconds),
    so that the first frame shows the data; without one, the full load starts in a
    second process, which validates while Textual starts. Then the app is built.
    """
    from tui.loader.cache import disabled_by_environment

    use_cache = use_cache and not disabled_by_environment()
    cached = None
    if use_cache and since is None:
        from tui.loader import cached_load

        cached = cached_load(path, shown)
    started = None
    if cached is None:
        # Nothing to show until the full load ends: start it now, on the other core,
        # while Textual starts. With a cached load on screen it starts after the first
        # frame instead (SummitApp.on_mount), so that it does not compete with drawing it.
        from tui.app.watch import signature
        from tui.loader.child import Validation

        # The signature first: a save while the process reads is then seen as a change.
        before = signature(path)
        started = (Validation(path, shown, use_cache=use_cache), before)
    from tui.app.app import SummitApp

    return SummitApp(
        path,
        shown,
        since=since,
        older=older,
        watch=watch,
        use_cache=use_cache,
        cached=cached,
        started=started,
        read_only=read_only,
    )


def _no_terminal(file: str | None) -> str | None:
    """Why the dashboard cannot run here, or None.

    Textual reads keys from stdin and draws on stderr: without a terminal there
    (`summit </dev/null`, cron, CI) it spins a core forever, unless another driver than
    the terminal's was chosen. Output sent to a pipe
    or a file (`summit | head`, `summit >out`) asks for text, which the snapshot gives.
    """
    from tui.report.console import isatty

    if os.environ.get("TEXTUAL_DRIVER"):
        # Textual was told which driver to use (textual-serve's web driver, for
        # `summit serve`): it talks through pipes, not a terminal.
        return None
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
