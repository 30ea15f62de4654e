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
import re
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
MAX_VISITORS = 8
"""Dashboards served at once: each is a process of its own (about 40 MB); a visitor past
this is told to come back later rather than let anyone who can reach the port fill the
machine's memory."""
_OUTSIDE_FONT = re.compile(
    r"<link\b[^>]*\bhref=\"https://fonts\.googleapis\.com/[^\"]*\"[^>]*>\s*", re.IGNORECASE
)
"""textual-serve's page links a web font from Google: each visitor's browser would ask
Google for it. Left out, the terminal takes the browser's monospace font."""


def is_local(host: str) -> bool:
    """Whether only this machine can reach `host` (a loopback address, or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def _address(host: str) -> str:
    """`--host` as the server listens on it: an IPv6 address without the brackets a URL
    puts around it (`[::1]` is `::1`)."""
    host = host.strip()
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


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
    host, port = _address(args.host), args.port
    if not host:
        error("summit serve: --host needs an address (127.0.0.1 is this machine only)")
        return EXIT_USAGE
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
        with socket.create_server((host, port), family=family):
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
    from aiohttp import web
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
            self._refuse_another_site(request)
            # The page tells the browser where the websocket is: where the browser is.
            # (Set and read with no await in between: requests cannot mix them up.)
            self.public_url = str(request.url.origin())
            response: web.StreamResponse = await super().handle_index(request)
            if isinstance(response, web.Response) and response.text is not None:
                response.text = _OUTSIDE_FONT.sub("", response.text)
            return response

        async def handle_websocket(
            self, request: web.Request
        ) -> web.WebSocketResponse[Literal[True]]:
            self._refuse_another_site(request)
            origin = request.headers.get("Origin")
            if origin is not None and origin != str(request.url.origin()):
                # A page of another site, open in a visitor's browser, may not read it.
                raise web.HTTPForbidden(text="summit serve: this page is not this server's")
            if len(self.visits) >= MAX_VISITORS:
                raise web.HTTPServiceUnavailable(
                    text=f"summit serve: {MAX_VISITORS} dashboards are open; try again later"
                )
            task = asyncio.current_task()
            assert task is not None
            self.visits.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.visits.discard(task)

        def _refuse_another_site(self, request: web.Request) -> None:
            """Served on this machine only, a request must name this machine: a page of
            another site whose name it points here (DNS rebinding) is refused."""
            if is_local(self.host) and not is_local(request.url.host or ""):
                raise web.HTTPForbidden(text="summit serve: serves this machine only")

        async def on_shutdown(self, app: web.Application) -> None:
            # Each connection, cancelled, tells its dashboard to quit and waits for it.
            visits = list(self.visits)
            for task in visits:
                task.cancel()
            if visits:
                await asyncio.wait(visits, timeout=STOP_SECONDS)

    return SummitServer
