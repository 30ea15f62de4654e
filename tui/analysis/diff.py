"""`summit diff OLD NEW`: what changed between two positions files.

`compare` is pure (models in, dataclasses out) so the dashboard's `--since`
can use it; `tui.report.diff_text.changed_cells` turns a diff into readable lines per cell.

Identity rules:
- A position is identified by (party, topic).
- Parties, topics and sources are identified by id. An id that disappears
  while a new one appears counts as a *rename* (not a removal plus an
  addition) when the two have the same content, or failing that the same
  party name, topic question or source file, and the pairing is unambiguous.
  Positions and evidence follow the rename, so renaming a party id does not
  show every one of its positions as removed and added.
- Evidence is identified by (source, quote); a changed quote is shown as one
  removed and one added, a changed attribution (voice, speaker, or the speaker's
  name or role under `people`) as a change of that evidence. Attributions are
  shown in words ("The minister", "reported: officials", "the article's account"),
  so a diff reads without looking up person ids; the ids travel alongside.

Reading `git:REV` lives in `tui.loader.git`; the readable lines and the text,
Markdown and JSON output live in `tui.report`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from dataclasses import fields as record_fields
from datetime import date
from typing import Literal

from tui.analysis.word_diff import WordOp, word_diff
from tui.evidence.attribution import attribution_words
from tui.evidence.source_text import SourceText
from tui.model.records import Evidence, Position, PositionsFile, Record

Status = Literal["added", "removed", "changed", "renamed"]
EntityKind = Literal["party", "topic", "source"]


# --- the structured diff ---------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs; values are shown as text (None: absent)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class EntityChange:
    """A party, topic or source added, removed, renamed (new id) or changed."""

    kind: EntityKind
    status: Status
    id: str
    """The id in the new file (in the old one when removed)."""
    name: str
    """Party name, topic title or source title, for display."""
    old_id: str | None = None
    """For a rename: the id in the old file."""
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class EvidenceChange:
    """An evidence item added, removed, or with a changed attribution."""

    status: Literal["added", "removed", "changed"]
    source: str
    quote: str
    speaker_old: str | None = None
    """Person id of the speaker (None: the article's account or absent)."""
    speaker_new: str | None = None
    attribution_old: str | None = None
    """Who speaks and how, in words (`tui.evidence.attribution.attribution_words`)."""
    attribution_new: str | None = None

    @property
    def attribution(self) -> str | None:
        """The attribution an added item has or a removed item had, shown beside it."""
        return self.attribution_new if self.status == "added" else self.attribution_old


@dataclass(frozen=True)
class PositionChange:
    """What happened to the position of one party on one topic (new ids)."""

    party: str
    topic: str
    status: Literal["added", "removed", "changed"]
    old: Position | None
    new: Position | None
    stance_changed: bool = False
    summary: tuple[WordOp, ...] = ()
    """The word diff, when the summary changed."""
    evidence: tuple[EvidenceChange, ...] = ()
    """Changed evidence; for an added position, every item as added."""


@dataclass(frozen=True)
class OrderChange:
    """The column (parties) or row (topics) order changed."""

    kind: Literal["parties", "topics"]
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass
class Diff:
    """Everything that differs between two positions files."""

    summit: list[FieldChange] = field(default_factory=list)
    parties: list[EntityChange] = field(default_factory=list)
    topics: list[EntityChange] = field(default_factory=list)
    sources: list[EntityChange] = field(default_factory=list)
    order: list[OrderChange] = field(default_factory=list)
    positions: list[PositionChange] = field(default_factory=list)
    """Grouped by topic then party, in the new file's order (removed ones last)."""
    topic_names: dict[str, str] = field(default_factory=dict)
    """Title of every topic id mentioned, for headings."""

    @property
    def changed(self) -> bool:
        return bool(
            self.summit
            or self.parties
            or self.topics
            or self.sources
            or self.order
            or self.positions
        )


# --- comparing -------------------------------------------------------------------------


def _show(value: object) -> str | None:
    """A field value as text: lists joined, dates ISO, None kept."""
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _field_changes(old: Record, new: Record) -> tuple[FieldChange, ...]:
    changes = []
    for name in (f.name for f in record_fields(new)):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            changes.append(FieldChange(name, _show(a), _show(b)))
    return tuple(changes)


_KEY_FIELD = {"party": "name", "topic": "question", "source": "file"}
_NAME_FIELD = {"party": "name", "topic": "title", "source": "title"}


def _entities(
    kind: EntityKind,
    old: Mapping[str, Record],
    new: Mapping[str, Record],
    old_text: Mapping[str, SourceText] | None = None,
    new_text: Mapping[str, SourceText] | None = None,
) -> tuple[list[EntityChange], dict[str, str]]:
    """Changes of one kind of entity, and the rename map old id -> new id."""
    removed = [i for i in old if i not in new]
    added = [i for i in new if i not in old]
    renames: dict[str, str] = {}

    def pair(same: Callable[[Record, Record], bool]) -> None:
        for old_id in list(removed):
            matches = [n for n in added if same(old[old_id], new[n])]
            if len(matches) != 1:
                continue
            back = [o for o in removed if same(old[o], new[matches[0]])]
            if back == [old_id]:
                renames[old_id] = matches[0]
                removed.remove(old_id)
                added.remove(matches[0])

    pair(lambda a, b: a == b)
    key = _KEY_FIELD[kind]
    pair(lambda a, b: getattr(a, key) == getattr(b, key))

    def name(entity: Record) -> str:
        return str(getattr(entity, _NAME_FIELD[kind]))

    def text_change(old_id: str, new_id: str) -> tuple[FieldChange, ...]:
        if kind != "source" or old_text is None or new_text is None:
            return ()
        a, b = old_text.get(old_id), new_text.get(new_id)
        if a is None or b is None or a.text == b.text:
            return ()
        return (FieldChange("text", f"{len(a.text)} characters", f"{len(b.text)} characters"),)

    changes: list[EntityChange] = []
    for new_id, entity in new.items():
        old_id = next((o for o, n in renames.items() if n == new_id), None)
        if new_id in added:
            changes.append(EntityChange(kind, "added", new_id, name(entity)))
        elif old_id is not None:
            fields = _field_changes(old[old_id], entity) + text_change(old_id, new_id)
            changes.append(EntityChange(kind, "renamed", new_id, name(entity), old_id, fields))
        else:
            fields = _field_changes(old[new_id], entity) + text_change(new_id, new_id)
            if fields:
                changes.append(EntityChange(kind, "changed", new_id, name(entity), None, fields))
    for old_id in removed:
        changes.append(EntityChange(kind, "removed", old_id, name(old[old_id])))
    return changes, renames


def added_evidence(evidence: Evidence, doc: PositionsFile) -> EvidenceChange:
    """An evidence item of `doc` as an addition (its attribution in words)."""
    return EvidenceChange(
        "added",
        evidence.source,
        evidence.quote,
        speaker_new=evidence.speaker,
        attribution_new=attribution_words(evidence, doc),
    )


def _evidence_changes(
    old: list[Evidence],
    new: list[Evidence],
    source_renames: Mapping[str, str],
    old_doc: PositionsFile,
    new_doc: PositionsFile,
) -> tuple[EvidenceChange, ...]:
    remaining = [(source_renames.get(e.source, e.source), e) for e in old]
    changes: list[EvidenceChange] = []
    for item in new:
        match = next(
            (k for k, (s, e) in enumerate(remaining) if s == item.source and e.quote == item.quote),
            None,
        )
        if match is None:
            changes.append(added_evidence(item, new_doc))
            continue
        _, before = remaining.pop(match)
        was, now = attribution_words(before, old_doc), attribution_words(item, new_doc)
        if before.speaker != item.speaker or was != now:
            changes.append(
                EvidenceChange(
                    "changed", item.source, item.quote, before.speaker, item.speaker, was, now
                )
            )
    for source, item in remaining:
        changes.append(
            EvidenceChange(
                "removed",
                source,
                item.quote,
                speaker_old=item.speaker,
                attribution_old=attribution_words(item, old_doc),
            )
        )
    return tuple(changes)


def compare(
    old: PositionsFile,
    new: PositionsFile,
    old_texts: Mapping[str, SourceText] | None = None,
    new_texts: Mapping[str, SourceText] | None = None,
) -> Diff:
    """Everything that differs from `old` to `new`. With the loader's `texts`, a source
    whose archived article changed is reported too."""
    diff = Diff(summit=list(_field_changes(old.summit, new.summit)))
    diff.parties, party_map = _entities("party", old.parties, new.parties)
    diff.topics, topic_map = _entities("topic", old.topics, new.topics)
    diff.sources, source_map = _entities("source", old.sources, new.sources, old_texts, new_texts)

    diff.order = [
        change
        for change in (
            _order_change("parties", list(old.parties), list(new.parties), party_map),
            _order_change("topics", list(old.topics), list(new.topics), topic_map),
        )
        if change is not None
    ]

    old_positions = {
        (party_map.get(p.party, p.party), topic_map.get(p.topic, p.topic)): p for p in old.positions
    }
    new_positions = {(p.party, p.topic): p for p in new.positions}

    changes: dict[tuple[str, str], PositionChange] = {}
    for key, after in new_positions.items():
        before = old_positions.get(key)
        if before is None:
            added = tuple(added_evidence(e, new) for e in after.evidence)
            changes[key] = PositionChange(*key, "added", None, after, evidence=added)
            continue
        stance_changed = before.stance != after.stance
        summary = (
            word_diff(before.summary, after.summary) if before.summary != after.summary else ()
        )
        evidence = _evidence_changes(before.evidence, after.evidence, source_map, old, new)
        if stance_changed or summary or evidence:
            changes[key] = PositionChange(
                *key, "changed", before, after, stance_changed, summary, evidence
            )
    for key, before in old_positions.items():
        if key not in new_positions:
            changes[key] = PositionChange(*key, "removed", before, None)

    # Group by topic then party, in the new order; ids only in the old file come last.
    topic_order = list(new.topics) + [topic_map.get(t, t) for t in old.topics]
    party_order = list(new.parties) + [party_map.get(p, p) for p in old.parties]
    diff.positions = sorted(
        changes.values(),
        key=lambda c: (_rank(topic_order, c.topic), _rank(party_order, c.party)),
    )
    diff.topic_names = {t: new.topics[t].title for t in new.topics}
    for t, topic in old.topics.items():
        diff.topic_names.setdefault(topic_map.get(t, t), topic.title)
    return diff


def _order_change(
    kind: Literal["parties", "topics"], before: list[str], after: list[str], renames: dict[str, str]
) -> OrderChange | None:
    """A change of order among the ids in both files (additions and removals aside)."""
    kept_before = [renames.get(i, i) for i in before if renames.get(i, i) in after]
    kept_after = [i for i in after if i in kept_before]
    if kept_before == kept_after:
        return None
    return OrderChange(kind, tuple(kept_before), tuple(kept_after))


def _rank(order: list[str], item: str) -> int:
    return order.index(item) if item in order else len(order)
