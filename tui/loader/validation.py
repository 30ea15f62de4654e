"""pydantic's verdict on the data, in the file's own words, at the node it concerns.

`translate` turns each of pydantic's errors (produced piece by piece by
tui.loader.pieces) into a located Diagnostic.

Chosen by error type and location, never by pydantic's wording; the project's words
name the key as the file writes it (positions[3].stance) and say how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from tui.loader.locate import Locator, dotted
from tui.model.diagnostics import Diagnostic, did_you_mean
from tui.model.records import DateBasis, Stance, Voice
from tui.model.schema import (
    EvidenceModel,
    PartyModel,
    PersonModel,
    PositionModel,
    PositionsFileModel,
    SourceModel,
    SummitModel,
    TopicModel,
)
from tui.safe import quoted, visible

_STANCES = " | ".join(s.value for s in Stance)
_VOICES = " | ".join(v.value for v in Voice)
_BASES = " | ".join(b.value for b in DateBasis)
_ENUMS: dict[str, tuple[str, list[str]]] = {
    "voice": (_VOICES, [v.value for v in Voice]),
    "published_basis": (_BASES, [b.value for b in DateBasis]),
    "date_basis": (_BASES, [b.value for b in DateBasis]),
    "as_of_basis": (_BASES, [b.value for b in DateBasis]),
}
_SHAPES = {
    "summit": "a mapping with title, location, date, date_basis, as_of and as_of_basis",
    "sources": "a mapping of source ids, e.g. `guardian: {outlet: ..., title: ..., "
    "published: YYYY-MM-DD, published_basis: stated, file: seeds/....txt}`",
    "source": "a mapping with outlet, title, published, published_basis and file",
    "people": "a mapping of person ids, e.g. `trump: {name: Donald Trump, role: US president, "
    "party: us, aliases: [Trump]}`",
    "person": "a mapping with name (and role, party, aliases)",
    "parties": "a mapping of party ids, e.g. `us: {name: United States, short: US}`",
    "party": "a mapping with name and short",
    "topics": "a mapping of topic ids, e.g. `ceasefire: {title: ..., question: ...?}`",
    "topic": "a mapping with title and question",
    "positions": "a list of positions (write `positions: []` for none yet)",
    "position": "a mapping with party, topic, stance, summary and evidence",
    "evidence": "a list of evidence items, e.g. "
    '`- {source: <id>, quote: "verbatim text", voice: direct, speaker: <person id>}`',
    "evidence item": 'a mapping like {source: <id>, quote: "verbatim text", voice: direct, '
    "speaker: <person id>}",
}
_MISSING_HINTS = {
    "summit": "summit: {title, location, date, date_basis, as_of, as_of_basis}",
    "sources": "sources: {<id>: {outlet, title, published, published_basis, file}}",
    "parties": "parties: {<id>: {name, short}}",
    "topics": "topics: {<id>: {title, question}}",
    "positions": "positions: []",
    "stance": f"stance: {_STANCES}",
    "evidence": 'evidence: [{source: <id>, quote: "verbatim text"}]',
    "date": "date: YYYY-MM-DD",
    "as_of": "as_of: YYYY-MM-DD",
    "published": "published: YYYY-MM-DD",
    "published_basis": f"published_basis: {_BASES}",
    "date_basis": f"date_basis: {_BASES}",
    "as_of_basis": f"as_of_basis: {_BASES}",
    "voice": f"voice: {_VOICES}",
    "name": "name: ...",
}
_MISSING_WHY = {
    "date_basis": " (`stated` if a source gives the summit's day; `inferred` if you worked it "
    "out or took it from elsewhere, and then say how in the summit's `note`)",
    "as_of_basis": " (`stated` if a source gives the day the positions reflect; `inferred` if "
    "you worked it out, and then say how in the summit's `note`)",
}
"""Why a key is asked for, where the key alone does not say it."""
# YAML 1.1 would read these as booleans; as a stance, they most likely mean these.
_YES_NO = {
    word: f"; did you mean '{stance}'?"
    for words, stance in (
        (("yes", "y", "true", "on"), "supports"),
        (("no", "n", "false", "off"), "opposes"),
    )
    for word in words
}
_DATE_FIELDS = {"date", "as_of", "published"}


_PLACED_AT = {
    "speaker_with_article": "speaker",
    "speaker_missing": "voice",
    "inferred_without_note": "published_basis",
    "date_inferred_without_note": "date_basis",
    "as_of_inferred_without_note": "as_of_basis",
}
"""The model's rules across two keys (tui.model.schema), and the key each is reported at."""


def _kind_at(loc: tuple[Any, ...]) -> str:
    """What the file holds at `loc`, in its own words: 'party', 'evidence item', ..."""
    if not loc:
        return "top"
    head = str(loc[0])
    if head == "positions":
        if len(loc) == 1:
            return "positions"
        if len(loc) == 2:
            return "position"
        if len(loc) >= 3 and loc[2] == "evidence":
            return "evidence" if len(loc) == 3 else "evidence item"
        return "field"
    if head in ("sources", "parties", "topics", "people"):
        if len(loc) == 1:
            return head
        if len(loc) == 2:
            return {"sources": "source", "parties": "party", "topics": "topic", "people": "person"}[
                head
            ]
        return "field"
    return head if len(loc) == 1 else "field"


def _got(value: Any) -> str:
    """The value found, named for a message: `text 'x'`, `a list`..."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return f"text {quoted(shown)}"
    named: dict[type, str] = {dict: "a mapping", list: "a list"}
    return named.get(type(value), "a value")


def translate(errors: Iterable[Any], locate: Locator, raw: dict[str, Any]) -> Iterator[Diagnostic]:
    """pydantic errors (`ValidationError.errors()` items) in the user's terms, at the node
    they concern."""
    fields_of: dict[str, type[BaseModel]] = {
        "summit": SummitModel,
        "source": SourceModel,
        "party": PartyModel,
        "topic": TopicModel,
        "person": PersonModel,
        "position": PositionModel,
        "evidence item": EvidenceModel,
    }
    top = tuple(PositionsFileModel.model_fields)
    # References checked (with "did you mean") by the cross-checks, by field name.
    checked_refs = {
        "party": bool(raw.get("parties")) and isinstance(raw.get("parties"), dict),
        "topic": bool(raw.get("topics")) and isinstance(raw.get("topics"), dict),
        "source": isinstance(raw.get("sources"), dict),
    }
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        value = error.get("input")
        where = dotted(loc)
        name = str(loc[-1]) if loc else ""
        if kind == "extra_forbidden":
            model = fields_of.get(_kind_at(loc[:-1]))
            allowed = list(model.model_fields) if model else list(top)
            inside = f"in {dotted(loc[:-1])}" if loc[:-1] else "at the top level"
            yield locate.at(
                loc,
                f"unknown key {quoted(name)} {inside}{did_you_mean(name, allowed)} "
                f"(allowed: {', '.join(allowed)})",
                key=True,
            )
        elif kind == "missing":
            owner = dotted(loc[:-1])
            hint = _MISSING_HINTS.get(name, f"{visible(name, multiline=False)}: ...")
            yield locate.at(
                loc[:-1],
                f"{owner} is missing required key {quoted(name)}; add `{hint}`"
                + _MISSING_WHY.get(name, ""),
            )
        elif kind in _PLACED_AT:
            # A rule across two keys of one mapping: said at the key that breaks it.
            yield locate.at((*loc, _PLACED_AT[kind]), f"{where}: {error.get('msg', '')}")
        elif name in _ENUMS and kind == "enum":
            listed, words = _ENUMS[name]
            if isinstance(value, str):
                message = (
                    f"{where}: {quoted(value)} is not allowed here"
                    f"{did_you_mean(value, words)} (allowed: {listed})"
                )
            else:
                message = f"{where}: expected one of {listed}, got {_got(value)}"
            yield locate.at(loc, message)
        elif name == "stance" and kind == "enum":
            if value is None:
                message = f"{where} is empty; write one of {_STANCES}"
            elif isinstance(value, str):
                hint = _YES_NO.get(value.lower(), "") or did_you_mean(value, list(Stance))
                message = f"{where}: {quoted(value)} is not a stance{hint} (allowed: {_STANCES})"
            else:
                message = f"{where}: expected one of {_STANCES}, got {_got(value)}"
            yield locate.at(loc, message)
        elif kind == "string_pattern_mismatch" or (loc and loc[-1] == "[key]"):
            is_key = bool(loc and loc[-1] == "[key]")
            target = loc[:-1] if is_key else loc
            if not is_key and loc[0] == "positions" and checked_refs.get(name):
                continue  # reported as an unknown id, with "did you mean"
            shown = quoted(value) if isinstance(value, str) else "this value"
            yield locate.at(
                target,
                f"{dotted(target)}: id {shown} must start with a lowercase letter or digit "
                "and hold only lowercase letters, digits, '-' or '_'",
                key=is_key,
            )
        elif kind == "too_short" and name == "evidence":
            yield locate.at(
                loc,
                f"{where} is empty; a position needs at least one evidence item "
                '({source: <id>, quote: "verbatim text"})',
            )
        elif kind == "too_short":
            what = {"parties": "party", "topics": "topic"}.get(name, "item")
            yield locate.at(loc, f"{where} is empty; define at least one {what}")
        elif kind in ("string_type", "dict_type", "model_type", "list_type", "date_type", "enum"):
            if name in _DATE_FIELDS:
                expected = "a date written YYYY-MM-DD"
            elif kind == "string_type":
                expected = "text"
            else:
                expected = _SHAPES.get(_kind_at(loc), "a list" if kind == "list_type" else "?")
            if value is None:
                yield locate.at(loc, f"{where} is empty; expected {expected}")
            else:
                yield locate.at(loc, f"{where}: expected {expected}, got {_got(value)}")
        elif name in _DATE_FIELDS and (kind.startswith("date_") or kind == "iso_date"):
            shown = quoted(value) if isinstance(value, str) else _got(value)
            yield locate.at(loc, f"{where}: {shown} is not a valid date; write YYYY-MM-DD")
        elif kind == "blank":
            model = fields_of.get(_kind_at(loc[:-1]))
            field_info = model.model_fields.get(name) if model else None
            if isinstance(loc[-1], int):
                fix = "write some text or remove the item"
            elif field_info is not None and not field_info.is_required():
                fix = "write some text or remove the key"
            else:
                fix = "write some text"
            yield locate.at(loc, f"{where} is blank; {fix}")
        else:
            yield locate.at(loc, f"{where}: {error.get('msg', 'invalid value')}")
