"""The README documents what the program does: every command, the keys the dashboard
binds (read from the bindings, so a new key cannot go undocumented), standard input and
standard error where they are used, and a set-up that works from a fresh clone."""

from __future__ import annotations

import argparse
import re

import pytest
from textual.binding import Binding

from tests.helpers import ROOT
from tui.app.app import SummitApp
from tui.app.screens.alignment import AlignmentScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.sources import SourcesScreen
from tui.app.screens.viewer import SourceViewerScreen
from tui.cli import build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")
SHOWN = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "full_stop": ".",
    "comma": ",",
}
"""Key names as the README writes them."""
DESCRIBED_IN_WORDS = {"up", "down", "left", "right", "pageup", "pagedown", "home", "end"}
"""Written as words ('arrows', 'page up/down', ...), not as a key in backticks."""


def section(heading: str) -> str:
    """The README's text from the heading that starts with `heading` to the next one."""
    start = README.index(f"\n## {heading}")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else len(README)]


def commands() -> list[str]:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


@pytest.mark.parametrize("command", commands())
def test_every_command_is_documented(command: str) -> None:
    assert f"`summit {command}" in README or (command == "tui" and "`summit tui" in README)


@pytest.mark.parametrize(
    "screen",
    [SummitApp, MainScreen, AlignmentScreen, SourceViewerScreen, SourcesScreen],
    ids=lambda c: c.__name__,
)
def test_every_bound_key_is_in_the_key_documentation(screen: type) -> None:
    keys_text = section("The dashboard")
    for binding in Binding.make_bindings(screen.BINDINGS):
        for key in binding.key.split(","):
            if key in DESCRIBED_IN_WORDS:
                continue
            assert f"`{SHOWN.get(key, key)}`" in keys_text, key


def test_focus_keys_are_documented() -> None:
    assert "`tab`, `shift+tab`" in section("The dashboard")


def test_set_up_makes_a_virtual_environment_then_runs_the_two_commands() -> None:
    setup = section("Set-up")
    commands = [line.strip() for line in setup.splitlines() if line.startswith("    ")]
    assert commands == [
        "python3 -m venv .venv && . .venv/bin/activate",
        "pip install . && summit",
        "pip install '.[test]' && pytest",
    ]


def test_standard_input_and_standard_error_are_documented() -> None:
    setup = " ".join(section("Set-up").split())
    assert re.search(
        r"`summit check`, `summit snapshot` and `summit coverage`, a FILE of `-`", setup
    )
    assert "standard error" in " ".join(section("`summit check").split())


def test_the_walk_through_fits_in_under_ten_lines() -> None:
    text = section("Starting a project")
    block = text.split("Adding a new article, end to end:\n\n", 1)[1].split("\n\n", 1)[0]
    lines = block.splitlines()
    assert len(lines) < 10
    for step in ("summit init", "summit add-source", "--append", "summit check"):
        assert any(step in line for line in lines), step
    assert lines[-1].split("#")[0].strip() == "summit"
