"""`summit diff OLD NEW`: what changed between two positions files.

`compare` is pure (models in, dataclasses out) so the dashboard's `--since`
can use it; `changed_cells` turns a diff into readable lines per cell.

Identity rules:
- A position is identified by (party, topic).
- Parties, topics and sources are identified by id. An id that disappears
  while a new one appears counts as a *rename* (not a removal plus an
  addition) when the two have the same content, or failing that the same
  party name, topic question or source file, and the pairing is unambiguous.
  Positions and evidence follow the rename, so renaming a party id does not
  show every one of its positions as removed and added.
- Evidence is identified by (source, quote); a changed quote is shown as one
  removed and one added, a changed speaker as a change of that evidence.

`git:REV` (or `git:REV:PATH`) reads a file from a git revision:
- with PATH, PATH is relative to the root of the repository holding the
  current folder;
- without PATH, the file is the other argument when that is a file inside a
  git repository (`summit diff git:HEAD~1 positions.yaml`; the repository is
  the one holding it), the other argument's PATH when that is `git:REV:PATH`,
  else ./positions.yaml of the current folder's repository.
Files are read with `git cat-file blob` (no shell, no textconv); source
articles come from the same revision, relative to the YAML file.
"""

from __future__ import annotations

import argparse
import difflib
import errno
import json
import posixpath
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from tui.load import MAX_BYTES, MAX_SOURCE_BYTES, LoadResult, load_bytes, load_path
from tui.model import Evidence, Position, PositionsFile
from tui.safe import quoted, visible
from tui.verify import SourceText

EXIT_SAME, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2

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
class WordOp:
    """One piece of a word diff."""

    op: Literal["equal", "delete", "insert"]
    text: str


@dataclass(frozen=True)
class EvidenceChange:
    """An evidence item added, removed, or with a changed speaker."""

    status: Literal["added", "removed", "changed"]
    source: str
    quote: str
    speaker_old: str | None = None
    speaker_new: str | None = None


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
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)


def _field_changes(old: BaseModel, new: BaseModel) -> tuple[FieldChange, ...]:
    changes = []
    for name in type(new).model_fields:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            changes.append(FieldChange(name, _show(a), _show(b)))
    return tuple(changes)


_KEY_FIELD = {"party": "name", "topic": "question", "source": "file"}
_NAME_FIELD = {"party": "name", "topic": "title", "source": "title"}


def _entities(
    kind: EntityKind,
    old: Mapping[str, BaseModel],
    new: Mapping[str, BaseModel],
    old_text: Mapping[str, SourceText] | None = None,
    new_text: Mapping[str, SourceText] | None = None,
) -> tuple[list[EntityChange], dict[str, str]]:
    """Changes of one kind of entity, and the rename map old id -> new id."""
    removed = [i for i in old if i not in new]
    added = [i for i in new if i not in old]
    renames: dict[str, str] = {}

    def pair(same: Callable[[BaseModel, BaseModel], bool]) -> None:
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

    def name(entity: BaseModel) -> str:
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


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """A word-level diff; whitespace is normalised to single spaces."""
    a, b = old.split(), new.split()
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("insert", " ".join(b[j1:j2])))
    return tuple(ops)


def _evidence_changes(
    old: list[Evidence], new: list[Evidence], source_renames: Mapping[str, str]
) -> tuple[EvidenceChange, ...]:
    remaining = [(source_renames.get(e.source, e.source), e) for e in old]
    changes: list[EvidenceChange] = []
    for item in new:
        match = next(
            (k for k, (s, e) in enumerate(remaining) if s == item.source and e.quote == item.quote),
            None,
        )
        if match is None:
            changes.append(
                EvidenceChange("added", item.source, item.quote, speaker_new=item.speaker)
            )
            continue
        _, before = remaining.pop(match)
        if before.speaker != item.speaker:
            changes.append(
                EvidenceChange("changed", item.source, item.quote, before.speaker, item.speaker)
            )
    for source, item in remaining:
        changes.append(EvidenceChange("removed", source, item.quote, speaker_old=item.speaker))
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
            changes[key] = PositionChange(*key, "added", None, after)
            continue
        stance_changed = before.stance != after.stance
        summary = (
            word_diff(before.summary, after.summary) if before.summary != after.summary else ()
        )
        evidence = _evidence_changes(before.evidence, after.evidence, source_map)
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


# --- readable lines, shared by text output and the dashboard --------------------------


def _one(text: str | None) -> str:
    """A data string on one line, controls escaped; None as 'none'."""
    if text is None:
        return "none"
    return visible(" ".join(text.split()), multiline=False) or "''"


def _q(text: str | None) -> str:
    return "none" if text is None else f"'{_one(text)}'"


def _quote(text: str) -> str:
    return f"“{_one(text)}”"


def word_diff_text(ops: tuple[WordOp, ...]) -> str:
    """git's plain word diff: [-removed words-]{+added words+}."""
    parts: list[str] = []
    previous = None
    for op in ops:
        text = _one(op.text)
        if op.op == "delete":
            piece = f"[-{text}-]"
        elif op.op == "insert":
            piece = f"{{+{text}+}}"
        else:
            piece = text
        # A replacement reads as one unit: [-old-]{+new+}, no space between.
        if previous == "delete" and op.op == "insert":
            parts[-1] += piece
        else:
            parts.append(piece)
        previous = op.op
    return " ".join(parts)


def _evidence_line(change: EvidenceChange) -> str:
    mark = {"added": "+", "removed": "-", "changed": "~"}[change.status]
    line = f"{mark} evidence from {_one(change.source)}: {_quote(change.quote)}"
    if change.status == "changed":
        return f"{line}: speaker {_q(change.speaker_old)} -> {_q(change.speaker_new)}"
    speaker = change.speaker_new if change.status == "added" else change.speaker_old
    return f"{line} — {_one(speaker)}" if speaker else line


def position_lines(change: PositionChange) -> list[str]:
    """What changed in one position, as lines (without the party / topic heading)."""
    lines: list[str] = []
    if change.status == "added" and change.new is not None:
        lines.append(f"added: {change.new.stance.value}")
        lines.append(f"summary: {_one(change.new.summary)}")
        lines += [
            _evidence_line(EvidenceChange("added", e.source, e.quote, speaker_new=e.speaker))
            for e in change.new.evidence
        ]
        return lines
    if change.status == "removed" and change.old is not None:
        lines.append(f"removed (was {change.old.stance.value})")
        lines.append(f"summary was: {_one(change.old.summary)}")
        return lines
    assert change.old is not None and change.new is not None
    if change.stance_changed:
        lines.append(f"stance: {change.old.stance.value} -> {change.new.stance.value}")
    if change.summary:
        if all(op.op == "equal" for op in change.summary):
            lines.append("summary: whitespace changed")
        else:
            lines.append(f"summary: {word_diff_text(change.summary)}")
    lines += [_evidence_line(e) for e in change.evidence]
    return lines


def changed_cells(diff: Diff) -> dict[tuple[str, str], list[str]]:
    """Readable lines per (party, topic) of the new file, for marking cells."""
    return {(c.party, c.topic): position_lines(c) for c in diff.positions}


def _stance_heading(change: PositionChange) -> str:
    head = f"{_one(change.party)} / {_one(change.topic)}"
    if change.status == "added" and change.new is not None:
        return f"{head}: added, {change.new.stance.value}"
    if change.status == "removed" and change.old is not None:
        return f"{head}: removed (was {change.old.stance.value})"
    assert change.old is not None and change.new is not None
    if change.stance_changed:
        return f"{head}: {change.old.stance.value} -> {change.new.stance.value}"
    return f"{head}: {change.new.stance.value} (stance unchanged)"


def _detail_lines(change: PositionChange) -> list[str]:
    """Position lines without the ones the heading already says."""
    lines = position_lines(change)
    if change.status in ("added", "removed") or change.stance_changed:
        lines = lines[1:]
    return lines


def entity_lines(change: EntityChange) -> list[str]:
    """A party, topic or source change: one heading line and one line per field."""
    ident = _one(change.id)
    if change.status == "added":
        head = f"+ {ident}: {_one(change.name)}"
    elif change.status == "removed":
        head = f"- {ident}: {_one(change.name)}"
    elif change.status == "renamed":
        head = f"~ {_one(change.old_id)} renamed to {ident}: {_one(change.name)}"
    else:
        head = f"~ {ident}: {_one(change.name)}"
    return [head] + [f"  {f.field}: {_q(f.old)} -> {_q(f.new)}" for f in change.fields]


# --- output ----------------------------------------------------------------------------

_SECTIONS: tuple[tuple[str, str], ...] = (
    ("parties", "Parties"),
    ("topics", "Topics"),
    ("sources", "Sources"),
)


def _wrap(text: str, width: int, indent: str, hang: str = "    ") -> list[str]:
    """Wrap at spaces; a word longer than the line overflows, nothing is cut."""
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def render_text(diff: Diff, old: str, new: str, width: int) -> str:
    out: list[str] = []
    out += _wrap(f"--- {_one(old)}", width, "")
    out += _wrap(f"+++ {_one(new)}", width, "")
    if not diff.changed:
        out.append("no changes")
        return "\n".join(out) + "\n"
    if diff.summit:
        out += ["", "Summit"]
        for f in diff.summit:
            out += _wrap(f"{f.field}: {_q(f.old)} -> {_q(f.new)}", width, "  ")
    for attr, title in _SECTIONS:
        changes: list[EntityChange] = getattr(diff, attr)
        orders = [o for o in diff.order if o.kind == attr]
        if not changes and not orders:
            continue
        out += ["", title]
        for change in changes:
            head, *fields = entity_lines(change)
            out += _wrap(head, width, "  ")
            for line in fields:
                out += _wrap(line.strip(), width, "    ")
        for order in orders:
            line = f"order: {', '.join(map(_one, order.old))} -> {', '.join(map(_one, order.new))}"
            out += _wrap(line, width, "  ")
    topic = None
    for change in diff.positions:
        if change.topic != topic:
            topic = change.topic
            name = diff.topic_names.get(topic, topic)
            out += ["", *_wrap(f"{_one(name)} ({_one(topic)})", width, "")]
        out += _wrap(_stance_heading(change), width, "  ")
        for line in _detail_lines(change):
            out += _wrap(line, width, "    ")
    out += ["", summary_line(diff)]
    return "\n".join(out) + "\n"


def summary_line(diff: Diff) -> str:
    counts = []
    for label, items in (
        ("summit field", diff.summit),
        ("party", diff.parties),
        ("topic", diff.topics),
        ("source", diff.sources),
        ("order", diff.order),
        ("position", diff.positions),
    ):
        if items:
            n = len(items)
            plural = {"party": "parties"}.get(label, label + "s") if n != 1 else label
            counts.append(f"{n} {plural}")
    return "changed: " + ", ".join(counts)


# Data never starts a line, so only inline syntax needs escaping: emphasis, code,
# links and images ([ ]), tables (|), strike-through (~), and HTML (< > &).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: str | None) -> str:
    """Inline Markdown for a data string: one line, punctuation escaped, HTML inert."""
    if text is None:
        return "*none*"
    flat = visible(" ".join(text.split()), multiline=False)
    flat = flat.replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def _md_word_diff(ops: tuple[WordOp, ...]) -> str:
    parts = []
    for op in ops:
        if op.op == "delete":
            parts.append(f"~~{md(op.text)}~~")
        elif op.op == "insert":
            parts.append(f"**{md(op.text)}**")
        else:
            parts.append(md(op.text))
    return " ".join(parts)


def _md_evidence(change: EvidenceChange) -> str:
    verb = {"added": "Evidence added", "removed": "Evidence removed", "changed": "Speaker"}
    line = f"{verb[change.status]} ({md(change.source)}): “{md(change.quote)}”"
    if change.status == "changed":
        return f"{line}: {md(change.speaker_old)} → {md(change.speaker_new)}"
    speaker = change.speaker_new if change.status == "added" else change.speaker_old
    return f"{line} — {md(speaker)}" if speaker else line


def render_markdown(diff: Diff, old: str, new: str) -> str:
    out = [f"# Changes from {md(old)} to {md(new)}", ""]
    if not diff.changed:
        return "\n".join([*out, "No changes.", ""])
    if diff.summit:
        out += ["## Summit", "", "| Field | Old | New |", "| --- | --- | --- |"]
        out += [f"| {md(f.field)} | {md(f.old)} | {md(f.new)} |" for f in diff.summit]
        out.append("")
    for attr, title in _SECTIONS:
        changes: list[EntityChange] = getattr(diff, attr)
        orders = [o for o in diff.order if o.kind == attr]
        if not changes and not orders:
            continue
        out += [f"## {title}", ""]
        for c in changes:
            label = {"added": "Added", "removed": "Removed", "changed": "Changed"}.get(c.status)
            if c.status == "renamed":
                out.append(f"- **Renamed** {md(c.old_id)} → {md(c.id)}: {md(c.name)}")
            else:
                out.append(f"- **{label}** {md(c.id)}: {md(c.name)}")
            out += [f"  - {md(f.field)}: ~~{md(f.old)}~~ → **{md(f.new)}**" for f in c.fields]
        for o in orders:
            old_order = ", ".join(md(i) for i in o.old)
            new_order = ", ".join(md(i) for i in o.new)
            out.append(f"- **Order**: {old_order} → {new_order}")
        out.append("")
    if diff.positions:
        out += ["## Positions", ""]
    topic = None
    for change in diff.positions:
        if change.topic != topic:
            topic = change.topic
            out += [f"### {md(diff.topic_names.get(topic, topic))} ({md(topic)})", ""]
        head = f"**{md(change.party)} / {md(change.topic)}**"
        if change.status == "added" and change.new is not None:
            out.append(f"- {head}: added, {change.new.stance.value}")
            out.append(f"  - Summary: {md(change.new.summary)}")
            evidence = [
                EvidenceChange("added", e.source, e.quote, speaker_new=e.speaker)
                for e in change.new.evidence
            ]
        elif change.status == "removed" and change.old is not None:
            out.append(f"- {head}: removed (was {change.old.stance.value})")
            out.append(f"  - Summary was: {md(change.old.summary)}")
            evidence = []
        else:
            assert change.old is not None and change.new is not None
            if change.stance_changed:
                out.append(f"- {head}: {change.old.stance.value} → {change.new.stance.value}")
            else:
                out.append(f"- {head}: {change.new.stance.value} (stance unchanged)")
            if change.summary:
                out.append(f"  - Summary: {_md_word_diff(change.summary)}")
            evidence = list(change.evidence)
        out += [f"  - {_md_evidence(e)}" for e in evidence]
        out.append("")
    out.append(f"*{md(summary_line(diff))}*")
    return "\n".join(out) + "\n"


def _position_json(p: Position | None) -> dict[str, object] | None:
    if p is None:
        return None
    return {
        "stance": p.stance.value,
        "summary": p.summary,
        "evidence": [
            {
                "source": e.source,
                "quote": e.quote,
                "speaker": e.speaker,
            }
            for e in p.evidence
        ],
    }


def to_json(diff: Diff, old: str, new: str) -> dict[str, object]:
    """The documented, stable JSON shape of a diff. Strings are the data exactly;
    `run` writes the JSON as pure ASCII, so control characters arrive as \\u escapes
    and nothing raw reaches a terminal (as `summit snapshot --format json`).

    {"old": path, "new": path, "changed": bool,
     "summit": [{"field", "old", "new"}],
     "parties" | "topics" | "sources": [{"status": added|removed|changed|renamed,
        "id", "old_id" (renames, else null), "name", "fields": [{"field", "old", "new"}]}],
     "order": [{"kind": parties|topics, "old": [ids], "new": [ids]}],
     "positions": [{"party", "topic", "status": added|removed|changed,
        "stance": {"old", "new"} (null when absent), "summary_diff": [{"op", "text"}],
        "evidence": [{"status": added|removed|changed, "source", "quote",
                      "speaker_old", "speaker_new"}],
        "old": position|null, "new": position|null}]}
    A position is {"stance", "summary", "evidence": [{"source", "quote", "speaker"}]}.
    For added and removed positions, "evidence" lists nothing: see "new" / "old".
    """

    def fields(items: tuple[FieldChange, ...] | list[FieldChange]) -> list[dict[str, object]]:
        return [{"field": f.field, "old": f.old, "new": f.new} for f in items]

    def entities(items: list[EntityChange]) -> list[dict[str, object]]:
        return [
            {
                "status": c.status,
                "id": c.id,
                "old_id": c.old_id,
                "name": c.name,
                "fields": fields(c.fields),
            }
            for c in items
        ]

    return {
        "old": old,
        "new": new,
        "changed": diff.changed,
        "summit": fields(diff.summit),
        "parties": entities(diff.parties),
        "topics": entities(diff.topics),
        "sources": entities(diff.sources),
        "order": [{"kind": o.kind, "old": list(o.old), "new": list(o.new)} for o in diff.order],
        "positions": [
            {
                "party": c.party,
                "topic": c.topic,
                "status": c.status,
                "stance": {
                    "old": c.old.stance.value if c.old else None,
                    "new": c.new.stance.value if c.new else None,
                },
                "summary_diff": [{"op": op.op, "text": op.text} for op in c.summary],
                "evidence": [
                    {
                        "status": e.status,
                        "source": e.source,
                        "quote": e.quote,
                        "speaker_old": e.speaker_old,
                        "speaker_new": e.speaker_new,
                    }
                    for e in c.evidence
                ],
                "old": _position_json(c.old),
                "new": _position_json(c.new),
            }
            for c in diff.positions
        ],
    }


# --- loading either side ---------------------------------------------------------------


class DiffError(Exception):
    """A problem reading one side that is not in the file itself (git, paths)."""


class _GitTooBig(Exception):
    pass


def _git(repo: Path, *args: str, limit: int | None = None) -> bytes:
    """Run git without a shell; stdout, or DiffError with git's first line of complaint."""
    argv = ["git", "-C", str(repo), *args]
    try:
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except FileNotFoundError:
        raise DiffError("git is not installed (needed for git:REV)") from None
    assert proc.stdout is not None and proc.stderr is not None
    data = proc.stdout.read(limit + 1) if limit is not None else proc.stdout.read()
    if limit is not None and len(data) > limit:
        proc.kill()
        proc.communicate()
        raise _GitTooBig
    _, err = proc.communicate()
    if proc.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(lines[0].removeprefix("fatal: ") if lines else "git failed")
    return data


def _repo_prefix(folder: Path) -> tuple[Path, str] | None:
    """(repository top folder, path of `folder` inside it) or None when not in a repo."""
    try:
        out = _git(folder, "rev-parse", "--show-toplevel", "--show-prefix")
    except DiffError:
        return None
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 1:
        return None
    return Path(lines[0]), (lines[1] if len(lines) > 1 else "")


def parse_git_spec(spec: str) -> tuple[str, str | None] | None:
    """`git:REV` or `git:REV:PATH` -> (REV, PATH or None); None when not a git spec."""
    if not spec.startswith("git:"):
        return None
    rest = spec[len("git:") :]
    rev, sep, path = rest.partition(":")
    return rev, (path if sep else None)


def load_git(spec: str, other: str | None, cwd: Path | None = None) -> LoadResult:
    """Load `git:REV[:PATH]`; see the module docstring for which file is meant."""
    parsed = parse_git_spec(spec)
    assert parsed is not None
    rev, path = parsed
    shown_spec = visible(spec, multiline=False)
    if not rev or rev.startswith("-") or any(c.isspace() for c in rev):
        raise DiffError(f"{shown_spec}: expected git:REV such as git:HEAD~1")
    cwd = cwd or Path.cwd()
    repo: Path | None = None
    other_git = parse_git_spec(other) if other is not None else None
    if path is None and other_git is not None:
        path = other_git[1]
    elif path is None and other is not None:
        candidate = cwd / other
        located = _repo_prefix(candidate.parent) if candidate.parent.is_dir() else None
        if located is not None:
            repo, prefix = located
            path = prefix + candidate.name
    if repo is None:
        located = _repo_prefix(cwd)
        if located is None:
            where = visible(str(cwd))
            if other is not None and other_git is None:
                raise DiffError(
                    f"{shown_spec}: neither {visible(other)} nor {where} is in a git repository"
                )
            raise DiffError(f"{shown_spec}: {where} is not inside a git repository")
        repo, prefix = located
        if path is None:
            path = prefix + "positions.yaml"
    path = posixpath.normpath(path)

    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except DiffError:
        raise DiffError(
            f"{shown_spec}: unknown revision {quoted(rev)} in {visible(str(repo))}"
        ) from None

    def blob(relative: str, limit: int) -> bytes:
        return _git(repo, "cat-file", "blob", f"{rev}:{relative}", limit=limit)

    display = f"git:{rev}:{path}"
    try:
        data = blob(path, MAX_BYTES)
    except _GitTooBig:
        raise DiffError(
            f"{shown_spec}: {visible(path)} at {visible(rev)} is larger than "
            f"{MAX_BYTES // 2**20} MiB"
        ) from None
    except DiffError:
        raise DiffError(
            f"{shown_spec}: {visible(path)} does not exist at revision {visible(rev)}"
        ) from None
    base = posixpath.dirname(path)

    def read_source(relative: str) -> bytes:
        target = posixpath.normpath(posixpath.join(base, relative))
        if target.startswith("../") or target == ".." or posixpath.isabs(target):
            raise FileNotFoundError(errno.ENOENT, "outside the repository", relative)
        try:
            return blob(target, MAX_SOURCE_BYTES)
        except _GitTooBig:
            raise OSError(errno.EFBIG, "file too large", relative) from None
        except DiffError:
            raise FileNotFoundError(errno.ENOENT, "not in this revision", relative) from None

    return load_bytes(data, display, read_source)


def load_side(spec: str, other: str | None = None) -> LoadResult:
    """Load OLD or NEW: a path, or `git:REV[:PATH]` (DiffError for git problems)."""
    if parse_git_spec(spec) is not None:
        return load_git(spec, other)
    return load_path(Path(spec), spec)


def run(args: argparse.Namespace) -> int:
    from tui.check import emit
    from tui.cli import _write, output_width

    results: list[LoadResult] = []
    for spec, other in ((args.old, args.new), (args.new, args.old)):
        try:
            results.append(load_side(spec, other))
        except DiffError as exc:
            encoding = sys.stderr.encoding or "utf-8"
            message = f"summit diff: {exc}\n"
            sys.stderr.write(message.encode(encoding, "backslashreplace").decode(encoding))
            return EXIT_ERROR
    failed = False
    for result in results:
        if not result.ok:
            emit(result.diagnostics, result.path)
            failed = True
    if failed:
        return EXIT_ERROR
    old, new = results
    assert old.model is not None and new.model is not None
    diff = compare(old.model, new.model, old.texts, new.texts)
    if args.format == "json":
        _write(json.dumps(to_json(diff, old.path, new.path), indent=2, ensure_ascii=True) + "\n")
    elif args.format == "markdown":
        _write(render_markdown(diff, old.path, new.path))
    else:
        _write(render_text(diff, old.path, new.path, output_width(args.width)))
    return EXIT_CHANGED if diff.changed else EXIT_SAME
