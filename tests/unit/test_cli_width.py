"""`--width` is bounded: a huge width would make the snapshot draw a table that wide,
costing seconds and hundreds of MB for nothing a terminal or a page can show."""

from __future__ import annotations

import pytest

from tui.cli import MAX_WIDTH, main


@pytest.mark.parametrize("command", [["snapshot"], ["coverage"], ["diff", "a.yaml", "b.yaml"]])
def test_a_width_past_the_cap_is_a_usage_error(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--width", "100000000"]) == 2
    assert f"must be from 1 to {MAX_WIDTH}" in capsys.readouterr().err


def test_the_cap_itself_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["snapshot", "--width", str(MAX_WIDTH)]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= MAX_WIDTH
