"""Rich renderables that draw a position, a cell and a source.

Shared by the dashboard and `summit snapshot`, so the two never drift apart.
Every string from the data goes through `tui.safe.literal`: no markup is ever
interpreted and control characters are shown as escapes. No Textual here.
"""

from __future__ import annotations

import datetime
import re

from rich.text import Text

from tui.evidence.attribution import ARTICLE_VOICE, Basis, speaker_words
from tui.evidence.quotations import without_dangling_marks
from tui.loader.result import LoadResult
from tui.model.records import (
    DateBasis,
    Evidence,
    Party,
    Position,
    PositionsFile,
    Source,
    Stance,
    Summit,
    Topic,
    Voice,
)
from tui.safe import literal, visible

STANCE_STYLE: dict[Stance, str] = {
    Stance.SUPPORTS: "bold black on green",
    Stance.OPPOSES: "bold white on red",
    Stance.CONDITIONAL: "bold black on yellow",
    Stance.UNCLEAR: "bold white on bright_black",
}
STANCE_WORD: dict[Stance, str] = {
    Stance.SUPPORTS: "SUPPORTS",
    Stance.OPPOSES: "OPPOSES",
    Stance.CONDITIONAL: "CONDITIONAL",
    Stance.UNCLEAR: "UNCLEAR",
}
NOT_STATED = "not stated in the sources"
STANCE_MEANING: dict[Stance, str] = {
    Stance.SUPPORTS: "yes to the topic's question, in the party's own words or acts",
    Stance.OPPOSES: "no to the topic's question",
    Stance.CONDITIONAL: "yes, under a condition the sources state",
    Stance.UNCLEAR: "the sources bear on the question but give no clear answer in the "
    "party's own words",
}
BASIS_MARK: dict[Basis, str] = {
    Basis.OTHERS: "! others' account",
    Basis.REPORTER: "! reporter's account",
}
"""Cells not resting on their party's own word: a mark in words, readable without colour."""
BASIS_MEANING: dict[Basis, str] = {
    Basis.OTHERS: "no speaker of the party itself; rests on what other parties say",
    Basis.REPORTER: "no speaker at all; rests on the article's own account",
}
NO_POSITION = "no position recorded: the sources do not give one"
_LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")


def _append_literal(out: Text, text: str, style: str = "") -> None:
    """`out.append_text(literal(text, style))` without the `Text` in between: the same
    text and spans (the text snapshot draws tens of thousands of these)."""
    if text:
        out.append(visible(text), style)
    else:
        out.append_text(literal(text, style))  # an empty span still marks the place


def legend(*, padded: bool = True) -> Text:
    """What the stances, a blank cell and the basis marks mean (`padded` as in `badge`)."""
    out = Text()
    for stance in Stance:
        if out:
            out.append("\n")
        out.append_text(badge(stance, padded=padded))
        out.append(f": {STANCE_MEANING[stance]}")
    out.append("\n")
    out.append(NOT_STATED, style="dim italic")
    out.append(f": {NO_POSITION}")
    for basis, mark in BASIS_MARK.items():
        out.append("\n")
        out.append(mark, style="bold yellow")
        out.append(f": {BASIS_MEANING[basis]}")
    return out


def basis_mark(basis: Basis | None) -> Text | None:
    """The mark of a cell that does not rest on its own party's word, or None."""
    if basis is None or basis not in BASIS_MARK:
        return None
    return Text(BASIS_MARK[basis], style="bold yellow")


def dated(day: datetime.date, basis: DateBasis) -> str:
    """A day as YYYY-MM-DD, with "(inferred)" when the sources do not state it."""
    return f"{day.isoformat()} (inferred)" if basis is DateBasis.INFERRED else day.isoformat()


def published(source: Source) -> str:
    """The publication day, with "(inferred)" when the article does not state it."""
    return dated(source.published, source.published_basis)


def attribution(evidence: Evidence, doc: PositionsFile) -> Text:
    """`attribution_words` as a line under a quote: "— Name, role" for direct words."""
    who = speaker_words(evidence, doc)
    if who is None:
        return Text(ARTICLE_VOICE, style="italic")
    out = Text("— " if evidence.voice is Voice.DIRECT else "reported: ")
    _append_literal(out, who, "bold")
    return out


def citation(evidence: Evidence, doc: PositionsFile) -> str:
    """The quote as a writer pastes it: quote, speaker, outlet, title, date, on one line.

    `“…” — Donald Trump, US president (reported), The Guardian, “Title”, 2025-08-13
    (inferred), https://…`: "(reported)" when the words are the article's account of
    what the speaker said, no speaker for the article's own account, "(inferred)"
    where the article does not state its date; a quotation mark left dangling at
    either end of the quote is left out. Plain text with every control
    character escaped (it leaves the app by the clipboard, untrusted as it came).
    """
    source = doc.sources[evidence.source]
    parts: list[str] = []
    who = speaker_words(evidence, doc)
    if who is not None:
        parts.append(who if evidence.voice is Voice.DIRECT else f"{who} (reported)")
    parts += [source.outlet, f"“{source.title}”", published(source)]
    if source.url:
        parts.append(source.url)
    # A quote cut from a quotation that runs over sentences may keep a lone mark at one
    # end: inside the citation's own marks it would read “"When people say …”.
    low, high = without_dangling_marks(evidence.quote)
    line = f"“{evidence.quote[low:high]}” — " + ", ".join(parts)
    # A quote folded over lines in the YAML is one sentence in the article.
    return visible(_LINE_BREAK.sub(" ", line), multiline=False)


def badge(stance: Stance, *, padded: bool = True) -> Text:
    """The stance as a coloured badge that still reads as a word without colour.

    `padded=False` drops the spaces around the word, for plain (colourless) text.
    """
    word = STANCE_WORD[stance]
    return Text(f" {word} " if padded else word, style=STANCE_STYLE[stance])


def evidence_count(verified: list[bool]) -> Text:
    """'2 quotes, all verified' / '2 quotes, 1 not verified'."""
    total = len(verified)
    missing = total - sum(verified)
    noun = "quote" if total == 1 else "quotes"
    if missing == 0:
        return Text(f"{total} {noun}, all verified", style="green")
    if missing == total:
        return Text(f"{total} {noun}, none verified", style="bold red")
    return Text(f"{total} {noun}, {missing} not verified", style="bold red")


def cell(
    position: Position | None,
    verified: list[bool] | None = None,
    markers: list[int] | None = None,
    *,
    padded: bool = True,
    change: str | None = None,
    basis: Basis | None = None,
) -> Text:
    """One cell of the matrix: badge, basis mark, summary, evidence count (and citation
    markers).

    `change` ('added', 'removed' or 'changed') marks a cell that differs from an older
    file (`summit tui --since`), on its first line: a tall cell is cut at the bottom;
    `basis` marks a cell that does not rest on its own party's word.
    """
    out, foot = cell_parts(position, verified, markers, padded=padded, change=change, basis=basis)
    if foot is not None:
        out.append("\n")
        out.append_text(foot)
    return out


def cell_parts(
    position: Position | None,
    verified: list[bool] | None = None,
    markers: list[int] | None = None,
    *,
    padded: bool = True,
    change: str | None = None,
    basis: Basis | None = None,
) -> tuple[Text, Text | None]:
    """`cell` as its body and its foot (the evidence count, None without `verified`):
    the dashboard cuts a tall cell's body and keeps its foot whole."""
    if position is None:
        out = Text()
        if change:
            out.append_text(change_mark(change))
            out.append("\n")
        out.append(NOT_STATED, style="dim italic")
        return out, None
    out = Text()
    out.append_text(badge(position.stance, padded=padded))
    if change:
        out.append(" ")
        out.append_text(change_mark(change))
    out.append("\n")
    mark = basis_mark(basis)
    if mark is not None:
        out.append_text(mark)
        out.append("\n")
    _append_literal(out, position.summary)
    if markers:
        out.append(" " + "".join(f"[{n}]" for n in markers), style="cyan")
    return out, evidence_count(verified) if verified is not None else None


CHANGE_SIGN = {"added": "+", "removed": "-", "changed": "±"}

NOT_STATED_SHORT = "not stated"
"""A cell with no position, in the overview: lower case and without a badge, so that
it never reads as UNCLEAR, with or without colour."""
VERIFIED_MARK, UNVERIFIED_MARK = "✓", "✗"
BASIS_GLYPH: dict[Basis, str] = {Basis.OTHERS: "!o", Basis.REPORTER: "!r"}
"""The basis marks of the overview: `BASIS_MARK` in two cells."""
SUMMARY_MIN = 8
"""Cells of summary worth showing after a compact cell's marks: fewer, and the line
holds only the stance and its marks."""


def compact_cell(
    position: Position | None,
    verified: list[bool] | None = None,
    *,
    change: str | None = None,
    basis: Basis | None = None,
    width: int | None = None,
) -> Text:
    """One cell of the overview, on one line: `± SUPPORTS 2✓!o` and the summary.

    The change since `--since` ('± ', '+ ', '- '), the stance badge, the number of
    quotes with ✓ when all are verified (✗ when not), and `!o` / `!r` when the cell
    rests on others' or the reporter's account (`BASIS_MARK`). With `width`, as much
    of the summary follows as fits, when SUMMARY_MIN cells of it do; the text is set
    to be cut with an ellipsis at its width, never wrapped.
    """
    out = Text(no_wrap=True, overflow="ellipsis", end="")
    if change:
        out.append(f"{CHANGE_SIGN.get(change, '±')} ", style="bold magenta")
    if position is None:
        out.append(NOT_STATED_SHORT, style="dim italic")
        return out
    out.append_text(badge(position.stance, padded=False))
    if verified is not None:
        missing = len(verified) - sum(verified)
        mark = VERIFIED_MARK if missing == 0 else UNVERIFIED_MARK
        out.append(f" {len(verified)}{mark}", style="green" if missing == 0 else "bold red")
    glyph = BASIS_GLYPH.get(basis) if basis is not None else None
    if glyph is not None:
        out.append(glyph, style="bold yellow")
    if width is not None and width - out.cell_len - 1 >= SUMMARY_MIN:
        out.append(" ")
        out.append(visible(_LINE_BREAK.sub(" ", position.summary), multiline=False))
    return out


def compact_width(
    stance: Stance | None, quotes: int, *, change: str | None = None, basis: Basis | None = None
) -> int:
    """Cells `compact_cell` takes without its summary (counted, not drawn: the overview
    asks it of every position of the file to size its columns)."""
    width = 2 if change else 0
    if stance is None:
        return width + len(NOT_STATED_SHORT)
    width += len(STANCE_WORD[stance]) + 2 + len(str(quotes))
    glyph = BASIS_GLYPH.get(basis) if basis is not None else None
    return width + (len(glyph) if glyph else 0)


def change_mark(status: str) -> Text:
    """'± changed' (or '+ added', '- removed') since an older file: readable without colour."""
    return Text(f"{CHANGE_SIGN.get(status, '±')} {status}", style="bold magenta")


def change_lines(since: str, lines: list[str]) -> Text:
    """What changed in a position since an older file, for the detail pane."""
    out = literal(f"Changed since {since}:", "bold magenta", multiline=False)
    for line in lines:
        out.append("\n  ")
        out.append_text(literal(line, multiline=False))
    return out


def topic_heading(topic: Topic) -> Text:
    """A row heading: the title in bold, the question below."""
    out = Text()
    _append_literal(out, topic.title, "bold")
    out.append("\n")
    _append_literal(out, topic.question, "italic")
    return out


def cell_heading(doc: PositionsFile, party: str, topic: str) -> Text:
    """'Party on Topic' and the topic's question below: how `position_detail` starts (the
    detail pane puts what changed since `--since` right under it)."""
    out = Text()
    out.append_text(literal(doc.parties[party].name, "bold"))
    out.append(" on ")
    out.append_text(literal(doc.topics[topic].title, "bold"))
    out.append("\n")
    out.append_text(literal(doc.topics[topic].question, "italic"))
    return out


def party_heading(party: Party, *, short: bool = False) -> Text:
    return literal(party.short if short else party.name, "bold")


def _summit_text(summit: Summit, location: str | None, date: str, as_of: str) -> Text:
    """Title, place (unless `location` is None), day and as-of date, each labelled."""
    out = literal(summit.title, "bold", multiline=False)
    if location is not None:
        out.append(location, style="dim")
        out.append_text(literal(summit.location, multiline=False))
    out.append_text(summit_dates(summit, date, as_of))
    return out


def summit_dates(summit: Summit, date: str = " · ", as_of: str = " · as of ") -> Text:
    """The day and the as-of date, each with its basis, after their (dim) labels."""
    out = Text()
    out.append(date, style="dim")
    out.append(dated(summit.date, summit.date_basis))
    out.append(as_of, style="dim")
    out.append(dated(summit.as_of, summit.as_of_basis))
    return out


def summit_line(summit: Summit, *, place: bool = True) -> Text:
    """Title · place · day · as of, on one line (the dashboard's header); `place=False`
    leaves the place out, for a narrow header."""
    return _summit_text(summit, " · " if place else None, " · ", " · as of ")


def summit_header(summit: Summit) -> Text:
    """Title, place, day and the date the positions reflect, each labelled."""
    return _summit_text(summit, "\nLocation: ", "\nDate: ", "\nPositions as of: ")


def source_line(source: Source) -> Text:
    """Outlet, title, date and file or URL of a source, on one logical line."""
    out = literal(source.outlet, "bold")
    out.append(", ")
    _append_literal(out, f"“{source.title}”")
    out.append(f", {published(source)}")
    out.append(", ")
    _append_literal(out, source.url or source.file, "underline" if source.url else "")
    return out


def evidence_block(
    evidence: Evidence,
    source: Source,
    verified: bool,
    context: str | None = None,
    *,
    doc: PositionsFile,
) -> Text:
    """One evidence item in full: the verbatim quote, who speaks and how, the source,
    and where it stands."""
    out = Text()
    _append_literal(out, f"“{evidence.quote}”", "italic")
    out.append("\n")
    out.append_text(attribution(evidence, doc))
    out.append("\n")
    out.append_text(source_line(source))
    out.append("\n")
    if verified:
        out.append("✓ verified in the archived text", style="green")
    else:
        out.append("✗ not found in the archived text", style="bold red")
    if context:
        out.append("\n")
        out.append("In the article: ", style="dim")
        out.append_text(literal(context, "dim"))
    return out


SELECTED_QUOTE = "▶"


def quote_heading(number: int, total: int, *, selected: bool, note: str = "") -> Text:
    """'▶ Quote 2 of 3' above the selected quote, '  Quote 1 of 3' above the others:
    the selection reads without colour."""
    if selected:
        out = Text(f"{SELECTED_QUOTE} Quote {number} of {total}", style="bold reverse")
        if note:
            out.append(note, style="bold")
        return out
    return Text(f"  Quote {number} of {total}", style="dim")


def position_detail(
    doc: PositionsFile,
    result: LoadResult,
    index: int,
    *,
    selected: int | None = None,
    note: str = "",
) -> Text:
    """A position in full: party, topic, stance, summary and every evidence item.

    With `selected` (and more than one quote), each quote gets a heading and the
    selected one is marked (`quote_heading`), `note` after its mark.
    """
    position = doc.positions[index]
    out = cell_heading(doc, position.party, position.topic)
    out.append("\n\n")
    out.append_text(badge(position.stance))
    out.append(" ")
    out.append_text(literal(position.summary))
    basis = result.basis(index)
    mark = basis_mark(basis)
    if mark is not None and basis is not None:
        out.append("\n")
        out.append_text(mark)
        out.append(f": {BASIS_MEANING[basis]}")
    total = len(position.evidence)
    for j, evidence in enumerate(position.evidence):
        out.append("\n\n")
        if selected is not None and total > 1:
            out.append_text(quote_heading(j + 1, total, selected=j == selected, note=note))
            out.append("\n")
        span = result.span(index, j)
        text = result.text_of(evidence.source)
        context = None
        if span is not None and text is not None:
            start, end = text.line_of(span[0])
            context = text.text[start:end]
        out.append_text(
            evidence_block(
                evidence, doc.sources[evidence.source], span is not None, context, doc=doc
            )
        )
    return out
