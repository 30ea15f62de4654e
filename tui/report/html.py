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

The layout is CSS only (`tui.report.html_style`): a real table with a caption and scoped
headers on a wide screen, one card per topic on a narrow one, print on A4, light and
dark; the stance is a word in every cell, its colour only repeats it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date

from tui.analysis.snapshot import Citation, Snapshot
from tui.model.records import DateBasis, PositionsFile, Source, Summit
from tui.report.html_style import stylesheet
from tui.safe import is_web_url, visible


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
            *_summit_note(snap),
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
    """The summit header's facts: place, dates with their basis, the filters, and a link
    to the curator's note on the summit."""
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
    if summit.note is not None:  # at the end of the page: it can run long
        facts.append(("Note", '<a href="#summit-note">the curator\'s, on the summit</a>'))
    lines = ['<dl class="facts">']
    lines += [f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts]
    lines.append("</dl>")
    return lines


def _summit_note(snap: Snapshot) -> list[str]:
    """The curator's note on the summit (how an inferred date was worked out, say)."""
    note = snap.doc.summit.note
    if note is None:
        return []
    return [
        '<section id="summit-note" aria-labelledby="summit-note-heading">',
        '<h2 id="summit-note-heading">Note on the summit</h2>',
        f'<p class="note">{text(note, multiline=True)}</p>',
        "</section>",
    ]


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
        (
            "(inferred)",
            "the sources do not state this date; the curator worked it out (the note says how)",
        ),
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
