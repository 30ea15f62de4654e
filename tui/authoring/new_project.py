"""What `summit init` writes into a new project: a positions.yaml with a commented example
of every field (real values from the shipped Alaska file) above the smallest content the
model accepts, which points editors at the project's positions.schema.json.

The model asks for a summit (title, location, date, as_of and the basis of each) and at
least one party and one topic: those are written as placeholders that say they are
placeholders (the dates as inferred, with a note that says they are today's).
"""

from __future__ import annotations

from datetime import date
from importlib.resources import files

from tui.model.placeholders import (
    PARTY_ID,
    PARTY_NAME,
    PARTY_SHORT,
    SUMMIT_LOCATION,
    SUMMIT_NOTE,
    SUMMIT_TITLE,
    TOPIC_ID,
    TOPIC_QUESTION,
    TOPIC_TITLE,
)

POSITIONS = "positions.yaml"
SCHEMA = "positions.schema.json"
SEEDS = "seeds"


def positions_template(today: date | None = None) -> str:
    """The text of a new positions.yaml, from tui/templates/positions.yaml.

    The template is a data file, not a Python string, so that its example lines can be
    as long as real values are.
    """
    day = (today or date.today()).isoformat()
    # The format needs one party and one topic to be valid: a placeholder of each, said
    # to be one, for the curator to rename or replace.
    parties = (
        "parties:\n"
        "  # placeholder (the format needs one party to be valid): rename or replace it\n"
        f'  {PARTY_ID}: {{name: "{PARTY_NAME}", short: "{PARTY_SHORT}"}}\n'
    )
    topics = (
        "topics:\n"
        "  # placeholder (the format needs one topic to be valid): rename or replace it\n"
        f'  {TOPIC_ID}: {{title: "{TOPIC_TITLE}", question: "{TOPIC_QUESTION}"}}\n'
    )
    people = "people: {}\n"
    text = (files("tui") / "templates" / POSITIONS).read_text(encoding="utf-8")
    for marker, value in (
        ("<<SCHEMA>>", SCHEMA),
        ("<<DAY>>", day),
        ("<<TITLE>>", SUMMIT_TITLE),
        ("<<LOCATION>>", SUMMIT_LOCATION),
        ("<<NOTE>>", SUMMIT_NOTE),
        ("<<PARTIES>>", parties),
        ("<<TOPICS>>", topics),
        ("<<PEOPLE>>", people),
    ):
        text = text.replace(marker, value)
    return text
