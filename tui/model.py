"""The pydantic models of `positions.yaml`.

Pure data: no I/O, no YAML, no Textual. Field descriptions flow into the JSON
Schema (`summit schema`), so editors show them on hover.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _iso_date(value: object) -> object:
    # Only YYYY-MM-DD: pydantic would otherwise also take timestamps like "1755216000".
    if isinstance(value, str) and not _DATE.fullmatch(value):
        raise ValueError("expected a date written YYYY-MM-DD")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class Stance(StrEnum):
    """A party's answer to a topic's yes/no question."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    CONDITIONAL = "conditional"
    UNCLEAR = "unclear"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Summit(_Strict):
    """The summit these positions are about."""

    title: Text = Field(description="Name of the summit, e.g. 'Trump–Putin summit'.")
    location: Text = Field(description="Where it takes place.")
    date: IsoDate = Field(description="The day of the summit, YYYY-MM-DD.")
    as_of: IsoDate = Field(description="The day the curated positions reflect, YYYY-MM-DD.")


class Source(_Strict):
    """An article whose archived text every quote is checked against."""

    outlet: Text = Field(description="Who published it (as the article itself names it).")
    title: Text = Field(description="The article's headline.")
    published: IsoDate = Field(description="Publication day, YYYY-MM-DD.")
    file: Text = Field(
        description=(
            "Archived plain text of the article, relative to this YAML file (e.g. seeds/x.txt)."
        )
    )
    url: Text | None = Field(default=None, description="Where the article was published, if known.")
    note: Text | None = Field(
        default=None,
        description="Curator's note on the source, e.g. how a missing date was established.",
    )


class Party(_Strict):
    """A party to the summit; the order of parties is the order of the columns."""

    name: Text = Field(description="Full name, e.g. 'United States'.")
    short: Text = Field(description="Short label for narrow columns, e.g. 'US'.")
    members: list[Text] | None = Field(
        default=None, description="For a group of states: its members."
    )
    leaders: list[Text] | None = Field(
        default=None, description="People who speak for the party in the sources."
    )


class Topic(_Strict):
    """A question every party may answer; the order of topics is the order of the rows."""

    title: Text = Field(description="Short title of the row, e.g. 'Ceasefire first'.")
    question: Text = Field(description="A yes/no question that the stance answers.")


class Evidence(_Strict):
    """A verbatim quote from a source that backs a position."""

    source: Id = Field(description="Id of a source under `sources`.")
    quote: Text = Field(
        description=(
            "Verbatim text from the source; only typography (quotes, dashes, spaces) may differ."
        )
    )
    speaker: Text | None = Field(
        default=None, description="Who said it, where the article names them."
    )


class Position(_Strict):
    """Where one party stands on one topic."""

    party: Id = Field(description="Id of a party under `parties`.")
    topic: Id = Field(description="Id of a topic under `topics`.")
    stance: Stance = Field(description="The party's answer to the topic's question.")
    summary: Text = Field(description="One or two neutral sentences in the curator's words.")
    evidence: list[Evidence] = Field(
        min_length=1, description="At least one verbatim quote that backs the position."
    )


# Without this, `patternProperties` lets an editor accept a key like `US:` silently.
_IDS_ONLY: dict[str, object] = {"additionalProperties": False}


class PositionsFile(_Strict):
    """A curated file of positions at a summit."""

    summit: Summit
    sources: dict[Id, Source] = Field(
        json_schema_extra=_IDS_ONLY, description="Archived articles, by id."
    )
    parties: dict[Id, Party] = Field(
        min_length=1,
        json_schema_extra=_IDS_ONLY,
        description="Parties by id; mapping order is column order.",
    )
    topics: dict[Id, Topic] = Field(
        min_length=1,
        json_schema_extra=_IDS_ONLY,
        description="Topics by id; mapping order is row order.",
    )
    positions: list[Position] = Field(
        description=(
            "At most one position per (party, topic); "
            "a missing pair means 'not stated in the sources'."
        )
    )


def json_schema() -> dict[str, object]:
    """The JSON Schema of the format, generated from the models."""
    schema = PositionsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Summit Positions file (positions.yaml)"
    return schema
