"""Bounded work: however many problems a file holds, at most MAX_SHOWN are listed, then
one line for the rest, and collecting stops soon after the cap."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.loader.pipeline import MAX_SHOWN, load_uncached
from tui.model.diagnostics import summary


def test_a_million_style_broken_positions_stop_after_the_cap(
    write_file: Callable[..., Path],
) -> None:
    text = write_file().read_text()
    head = text[: text.index("positions:")]
    path = write_file(head + "positions: [" + ", ".join(["{}"] * 5000) + "]\n", dedent=False)
    result = load_uncached(path, "p.yaml")
    assert len(result.diagnostics) == MAX_SHOWN + 1
    *listed, last = result.diagnostics
    assert all(d.is_error for d in listed)
    assert last.format() == (
        f"p.yaml:{listed[-1].line}:{listed[-1].col}: error: ... and more errors, not counted: "
        f"reading stopped after the first {MAX_SHOWN}; fix these and run again"
    )
    assert [(d.line, d.col) for d in result.diagnostics] == sorted(
        (d.line, d.col) for d in result.diagnostics
    )
    assert summary(result.diagnostics, "p.yaml") == (
        f"p.yaml: invalid: more than {MAX_SHOWN} errors, 0 warnings"
    )


def test_a_few_more_than_the_cap_are_counted(write_file: Callable[..., Path]) -> None:
    extra = "".join(f"  p{i}: {{name: P{i}, short: P{i}}}\n" for i in range(250))
    text = write_file().read_text().replace("topics:\n", extra + "topics:\n")
    result = load_uncached(write_file(text, dedent=False), "p.yaml")
    assert len(result.diagnostics) == MAX_SHOWN + 1
    assert result.diagnostics[-1].message == "... and 50 more warnings"
    assert result.diagnostics[-1].severity == "warning"
    assert summary(result.diagnostics, "p.yaml") == "p.yaml: valid, 250 warnings"
    assert result.ok


def test_warnings_however_many_never_make_a_file_invalid(write_file: Callable[..., Path]) -> None:
    many = 5 * MAX_SHOWN
    extra = "".join(f"  p{i}: {{name: P{i}, short: P{i}}}\n" for i in range(many))
    text = write_file().read_text().replace("topics:\n", extra + "topics:\n")
    result = load_uncached(write_file(text, dedent=False), "p.yaml")
    assert result.ok and not result.stopped
    assert len(result.diagnostics) == MAX_SHOWN + 1
    assert result.diagnostics[-1].message == f"... and {many - MAX_SHOWN} more warnings"
    assert summary(result.diagnostics, "p.yaml") == f"p.yaml: valid, {many} warnings"
