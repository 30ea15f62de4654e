"""`summit serve` seen from Chromium: the page, the dashboard's first screen in it (read
from the websocket frames the browser received, and kept as a screenshot), then Ctrl-C
with the visitor still connected: the server and every dashboard gone."""

from __future__ import annotations

import base64
import json
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.chrome import png_size
from tests.served import serve

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(sys.platform != "linux", reason="processes found in /proc"),
]

SEEN = 60.0
"""Seconds for the dashboard to reach the browser: generous, only a hang reaches it."""


def received(driver: WebDriver) -> bytes:
    """What the page's websocket has received since the last call (the app's output)."""
    data = b""
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.webSocketFrameReceived":
            frame = message["params"]["response"]
            payload = frame["payloadData"]
            data += base64.b64decode(payload) if frame["opcode"] == 2 else payload.encode()
    return data


ESCAPE = re.compile(rb"\x1b(\[[0-9;?$]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z])")


def text_of(output: bytes) -> bytes:
    """The app's output without its escape sequences (the words it drew, in order)."""
    return ESCAPE.sub(b"", output)


def test_the_served_dashboard_in_a_browser_then_ctrl_c(
    browser: WebDriver, shipped: Path, shots: Path
) -> None:
    browser.set_window_size(1280, 800)
    browser.get_log("performance")  # what earlier tests left
    served = serve(shipped)
    try:
        browser.get(served.url)
        splash = browser.execute_script("return document.body.textContent;")
        assert "summit: positions.yaml" in splash  # textual-serve's page, with our title
        deadline = time.monotonic() + SEEN
        while "-first-byte" not in browser.execute_script("return document.body.className;"):
            assert time.monotonic() < deadline, "the dashboard never reached the page"
            time.sleep(0.1)
        # The page's terminal gets the focus, as a visitor's click gives it (the footer
        # shows the keys only to a focused app; a focus before the app runs is lost).
        screen = b""
        while not all(
            text in screen
            for text in (b"Ceasefire before talks?", b"read-only: no editing", b"Source")
        ):
            assert time.monotonic() < deadline, screen[-3000:]
            browser.execute_script(
                "const box = document.querySelector('.xterm-helper-textarea');"
                "box.blur(); box.focus();"
            )
            time.sleep(0.5)
            screen += text_of(received(browser))
        assert "-first-byte" in browser.execute_script("return document.body.className;")
        time.sleep(0.5)  # the last frame drawn
        png = browser.get_screenshot_as_png()
        assert png_size(png)[0] == browser.execute_script("return window.innerWidth;")
        (shots / "serve-first-screen.png").write_bytes(png)
        # One dashboard for this visitor, read-only, in the server's session.
        dashboards = [p for p in served.processes() if "--read-only" in p[2]]
        assert len(dashboards) == 1, served.seen
    finally:
        code = served.stop()  # Ctrl-C, the visitor still connected
    browser.get("about:blank")
    assert code == 0, served.err
    assert served.stopped_after is not None and served.stopped_after < 30
    assert "Traceback" not in served.out + served.err
    assert served.survivors() == []
