"""Text written into YAML so that it reads back as exactly that text, on one line: the one
writer of YAML scalars, for add-source's stanza and the viewer's evidence item to paste.

No YAML library: the dashboard's viewer writes evidence items too, and its process
imports no YAML (tests/unit/test_hygiene.py).
"""

from __future__ import annotations

import re

from tui.safe import escape_char

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./-]*")
"""Written without quotes only when YAML cannot read it as anything but this text."""
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
"""Booleans and null in YAML 1.1 (PyYAML), in any case."""
_NUMBER = re.compile(
    r"[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+"
    r"|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?)"
)
"""Integers and floats, in YAML 1.1 or 1.2: an editor's YAML server would read `speaker:
2025` as a number, and the JSON Schema asks for text."""
_ESCAPE = re.compile(
    '[\\\\"\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb'
    "\U000e0000-\U000e007f\ud800-\udfff\ufffe\uffff]"
)
"""Escaped in a double-quoted scalar: what YAML forbids raw, line breaks in any spelling,
and the invisible or reordering characters tui.safe escapes for display."""
_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\e"}


def scalar(value: str) -> str:
    """`value` plain when YAML reads it back as this very text (`harbour`, `2025-08-13`,
    `seeds/x.txt`), else double-quoted (`"no"`, `"2025"`, `"a: b"`)."""
    if (
        _PLAIN.fullmatch(value)
        and value.lower() not in _YAML_WORDS
        and not _NUMBER.fullmatch(value)
    ):
        return value
    return double_quoted(value)


def double_quoted(value: str) -> str:
    """`value` as a YAML double-quoted scalar that loads back to exactly `value`.

    Backslashes and quotation marks are escaped, and so is every control character (in
    the spellings tui.safe shows them with, which are YAML's too): an evidence item is
    shown in a notification as well as pasted, so nothing in it may move the cursor or
    reorder text."""
    return '"' + _ESCAPE.sub(lambda match: escape_char(match.group(), _NAMED), value) + '"'
