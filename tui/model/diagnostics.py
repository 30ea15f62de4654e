"""Diagnostics: the single shape of every user-facing problem.

The CLI prints them, the TUI's error panel lists them and the tests compare
them, always through `Diagnostic.format`, so the three never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.safe import visible

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at a place in a file. Lines and columns count from 1."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hidden: int = 0
    """Errors this line stands for, not shown one by one (-1: more, not counted)."""
    hidden_warnings: int = 0
    """Warnings this line stands for."""

    @property
    def summarises(self) -> bool:
        """A '... and N more' line, not a problem of its own."""
        return bool(self.hidden or self.hidden_warnings)

    def format(self) -> str:
        """`FILE:LINE:COL: error: message`, one line, control characters escaped."""
        return (
            f"{visible(self.path, multiline=False)}:{self.line}:{self.col}: "
            f"{self.severity}: {visible(self.message, multiline=False)}"
        )

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class LocatedError(Exception):
    """A problem in the user's terms at a place in a file (lines and columns from 1),
    raised where the place is known; the command prints it at FILE:LINE:COL."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


def summary(diagnostics: list[Diagnostic], path: str) -> str:
    """The one-line verdict printed after the diagnostics."""
    listed = [d for d in diagnostics if not d.summarises]
    errors = sum(1 for d in listed if d.is_error)
    warnings = len(listed) - errors
    for more in diagnostics:
        errors += max(more.hidden, 0)
        warnings += more.hidden_warnings
    uncounted = any(d.hidden < 0 for d in diagnostics)
    shown = visible(path, multiline=False)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if uncounted:
        return (
            f"{shown}: invalid: more than {plural(errors, 'error')}, {plural(warnings, 'warning')}"
        )
    if errors:
        return f"{shown}: invalid: {plural(errors, 'error')}, {plural(warnings, 'warning')}"
    if warnings:
        return f"{shown}: valid, {plural(warnings, 'warning')}"
    return f"{shown}: valid"


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A ' (did you mean 'x'?)' suffix when a close match exists, else ''."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f"; did you mean '{visible(close[0], multiline=False)}'?" if close else ""
