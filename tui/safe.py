"""The one safe path for showing untrusted text.

Every string that comes from a positions file or a source article passes
through here before it reaches a terminal, a TUI widget or a message:
control characters become visible escapes, and text is wrapped in
`rich.text.Text` so that no markup is ever interpreted.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# C0 (except tab and newline), DEL, C1, zero-width and bidi controls, line and
# paragraph separators, BOM, and the invisible tag characters (U+E0000-E007F). These
# can move the cursor, recolour the terminal, reorder text visually (U+202E) or hide text.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f]"
)
_UNSAFE_OR_NEWLINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f]"
)
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\e"}
_WEB_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+")


def escape_char(char: str, named: dict[str, str]) -> str:
    """`char` as a backslash escape: its entry in `named`, else \\xHH, \\uHHHH or
    \\UHHHHHHHH, spellings that Python and YAML double-quoted scalars both read back."""
    if char in named:
        return named[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape(match: re.Match[str]) -> str:
    return escape_char(match.group(), _NAMED)


def visible(text: str, *, multiline: bool = True) -> str:
    """Return `text` with every control character replaced by a visible escape.

    With `multiline=False`, newlines and tabs are escaped too, for one-line
    contexts such as error messages and titles.
    """
    pattern = _UNSAFE if multiline else _UNSAFE_OR_NEWLINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)


def literal(text: str, style: str = "", *, multiline: bool = True) -> Text:
    """A `Text` that shows `text` exactly as written: no markup, no controls."""
    # Imported here: the loader and `summit check` use this module without Rich.
    from rich.text import Text

    return Text(visible(text, multiline=multiline), style=style)


def brief(text: str, limit: int = 80) -> str:
    """`text`, or its first `limit` - 1 characters and `…`: a name the file may make as
    long as it likes, kept to a line of a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str) -> str:
    """A one-line, visibly escaped rendering of `text` in single quotes, for messages."""
    return "'" + visible(text, multiline=False) + "'"


def is_web_url(url: str) -> bool:
    """Whether `url` may become a link: http or https, and only the characters a URL is
    written with (no space, quote, angle bracket, backslash or control), so that neither
    Markdown nor HTML can read anything else into it."""
    return _WEB_URL.fullmatch(url) is not None
