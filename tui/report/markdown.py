"""Markdown output of `summit snapshot` and `summit diff`, and the escapers they share.

Data never starts a Markdown line (every line opens with fixed text), so only
inline syntax needs escaping. The snapshot (`md`) and the diff (`md_inline`) escape
by two rules: the snapshot backslash-escapes `&`, `$` and `#` and turns line breaks
into <br>; the diff writes `&` as `&amp;`, leaves `$` and `#`, folds whitespace runs
to one space and shows None as *none*. One rule for both would change the bytes one
of the two commands prints, so both are kept, side by side.
"""

from __future__ import annotations

import re

from tui.analysis.diff import Diff, EntityChange, EvidenceChange
from tui.analysis.snapshot import Snapshot
from tui.analysis.word_diff import WordOp
from tui.report.diff_text import SECTIONS, summary_line
from tui.safe import is_web_url, visible

# --- escapers ------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$#])")


def md(text: str, *, multiline: bool = True) -> str:
    """Markdown that shows `text` literally, on one line, inside a table cell or a list.

    Controls become visible escapes; backslash, backtick, emphasis, brackets, angle
    brackets (so no HTML), pipes, tildes, ampersands (no entities) and dollars (no
    math) are backslash-escaped; newlines become <br>. Snapshot text never starts a
    line, so line-start syntax (#, >, -, 1.) cannot trigger.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", visible(text, multiline=multiline))
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def md_code(text: str) -> str:
    """A code span showing `text` literally (file paths, URLs that are not plain)."""
    shown = visible(text, multiline=False)
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    if shown.startswith(("`", " ")) or shown.endswith(("`", " ")):
        shown = f" {shown} "
    return f"{fence}{shown}{fence}"


# Data never starts a line, so only inline syntax needs escaping: emphasis, code,
# links and images ([ ]), tables (|), strike-through (~), and HTML (< > &).
_MD_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_inline(text: str | None) -> str:
    """Inline Markdown for a data string (the diff's rule): one line with whitespace runs
    as one space, punctuation backslash-escaped, `&` as an entity, None as *none*."""
    if text is None:
        return "*none*"
    flat = visible(" ".join(text.split()), multiline=False)
    flat = flat.replace("&", "&amp;")
    return _MD_INLINE_SPECIAL.sub(r"\\\1", flat)


# --- snapshot ------------------------------------------------------------------------------


def snapshot_markdown(snap: Snapshot) -> str:
    """A GFM table (parties as columns) followed by the numbered sources."""
    from tui.evidence.attribution import attribution_words
    from tui.report.render import (
        BASIS_MARK,
        BASIS_MEANING,
        NO_POSITION,
        NOT_STATED,
        STANCE_MEANING,
        STANCE_WORD,
        dated,
        published,
    )

    doc = snap.doc
    summit = doc.summit
    lines = [
        f"# {md(summit.title, multiline=False)}",
        "",
        f"- Location: {md(summit.location, multiline=False)}",
        f"- Date: {dated(summit.date, summit.date_basis)}",
        f"- Positions as of: {dated(summit.as_of, summit.as_of_basis)}",
    ]
    if snap.party_filter:
        parties = ", ".join(md(doc.parties[p].name, multiline=False) for p in snap.parties)
        lines.append(f"- Parties shown: {parties}")
    if snap.topic_filter:
        topics = ", ".join(md(doc.topics[t].title, multiline=False) for t in snap.topics)
        lines.append(f"- Topics shown: {topics}")
    lines.append("")
    header = ["Topic", *(md(doc.parties[p].name, multiline=False) for p in snap.parties)]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + " --- |" * len(header))
    for topic_id in snap.topics:
        topic = doc.topics[topic_id]
        row = [f"**{md(topic.title)}**<br>*{md(topic.question)}*"]
        for party in snap.parties:
            position = snap.position(topic_id, party)
            if position is None:
                row.append(f"*{NOT_STATED}*")
                continue
            index = snap.cells[(topic_id, party)]
            markers = "".join(f"[{n}]" for n in snap.markers.get(index, []))
            text = f"**{STANCE_WORD[position.stance]}** {md(position.summary)}"
            basis = snap.result.basis(index)
            if basis in BASIS_MARK:
                text = f"**{STANCE_WORD[position.stance]}** *{md(BASIS_MARK[basis])}*<br>" + (
                    md(position.summary)
                )
            row.append(f"{text} {markers}" if markers else text)
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "## Legend", ""]
    lines += [f"- **{STANCE_WORD[s]}**: {md(STANCE_MEANING[s])}" for s in STANCE_MEANING]
    lines.append(f"- *{NOT_STATED}*: {NO_POSITION}")
    lines += [f"- *{md(mark)}*: {md(BASIS_MEANING[b])}" for b, mark in BASIS_MARK.items()]
    lines += ["", "## Sources", ""]
    if not snap.citations:
        lines.append("No quotes cited.")
    for citation in snap.citations:
        evidence, source = citation.evidence, citation.source
        lines.append(f"{citation.number}. > “{md(evidence.quote)}”")
        lines.append("")
        # The line opens with a fixed dash, so no data starts a Markdown line.
        parts = [md(attribution_words(evidence, doc), multiline=False)]
        parts.append(md(source.outlet, multiline=False))
        parts.append(f"“{md(source.title, multiline=False)}”")
        parts.append(published(source))
        url = source.url
        if url is not None and is_web_url(url):
            parts.append(f"<{url}>")
        else:
            parts.append(md_code(url if url is not None else source.file))
        status = (
            "✓ verified in the archived text"
            if citation.verified
            else "✗ not found in the archived text"
        )
        lines.append("   — " + ", ".join(parts) + f"; {status}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --- diff ----------------------------------------------------------------------------------


def _md_word_diff(ops: tuple[WordOp, ...]) -> str:
    parts = []
    for op in ops:
        if op.op == "delete":
            parts.append(f"~~{md_inline(op.text)}~~")
        elif op.op == "insert":
            parts.append(f"**{md_inline(op.text)}**")
        else:
            parts.append(md_inline(op.text))
    return " ".join(parts)


def _md_evidence(change: EvidenceChange) -> str:
    verb = {"added": "Evidence added", "removed": "Evidence removed", "changed": "Attribution"}
    line = f"{verb[change.status]} ({md_inline(change.source)}): “{md_inline(change.quote)}”"
    if change.status == "changed":
        return f"{line}: {md_inline(change.attribution_old)} → {md_inline(change.attribution_new)}"
    who = change.attribution
    return f"{line} — {md_inline(who)}" if who else line


def diff_markdown(diff: Diff, old: str, new: str) -> str:
    out = [f"# Changes from {md_inline(old)} to {md_inline(new)}", ""]
    if not diff.changed:
        return "\n".join([*out, "No changes.", ""])
    if diff.summit:
        out += ["## Summit", "", "| Field | Old | New |", "| --- | --- | --- |"]
        out += [
            f"| {md_inline(f.field)} | {md_inline(f.old)} | {md_inline(f.new)} |"
            for f in diff.summit
        ]
        out.append("")
    for attr, title in SECTIONS:
        changes: list[EntityChange] = getattr(diff, attr)
        orders = [o for o in diff.order if o.kind == attr]
        if not changes and not orders:
            continue
        out += [f"## {title}", ""]
        for c in changes:
            label = {"added": "Added", "removed": "Removed", "changed": "Changed"}.get(c.status)
            if c.status == "renamed":
                out.append(
                    f"- **Renamed** {md_inline(c.old_id)} → {md_inline(c.id)}: {md_inline(c.name)}"
                )
            else:
                out.append(f"- **{label}** {md_inline(c.id)}: {md_inline(c.name)}")
            out += [
                f"  - {md_inline(f.field)}: ~~{md_inline(f.old)}~~ → **{md_inline(f.new)}**"
                for f in c.fields
            ]
        for o in orders:
            old_order = ", ".join(md_inline(i) for i in o.old)
            new_order = ", ".join(md_inline(i) for i in o.new)
            out.append(f"- **Order**: {old_order} → {new_order}")
        out.append("")
    if diff.positions:
        out += ["## Positions", ""]
    topic = None
    for change in diff.positions:
        if change.topic != topic:
            topic = change.topic
            out += [f"### {md_inline(diff.topic_names.get(topic, topic))} ({md_inline(topic)})", ""]
        head = f"**{md_inline(change.party)} / {md_inline(change.topic)}**"
        if change.status == "added" and change.new is not None:
            out.append(f"- {head}: added, {change.new.stance.value}")
            out.append(f"  - Summary: {md_inline(change.new.summary)}")
            evidence = list(change.evidence)
        elif change.status == "removed" and change.old is not None:
            out.append(f"- {head}: removed (was {change.old.stance.value})")
            out.append(f"  - Summary was: {md_inline(change.old.summary)}")
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
    out.append(f"*{md_inline(summary_line(diff))}*")
    return "\n".join(out) + "\n"
