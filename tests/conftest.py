"""Shared fixtures. Tests never read the developer's own positions.yaml: every
test names its file explicitly, and the shipped file is copied before use. Nor do they
read or write the developer's cache, state or config: every test has folders of its own."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers import APP_DATA, ARTICLE, MINIMAL, SEEDS, SHIPPED, fake_editor

# In CI, property tests run a fixed set of examples (the same every run, a few seconds);
# locally, Hypothesis's default profile explores new ones each time.
settings.register_profile("ci", derandomize=True, max_examples=100, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder for this test (XDG_CACHE_HOME, inherited by the processes it
    starts); the cache is on, whatever the developer's environment says."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("SUMMIT_NO_CACHE", raising=False)
    return folder


@pytest.fixture(autouse=True)
def user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    """Empty state and config folders for this test (XDG_STATE_HOME, XDG_CONFIG_HOME): the
    dashboard's copies and its remembered theme never touch the developer's own."""
    state = tmp_path_factory.mktemp("state")
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return state, config


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a positions file (and its article) into a temporary folder."""

    def write(
        text: str = MINIMAL,
        name: str = "positions.yaml",
        article: str | None = ARTICLE,
        dedent: bool = True,
    ) -> Path:
        if article is not None:
            (tmp_path / "article.txt").write_text(article, encoding="utf-8")
        path = tmp_path / name
        path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A private copy of the shipped positions.yaml and its seeds."""
    shutil.copy(SHIPPED, tmp_path / "positions.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "positions.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/app, the dashboard's file; returns its positions.yaml."""
    shutil.copytree(APP_DATA, tmp_path / "app")
    return tmp_path / "app" / "positions.yaml"


@pytest.fixture
def handover(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Let the headless driver hand the terminal over (to an editor) as a real one does.

    Textual's own `App.suspend` then runs as in a terminal; the driver only records
    each switch, so a test sees whether the dashboard took the terminal back.
    """
    from textual.drivers.headless_driver import HeadlessDriver

    switches: list[str] = []
    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda self: True))
    monkeypatch.setattr(
        HeadlessDriver, "suspend_application_mode", lambda self: switches.append("suspend")
    )
    monkeypatch.setattr(
        HeadlessDriver, "resume_application_mode", lambda self: switches.append("resume")
    )
    return switches


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$VISUAL set to a script that records its arguments in the returned file."""
    record = tmp_path / "argv.json"
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, record))
    return record
