"""A valid positions file as light, frozen records: what every reader of a loaded file uses.

pydantic (tui.model.schema) decides whether a file is valid and says what is wrong with it;
once a file has passed, nothing needs pydantic again. These records carry the same
fields under the same names, built from plain data (`from_plain`) in a few
milliseconds and without importing pydantic, so that a cached load (tui.loader.cache)
puts the data on screen, or on stdout, before pydantic could even be imported.

`tests/unit/test_records.py` holds the two in step: for every valid file the tests
know, `plain(from_plain(raw))` equals pydantic's `model_dump(mode="json")` of the same
data, field for field and in the same order.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from enum import Enum, StrEnum
from typing import Any


class Stance(StrEnum):
    """A party's answer to a topic's yes/no question."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    CONDITIONAL = "conditional"
    UNCLEAR = "unclear"


class Voice(StrEnum):
    """Whose words a quote gives: the speaker's own, the speaker's reported, or the article's."""

    DIRECT = "direct"
    REPORTED = "reported"
    ARTICLE = "article"


class DateBasis(StrEnum):
    """Whether the sources state a date (a source's publication day, the summit's day or
    the day the positions reflect), or the curator inferred it."""

    STATED = "stated"
    INFERRED = "inferred"


@dataclass(frozen=True, slots=True)
class Summit:
    title: str
    location: str
    date: datetime.date  # (the field's name hides the type's in the class body)
    date_basis: DateBasis
    as_of: datetime.date
    as_of_basis: DateBasis
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    outlet: str
    title: str
    published: date
    published_basis: DateBasis
    file: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    short: str
    members: list[str] | None = None
    leaders: list[str] | None = None


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None = None
    party: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Topic:
    title: str
    question: str


@dataclass(frozen=True, slots=True)
class Evidence:
    source: str
    quote: str
    voice: Voice
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Position:
    party: str
    topic: str
    stance: Stance
    summary: str
    evidence: list[Evidence]


@dataclass(frozen=True, slots=True)
class PositionsFile:
    summit: Summit
    sources: dict[str, Source]
    parties: dict[str, Party]
    topics: dict[str, Topic]
    people: dict[str, Person]
    positions: list[Position]


Record = Summit | Source | Party | Person | Topic | Evidence | Position | PositionsFile


def from_plain(data: dict[str, Any]) -> PositionsFile:
    """The records of a file that passed validation, from its plain data.

    `data` is the file as the loader built it (every scalar the text written) or as a
    cache stored it; it must be valid: a missing key raises KeyError and a wrong type
    TypeError or ValueError, which the cache treats as a miss.
    """
    summit = data["summit"]
    return PositionsFile(
        summit=Summit(
            summit["title"],
            summit["location"],
            date.fromisoformat(summit["date"]),
            DateBasis(summit["date_basis"]),
            date.fromisoformat(summit["as_of"]),
            DateBasis(summit["as_of_basis"]),
            summit.get("note"),
        ),
        sources={
            key: Source(
                s["outlet"],
                s["title"],
                date.fromisoformat(s["published"]),
                DateBasis(s["published_basis"]),
                s["file"],
                s.get("url"),
                s.get("note"),
            )
            for key, s in _mapping(data["sources"]).items()
        },
        parties={
            key: Party(p["name"], p["short"], _texts(p.get("members")), _texts(p.get("leaders")))
            for key, p in _mapping(data["parties"]).items()
        },
        topics={key: Topic(t["title"], t["question"]) for key, t in data["topics"].items()},
        people={
            key: Person(p["name"], p.get("role"), p.get("party"), list(p.get("aliases") or ()))
            for key, p in _mapping(data.get("people") or {}).items()
        },
        positions=[
            Position(
                p["party"],
                p["topic"],
                Stance(p["stance"]),
                p["summary"],
                [
                    Evidence(e["source"], e["quote"], Voice(e["voice"]), e.get("speaker"))
                    for e in p["evidence"]
                ],
            )
            for p in data["positions"]
        ],
    )


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("expected a mapping")
    return value


def _texts(value: Any) -> list[str] | None:
    return None if value is None else list(value)


def plain(record: Any, exclude: frozenset[str] | set[str] = frozenset()) -> Any:
    """A record as JSON-ready plain data, as pydantic's `model_dump(mode="json")` writes
    the model: fields in declared order, enums as their values, dates as YYYY-MM-DD."""
    if is_dataclass(record) and not isinstance(record, type):
        return {
            f.name: plain(getattr(record, f.name)) for f in fields(record) if f.name not in exclude
        }
    if isinstance(record, Enum):
        return record.value
    if isinstance(record, date):
        return record.isoformat()
    if isinstance(record, list):
        return [plain(item) for item in record]
    if isinstance(record, dict):
        return {key: plain(value) for key, value in record.items()}
    return record
