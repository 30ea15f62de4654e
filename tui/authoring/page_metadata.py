"""What a saved web page states about itself: the names it gives its site, and its title
without the site's own suffix.

An extractor fills gaps with guesses: trafilatura takes a Twitter handle for the site
name (`timesofisrael` becomes "Timesofisrael"), or a part of the title, or the domain.
A stanza promises only what the page states, so `summit add-source` keeps the site name
only when the page's own metadata gives it (`og:site_name`, a publisher, the
application name, the publisher or organisation of its JSON-LD), spelt as the page
spells it; otherwise the curator writes it. Likewise a title loses a trailing
`| DW | 19.01.2020` only where those parts repeat the page's site name or its date.

Pure: `tui.authoring.archive` reads the meta tags and JSON-LD out of the parsed page and
hands them here as text, so this is tested without a parser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

SITE_PROPERTIES = frozenset({"og:site_name", "article:publisher"})
"""`<meta property=...>` naming the site or its publisher."""
SITE_NAMES = frozenset(
    {
        "application-name",
        "publisher",
        "dc.publisher",
        "dc:publisher",
        "dcterms.publisher",
        "citation_journal_title",
    }
)
"""`<meta name=...>` naming the site or its publisher (not `twitter:site`, a handle, nor
`copyright`, a sentence)."""
_ORGANISATIONS = frozenset({"organization", "newsmediaorganization", "website"})
"""JSON-LD types whose `name` is the site's own."""
MAX_NAME = 100
"""A longer "name" is a sentence or a description, not a site name."""

_SEPARATOR = re.compile(r"\s+[|\u2013\u2014\u00b7-]\s+")
"""Between a title and its suffix: ' | ', ' - ', ' – ', ' — ', ' · '."""
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _plausible(value: str) -> bool:
    """A name, not a URL, a bare number or a paragraph."""
    value = value.strip()
    return (
        0 < len(value) <= MAX_NAME
        and "://" not in value
        and not value.lower().startswith("www.")
        and any(c.isalpha() for c in value)
    )


def stated_site_names(metas: Iterable[tuple[str, str, str]], json_ld: Iterable[str]) -> list[str]:
    """The names the page gives its site, in the order found, each once.

    `metas` are its `<meta>` tags as (property, name, content), lower-cased attribute
    values for the first two; `json_ld` the text of its `application/ld+json` scripts.
    """
    found: list[str] = []
    for prop, name, content in metas:
        if prop in SITE_PROPERTIES or name in SITE_NAMES:
            found.append(content)
    for text in json_ld:
        try:
            data = json.loads(text)
        except ValueError:
            continue  # a broken script states nothing we can read
        found.extend(_json_ld_names(data))
    names: list[str] = []
    for value in found:
        value = " ".join(value.split())
        if _plausible(value) and value not in names:
            names.append(value)
    return names


def _json_ld_names(data: Any, depth: int = 0) -> Iterator[str]:
    """Publisher names and the names of organisation and website nodes, anywhere."""
    if depth > 20:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_names(item, depth + 1)
        return
    if not isinstance(data, dict):
        return
    publisher = data.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        yield publisher["name"]
    kinds = data.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if any(isinstance(k, str) and k.lower() in _ORGANISATIONS for k in kinds):
        if isinstance(data.get("name"), str):
            yield data["name"]
    for key, value in data.items():
        if key != "publisher" and isinstance(value, (dict, list)):
            yield from _json_ld_names(value, depth + 1)


def site_name(extracted: str | None, stated: list[str]) -> str | None:
    """The site name to write: the extractor's choice when the page states it (as the
    page spells it), else the first name the page states, else None (nothing stated:
    the curator names the outlet)."""
    if extracted is not None:
        wanted = " ".join(extracted.split())
        for name in stated:
            if name == wanted:
                return name
        for name in stated:
            if name.casefold() == wanted.casefold():
                return name
    return stated[0] if stated else None


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _name_forms(names: Iterable[str]) -> set[str]:
    """Each stated name as a title suffix may write it: itself, and for a domain
    (`DW.COM`, `Deutsche Welle (www.dw.com)`) its name without `www.` and the ending."""
    forms: set[str] = set()
    for name in names:
        forms.add(_words(name))
        outside = re.sub(r"\([^)]*\)", " ", name)
        forms.add(_words(outside))
        for domain in re.findall(r"(?:www\.)?([\w-]+)\.[a-z]{2,}(?:\.[a-z]{2})?\b", name, re.I):
            forms.add(_words(domain))
    forms.discard("")
    return forms


def _date_forms(day: date) -> set[str]:
    month = _MONTHS[day.month - 1]
    written = {
        f"{day:%d.%m.%Y}",
        f"{day.day}.{day.month}.{day.year}",
        day.isoformat(),
        f"{day:%d/%m/%Y}",
        f"{day:%m/%d/%Y}",
        f"{month} {day.day}, {day.year}",
        f"{month[:3]} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        f"{day.day} {month[:3]} {day.year}",
    }
    return {_words(text) for text in written}


def strip_site_suffix(title: str, names: Iterable[str], day: date | None) -> str:
    """`title` without the trailing parts that repeat a stated site name or the page's
    date (`… | DW | 19.01.2020`); any other part stays (`Letters: A | B | C`)."""
    repeats = _name_forms(names) | (_date_forms(day) if day is not None else set())
    parts = _SEPARATOR.split(title)
    separators = _SEPARATOR.findall(title)
    while len(parts) > 1 and _words(parts[-1]) in repeats:
        parts.pop()
        separators.pop()
    out = parts[0]
    for separator, part in zip(separators, parts[1:], strict=True):
        out += separator + part
    return out
