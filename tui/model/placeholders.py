"""The placeholders `summit init` writes: the values that keep a new positions.yaml valid
until the curator replaces them.

One place for their text: `tui.authoring.new_project` writes them and the loader's checks
warn about each one still there, so that a project never ships "Party 1 (placeholder)".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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


def left_over(raw: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], str, str]]:
    """Each placeholder still in the file's data: (where, its text, what to write there)."""
    summit = raw.get("summit")
    if isinstance(summit, dict):
        for key in ("title", "location", "note"):
            if summit.get(key) == _TEXT["summit", key]:
                yield ("summit", key), _TEXT["summit", key], _WHAT["summit", key]
    for section, keys in (("parties", ("name",)), ("topics", ("title", "question"))):
        entries = raw.get(section)
        if not isinstance(entries, dict):
            continue
        for entry_id, entry in entries.items():
            if not isinstance(entry, dict):
                continue
            for key in keys:
                if entry.get(key) == _TEXT[section, key]:
                    yield (section, str(entry_id), key), _TEXT[section, key], _WHAT[section, key]
