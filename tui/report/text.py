"""Plain-text output: the diff as readable lines (the text format and the dashboard's
`--since` marks share them) and the coverage report.

Every data string is put on one line through `one_line` (controls escaped) and
lines are wrapped by `wrap`, so the two reports wrap alike and every line, indent
included, holds the width in terminal cells (as the snapshot does). No Textual; of Rich
only `cell_len`, the width the snapshot's layout counts with.
"""

from __future__ import annotations

from rich.cells import cell_len

from tui.analysis.coverage import SourceCoverage, percent
from tui.analysis.diff import Diff, EntityChange, EvidenceChange, PositionChange, WordOp
from tui.safe import visible

# --- shared helpers ----------------------------------------------------------------------


def one_line(text: str) -> str:
    """A data string on one line: whitespace runs as one space, controls escaped."""
    return visible(" ".join(text.split()), multiline=False)


def wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """`text` wrapped at spaces into lines of at most `width` cells, the first after
    `first`, the others after `rest`.

    A word wider than a whole line (a long path, a URL) starts a line of its own and is
    cut where it must, after a '/', '-', '_', '.' or '–' when one falls in the line's second
    half. An indent that leaves no room is given up (a label on a line of its own).
    """
    width = max(1, width)
    lines: list[str] = []
    if cell_len(first) >= width:
        label = first.strip()
        lines += _cut_all(label, width) if label else []
        first = ""
    if cell_len(rest) >= width:
        rest = ""
    indent, line = first, ""
    for word in text.split(" "):
        if not word:
            continue
        room = width - cell_len(indent)
        if cell_len(line) + (1 if line else 0) + cell_len(word) <= room:
            line = f"{line} {word}" if line else word
            continue
        if line:
            lines.append(indent + line)
            indent, line = rest, ""
            room = width - cell_len(indent)
        while cell_len(word) > room:
            head, word = _cut(word, room)
            lines.append(indent + head)
            indent = rest
            room = width - cell_len(indent)
        line = word
    if line or not lines:
        lines.append((indent + line).rstrip())
    return lines


_BREAK_AFTER = "/-_.–"


def _cut(word: str, room: int) -> tuple[str, str]:
    """The longest head of `word` that fits in `room` cells (ending after a break
    character when one is in its second half), and the rest; never an empty head."""
    used, end = 0, 0
    for char in word:
        used += cell_len(char)
        if used > room and end:
            break
        end += 1
    head = word[:end]
    soft = max(head.rfind(c) for c in _BREAK_AFTER) + 1
    if end < len(word) and soft > len(head) // 2:
        end = soft
    return word[:end], word[end:]


def _cut_all(word: str, width: int) -> list[str]:
    pieces: list[str] = []
    while word:
        head, word = _cut(word, width)
        pieces.append(head)
    return pieces


# --- diff: readable lines, shared by the text output and the dashboard ------------------


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


# --- output ----------------------------------------------------------------------------

SECTIONS: tuple[tuple[str, str], ...] = (
    ("parties", "Parties"),
    ("topics", "Topics"),
    ("sources", "Sources"),
)


def _wrap(text: str, width: int, indent: str, hang: str = "    ") -> list[str]:
    """`wrap` with a hanging indent under `indent`."""
    return wrap(text, width, indent, indent + hang)


def diff_text(diff: Diff, old: str, new: str, width: int) -> str:
    out: list[str] = []
    out += _wrap(f"--- {_one(old)}", width, "")
    out += _wrap(f"+++ {_one(new)}", width, "")
    if not diff.changed:
        out += wrap("no changes", width, "", "")
        return "\n".join(out) + "\n"
    if diff.summit:
        out += ["", *wrap("Summit", width, "", "")]
        for f in diff.summit:
            out += _wrap(f"{f.field}: {_q(f.old)} -> {_q(f.new)}", width, "  ")
    for attr, title in SECTIONS:
        changes: list[EntityChange] = getattr(diff, attr)
        orders = [o for o in diff.order if o.kind == attr]
        if not changes and not orders:
            continue
        out += ["", *wrap(title, width, "", "")]
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


# --- coverage ----------------------------------------------------------------------------


def coverage_text(coverages: list[SourceCoverage], width: int) -> str:
    lines: list[str] = []
    for source in coverages:
        cov = source.coverage
        if lines:
            lines.append("")
        head = f"{one_line(source.id)}: {one_line(source.outlet)}, “{one_line(source.title)}”"
        lines += wrap(head, width, "", "    ")
        lines += wrap(f"({one_line(source.file)})", width, "  ", "    ")
        stats = (
            f"sentences cited: {cov.cited_sentences} of {cov.sentences} "
            f"({cov.sentence_percent:.1f}%)",
            f"characters cited: {cov.cited_chars} of {cov.chars} ({cov.char_percent:.1f}%)",
            "every sentence is cited"
            if not cov.uncited
            else f"not cited ({len(cov.uncited)}), by sentence number:",
        )
        for line in stats:
            lines += wrap(line, width, "  ", "    ")
        number_width = len(str(cov.uncited[-1].index)) if cov.uncited else 0
        for sentence in cov.uncited:
            label = f"    {sentence.index:>{number_width}}  "
            lines += wrap(one_line(sentence.text), width, label, " " * len(label))
    if not coverages:
        lines += wrap("no sources", width, "", "")
    else:
        # Sources sharing an archived file are counted once.
        files = {c.file: c.coverage for c in coverages}.values()
        total = sum(c.sentences for c in files)
        cited = sum(c.cited_sentences for c in files)
        chars = sum(c.chars for c in files)
        cited_chars = sum(c.cited_chars for c in files)
        lines.append("")
        lines += wrap(
            f"All sources: {cited} of {total} sentences cited ({percent(cited, total):.1f}%), "
            f"{percent(cited_chars, chars):.1f}% of characters",
            width,
            "",
            "  ",
        )
    return "\n".join(lines) + "\n"
