"""`summit snapshot`: the positions as plain text, Markdown or JSON.

A snapshot is pasted into reports, chats and commits, so it must be as
trustworthy as the dashboard: the text format draws every cell and source with
the renderables of `tui.render` (shared with the TUI), every string from the
data passes through `tui.safe`, and the same file always gives the same bytes.

Citations are numbered in reading order: topic by topic (rows), party by party
(columns), evidence by evidence. Evidence that repeats exactly (same source,
same quote, same speaker) keeps the number it got first; anything else gets a
number of its own.

No Textual here (and nothing else the snapshot does not need): this path must
start about as fast as importing yaml, pydantic and rich.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TextIO

from rich.text import Text

from tui.load import LoadResult
from tui.model import Evidence, Party, Position, PositionsFile, Source, Topic
from tui.safe import literal, quoted, visible

MIN_COLUMN = 16
"""Narrowest column of the side-by-side matrix; below it, parties are stacked.

16 lets four parties plus the topic column sit side by side at the default
width of 100, and still holds a stance word and a few words per line."""
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "--",
        "\u2026": "...",
        "\u00a0": " ",
        "\u00b7": "*",
        "\u2713": "+",
        "\u2717": "x",
    }
)
"""Stand-ins for common typography when the output encoding cannot show it."""


@dataclass
class Citation:
    """One numbered entry of the Sources section."""

    number: int
    evidence: Evidence
    source: Source
    verified: bool


@dataclass
class Snapshot:
    """What a snapshot shows: the filtered model, its cells and their citations."""

    doc: PositionsFile
    result: LoadResult
    parties: list[str]
    topics: list[str]
    party_filter: bool
    topic_filter: bool
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    """(topic, party) -> index of the position in the file."""
    citations: list[Citation] = field(default_factory=list)
    markers: dict[int, list[int]] = field(default_factory=dict)
    """Position index -> its citation numbers, without repeats."""

    def position(self, topic: str, party: str) -> Position | None:
        index = self.cells.get((topic, party))
        return None if index is None else self.doc.positions[index]

    def included(self) -> Iterator[int]:
        """Indexes of the positions shown, in file order."""
        parties, topics = set(self.parties), set(self.topics)
        for index, position in enumerate(self.doc.positions):
            if position.party in parties and position.topic in topics:
                yield index


def build(result: LoadResult, parties: list[str], topics: list[str]) -> Snapshot:
    """Filter the model (file order, repeats ignored) and number the citations."""
    doc = result.model
    assert doc is not None
    wanted_parties, wanted_topics = set(parties), set(topics)
    snap = Snapshot(
        doc=doc,
        result=result,
        parties=[p for p in doc.parties if not parties or p in wanted_parties],
        topics=[t for t in doc.topics if not topics or t in wanted_topics],
        party_filter=bool(parties),
        topic_filter=bool(topics),
    )
    for index, position in enumerate(doc.positions):
        snap.cells.setdefault((position.topic, position.party), index)
    numbers: dict[tuple[str, str, str | None], int] = {}
    for topic in snap.topics:
        for party in snap.parties:
            index = snap.cells.get((topic, party))
            if index is None:
                continue
            marks: list[int] = []
            for j, evidence in enumerate(doc.positions[index].evidence):
                key = (evidence.source, evidence.quote, evidence.speaker)
                number = numbers.get(key)
                if number is None:
                    number = numbers[key] = len(snap.citations) + 1
                    snap.citations.append(
                        Citation(
                            number,
                            evidence,
                            doc.sources[evidence.source],
                            result.verified(index, j),
                        )
                    )
                if number not in marks:
                    marks.append(number)
            snap.markers[index] = marks
    return snap


# --- text ----------------------------------------------------------------------------


def render_text(snap: Snapshot, width: int, *, color: bool, encoding: str = "utf-8") -> str:
    """The text snapshot: header, matrix (or stacked parties), numbered sources."""
    from rich import box
    from rich.console import Console
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.table import Table

    from tui import render

    ascii_only = not _encodes("│─┌“✓", encoding)

    def fit(text: Text) -> Text:
        text.overflow = "fold"
        return _fit_encoding(text, encoding) if ascii_only else text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        force_jupyter=False,
        force_interactive=False,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        safe_box=False,
        tab_size=4,
        _environ={},
    )

    def out(renderable: object = "") -> None:
        console.print(renderable, overflow="fold", crop=False)

    doc = snap.doc
    rule = Rule(characters="-" if ascii_only else "─", style="dim")
    out(fit(render.summit_header(doc.summit)))
    if snap.party_filter:
        shown = Text("Parties shown: ", style="dim")
        shown.append_text(_names(doc.parties[p].name for p in snap.parties))
        out(fit(shown))
    if snap.topic_filter:
        shown = Text("Topics shown: ", style="dim")
        shown.append_text(_names(doc.topics[t].title for t in snap.topics))
        out(fit(shown))
    out()

    def cell(topic: str, party: str) -> Text:
        position = snap.position(topic, party)
        index = snap.cells.get((topic, party))
        markers = snap.markers.get(index) if index is not None else None
        return fit(render.cell(position, markers=markers, padded=color))

    columns = len(snap.parties) + 1
    available = width - (3 * columns + 1)
    if snap.parties and available >= columns * MIN_COLUMN:
        table = Table(
            box=box.ASCII if ascii_only else box.SQUARE,
            show_lines=True,
            padding=(0, 1),
            header_style="",
            expand=False,
        )
        base, extra = divmod(available, columns)
        for i in range(columns):
            table.add_column(
                width=base + (1 if i < extra else 0),
                overflow="fold",
                vertical="top",
            )
        table.columns[0].header = fit(Text("Topic", style="bold"))
        for column, party in zip(table.columns[1:], snap.parties, strict=True):
            column.header = fit(render.party_heading(doc.parties[party]))
        for topic in snap.topics:
            table.add_row(
                fit(render.topic_heading(doc.topics[topic])),
                *(cell(topic, party) for party in snap.parties),
            )
        out(table)
    else:
        # Too narrow for columns: one party after another, topic by topic, so the
        # citations still read in order.
        indent = 2 if width >= 24 else 0
        for topic in snap.topics:
            out(rule)
            out(fit(render.topic_heading(doc.topics[topic])))
            for party in snap.parties:
                out()
                out(fit(render.party_heading(doc.parties[party])))
                out(Padding(cell(topic, party), (0, 0, 0, indent)))
        out(rule)

    out()
    out(fit(Text("Sources", style="bold")))
    if not snap.citations:
        out(fit(Text("No quotes cited.", style="dim italic")))
    for citation in snap.citations:
        out()
        marker = Text(f"[{citation.number}]", style="cyan")
        block = fit(render.evidence_block(citation.evidence, citation.source, citation.verified))
        gutter = marker.cell_len + 1
        if width - gutter >= MIN_COLUMN:
            # A hanging indent: wrap the block once, then prefix its lines (a grid
            # table per source costs several times more).
            hanging = Text()
            for i, line in enumerate(block.wrap(console, width - gutter, overflow="fold")):
                if i:
                    hanging.append("\n" + " " * gutter)
                else:
                    hanging.append_text(marker)
                    hanging.append(" ")
                hanging.append_text(line)
            out(hanging)
        else:
            out(marker)
            out(block)
    text = buffer.getvalue()
    if not color:
        text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return text


def _names(names: Iterable[str]) -> Text:
    joined = Text()
    for i, name in enumerate(names):
        if i:
            joined.append(", ")
        joined.append_text(literal(name, multiline=False))
    return joined


def _encodes(chars: str, encoding: str) -> bool:
    try:
        chars.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _fit_encoding(text: Text, encoding: str) -> Text:
    """`text` with what `encoding` cannot show replaced, styles kept, so widths stay true."""
    plain = text.plain
    if _encodes(plain, encoding):
        return text
    cuts: list[int] = []
    for offset, char in enumerate(plain):
        if not _encodes(char, encoding):
            cuts += [offset, offset + 1]
    out = Text(overflow=text.overflow, no_wrap=text.no_wrap, justify=text.justify, end=text.end)
    for piece in text.divide(cuts):
        char = piece.plain
        if len(char) == 1 and not _encodes(char, encoding):
            stand_in = char.translate(_TYPOGRAPHY)
            if not _encodes(stand_in, encoding):
                stand_in = char.encode(encoding, "backslashreplace").decode(encoding)
            replaced = Text(stand_in, style=piece.style)
            for span in piece.spans:
                replaced.stylize(span.style, 0, len(stand_in))
            piece = replaced
        out.append_text(piece)
    return out


# --- markdown ------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$#])")
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+")


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


def render_markdown(snap: Snapshot) -> str:
    """A GFM table (parties as columns) followed by the numbered sources."""
    from tui.render import NOT_STATED, STANCE_WORD

    doc = snap.doc
    summit = doc.summit
    lines = [
        f"# {md(summit.title, multiline=False)}",
        "",
        f"- Location: {md(summit.location, multiline=False)}",
        f"- Date: {summit.date.isoformat()}",
        f"- Positions as of: {summit.as_of.isoformat()}",
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
            row.append(f"{text} {markers}" if markers else text)
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "## Sources", ""]
    if not snap.citations:
        lines.append("No quotes cited.")
    for citation in snap.citations:
        evidence, source = citation.evidence, citation.source
        lines.append(f"{citation.number}. > “{md(evidence.quote)}”")
        lines.append("")
        # The line opens with a fixed dash, so no data starts a Markdown line.
        parts = []
        if evidence.speaker:
            parts.append(md(evidence.speaker, multiline=False))
        parts.append(md(source.outlet, multiline=False))
        parts.append(f"“{md(source.title, multiline=False)}”")
        parts.append(source.published.isoformat())
        url = source.url
        if url is not None and _SAFE_URL.fullmatch(url):
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


# --- json ----------------------------------------------------------------------------


def render_json(snap: Snapshot) -> str:
    """The model plus what the loader computed; ASCII-only, so no control reaches a terminal.

    Without filters, every source is listed; with a filter, only the sources the
    shown positions cite.
    """
    doc, result = snap.doc, snap.result
    summit = doc.summit
    included = list(snap.included())
    if snap.party_filter or snap.topic_filter:
        cited = {e.source for i in included for e in doc.positions[i].evidence}
        source_ids = [s for s in doc.sources if s in cited]
    else:
        source_ids = list(doc.sources)

    def party(pid: str, p: Party) -> dict[str, object]:
        return {"id": pid, "name": p.name, "short": p.short, "members": p.members,
                "leaders": p.leaders}  # fmt: skip

    def topic(tid: str, t: Topic) -> dict[str, object]:
        return {"id": tid, "title": t.title, "question": t.question}

    def source(sid: str, s: Source) -> dict[str, object]:
        return {
            "id": sid,
            "outlet": s.outlet,
            "title": s.title,
            "published": s.published.isoformat(),
            "file": s.file,
            "url": s.url,
            "note": s.note,
        }

    def position(index: int) -> dict[str, object]:
        p = doc.positions[index]
        evidence = []
        for j, e in enumerate(p.evidence):
            span = result.spans[index][j]
            evidence.append(
                {
                    "source": e.source,
                    "quote": e.quote,
                    "speaker": e.speaker,
                    "verified": span is not None,
                    "start": span[0] if span else None,
                    "end": span[1] if span else None,
                }
            )
        return {
            "party": p.party,
            "topic": p.topic,
            "stance": p.stance.value,
            "summary": p.summary,
            "evidence": evidence,
        }

    data = {
        "summit": {
            "title": summit.title,
            "location": summit.location,
            "date": summit.date.isoformat(),
            "as_of": summit.as_of.isoformat(),
        },
        "parties": [party(p, doc.parties[p]) for p in snap.parties],
        "topics": [topic(t, doc.topics[t]) for t in snap.topics],
        "sources": [source(s, doc.sources[s]) for s in source_ids],
        "positions": [position(i) for i in included],
    }
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"


# --- command -------------------------------------------------------------------------


def _use_color(choice: bool | None, stream: IO[str]) -> bool:
    """--color / --no-color win; otherwise colour only on a terminal without NO_COLOR."""
    from tui.cli import isatty

    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR", "") != "" or os.environ.get("TERM") == "dumb":
        return False
    return isatty(stream)


def _unknown(kind: str, wanted: list[str], known: list[str]) -> str | None:
    from tui.diagnostics import did_you_mean

    for word in wanted:
        if word not in known:
            return (
                f"summit snapshot: unknown {kind} {quoted(word)}{did_you_mean(word, known)} "
                f"({kind.replace('y', 'ie')}s: {', '.join(known)})"
            )
    return None


def _emit(stream: TextIO, text: str, errors: str) -> None:
    encoding = stream.encoding or "utf-8"
    stream.write(text.encode(encoding, errors).decode(encoding))
    stream.flush()


def run(args: argparse.Namespace) -> int:
    from tui.check import emit
    from tui.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, load_file, output_width

    result = load_file(args.file)
    if not result.ok or result.model is None:
        emit(result.diagnostics, result.path)
        return EXIT_INVALID
    doc = result.model
    parties: list[str] = list(args.party or [])
    topics: list[str] = list(args.topic or [])
    problem = _unknown("party", parties, list(doc.parties)) or _unknown(
        "topic", topics, list(doc.topics)
    )
    if problem:
        _emit(sys.stderr, visible(problem, multiline=False) + "\n", "backslashreplace")
        return EXIT_USAGE
    snap = build(result, parties, topics)
    stdout = sys.stdout
    encoding = stdout.encoding or "utf-8"
    if args.format == "json":
        _emit(stdout, render_json(snap), "backslashreplace")
    elif args.format == "markdown":
        _emit(stdout, render_markdown(snap), "xmlcharrefreplace")
    else:
        color = _use_color(args.color, stdout)
        text = render_text(snap, output_width(args.width, stdout), color=color, encoding=encoding)
        _emit(stdout, text, "backslashreplace")
    return EXIT_OK
