"""The placeholders `summit init` writes: the values that keep a new positions.yaml valid
until the curator replaces them.

One place for their text: `tui.authoring.new_project` writes them and the loader's checks
warn about each one still there, so that a project never ships "Party 1 (placeholder)".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tui.safe import quoted, visible

SUMMIT_TITLE = "Untitled summit"
SUMMIT_LOCATION = "Not recorded yet"
SUMMIT_NOTE = (
    "Both dates are the day this file was made, not yet the summit's: say here how you "
    "establish them."
)
PARTY_ID, PARTY_NAME, PARTY_SHORT = "party-1", "Party 1 (placeholder)", "P1"
TOPIC_ID, TOPIC_TITLE = "topic-1", "Topic 1 (placeholder)"
TOPIC_QUESTION = "Placeholder: which yes/no question does each stance answer?"

_WHAT = {
    ("summit", "title"): "the summit's title",
    ("summit", "location"): "where the summit takes place",
    (
        "summit",
        "note",
    ): "how the summit's dates were established (or remove it once both are stated)",
    ("parties", "name"): "the party's name (and its id and short label)",
    ("topics", "title"): "the topic's title (and its id)",
    ("topics", "question"): "the topic's yes/no question",
}
_TEXT = {
    ("summit", "title"): SUMMIT_TITLE,
    ("summit", "location"): SUMMIT_LOCATION,
    ("summit", "note"): SUMMIT_NOTE,
    ("parties", "name"): PARTY_NAME,
    ("topics", "title"): TOPIC_TITLE,
    ("topics", "question"): TOPIC_QUESTION,
}


def left_over(raw: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Each placeholder still in the file's data: where it is, and the warning to give
    there (`summit check` gives it at that place)."""
    found: list[tuple[tuple[str, ...], tuple[str, str]]] = []
    summit = raw.get("summit")
    if isinstance(summit, dict):
        found += [(("summit", key), ("summit", key)) for key in ("title", "location", "note")]
    for section, keys in (("parties", ("name",)), ("topics", ("title", "question"))):
        entries = raw.get(section)
        for entry_id in entries if isinstance(entries, dict) else ():
            found += [((section, str(entry_id), key), (section, key)) for key in keys]
    for loc, kind in found:
        if _value(raw, loc) == _TEXT[kind]:
            dotted = ".".join(visible(part, multiline=False) for part in loc)
            yield (
                loc,
                (
                    f"{dotted}: still the placeholder `summit init` wrote ({quoted(_TEXT[kind])}); "
                    f"write {_WHAT[kind]}"
                ),
            )


def _value(raw: dict[str, Any], loc: tuple[str, ...]) -> object:
    value: object = raw
    for part in loc:
        value = value.get(part) if isinstance(value, dict) else None
    return value
