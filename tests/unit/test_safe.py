"""The one safe path for untrusted text, and the one shape of every diagnostic."""

from __future__ import annotations

import pytest

from tui.model.diagnostics import Diagnostic, did_you_mean, summary
from tui.safe import literal, quoted, visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "\\e[2J"),  # ESC: clear screen
        ("\x9b31m", "\\x9b31m"),  # C1 CSI: the same, in one byte
        ("\x07", "\\x07"),  # bell
        ("\x7f", "\\x7f"),
        ("\x00", "\\x00"),
        ("\r", "\\r"),  # carriage return: overwrites the line
        ("abc\u202edef", "abc\\u202edef"),  # right-to-left override
        ("a\u200bb", "a\\u200bb"),  # zero-width space
        ("a\u2028b", "a\\u2028b"),  # line separator
        ("\ufeff", "\\ufeff"),
        ("a\U000e0041b", "a\\U000e0041b"),  # invisible tag character
        ("plain text – with “typography” and émigré", "plain text – with “typography” and émigré"),
        ("[bold]markup[/bold] stays as written", "[bold]markup[/bold] stays as written"),
    ],
)
def test_visible_escapes_controls_only(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert visible(raw, multiline=False) == shown


def test_newlines_and_tabs_kept_unless_one_line() -> None:
    assert visible("a\nb\tc") == "a\nb\tc"
    assert visible("a\nb\tc", multiline=False) == "a\\nb\\tc"


def test_visible_is_idempotent() -> None:
    once = visible("x\x1b\n\u202e", multiline=False)
    assert visible(once, multiline=False) == once


def test_literal_never_interprets_markup() -> None:
    text = literal("[@click=app.quit]x[/] price[/bold] \x1b[31m", style="bold")
    assert text.plain == "[@click=app.quit]x[/] price[/bold] \\e[31m"
    assert text.spans == []
    assert str(text.style) == "bold"


def test_quoted_is_one_line() -> None:
    assert quoted("a\nb\x1b") == "'a\\nb\\e'"


def test_diagnostic_format_is_one_safe_line() -> None:
    diagnostic = Diagnostic("dir/\x1bfile.yaml", 3, 7, "error", "bad\nvalue \u202e")
    assert diagnostic.format() == "dir/\\efile.yaml:3:7: error: bad\\nvalue \\u202e"
    assert diagnostic.is_error
    assert not Diagnostic("f", 1, 1, "warning", "w").is_error


def test_summary_line() -> None:
    error = Diagnostic("f.yaml", 1, 1, "error", "e")
    warning = Diagnostic("f.yaml", 1, 1, "warning", "w")
    assert summary([], "f.yaml") == "f.yaml: valid"
    assert summary([warning], "f.yaml") == "f.yaml: valid, 1 warning"
    assert summary([warning, warning], "f.yaml") == "f.yaml: valid, 2 warnings"
    assert summary([error, warning], "f.yaml") == "f.yaml: invalid: 1 error, 1 warning"
    assert summary([error, error], "f.yaml") == "f.yaml: invalid: 2 errors, 0 warnings"


def test_did_you_mean() -> None:
    assert did_you_mean("ceasfire", ["ceasefire", "territory"]) == "; did you mean 'ceasefire'?"
    assert did_you_mean("US", ["us", "russia"]) == "; did you mean 'us'?"  # case only
    assert did_you_mean("zzz", ["us", "russia"]) == ""
    assert did_you_mean("a", ["a\x1b"]) in ("", "; did you mean 'a\\e'?")  # never raw
