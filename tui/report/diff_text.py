"""A diff as readable lines: the text format of `summit diff`, and the lines the
dashboard's `--since` marks show for a changed cell (`changed_cells`), so the two say the
same. Every data string is put on one line (`one_line`, controls escaped) and wrapped to
the width (`wrap_indented`).
"""

from __future__ import annotations

from tui.analysis.diff import Diff, EntityChange, EvidenceChange, PositionChange
from tui.analysis.word_diff import WordOp
from tui.report.wrapping import one_line, wrap_indented


def _one(text: str | None) -> str:
    """A data string on one line, controls escaped; None as 'none'."""
    if text is None:
        return "none"
    return one_line(text) or "''"


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
        return f"{line}: {_q(change.attribution_old)} -> {_q(change.attribution_new)}"
    who = change.attribution
    return f"{line} — {_one(who)}" if who else line


def position_lines(change: PositionChange) -> list[str]:
    """What changed in one position, as lines (without the party / topic heading)."""
    lines: list[str] = []
    if change.status == "added" and change.new is not None:
        lines.append(f"added: {change.new.stance.value}")
        lines.append(f"summary: {_one(change.new.summary)}")
        lines += [_evidence_line(e) for e in change.evidence]
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


SECTIONS: tuple[tuple[str, str], ...] = (
    ("parties", "Parties"),
    ("topics", "Topics"),
    ("sources", "Sources"),
)


def _wrap(text: str, width: int, indent: str, hang: str = "    ") -> list[str]:
    """`wrap_indented` with a hanging indent under `indent`."""
    return wrap_indented(text, width, indent, indent + hang)


def diff_text(diff: Diff, old: str, new: str, width: int) -> str:
    out: list[str] = []
    out += _wrap(f"--- {_one(old)}", width, "")
    out += _wrap(f"+++ {_one(new)}", width, "")
    if not diff.changed:
        out += wrap_indented("no changes", width, "", "")
        return "\n".join(out) + "\n"
    if diff.summit:
        out += ["", *wrap_indented("Summit", width, "", "")]
        for f in diff.summit:
            out += _wrap(f"{f.field}: {_q(f.old)} -> {_q(f.new)}", width, "  ")
    for attr, title in SECTIONS:
        changes: list[EntityChange] = getattr(diff, attr)
        orders = [o for o in diff.order if o.kind == attr]
        if not changes and not orders:
            continue
        out += ["", *wrap_indented(title, width, "", "")]
        for change in changes:
            head, *fields = entity_lines(change)
            out += _wrap(head, width, "  ")
            for line in fields:
                out += _wrap(line.strip(), width, "    ")
        for order in orders:
            line = f"order: {', '.join(map(_one, order.old))} -> {', '.join(map(_one, order.new))}"
            out += _wrap(line, width, "  ")
    topic = None
    for position in diff.positions:
        if position.topic != topic:
            topic = position.topic
            name = diff.topic_names.get(topic, topic)
            out += ["", *_wrap(f"{_one(name)} ({_one(topic)})", width, "")]
        out += _wrap(_stance_heading(position), width, "  ")
        for line in _detail_lines(position):
            out += _wrap(line, width, "    ")
    out += ["", *_wrap(summary_line(diff), width, "", "  ")]
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
