"""The command line itself: every subcommand says what it does in its --help, and
`summit FILE` opens the dashboard on FILE as `summit tui FILE` does (issue 21, item 11)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.helpers import summit
from tui.cli import COMMANDS, build_parser, parse


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_the_list_of_commands_is_the_parser_s() -> None:
    assert sorted(COMMANDS) == sorted(subcommands())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_s_help_has_a_description(command: str) -> None:
    parser = subcommands()[command]
    assert parser.description and len(parser.description) > 40
    assert parser.description.split(".")[0] in " ".join(parser.format_help().split())


def test_summit_file_is_summit_tui_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talks.yaml").write_text("summit: {}\n", encoding="utf-8")
    for argv in (["talks.yaml"], ["--no-cache", "talks.yaml"], ["other.yml"]):
        args = parse(argv)
        assert (args.command, args.file) == ("tui", argv[-1]), argv
    args = parse(["talks.yaml", "--since", "git:HEAD~1"])
    assert (args.command, args.file, args.since) == ("tui", "talks.yaml", "git:HEAD~1")
    assert parse(["check", "talks.yaml"]).command == "check"
    assert parse([]).command is None  # the dashboard on ./positions.yaml, as before


def test_a_word_that_is_neither_a_command_nor_a_file_is_still_a_usage_error(
    tmp_path: Path,
) -> None:
    proc = summit("chekc", cwd=tmp_path)
    assert proc.returncode == 2 and "chekc" in proc.stderr
    assert "needs a terminal" not in proc.stderr


def test_summit_file_without_a_terminal_says_so_for_that_file(tmp_path: Path) -> None:
    """Run as a person would: it reaches the dashboard (which needs a terminal), not a
    usage error, and names the file in the command it suggests."""
    (tmp_path / "talks.yaml").write_text("summit: {}\n", encoding="utf-8")
    proc = summit("talks.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "the dashboard needs a terminal" in proc.stderr
    assert "summit snapshot talks.yaml" in proc.stderr
