"""Property test: no mutation of the shipped positions.yaml makes the loader fail.

Byte flips, deleted and duplicated lines, indentation changes, control and bidi
characters, NUL, odd line breaks (CR, NEL, LS, PS) and long lines: for each, `load_bytes`
returns (never raises), every diagnostic names a line of the file as an editor shows it
and a column from 1, holds no raw control character, and diagnostics come sorted.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.helpers import SHIPPED
from tui.loader.files import folder_reader
from tui.loader.pipeline import load_bytes

ORIGINAL = SHIPPED.read_bytes()
# C0/C1 controls other than newline, bidi and zero-width controls, line separators.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
ODD = [
    "\x00",
    "\t",
    "\r",
    "\r\n",
    "\x1b[2J",
    "\x07",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\x9b",
    "[",
    "{",
    "]",
    "}",
    "'",
    '"',
    ":",
    "- ",
    "&a",
    "*a",
    "!!python/object ",
    "<<: ",
    "#",
    "---\n",
    "é",
    "\U0001f600",
]


def editor_lines(data: bytes) -> int:
    """Lines an editor shows: LF ends a line; a final LF starts none."""
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    return text.count("\n") + (0 if text.endswith("\n") else 1)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = ORIGINAL.split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "delete", "duplicate", "indent", "insert", "long"]))
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        if kind == "flip" and line:
            i = draw(st.integers(0, len(line) - 1))
            line = line[:i] + bytes([line[i] ^ (1 << draw(st.integers(0, 7)))]) + line[i + 1 :]
            lines[at] = line
        elif kind == "delete" and len(lines) > 1:
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, line)
        elif kind == "indent":
            lines[at] = draw(st.sampled_from([b"", b" ", b"  ", b"\t", b"    "])) + line.lstrip()
        elif kind == "insert":
            odd = draw(st.sampled_from(ODD)).encode("utf-8")
            i = draw(st.integers(0, len(line)))
            lines[at] = line[:i] + odd + line[i:]
        elif kind == "cut":  # the file ends here, maybe inside a bracket or a quote
            i = draw(st.integers(0, len(line)))
            lines[at:] = [line[:i]]
        elif kind == "long":
            lines[at] = line + b"x" * draw(st.integers(1000, 20_000))
    data = b"\n".join(lines)
    if draw(st.booleans()):
        data = data.rstrip(b"\n")  # no final newline
    return data


READ_SOURCE = folder_reader(SHIPPED.parent)  # the real seeds: quotes are verified too


# Mutations that broke an earlier loader, tried on every run: an error at the end of a
# file that ends in a newline (named a line after the last), NELs before an error (every
# line shifted down), a control character after multi-byte text (a byte offset taken
# for a column), a top-level list after a duplicate key (diagnostics out of order).
@example(ORIGINAL[: ORIGINAL.rindex(b'quote: "') + 12] + b"\n")
@example(ORIGINAL.replace(b"summit:", b"# \xc2\x85\xc2\x85\xc2\x85\nsummit:", 1)[:-40] + b" [\n")
@example(b"title: " + "é".encode() * 300 + b"\nx: \x07\n")
@example(b"- a: 1\n  a: 2\n")
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)
@given(mutated())
def test_any_mutation_gives_located_sorted_safe_diagnostics(data: bytes) -> None:
    result = load_bytes(data, "positions.yaml", READ_SOURCE)
    last = editor_lines(data)
    places = [(d.line, d.col) for d in result.diagnostics]
    assert places == sorted(places)
    for diagnostic in result.diagnostics:
        assert 1 <= diagnostic.line <= last, diagnostic.format()
        assert diagnostic.col >= 1, diagnostic.format()
        assert not RAW_CONTROL.search(diagnostic.message), diagnostic.format()
        assert not RAW_CONTROL.search(diagnostic.format()), diagnostic.format()
