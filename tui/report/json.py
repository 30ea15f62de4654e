"""JSON output of `summit snapshot`, `summit diff` and `summit coverage`.

Records are written with `tui.model.records.plain` (what pydantic's `model_dump(mode="json")`
writes for the model, held equal by tests/unit/test_records.py), so a field added to
the format next year appears in the JSON without anyone remembering this file; only
what the loader or a comparison computed is added by hand. Written as pure ASCII, so
control characters arrive as \\u escapes and nothing raw reaches a terminal.
"""

from __future__ import annotations

import json
from typing import Any

from tui.analysis.coverage import SourceCoverage
from tui.analysis.diff import Diff, EntityChange, FieldChange
from tui.analysis.snapshot import Snapshot
from tui.evidence.attribution import attributions, basis_findings
from tui.model.records import Position, plain


def dumps(data: object) -> str:
    """The one way every command writes JSON: indented, ASCII-only, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"


# --- snapshot ------------------------------------------------------------------------------


def snapshot_json(snap: Snapshot) -> str:
    """The model plus what the loader computed; ASCII-only, so no control reaches a terminal.

    Without filters, every source is listed; with a filter, only the sources the
    shown positions cite. Entities are their model's fields after an "id"; each
    evidence item gains "verified", "start" and "end" (its span in the archived text).
    """
    doc, result = snap.doc, snap.result
    included = list(snap.included())
    if snap.party_filter or snap.topic_filter:
        cited = {e.source for i in included for e in doc.positions[i].evidence}
        source_ids = [s for s in doc.sources if s in cited]
    else:
        source_ids = list(doc.sources)

    def position(index: int) -> dict[str, object]:
        model = doc.positions[index]
        data: dict[str, Any] = plain(model)
        for j, evidence in enumerate(data["evidence"]):
            span = result.span(index, j)
            evidence["verified"] = span is not None
            evidence["start"] = span[0] if span else None
            evidence["end"] = span[1] if span else None
            person = doc.people.get(evidence["speaker"]) if evidence["speaker"] else None
            evidence["speaker_name"] = person.name if person else None
            evidence["speaker_role"] = person.role if person else None
            evidence["speaker_party"] = person.party if person else None
        kind = result.basis(index)
        data["basis"] = kind
        findings = basis_findings(kind, model.party, attributions(doc, model))
        data["basis_warnings"] = [f.message for f in findings]
        return data

    cited_people = {
        e.speaker for i in included for e in doc.positions[i].evidence if e.speaker is not None
    }

    data = {
        "summit": plain(doc.summit),
        "parties": [{"id": p, **plain(doc.parties[p])} for p in snap.parties],
        "topics": [{"id": t, **plain(doc.topics[t])} for t in snap.topics],
        "sources": [{"id": s, **plain(doc.sources[s])} for s in source_ids],
        "people": [
            {"id": p, **plain(person)}
            for p, person in doc.people.items()
            if p in cited_people or not (snap.party_filter or snap.topic_filter)
        ],
        "positions": [position(i) for i in included],
    }
    return dumps(data)


# --- diff ----------------------------------------------------------------------------------


def _position_json(p: Position | None) -> dict[str, object] | None:
    """A position without its (party, topic), which the change already names."""
    if p is None:
        return None
    data: dict[str, object] = plain(p, exclude={"party", "topic"})
    return data


def diff_json(diff: Diff, old: str, new: str) -> dict[str, object]:
    """The documented, stable JSON shape of a diff. Strings are the data exactly;
    `dumps` writes the JSON as pure ASCII, so control characters arrive as \\u escapes
    and nothing raw reaches a terminal (as `summit snapshot --format json`).

    {"old": path, "new": path, "changed": bool,
     "summit": [{"field", "old", "new"}],
     "parties" | "topics" | "sources": [{"status": added|removed|changed|renamed,
        "id", "old_id" (renames, else null), "name", "fields": [{"field", "old", "new"}]}],
     "order": [{"kind": parties|topics, "old": [ids], "new": [ids]}],
     "positions": [{"party", "topic", "status": added|removed|changed,
        "stance": {"old", "new"} (null when absent), "summary_diff": [{"op", "text"}],
        "evidence": [{"status": added|removed|changed, "source", "quote",
                      "speaker_old", "speaker_new" (person ids),
                      "attribution_old", "attribution_new" (who speaks and how, in words)}],
        "old": position|null, "new": position|null}]}
    A position is {"stance", "summary", "evidence": [{"source", "quote", "voice", "speaker"}]}.
    For an added position, "evidence" lists every item as added; for a removed one,
    nothing: see "old".
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
                        "attribution_old": e.attribution_old,
                        "attribution_new": e.attribution_new,
                    }
                    for e in c.evidence
                ],
                "old": _position_json(c.old),
                "new": _position_json(c.new),
            }
            for c in diff.positions
        ],
    }


# --- coverage ------------------------------------------------------------------------------


def coverage_json(coverages: list[SourceCoverage], path: str) -> dict[str, object]:
    """The documented JSON shape. Strings are the data exactly; `dumps` writes pure
    ASCII JSON, so control characters arrive as \\u escapes, never raw.

    {"file", "sources": [{"id", "outlet", "title", "file",
      "sentences": {"total", "cited", "percent"},
      "characters": {"total", "cited", "percent"},
      "uncited": [{"index", "line", "start", "end", "text"}]}]}
    Offsets are character offsets into the archived text; `line` counts from 1.
    """
    return {
        "file": path,
        "sources": [
            {
                "id": c.id,
                "outlet": c.outlet,
                "title": c.title,
                "file": c.file,
                "sentences": {
                    "total": c.coverage.sentences,
                    "cited": c.coverage.cited_sentences,
                    "percent": c.coverage.sentence_percent,
                },
                "characters": {
                    "total": c.coverage.chars,
                    "cited": c.coverage.cited_chars,
                    "percent": c.coverage.char_percent,
                },
                "uncited": [
                    {
                        "index": s.index,
                        "line": s.line,
                        "start": s.start,
                        "end": s.end,
                        "text": s.text,
                    }
                    for s in c.coverage.uncited
                ],
            }
            for c in coverages
        ],
    }
