"""An article file (a saved web page or plain text) to the text archived in seeds/.

`summit add-source` archives what the curator read, so that every quote can be checked
against it later. Plain text is archived byte for byte (after a UTF-8 check). A saved web
page goes through trafilatura, the field's standard extractor: the main text without the
navigation, footer and related links, plus the title, site name, canonical URL and the
publication date *the page states in its markup* (htmldate's extensive search, which
guesses from any date in the text, is off: a guessed date must not pass as a stated one).

trafilatura (and lxml, htmldate, ...) is imported inside `extract_html` only: `summit check`
and the dashboard never pay for it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from tui.authoring.page_metadata import site_name, stated_site_names, strip_site_suffix
from tui.loader import files
from tui.loader.lines import byte_position
from tui.model.diagnostics import LocatedError
from tui.model.patterns import ID_PATTERN
from tui.safe import quoted

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""A saved page with inline images can be large; its text is far smaller."""
MIN_ARTICLE_CHARS = 80
"""Extracted text shorter than this is menu words ('Home World'), not an article."""
MAX_TITLE_LINE = 150
"""A first line longer than this is a paragraph, not a headline."""

_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S
)
_MAGIC = {
    b"%PDF-": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a .docx, .odt or .epub)",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_ID = re.compile(ID_PATTERN)
_WEB_ADDRESS = re.compile(r"(?i)\A(?:[a-z][a-z0-9+.-]*://|www\.)")


class ArchiveError(LocatedError):
    """A problem with the article file, in the user's terms, at a place in that file."""


@dataclass(frozen=True)
class ExtractedPage:
    """What is archived, and what the file itself says about the article."""

    kind: Literal["html", "text"]
    data: bytes
    """The exact bytes to archive (UTF-8)."""
    text: str
    title: str | None
    """The page's title (HTML), or the first line of a text file."""
    site_name: str | None
    """The site's name as the page's metadata states it; never guessed from a handle,
    the title or the domain (`tui.authoring.page_metadata`)."""
    published: date | None
    """The publication day the page states in its markup; never guessed."""
    url: str | None


def read_article(path: Path) -> ExtractedPage:
    """Read `path` and turn it into an ExtractedPage, or raise ArchiveError."""
    data = _read(path)
    if not data.strip():
        raise ArchiveError("the file is empty; there is nothing to archive")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ArchiveError(f"this is {what}, not a web page or plain text")
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        line, col = byte_position(data, nul)
        raise ArchiveError(
            "this is a binary file (it holds NUL bytes), not a web page or plain text", line, col
        )
    if is_html(path, data):
        return extract_html(data)
    return plain_text(data)


def _read(path: Path) -> bytes:
    try:
        return files.read_capped(path, MAX_INPUT_BYTES)
    except files.ReadError as exc:
        if exc.kind == "folder":
            raise ArchiveError("is a folder, not an article file") from None
        if exc.kind == "not regular":
            raise ArchiveError("not a regular file (a pipe or a device)") from None
        if exc.kind == "too big":
            raise ArchiveError(f"the file {exc.reason}") from None
        if exc.kind == "unreadable":
            raise ArchiveError(f"cannot read the file: {exc.detail}") from None
        raise ArchiveError(exc.reason) from None


def write_archive(target: Path, data: bytes) -> None:
    """Create the archived article `target` with `data`; never replace a file
    (FileExistsError): an archived article is what quotes were checked against."""
    files.create_new(target, data)


def is_web_address(name: str) -> bool:
    """`https://...` and the like: an address to fetch, which summit never does."""
    return _WEB_ADDRESS.match(name) is not None


def is_html(path: Path, data: bytes) -> bool:
    """A saved page by its name (.html, .htm, ...) or by how it starts (<!DOCTYPE html>)."""
    return path.suffix.lower() in _HTML_SUFFIXES or _HTML_START.match(data[:4096]) is not None


def plain_text(data: bytes) -> ExtractedPage:
    """A text file, archived as is once it is known to be UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = byte_position(data, exc.start)
        raise ArchiveError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save it as UTF-8 and try again",
            line,
            col,
        ) from None
    _check_size(data)
    # Lines as editors count them (LF), not str.splitlines (which also breaks at NEL, LS...).
    first = next((line.strip() for line in text.split("\n") if line.strip()), None)
    return ExtractedPage("text", data, text, first, None, None, None)


def extract_html(data: bytes) -> ExtractedPage:
    """Main text and metadata of a saved web page, through trafilatura."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        # Their warnings ("discarding data") would reach stderr through logging's
        # last-resort handler; our own message says what went wrong.
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml without lxml_html_clean beside it
        raise ArchiveError(
            f"reading a web page needs trafilatura, which failed to import ({exc}); "
            "install summit-positions' dependencies again, or archive a .txt file"
        ) from None

    from tui.authoring.saved_page import MAX_MARKUP, lighter

    markup = lighter(data)
    if len(markup) > MAX_MARKUP:
        raise ArchiveError(
            f"the page holds {len(markup):,} bytes of markup once its scripts, styles and "
            f"inline images are set aside, more than the {MAX_MARKUP // 2**20} MiB add-source "
            "extracts from: save the article alone (a reader view), or copy its text into a "
            ".txt file"
        )
    try:
        # Parsed once: what the page states about itself is read from the same tree.
        tree = trafilatura.load_html(markup)
        stated = _stated_site_names(tree) if tree is not None else []
        document = trafilatura.bare_extraction(
            tree if tree is not None else markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # a parser crash on odd input must be a message, not a traceback
        raise ArchiveError(
            f"could not read the file as a web page ({type(exc).__name__}); "
            "save the page again, or copy its text into a .txt file"
        ) from None
    if document is None or isinstance(document, dict):
        raise ArchiveError(
            "found no article text in this web page; save the page again once it has "
            "loaded, or copy its text into a .txt file"
        )
    # Paragraphs are the extractor's LF-separated lines; str.splitlines would also break
    # at NEL, LS or a form feed inside a paragraph, and the archive would differ from it.
    lines = [line.strip() for line in (document.text or "").split("\n")]
    text = "\n".join(line for line in lines if line)
    if len("".join(text.split())) < MIN_ARTICLE_CHARS:
        shown = " ".join(text.split())
        raise ArchiveError(
            "found no article text in this web page"
            + (f" (only {len(shown)} characters: {quoted(shown)})" if shown else "")
            + "; it may load its text with JavaScript: save it once it has loaded, "
            "or copy its text into a .txt file"
        )
    encoded = (text + "\n").encode("utf-8")
    _check_size(encoded)
    published = _day(document.date)
    title = _clean(document.title)
    return ExtractedPage(
        "html",
        encoded,
        text + "\n",
        strip_site_suffix(title, stated, published) if title is not None else None,
        site_name(_clean(document.sitename), stated),
        published,
        _clean(document.url),
    )


def _stated_site_names(tree: Any) -> list[str]:
    """The site names the page's meta tags and JSON-LD state (`tui.authoring.page_metadata`)."""
    metas = [
        (
            (meta.get("property") or "").strip().lower(),
            (meta.get("name") or "").strip().lower(),
            meta.get("content") or "",
        )
        for meta in tree.iter("meta")
        if meta.get("content")
    ]
    scripts = [
        script.text_content()
        for script in tree.iter("script")
        if (script.get("type") or "").strip().lower() == "application/ld+json"
    ]
    return stated_site_names(metas, scripts)


def _check_size(data: bytes) -> None:
    """Refuse what the loader would refuse to read as a source (its cap, read when called)."""
    if len(data) > files.MAX_SOURCE_BYTES:
        raise ArchiveError(
            f"the article text is larger than {files.MAX_SOURCE_BYTES // 2**20} MiB, "
            "the most `summit check` reads from a source"
        )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def slug(text: str, limit: int = 60) -> str:
    """An id from a title: 'Harbour talks end!' -> 'harbour-talks-end' ('' if no letters)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    result = ""
    for word in words:
        longer = f"{result}-{word}" if result else word
        if len(longer) > limit:
            break
        result = longer
    if not result and words:
        result = words[0][:limit]
    return result


def is_id(value: str) -> bool:
    """Whether `value` matches the model's id pattern."""
    return _ID.match(value) is not None
