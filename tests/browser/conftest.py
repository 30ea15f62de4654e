"""Tests in a real browser: Debian's Chromium, driven by selenium through its
chromium-driver. Skipped, saying why, where either is missing; .ci/run installs both
and sets SUMMIT_REQUIRE_BROWSER, which makes a missing browser a failure.

Chromium runs headless with a fresh profile and nothing that reaches out (the machine
has no network, and a page of ours must load nothing). Every screenshot is kept in
$SUMMIT_SHOTS when that names a folder (to look at them), else in pytest's temporary
folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.chrome import FLAGS, chromium

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """One headless Chromium for the session, logging the websocket frames it receives."""
    binary, driver_path = chromium()
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install '.[test]')"
    )  # in the test extra: installed wherever the tests are
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $SUMMIT_SHOTS, else a temporary folder."""
    chosen = os.environ.get("SUMMIT_SHOTS")
    if chosen:
        folder = Path(chosen)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("shots")
