"""`summit serve [FILE] [--host H] [--port P]`: the dashboard in a browser, read-only.

Through textual-serve, Textual's own way to serve an app: its page runs a terminal in
the browser, and each visitor's connection starts a dashboard of their own, a process
running `summit tui --read-only FILE` with Textual's web driver (pipes, no terminal).
Read-only: no visitor can start a program on this machine (the editor is refused).

Where textual-serve's `Server` is extended (docs/architecture.md says why; the tests in
tests/browser/test_serve.py trip when it changes):
- `handle_index`: the page's websocket address is the one the browser asked for, not
  `http://HOST:PORT` (behind `--host 0.0.0.0` no browser can reach that);
- `handle_websocket` / `on_shutdown`: Ctrl-C ends every visitor's connection, so that
  each dashboard quits and is waited for, instead of aiohttp waiting 60 s and then
  dropping them;
- `initialize_logging` / `on_startup`: our own lines on the terminal, escaped, instead
  of its banner and a log line per request.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import shlex
import socket
import sys
from typing import TYPE_CHECKING, Any, Literal

from tui.report.console import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, print_diagnostics, write
from tui.safe import visible

if TYPE_CHECKING:
    from aiohttp import web

STOP_SECONDS = 10.0
"""How long Ctrl-C waits for the visitors' dashboards to quit."""


def is_local(host: str) -> bool:
    """Whether only this machine can reach `host` (a loopback address, or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def dashboard_command(shown: str, *, use_cache: bool) -> str:
    """The shell command textual-serve runs for each visitor: this Python, this `tui`
    (-P: not one in the current folder), the file as the user named it."""
    argv = [sys.executable, "-P", "-m", "tui", "tui", "--read-only"]
    if not use_cache:
        argv.append("--no-cache")
    return "exec " + shlex.join([*argv, "--", shown])


def run(args: argparse.Namespace) -> int:
    from tui.loader import load_file
    from tui.loader.child import python_environment
    from tui.loader.files import STDIN, resolve_file

    if args.file == STDIN:
        error("summit serve: FILE cannot be - (standard input): each visitor's dashboard reads it")
        return EXIT_USAGE
    use_cache = not args.no_cache
    _, shown = resolve_file(args.file)
    # Checked once here, so that a broken file is told now and not to each visitor (and
    # the cache it fills gives every visitor's dashboard its data in the first frame).
    result = load_file(args.file, use_cache=use_cache)
    if not result.ok:
        print_diagnostics(result.diagnostics, result.path)
        return EXIT_INVALID
    host, port = args.host, args.port
    name = visible(shown, multiline=False)
    url = visible(url_of(host, port), multiline=False)
    problem = _cannot_listen(host, port)
    if problem is not None:
        error(f"summit serve: cannot listen on {url}: {visible(problem, multiline=False)}")
        return EXIT_USAGE
    if not is_local(host):
        error(
            f"summit serve: warning: {visible(host, multiline=False)} is an address other "
            f"machines can reach: anyone who can reach {url} can read {name} and the "
            "articles it cites."
        )
    # Each dashboard runs this code (the same `tui`, installed or not).
    os.environ.update(python_environment())
    server = _server_class()(
        dashboard_command(shown, use_cache=use_cache),
        host=host,
        port=port,
        title=f"summit: {name}",
    )
    server.shown = name
    # textual-serve asks for the current event loop (before 1.1.3 with no fallback), which
    # Python 3.14 no longer makes up.
    asyncio.set_event_loop(asyncio.new_event_loop())
    try:
        server.serve()
    except OSError as exc:  # the port taken, an address not on this machine
        reason = exc.strerror or str(exc)
        error(f"summit serve: cannot listen on {url}: {visible(reason, multiline=False)}")
        return EXIT_USAGE
    return EXIT_OK


def _cannot_listen(host: str, port: int) -> str | None:
    """Why `host`:`port` cannot be listened on (taken, not an address of this machine, an
    unknown name), or None. Tried before serving, so that the terminal never says it
    serves when it cannot (textual-serve starts the app before it binds)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.create_server((host.strip("[]"), port), family=family):
            return None
    except OSError as exc:
        return exc.strerror or str(exc)


class _Escaped(logging.Formatter):
    """Log lines with control characters as visible escapes (a visitor's request can
    put its own text in a message)."""

    def format(self, record: logging.LogRecord) -> str:
        return visible(super().format(record))


def _server_class() -> type[Any]:
    """textual-serve's `Server`, extended (see the module docstring); imported here, so
    that the other commands never load aiohttp."""
    from textual_serve.server import Server

    class SummitServer(Server):
        shown = ""
        """The file's name as the terminal shows it."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.visits: set[asyncio.Task[Any]] = set()
            """The visitors' connections (each drives one dashboard process)."""

        def initialize_logging(self) -> None:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(_Escaped("summit serve: %(message)s"))
            logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)

        async def on_startup(self, app: web.Application) -> None:
            write(
                f"summit serve: the dashboard of {self.shown}, read-only, at "
                f"{visible(self.public_url, multiline=False)}/ (Ctrl-C stops it)\n"
            )

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            # The page tells the browser where the websocket is: where the browser is.
            # (Set and read with no await in between: requests cannot mix them up.)
            self.public_url = str(request.url.origin())
            response: web.StreamResponse = await super().handle_index(request)
            return response

        async def handle_websocket(
            self, request: web.Request
        ) -> web.WebSocketResponse[Literal[True]]:
            task = asyncio.current_task()
            assert task is not None
            self.visits.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.visits.discard(task)

        async def on_shutdown(self, app: web.Application) -> None:
            # Each connection, cancelled, tells its dashboard to quit and waits for it.
            visits = list(self.visits)
            for task in visits:
                task.cancel()
            if visits:
                await asyncio.wait(visits, timeout=STOP_SECONDS)

    return SummitServer
