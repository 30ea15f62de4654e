"""The pydantic models of `positions.yaml`: the validator and the schema.

The loader validates with them and translates their errors; a valid file is then
read as tui.model.records (the same fields, no pydantic). Each model is `<Name>Model` beside
its record `<Name>`; the schema calls it by the plain name. Pure: no I/O, no YAML, no
Textual. Field descriptions flow into the JSON Schema (`summit schema`), so editors show
them on hover.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic.config import JsonDict
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from tui.model.patterns import DATE_PATTERN, ID_PATTERN, NOT_BLANK_PATTERN
from tui.model.records import DateBasis, Stance, Voice

_DATE = re.compile(DATE_PATTERN)
_NOT_BLANK = re.compile(NOT_BLANK_PATTERN)


def _not_blank(value: str) -> str:
    if not _NOT_BLANK.search(value):
        # The project's own error type: tui.loader.validation matches on it, not on the wording.
        raise PydanticCustomError("blank", "must not be blank")
    return value


def _iso_date(value: object) -> object:
    # Only YYYY-MM-DD: pydantic would otherwise also take timestamps like "1755216000".
    if isinstance(value, str) and not _DATE.fullmatch(value):
        raise PydanticCustomError("iso_date", "expected a date written YYYY-MM-DD")
    return value


NonBlank = Annotated[
    str, AfterValidator(_not_blank), Field(json_schema_extra={"pattern": NOT_BLANK_PATTERN})
]
Id = Annotated[str, Field(pattern=ID_PATTERN)]
IsoDate = Annotated[
    date, BeforeValidator(_iso_date), Field(json_schema_extra={"pattern": DATE_PATTERN})
]


def _speaker_id(value: object) -> object:
    # An old free-text speaker ("Donald Trump, US president") gets a message that says how
    # to declare the person, not just "does not match the pattern".
    if isinstance(value, str) and not re.fullmatch(ID_PATTERN, value):
        raise PydanticCustomError(
            "speaker_not_id",
            "speaker must be the id of a person declared under `people:` (e.g. "
            "`speaker: trump` with `people: {trump: {name: Donald Trump, role: US president, "
            "party: us}}`), not free text",
        )
    return value


SpeakerId = Annotated[str, Field(pattern=ID_PATTERN), BeforeValidator(_speaker_id)]


class _Strict(BaseModel):
    """A model of the format: no key it does not declare. Each is named `<Name>Model`, so
    that no name is shared with its record (tui.model.records); its schema title is the
    plain name, which editors show."""

    model_config = ConfigDict(extra="forbid")


class SummitModel(_Strict):
    """The summit these positions are about."""

    title: NonBlank = Field(description="Name of the summit, e.g. 'Trump–Putin summit'.")
    location: NonBlank = Field(description="Where it takes place.")
    date: IsoDate = Field(description="The day of the summit, YYYY-MM-DD.")
    date_basis: DateBasis = Field(
        description=(
            "`stated` when the sources give the summit's day; `inferred` when the curator "
            "worked it out or took it from outside them (then `note` says how)."
        )
    )
    as_of: IsoDate = Field(description="The day the curated positions reflect, YYYY-MM-DD.")
    as_of_basis: DateBasis = Field(
        description=(
            "`stated` when the sources give the day the positions reflect; `inferred` when "
            "the curator worked it out (then `note` says how)."
        )
    )
    note: NonBlank | None = Field(
        default=None,
        description="Curator's note on the summit, e.g. how an inferred date was established.",
    )

    model_config = ConfigDict(
        extra="forbid",
        title="Summit",
        json_schema_extra={
            "if": {
                "anyOf": [
                    {
                        "properties": {"date_basis": {"const": "inferred"}},
                        "required": ["date_basis"],
                    },
                    {
                        "properties": {"as_of_basis": {"const": "inferred"}},
                        "required": ["as_of_basis"],
                    },
                ]
            },
            "then": {"required": ["note"]},
        },
    )

    @model_validator(mode="after")
    def _inferred_has_note(self) -> SummitModel:
        for key, basis in (("date", self.date_basis), ("as_of", self.as_of_basis)):
            if basis is DateBasis.INFERRED and self.note is None:
                raise PydanticCustomError(
                    f"{key}_inferred_without_note",
                    "{key}_basis: inferred needs a summit `note` that says how the {what} was "
                    "inferred",
                    {"key": key, "what": "day" if key == "date" else "as-of day"},
                )
        return self


class SourceModel(_Strict):
    """An article whose archived text every quote is checked against."""

    outlet: NonBlank = Field(description="Who published it (as the article itself names it).")
    title: NonBlank = Field(description="The article's headline.")
    published: IsoDate = Field(description="Publication day, YYYY-MM-DD.")
    published_basis: DateBasis = Field(
        description=(
            "`stated` when the article gives its date; `inferred` when the curator worked it "
            "out (then `note` says how)."
        )
    )
    file: NonBlank = Field(
        description=(
            "Archived plain text of the article, relative to this YAML file (e.g. seeds/x.txt)."
        )
    )
    url: NonBlank | None = Field(
        default=None, description="Where the article was published, if known."
    )
    note: NonBlank | None = Field(
        default=None,
        description="Curator's note on the source, e.g. how a missing date was established.",
    )

    model_config = ConfigDict(
        extra="forbid",
        title="Source",
        json_schema_extra={
            "if": {"properties": {"published_basis": {"const": "inferred"}}},
            "then": {"required": ["note"]},
        },
    )

    @model_validator(mode="after")
    def _inferred_has_note(self) -> SourceModel:
        if self.published_basis is DateBasis.INFERRED and self.note is None:
            raise PydanticCustomError(
                "inferred_without_note",
                "published_basis: inferred needs a `note` that says how the date was inferred",
            )
        return self


class PartyModel(_Strict):
    """A party to the summit; the order of parties is the order of the columns."""

    model_config = ConfigDict(title="Party")

    name: NonBlank = Field(description="Full name, e.g. 'United States'.")
    short: NonBlank = Field(description="Short label for narrow columns, e.g. 'US'.")
    members: list[NonBlank] | None = Field(
        default=None, description="For a group of states: its members."
    )
    leaders: list[NonBlank] | None = Field(
        default=None,
        description=(
            "The party's leaders as the articles name them (presidents, heads of government, "
            "ministers), whether or not they speak in the articles, not every official the "
            "articles quote."
        ),
    )


class PersonModel(_Strict):
    """Someone quoted or reported in the sources; evidence names them by id."""

    model_config = ConfigDict(title="Person")

    name: NonBlank = Field(description="The name as the curator spells it, e.g. 'Donald Trump'.")
    role: NonBlank | None = Field(
        default=None, description="Their role as the sources give it, e.g. 'US president'."
    )
    party: Id | None = Field(
        default=None,
        description="Id of the party they speak for; absent for people of no party here.",
    )
    aliases: list[NonBlank] = Field(
        default_factory=list,
        description=(
            "Other ways the articles name them (surname, title, another spelling): "
            "`summit check` looks for the name or an alias near each of their quotes."
        ),
    )


class TopicModel(_Strict):
    """A question every party may answer; the order of topics is the order of the rows."""

    model_config = ConfigDict(title="Topic")

    title: NonBlank = Field(description="Short title of the row, e.g. 'Ceasefire first'.")
    question: NonBlank = Field(description="A yes/no question that the stance answers.")


class EvidenceModel(_Strict):
    """A verbatim quote from a source that backs a position."""

    source: Id = Field(description="Id of a source under `sources`.")
    quote: NonBlank = Field(
        description=(
            "Verbatim text from the source; only typography (quotes, dashes, spaces) may differ."
        )
    )
    voice: Voice = Field(
        description=(
            "`direct`: the speaker's own words, in quotation marks in the article; "
            "`reported`: the article reports what the speaker said or did, in its own words; "
            "`article`: the article's own account, with no speaker."
        )
    )
    speaker: SpeakerId | None = Field(
        default=None,
        description=(
            "Id of a person under `people`: required for direct and reported voice, "
            "absent for article voice."
        ),
    )

    model_config = ConfigDict(
        extra="forbid",
        title="Evidence",
        json_schema_extra={
            "if": {"properties": {"voice": {"const": "article"}}},
            "then": {"not": {"required": ["speaker"]}},
            "else": {"required": ["speaker"]},
        },
    )

    @model_validator(mode="after")
    def _speaker_matches_voice(self) -> EvidenceModel:
        if self.voice is Voice.ARTICLE and self.speaker is not None:
            raise PydanticCustomError(
                "speaker_with_article",
                "voice: article is the article's own account and has no speaker; "
                "use voice: direct or reported for words the article gives to {speaker}",
                {"speaker": self.speaker},
            )
        if self.voice is not Voice.ARTICLE and self.speaker is None:
            raise PydanticCustomError(
                "speaker_missing",
                "voice: {voice} needs a speaker (a person id under `people:`); "
                "use voice: article for the article's own account",
                {"voice": self.voice.value},
            )
        return self


class PositionModel(_Strict):
    """Where one party stands on one topic."""

    model_config = ConfigDict(title="Position")

    party: Id = Field(description="Id of a party under `parties`.")
    topic: Id = Field(description="Id of a topic under `topics`.")
    stance: Stance = Field(description="The party's answer to the topic's question.")
    summary: NonBlank = Field(
        description=(
            "One to three neutral sentences in the curator's words that say no more than the "
            "quotes carry and name whose account they give."
        )
    )
    evidence: list[EvidenceModel] = Field(
        min_length=1, description="At least one verbatim quote that backs the position."
    )


# Without this, `patternProperties` lets an editor accept a key like `US:` silently.
_IDS_ONLY: JsonDict = {"additionalProperties": False}


class PositionsFileModel(_Strict):
    """A curated file of positions at a summit."""

    model_config = ConfigDict(title="PositionsFile")

    summit: SummitModel
    sources: dict[Id, SourceModel] = Field(
        json_schema_extra=_IDS_ONLY, description="Archived articles, by id."
    )
    parties: dict[Id, PartyModel] = Field(
        min_length=1,
        json_schema_extra=_IDS_ONLY,
        description="Parties by id; mapping order is column order.",
    )
    topics: dict[Id, TopicModel] = Field(
        min_length=1,
        json_schema_extra=_IDS_ONLY,
        description="Topics by id; mapping order is row order.",
    )
    people: dict[Id, PersonModel] = Field(
        default_factory=dict,
        json_schema_extra=_IDS_ONLY,
        description="People quoted or reported in the sources, by id; order free.",
    )
    positions: list[PositionModel] = Field(
        description=(
            "At most one position per (party, topic); "
            "a missing pair means 'not stated in the sources'."
        )
    )


class _EditorSchema(GenerateJsonSchema):
    """pydantic's schema generator, minus `"default": null`, with the plain names.

    Editors offer a field's default as its completion, so `url: null` would be typed in
    for the user; an optional field is better left out, which means the same.
    """

    def normalize_name(self, name: str) -> str:
        """A definition's key without the classes' `Model` suffix (`#/$defs/Summit`),
        as its title is."""
        return super().normalize_name(name.removesuffix("Model"))

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        json_schema = super().default_schema(schema)
        if "default" in json_schema and json_schema["default"] is None:
            del json_schema["default"]
        return json_schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, generated from the models."""
    schema = PositionsFileModel.model_json_schema(schema_generator=_EditorSchema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Summit Positions file (positions.yaml)"
    return schema


def json_schema_text() -> str:
    """The JSON Schema as text: what `summit schema` prints and `summit init` writes."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
