"""`summit serve`: what it says before serving, where it listens, the page it gives and
how it stops. The browser's side (the dashboard on screen in Chromium) is
tests/browser/test_serve.py."""

from __future__ import annotations

import asyncio
import re
import shlex
import signal
import socket
import sys
from pathlib import Path

import pytest

from tests.served import free_port, serve
from tui.cli import main
from tui.commands.serve import dashboard_command, is_local, url_of

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="processes found in /proc")


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_only_loopback_is_local(host: str, local: bool) -> None:
    assert is_local(host) is local


def test_urls_and_the_visitors_command() -> None:
    assert url_of("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert url_of("::1", 8000) == "http://[::1]:8000"
    command = dashboard_command("-odd name.yaml", use_cache=False)
    assert command.startswith("exec ")
    assert shlex.split(command)[1:] == [
        sys.executable,
        "-P",
        "-m",
        "tui",
        "tui",
        "--read-only",
        "--no-cache",
        "--",
        "-odd name.yaml",
    ]


def test_an_invalid_file_is_reported_and_not_served(
    write_file, capsys: pytest.CaptureFixture[str]
) -> None:
    path: Path = write_file()
    path.write_text(path.read_text().replace("stance: supports", "stance: maybe"))
    assert main(["serve", str(path), "--port", str(free_port())]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: error: ", err, re.MULTILINE)
    assert "summit serve:" not in err


def test_standard_input_cannot_be_served(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "-"]) == 2
    assert capsys.readouterr().err.startswith("summit serve: FILE cannot be - (standard input)")


def test_a_taken_port_is_told_before_anything_is_served(
    write_file, capsys: pytest.CaptureFixture[str]
) -> None:
    path: Path = write_file()
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", str(path), "--port", str(port)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # never said it serves
    assert captured.err.startswith(f"summit serve: cannot listen on http://127.0.0.1:{port}: ")


@pytest.mark.parametrize("port", ["0", "65536", "eighty"])
def test_a_port_out_of_range_is_a_usage_error(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--port", port]) == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert error.startswith("summit serve: ") and "--port" in error
    assert error.endswith("must be from 1 to 65535" if port.isdigit() else "not a number: 'eighty'")


def test_localhost_by_default_and_a_clean_stop(shipped: Path) -> None:
    served = serve(shipped)
    try:
        page = served.fetch()
        # textual-serve's page, titled with the file, its websocket where the page is.
        assert "<div>summit: positions.yaml</div>" in page
        assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
        outside = _outside_address()
        if outside is not None:  # not on another address of this machine
            with pytest.raises(OSError):
                socket.create_connection((outside, served.port), timeout=2).close()
    finally:
        code = served.stop()
    assert code == 0
    assert served.out == (
        f"summit serve: the dashboard of positions.yaml, read-only, at {served.url} "
        "(Ctrl-C stops it)\n"
    )
    assert served.err == ""
    assert served.survivors() == []


def test_an_outside_address_warns_and_the_page_points_where_it_was_fetched(
    shipped: Path,
) -> None:
    served = serve(shipped, "--host", "0.0.0.0")
    try:
        # The websocket is where the browser asked, not at 0.0.0.0 (which no browser reaches).
        for host in ("127.0.0.1", "localhost"):
            page = served.fetch(host)
            assert f'data-session-websocket-url="ws://{host}:{served.port}/ws"' in page
    finally:
        code = served.stop(signal.SIGTERM, group=False)
    assert code == 0
    assert served.err == (
        "summit serve: warning: 0.0.0.0 is an address other machines can reach: anyone who "
        f"can reach http://0.0.0.0:{served.port} can read positions.yaml and the articles it "
        "cites.\n"
    )
    assert served.survivors() == []


def _outside_address() -> str | None:
    """An address of this machine other than loopback (the route out), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent (UDP connect)
            address = str(probe.getsockname()[0])
        except OSError:
            address = ""
    return None if not address or address.startswith("127.") else address


# --- who may open a dashboard ---------------------------------------------------------


async def _open_dashboard(port: int, headers: dict[str, str]) -> int:
    """Open the served dashboard's websocket as a browser would (with `headers`): 101 when
    a dashboard starts for it, else the status of the refusal."""
    import aiohttp

    url = f"http://127.0.0.1:{port}/ws?width=80&height=24"
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as websocket:
                await websocket.send_json(["resize", {"width": 80, "height": 24}])
                await websocket.receive(timeout=30)  # the dashboard's first bytes
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_a_page_of_another_site_cannot_open_a_dashboard(shipped: Path) -> None:
    served = serve(shipped)
    try:
        own = f"http://127.0.0.1:{served.port}"
        # A page of another site, open in the browser of someone on this machine.
        assert await _open_dashboard(served.port, {"Origin": "http://evil.example"}) == 403
        # The same page after pointing its own name at 127.0.0.1 (DNS rebinding).
        rebound = {
            "Host": f"evil.example:{served.port}",
            "Origin": f"http://evil.example:{served.port}",
        }
        assert await _open_dashboard(served.port, rebound) == 403
        assert await _open_dashboard(served.port, {"Origin": own}) == 101
    finally:
        assert served.stop() == 0
    assert served.survivors() == []


def test_the_page_asks_nothing_of_another_site(shipped: Path) -> None:
    served = serve(shipped)
    try:
        page = served.fetch()
    finally:
        served.stop()
    # textual-serve's page links a web font from Google: every visitor would fetch it.
    linked = re.findall(r'(?:href|src)="(https?://[^"]*)"', page)
    assert linked  # its script and styles, from this server
    assert [url for url in linked if not url.startswith(f"{served.url}static/")] == []


def test_a_visitor_past_the_limit_is_told_to_come_back() -> None:
    from aiohttp import web
    from aiohttp.test_utils import make_mocked_request

    from tui.commands.serve import MAX_VISITORS, _server_class

    server = _server_class()("true", host="127.0.0.1", port=8000)
    server.visits = {object() for _ in range(MAX_VISITORS)}
    request = make_mocked_request("GET", "/ws", headers={"Host": "127.0.0.1:8000"})
    with pytest.raises(web.HTTPServiceUnavailable) as refused:
        asyncio.run(server.handle_websocket(request))
    assert (
        refused.value.text == f"summit serve: {MAX_VISITORS} dashboards are open; try again later"
    )


async def test_a_server_killed_outright_takes_its_dashboards_with_it(shipped: Path) -> None:
    import aiohttp

    served = serve(shipped)
    url = f"http://127.0.0.1:{served.port}/ws?width=80&height=24"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as visitor:
        await visitor.send_json(["resize", {"width": 80, "height": 24}])
        await visitor.receive(timeout=30)  # the visitor's dashboard is drawing
        assert any("--read-only" in command for _, _, command in served.processes())
        # SIGKILL lets the server end nothing: the kernel ends its dashboards (Linux).
        served.stop(signal.SIGKILL, group=False)
        assert served.survivors(wait=15) == []


@pytest.mark.parametrize(
    ("given", "listened"), [("[::1]", "::1"), (" 127.0.0.1 ", "127.0.0.1"), ("::", "::")]
)
def test_an_address_is_taken_as_a_url_writes_it(given: str, listened: str) -> None:
    from tui.commands.serve import _address

    assert _address(given) == listened


def test_an_empty_host_is_a_usage_error(shipped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(shipped), "--host", " "]) == 2
    assert capsys.readouterr().err == (
        "summit serve: --host needs an address (127.0.0.1 is this machine only)\n"
    )
