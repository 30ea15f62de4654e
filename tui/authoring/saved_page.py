"""What of a saved web page the extractor is given: its markup, without what holds no text
for it, and no more than MAX_MARKUP bytes of it.

trafilatura's time and memory grow faster than the page (16 MB of article markup: 9 s and
730 MB; 50 MB: minutes and 1.4 GB), while a page saved whole ("single file") is mostly
scripts, styles and images inlined as `data:` URIs. Those are set aside first (in one
pass, however they are written: an unclosed `<script>` keeps the rest as it is), except
the `application/ld+json` scripts where a page states its headline and date (comments go
too: a `<script>` in one must not hide the article that follows); what is left
is the page's markup, and a page with more than MAX_MARKUP bytes of it is refused, saying
so, rather than extracted for minutes. No HTML library here: bytes and regular expressions.
"""

from __future__ import annotations

import re

MAX_MARKUP = 4 * 2**20
"""The most markup extracted from one page, scripts, styles and inline images aside: a
long article is a few hundred KB; 4 MiB takes trafilatura about 1.5 s and 220 MB."""

_OPEN = re.compile(rb"<(?:(script|style|svg)\b[^>]*>|(!--))", re.IGNORECASE)
_CLOSE = {
    name: re.compile(rb"</" + name + rb"\s*>", re.IGNORECASE)
    for name in (b"script", b"style", b"svg")
}
_CLOSE[b"!--"] = re.compile(rb"-->")
_DATA_URI = re.compile(rb"""data:[^"'\s)>]{64,}""", re.IGNORECASE)
"""A long `data:` URI (an inline image or font), in an attribute or a CSS `url(...)`."""


def lighter(page: bytes) -> bytes:
    """`page` without its comments, scripts (but those holding JSON-LD metadata), styles,
    inline SVG and long `data:` URIs."""
    kept: list[bytes] = []
    at = 0
    while (found := _OPEN.search(page, at)) is not None:
        name = (found.group(1) or found.group(2)).lower()
        close = _CLOSE[name].search(page, found.end())
        if close is None:
            break  # never closed: the rest is kept as it is
        if name == b"script" and b"ld+json" in found.group(0).lower():
            kept.append(page[at : close.end()])
        else:
            kept.append(page[at : found.start()])
        at = close.end()
    kept.append(page[at:])
    return _DATA_URI.sub(b"data:,", b"".join(kept))
