"""Chromium for the browser tests: where it is, how it starts, and what the tests ask of it
(the fixtures are in conftest.py)."""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

BROWSERS = ("chromium", "chromium-browser")
DRIVERS = ("chromedriver", "chromium-driver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Headless, as root in a container, and no network of any kind."""
INSTALL = "apt-get install chromium chromium-driver"


def _first(names: tuple[str, ...]) -> str | None:
    return next((path for name in names if (path := shutil.which(name))), None)


def chromium() -> tuple[str, str]:
    """Chromium and its driver, or a skip that says what is missing and how to get it."""
    browser, driver = _first(BROWSERS), _first(DRIVERS)
    missing = [what for what, path in (("chromium", browser), ("its driver", driver)) if not path]
    if browser is None or driver is None:
        reason = f"no browser: {' and '.join(missing)} not installed ({INSTALL})"
        if os.environ.get("SUMMIT_REQUIRE_BROWSER"):
            pytest.fail(f"{reason}, and SUMMIT_REQUIRE_BROWSER says the tests must run")
        pytest.skip(reason)
    return browser, driver


def viewport(driver: WebDriver, width: int, height: int, **media: str) -> None:
    """The page's viewport in CSS pixels, and the media it is rendered for: `media` is
    "print", and features such as prefers_color_scheme="dark"."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    features = [
        {"name": name.replace("_", "-"), "value": value}
        for name, value in media.items()
        if name != "media"
    ]
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"media": media.get("media", ""), "features": features}
    )


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
