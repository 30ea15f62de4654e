"""The HTML page of `summit snapshot --format html`: the snapshot made for a web page.

One self-contained file: inline CSS, no script, no font, image or link that loads
anything (a Content-Security-Policy says so to the browser too). The same content as
the text snapshot, from the same `Snapshot` (numbered citations) and the same words
(`tui.report.render`, `tui.evidence.attribution`): the summit header, the overview table, every
quote with its voice, speaker, source, date and basis, the legend and the sources.

Every string from the file goes through `text`: control characters become visible
escapes (`tui.safe.visible`), then `& < > " '` become character references, so the
same call is safe in text and in a quoted attribute. Only `http`/`https` URLs written
with URL characters become links (`tui.safe.is_web_url`); anything else is shown as
text. Ids and classes are made from positions in the page and from the stance enum,
never from the file's words.

The layout is CSS only: a real table with a caption and scoped headers on a wide
screen; below the width its columns need, one card per topic (the page computes that
width from the number of parties); a print stylesheet for A4 portrait; light and dark
colours (`prefers-color-scheme`), each pair of text and background at WCAG AA
contrast or better; the stance is a word in every cell, its colour only repeats it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date

from tui.analysis.snapshot import Citation, Snapshot
from tui.model.records import DateBasis, PositionsFile, Source, Summit
from tui.safe import is_web_url, visible

COLUMN_PX = 150
"""The narrowest readable column of the overview table, in CSS pixels: below
(parties + 1) times this, the page shows one card per topic instead."""
PRINT_WIDTH_PX = 680
"""The width of an A4 portrait page inside its margins (210 mm - 2 x 15 mm), in CSS
pixels (96 per inch), rounded down."""
PRINT_COLUMN_PX = 120
"""The narrowest column on paper (the print stylesheet's type is smaller)."""


def text(value: str, *, multiline: bool = False) -> str:
    """`value` from the file, safe as HTML text and as a quoted attribute value.

    Controls become visible escapes, as everywhere (`tui.safe`); `multiline` keeps the
    file's line breaks, as <br>."""
    escaped = html.escape(visible(value, multiline=multiline), quote=True)
    return escaped.replace("\n", "<br>\n") if multiline else escaped


def summit_dates(summit: Summit) -> list[tuple[str, date, DateBasis]]:
    """The summit's dates with their basis, as the header shows them."""
    return [
        ("Date", summit.date, summit.date_basis),
        ("Positions as of", summit.as_of, summit.as_of_basis),
    ]


def snapshot_html(snap: Snapshot) -> str:
    """The whole page, deterministic for the same snapshot."""
    source_ids = _listed_sources(snap)
    anchors = {source: f"s{k}" for k, source in enumerate(source_ids, 1)}
    return "\n".join(
        [
            *_head(snap),
            "<main>",
            *_table(snap),
            *_quotes(snap, anchors),
            *_legend(),
            *_sources(snap, source_ids, anchors),
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _head(snap: Snapshot) -> list[str]:
    """The document's head, the summit header and the sections' links."""
    title = text(snap.doc.summit.title)
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="color-scheme" content="light dark">',
        '<meta name="generator" content="summit snapshot --format html">',
        f"<title>{title}: where each party stands</title>",
        f"<style>\n{stylesheet(len(snap.parties))}</style>",
        "</head>",
        "<body>",
        '<header class="summit">',
        f"<h1>{title}</h1>",
        *_facts(snap),
        "</header>",
        '<nav aria-label="Sections"><ul>'
        '<li><a href="#positions">Positions</a></li>'
        '<li><a href="#quotes">Quotes</a></li>'
        '<li><a href="#legend">Legend</a></li>'
        '<li><a href="#sources">Sources</a></li>'
        "</ul></nav>",
    ]


def _table(snap: Snapshot) -> list[str]:
    """The overview: topics down, parties across; each cell links to its quotes."""
    from tui.report.render import BASIS_MARK, NOT_STATED, STANCE_WORD

    doc = snap.doc
    out = [
        '<section id="positions" aria-labelledby="positions-heading">',
        '<h2 id="positions-heading">Positions</h2>',
        '<table class="matrix">',
        "<caption>Where each party stands, topic by topic. Each cell gives the stance in "
        "a word, a mark where the position does not rest on the party's own word, the "
        "curator's summary and the numbers of the quotes behind it (see the legend)."
        "</caption>",
        "<thead><tr>",
        '<th scope="col">Topic</th>',
        *(f'<th scope="col">{text(doc.parties[p].name)}</th>' for p in snap.parties),
        "</tr></thead>",
        "<tbody>",
    ]
    for row, topic_id in enumerate(snap.topics, 1):
        topic = doc.topics[topic_id]
        out.append(f'<tr id="t{row}">')
        out.append(
            f'<th scope="row"><p class="topic">{text(topic.title, multiline=True)}</p>'
            f'<p class="question">{text(topic.question, multiline=True)}</p></th>'
        )
        for party_id in snap.parties:
            # Shown in the cards only, where no column header names the party.
            party = f'<p class="party">{text(doc.parties[party_id].name)}</p>'
            index = snap.cells.get((topic_id, party_id))
            if index is None:
                out.append(
                    f'<td class="cell none">{party}<p class="not-stated">{NOT_STATED}</p></td>'
                )
                continue
            position = doc.positions[index]
            stance = position.stance
            cell = [
                f'<td id="p{index}" class="cell s-{stance.value}">{party}',
                f'<p class="verdict"><span class="stance s-{stance.value}">{STANCE_WORD[stance]}'
                "</span>",
            ]
            basis = snap.result.basis(index)
            if basis in BASIS_MARK:
                cell.append(f' <span class="basis">{text(BASIS_MARK[basis])}</span>')
            cell.append("</p>")
            cell.append(f'<p class="summary">{text(position.summary, multiline=True)}</p>')
            numbers = snap.markers.get(index, [])
            if numbers:
                cell.append(f'<p class="refs">{_quote_links(numbers)}</p>')
            cell.append("</td>")
            out.append("".join(cell))
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</section>"]
    return out


def _quote_links(numbers: Iterable[int]) -> str:
    return " ".join(f'<a href="#q{n}" aria-label="Quote {n}">[{n}]</a>' for n in numbers)


def _quotes(snap: Snapshot, anchors: dict[str, str]) -> list[str]:
    """Every numbered quote in full, each linked back to the cells that cite it."""
    from tui.evidence.attribution import attribution_words

    doc = snap.doc
    cited_in: dict[int, list[int]] = {}
    for index, numbers in snap.markers.items():  # in reading order
        for number in numbers:
            cited_in.setdefault(number, []).append(index)
    out = [
        '<section id="quotes" aria-labelledby="quotes-heading">',
        '<h2 id="quotes-heading">Quotes</h2>',
    ]
    if not snap.citations:
        out.append('<p class="empty">No quotes cited.</p>')
    else:
        out.append('<ol class="quotes">')
        out += [
            _quote(
                citation,
                attribution_words(citation.evidence, doc),
                anchors.get(citation.evidence.source),
                [(index, _cell_name(doc, index)) for index in cited_in.get(citation.number, [])],
            )
            for citation in snap.citations
        ]
        out.append("</ol>")
    out.append("</section>")
    return out


def _sources(snap: Snapshot, source_ids: list[str], anchors: dict[str, str]) -> list[str]:
    """The sources listed, each with the numbers of its quotes."""
    quotes_of: dict[str, list[int]] = {}
    for citation in snap.citations:
        quotes_of.setdefault(citation.evidence.source, []).append(citation.number)
    out = [
        '<section id="sources" aria-labelledby="sources-heading">',
        '<h2 id="sources-heading">Sources</h2>',
    ]
    if not source_ids:
        out.append('<p class="empty">No sources.</p>')
    else:
        out.append('<ol class="sources">')
        out += [
            _source(snap.doc.sources[source_id], anchors[source_id], quotes_of.get(source_id, []))
            for source_id in source_ids
        ]
        out.append("</ol>")
    out.append("</section>")
    return out


def _facts(snap: Snapshot) -> list[str]:
    """The summit header's facts: place, dates with their basis, and the filters."""
    from tui.report.render import dated

    doc = snap.doc
    summit = doc.summit
    facts = [("Location", text(summit.location))]
    for label, day, basis in summit_dates(summit):
        facts.append(
            (label, f'<time datetime="{day.isoformat()}">{_day(dated(day, basis))}</time>')
        )
    if snap.party_filter:
        facts.append(("Parties shown", _joined(doc.parties[p].name for p in snap.parties)))
    if snap.topic_filter:
        facts.append(("Topics shown", _joined(doc.topics[t].title for t in snap.topics)))
    lines = ['<dl class="facts">']
    lines += [f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts]
    lines.append("</dl>")
    return lines


def _day(shown: str) -> str:
    """A day as `dated` writes it, kept on one line."""
    return f'<span class="day">{shown}</span>'


def _joined(names: Iterable[str]) -> str:
    return ", ".join(text(name) for name in names)


def _cell_name(doc: PositionsFile, index: int) -> str:
    position = doc.positions[index]
    return f"{text(doc.parties[position.party].name)} on {text(doc.topics[position.topic].title)}"


def _listed_sources(snap: Snapshot) -> list[str]:
    """Every source of the file; with a filter, only those the shown positions cite (as
    the JSON snapshot lists them)."""
    doc = snap.doc
    if not (snap.party_filter or snap.topic_filter):
        return list(doc.sources)
    cited = {e.source for i in snap.included() for e in doc.positions[i].evidence}
    return [s for s in doc.sources if s in cited]


def _quote(
    citation: Citation,
    who: str,
    source_anchor: str | None,
    cells: list[tuple[int, str]],
) -> str:
    from tui.report.render import published

    evidence, source, number = citation.evidence, citation.source, citation.number
    name = f"{text(source.outlet)}, <cite>“{text(source.title)}”</cite>"
    if source_anchor is not None:
        name = f'<a href="#{source_anchor}">{name}</a>'
    status = (
        '<p class="check ok">✓ verified in the archived text</p>'
        if citation.verified
        else '<p class="check missing">✗ not found in the archived text</p>'
    )
    back = ", ".join(f'<a href="#p{index}">{label}</a>' for index, label in cells)
    parts = [
        f'<li id="q{number}" class="quote">',
        f'<span class="number">[{number}]</span>',
        f"<blockquote><p>“{text(evidence.quote, multiline=True)}”</p></blockquote>",
        f'<p class="who">— {text(who)}</p>',
        f'<p class="from">{name}, {_day(published(source))}</p>',
        status,
    ]
    if back:
        parts.append(f'<p class="back">Cited for: {back}</p>')
    parts.append("</li>")
    return "\n".join(parts)


def _source(source: Source, anchor: str, quotes: list[int]) -> str:
    from tui.report.render import published

    parts = [
        f'<li id="{anchor}" class="source">',
        f"<p><strong>{text(source.outlet)}</strong>, <cite>“{text(source.title)}”</cite>, "
        f"{_day(published(source))}</p>",
    ]
    url = source.url
    if url is not None and is_web_url(url):
        parts.append(f'<p>Online: <a href="{text(url)}" rel="noreferrer">{text(url)}</a></p>')
    elif url is not None:
        parts.append(f"<p>Address (not linked: not a web address): <code>{text(url)}</code></p>")
    parts.append(f"<p>Archived copy: <code>{text(source.file)}</code></p>")
    if source.note is not None:
        parts.append(f'<p class="note">Note: {text(source.note, multiline=True)}</p>')
    if quotes:
        parts.append(f'<p class="back">Its quotes: {_quote_links(quotes)}</p>')
    parts.append("</li>")
    return "\n".join(parts)


def _legend() -> list[str]:
    from tui.evidence.attribution import ARTICLE_VOICE
    from tui.report.render import (
        BASIS_MARK,
        BASIS_MEANING,
        NO_POSITION,
        NOT_STATED,
        STANCE_MEANING,
        STANCE_WORD,
    )

    entries = [
        (f'<span class="stance s-{stance.value}">{STANCE_WORD[stance]}</span>', meaning)
        for stance, meaning in STANCE_MEANING.items()
    ]
    entries.append((f'<span class="not-stated">{NOT_STATED}</span>', NO_POSITION))
    entries += [
        (f'<span class="basis">{html.escape(mark)}</span>', BASIS_MEANING[basis])
        for basis, mark in BASIS_MARK.items()
    ]
    entries += [
        ("— Name, role", "the speaker's own words, quoted in the article"),
        ("— reported: Name, role", "the article's account of what the speaker said or did"),
        (f"— {html.escape(ARTICLE_VOICE)}", "the article's own words, naming no speaker"),
        ("(inferred)", "the source does not state this date; the curator worked it out"),
        ("✓ / ✗", "the quote was found, or not, in the archived copy of its source"),
    ]
    lines = [
        '<section id="legend" aria-labelledby="legend-heading">',
        '<h2 id="legend-heading">Legend</h2>',
        '<dl class="legend">',
    ]
    lines += [
        f"<div><dt>{term}</dt><dd>{html.escape(meaning)}</dd></div>" for term, meaning in entries
    ]
    lines += ["</dl>", "</section>"]
    return lines


# --- the stylesheet ------------------------------------------------------------------

_COLOURS = """\
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1b1f; --muted: #53565c; --link: #0b57d0; --line: #c4c7cc;
  --head: #eef0f3; --target: #fff1b0; --focus: #0b57d0;
  --basis: #8a4500; --ok: #1d6b34; --missing: #a3161a;
  --supports-fg: #0b3d1c; --supports-bg: #cdeed6; --supports-edge: #2e7d32;
  --opposes-fg: #731012; --opposes-bg: #f9d6d4; --opposes-edge: #c62828;
  --conditional-fg: #573a00; --conditional-bg: #fbe7b3; --conditional-edge: #b7791f;
  --unclear-fg: #2f3136; --unclear-bg: #e2e3e6; --unclear-edge: #7a7d83;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16181c; --fg: #e9eaec; --muted: #b3b7be; --link: #8ab4f8; --line: #4a4f57;
    --head: #23262c; --target: #3b3412; --focus: #8ab4f8;
    --basis: #f2b35b; --ok: #7ed69a; --missing: #ff9d97;
    --supports-fg: #d5f6de; --supports-bg: #1e4a2b; --supports-edge: #4caf50;
    --opposes-fg: #ffdcd9; --opposes-bg: #5e1c1c; --opposes-edge: #ef5350;
    --conditional-fg: #ffefc4; --conditional-bg: #54420e; --conditional-edge: #d9a52b;
    --unclear-fg: #e8e9ec; --unclear-bg: #3b3e44; --unclear-edge: #9a9ea6;
  }
}
"""
"""Every pair of text and background colour here meets WCAG AA (4.5:1) in both schemes;
tests/browser/test_html_page.py measures them in the rendered page."""

_BASE = """\
*, *::before, *::after { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 90rem; padding: 1rem 1.25rem 3rem;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
  overflow-wrap: anywhere;
}
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0.5rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 0.9em; }
cite { font-style: normal; }
.facts { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0; }
.facts div { display: flex; gap: 0.4rem; }
.facts dt { color: var(--muted); flex: none; }
.facts dd { margin: 0; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 1rem 0 0;
  padding: 0; }
.matrix { width: 100%; border-collapse: collapse; table-layout: fixed; }
.matrix caption { text-align: left; color: var(--muted); padding: 0 0 0.5rem; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 0.5rem 0.6rem;
  vertical-align: top; text-align: left; }
.matrix thead th { background: var(--head); position: sticky; top: 0; z-index: 1; }
.matrix thead th:first-child { width: 17%; }
.matrix tbody th { background: var(--head); font-weight: normal; }
.matrix p { margin: 0; }
.matrix .topic { font-weight: bold; }
.matrix .question { font-style: italic; color: var(--muted); }
.matrix .party { display: none; }
.cell.s-supports { border-left: 4px solid var(--supports-edge); }
.cell.s-opposes { border-left: 4px solid var(--opposes-edge); }
.cell.s-conditional { border-left: 4px solid var(--conditional-edge); }
.cell.s-unclear { border-left: 4px solid var(--unclear-edge); }
.stance { display: inline-block; font-weight: bold; font-size: 0.85em; letter-spacing: 0.03em;
  padding: 0.05rem 0.45rem; border-radius: 0.25rem; border: 1px solid currentColor; }
.stance.s-supports { color: var(--supports-fg); background: var(--supports-bg); }
.stance.s-opposes { color: var(--opposes-fg); background: var(--opposes-bg); }
.stance.s-conditional { color: var(--conditional-fg); background: var(--conditional-bg); }
.stance.s-unclear { color: var(--unclear-fg); background: var(--unclear-bg); }
.basis { font-weight: bold; color: var(--basis); }
.verdict .basis { display: block; margin-top: 0.2rem; }
.matrix .summary { margin-top: 0.3rem; }
.matrix .refs { margin-top: 0.2rem; }
.not-stated { font-style: italic; color: var(--muted); }
:target { background: var(--target); }
.quotes, .sources { list-style: none; padding: 0; margin: 0; }
.quote, .source { border-top: 1px solid var(--line); padding: 0.75rem 0; }
.quote { display: grid; grid-template-columns: 3.2rem minmax(0, 1fr); }
.quote > * { grid-column: 2; }
.quote > .number { grid-column: 1; grid-row: 1 / span 6; font-weight: bold; }
#quotes, #legend, #sources { max-width: 52rem; }
.day { white-space: nowrap; }
.quote blockquote { margin: 0.25rem 0 0.4rem; padding-left: 0.9rem;
  border-left: 3px solid var(--line); font-family: Georgia, "DejaVu Serif", serif;
  font-style: italic; }
.quote p, .source p { margin: 0.15rem 0; }
.who { font-weight: bold; }
.check.ok { color: var(--ok); }
.check.missing { color: var(--missing); font-weight: bold; }
.back, .note { color: var(--muted); }
.legend { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.35rem 1rem;
  margin: 0; }
.legend div { display: contents; }
.legend dd { margin: 0; }
"""

_CARDS = """\
  .matrix, .matrix tbody, .matrix tr, .matrix th, .matrix td, .matrix caption {
    display: block; width: auto; }
  .matrix thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }
  .matrix tbody tr { border: 1px solid var(--line); border-radius: 0.4rem; margin: 0 0 1rem;
    overflow: hidden; }
  .matrix th, .matrix td { border: 0; border-top: 1px solid var(--line); }
  .matrix tbody th { border-top: 0; }
  .matrix .party { display: block; font-weight: bold; margin-bottom: 0.2rem; }
  .matrix .none p { display: inline; }
  .matrix .none .party { margin: 0 0.3rem 0 0; }
  .matrix .none .party::after { content: ":"; }
"""
"""One card per topic: the rows and cells of the table as blocks, each cell naming its
party (the column headers are kept for screen readers, out of sight)."""

_PRINT = """\
@page { size: A4 portrait; margin: 15mm; }
@media print {
  :root {
    color-scheme: light;
    --bg: #ffffff; --fg: #000000; --muted: #3d3f44; --link: #000000; --line: #9a9da3;
    --head: #f1f2f4; --target: #ffffff; --basis: #6b3500; --ok: #15522a; --missing: #8a1216;
    --supports-fg: #0b3d1c; --supports-bg: #cdeed6; --supports-edge: #2e7d32;
    --opposes-fg: #731012; --opposes-bg: #f9d6d4; --opposes-edge: #c62828;
    --conditional-fg: #573a00; --conditional-bg: #fbe7b3; --conditional-edge: #b7791f;
    --unclear-fg: #2f3136; --unclear-bg: #e2e3e6; --unclear-edge: #7a7d83;
  }
  html { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h1 { font-size: 16pt; }
  h2 { font-size: 12.5pt; break-after: avoid; }
  nav { display: none; }
  .matrix th, .matrix td { padding: 0.3rem 0.4rem; }
  .matrix thead { display: table-header-group; }
  .matrix thead th { position: static; }
  .quote, .source, .legend div { break-inside: avoid; }
  a { text-decoration: none; }
}
"""


def stylesheet(parties: int) -> str:
    """The page's CSS (ASCII only): colours, layout, the cards below the width the
    table's columns need (they depend on how many parties there are), and print."""
    columns = parties + 1
    cards_below = max(640, columns * COLUMN_PX)
    css = _COLOURS + _BASE + f"@media screen and (max-width: {cards_below}px) {{\n{_CARDS}}}\n"
    css += _PRINT
    if columns * PRINT_COLUMN_PX > PRINT_WIDTH_PX:
        css += f"@media print {{\n{_CARDS}}}\n"
    return css
