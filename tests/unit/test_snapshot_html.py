"""`summit snapshot --format html`: the page's bytes, structure, links and escaping.

Read here with the standard library's HTML parser; tests/browser/ loads the same pages
in Chromium (layout, contrast, what a browser makes of the hostile strings). The golden
page is tests/fixtures/golden/snapshot.html (see tests/unit/test_snapshot.py to
regenerate it).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import ROOT, probe
from tests.unit.test_snapshot import GOLDEN, GOLDEN_FILE, assert_golden
from tui.cli import main
from tui.report.html import text
from tui.report.html_style import PRINT_COLUMN_PX, PRINT_WIDTH_PX, stylesheet
from tui.safe import visible

VOID = {"meta", "br", "link", "img", "input", "hr", "wbr"}
TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "dl", "div", "dt",
    "dd", "time", "span", "nav", "ul", "li", "a", "main", "section", "table", "caption",
    "thead", "tbody", "tr", "th", "td", "ol", "blockquote", "p", "br", "cite", "strong",
    "code",
}  # fmt: skip
"""Every element the page is made of: nothing from the data adds one."""
ATTRIBUTES = {"lang", "charset", "name", "content", "http-equiv", "class", "id", "href"}
ATTRIBUTES |= {"aria-label", "aria-labelledby", "scope", "datetime", "rel"}


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`summit snapshot ARGS` in process: (exit code, stdout, stderr)."""

    def snapshot(*args: str | Path) -> tuple[int, str, str]:
        code = main(["snapshot", *map(str, args)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return snapshot


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    anchor: str | None
    """The id of the nearest element around it (or its own) that has one."""
    text: str = ""


@dataclass
class Page(HTMLParser):
    """The elements of a page in order, each with its text (children's included)."""

    elements: list[Element] = field(default_factory=list)
    stack: list[Element] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if len(values) != len(attrs):
            self.errors.append(f"repeated attribute in <{tag}>")
        anchor = values.get("id") or (self.stack[-1].anchor if self.stack else None)
        element = Element(tag, values, anchor)
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag if self.stack else ''}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data

    def all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and (cls is None or cls in e.attrs.get("class", "").split())
        ]

    def by_id(self, ident: str) -> Element:
        (found,) = [e for e in self.elements if e.attrs.get("id") == ident]
        return found


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    assert parsed.errors == []
    assert parsed.stack == []  # every element closed
    return parsed


def page_of(run: Run, path: Path, *args: str) -> str:
    code, out, err = run(path, "--format", "html", *args)
    assert (code, err) == (0, ""), err
    return out


# --- the golden page -----------------------------------------------------------------


def test_html_golden(run: Run) -> None:
    assert_golden("snapshot.html", page_of(run, GOLDEN_FILE))


def test_same_file_same_bytes(run: Run) -> None:
    assert page_of(run, GOLDEN_FILE) == page_of(run, GOLDEN_FILE)


def test_self_contained_and_made_only_of_its_own_elements(run: Run) -> None:
    page = page_of(run, GOLDEN_FILE)
    parsed = parse(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert {e.tag for e in parsed.elements} <= TAGS
    assert {name for e in parsed.elements for name in e.attrs} <= ATTRIBUTES
    ids = [e.attrs["id"] for e in parsed.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    # Nothing to load: one stylesheet, inline and ASCII, with no url() or @import; the
    # only outside links are the sources' web addresses.
    (style,) = parsed.all("style")
    assert style.text.isascii() and "url(" not in style.text and "@import" not in style.text
    outside = [e.attrs["href"] for e in parsed.all("a") if not e.attrs["href"].startswith("#")]
    assert outside == ["https://example.org/news/talks-alaska"]
    assert "script" not in page.lower()
    policy = [e for e in parsed.all("meta") if e.attrs.get("http-equiv")]
    assert policy[0].attrs["content"] == "default-src 'none'; style-src 'unsafe-inline'"


def test_header_dates_and_their_basis(run: Run) -> None:
    parsed = parse(page_of(run, GOLDEN_FILE))
    assert parsed.all("h1")[0].text == "Golden summit"
    facts = [
        (dt.text, dd.text)
        for dt, dd in zip(parsed.all("dt")[:3], parsed.all("dd")[:3], strict=True)
    ]
    assert facts == [
        ("Location", "Anchorage, Alaska"),
        ("Date", "2025-08-15 (inferred)"),
        ("Positions as of", "2025-08-13"),
    ]
    assert [t.attrs["datetime"] for t in parsed.all("time")] == ["2025-08-15", "2025-08-13"]
    # The curator's note on the summit, linked from the header, at the end of the page.
    assert parsed.all("dd")[3].text == "the curator's, on the summit"
    assert parsed.by_id("summit-note").text.strip() == (
        'Note on the summit\nThe sources say "on Friday"; the calendar day is the public record.'
    )

    sources = [s.text for s in parsed.all("li", "source")]
    assert "“Sanctions on the table”, 2025-08-13 (inferred)" in sources[1]
    assert "(inferred)" not in sources[0]


def test_a_real_table_with_caption_and_scoped_headers(run: Run) -> None:
    parsed = parse(page_of(run, GOLDEN_FILE))
    assert len(parsed.all("table")) == 1
    assert parsed.all("caption")[0].text.startswith("Where each party stands")
    columns = [th for th in parsed.all("th") if th.attrs.get("scope") == "col"]
    rows = [th for th in parsed.all("th") if th.attrs.get("scope") == "row"]
    assert [c.text for c in columns] == [
        "Topic",
        "United States",
        "Russia",
        "Ukraine",
        "European Union",
    ]
    assert [r.text for r in rows] == [
        t.text + q.text for t, q in zip(*_topics(parsed), strict=True)
    ]
    assert [t.text for t in _topics(parsed)[0]] == [
        "Ceasefire first",
        "Sanctions",
        "Ukraine at the table",
    ]
    assert len(parsed.all("th")) == len(columns) + len(rows)
    cells = parsed.all("td")
    assert len(cells) == 3 * 4
    # The stance is a word in every stated cell, apart from the other words even without
    # the stylesheet; each cell names its party (shown in the cards).
    # As the text snapshot has them (tests/fixtures/golden/snapshot-100.txt).
    assert [p.text for p in parsed.all("p", "verdict")] == [
        "SUPPORTS",
        "OPPOSES",
        "CONDITIONAL ! reporter's account",
        "SUPPORTS ! reporter's account",
        "OPPOSES ! reporter's account",
        "UNCLEAR ! reporter's account",
        "SUPPORTS ! others' account",
        "SUPPORTS ! others' account",
    ]
    assert [p.text for p in parsed.all("p", "party")] == [c.text for c in columns[1:]] * 3
    assert [c.text for c in cells if "none" in c.attrs["class"]] == [
        "Ukrainenot stated in the sources",
        "Ukrainenot stated in the sources",
        "European Unionnot stated in the sources",
        "Russianot stated in the sources",
    ]


def _topics(parsed: Page) -> tuple[list[Element], list[Element]]:
    return parsed.all("p", "topic"), parsed.all("p", "question")


def test_every_quote_is_linked_both_ways_with_its_cells(run: Run) -> None:
    parsed = parse(page_of(run, GOLDEN_FILE))
    links = [(a.anchor or "", a.attrs["href"][1:]) for a in parsed.all("a")]
    to_quote = {(cell, q) for cell, q in links if q.startswith("q") and cell.startswith("p")}
    to_cell = {(q, cell) for q, cell in links if q.startswith("q") and cell.startswith("p")}
    quotes = [li.attrs["id"] for li in parsed.all("li", "quote")]
    assert quotes == [f"q{n}" for n in range(1, 10)]
    # Each cell's markers lead to its quotes, and each quote leads back to exactly the
    # cells that cite it: the same pairs both ways.
    assert {cell for cell, _ in to_quote} == {
        c.attrs["id"] for c in parsed.all("td") if "id" in c.attrs
    }
    assert {q for _, q in to_quote} == set(quotes)
    assert to_cell == {(q, cell) for cell, q in to_quote}
    # The quote repeated by two parties (Ukraine and the EU) leads back to both.
    shared = [q for q in quotes if sum(1 for pair in to_cell if pair[0] == q) == 2]
    assert len(shared) == 1
    assert "No decision about Ukraine without Ukraine." in parsed.by_id(shared[0]).text
    # Every fragment link lands on an element of the page.
    ids = {e.attrs["id"] for e in parsed.elements if "id" in e.attrs}
    assert {href[1:] for a in parsed.all("a") if (href := a.attrs["href"]).startswith("#")} <= ids


def test_quotes_carry_voice_speaker_source_date_and_check(run: Run) -> None:
    parsed = parse(page_of(run, GOLDEN_FILE))
    quotes = {li.attrs["id"]: li.text for li in parsed.all("li", "quote")}
    whole = "\n".join(quotes.values())
    assert "— The president" in whole and "— reported: Foreign minister" in whole
    assert "— the article's account" in whole
    assert whole.count("✓ verified in the archived text") == 9
    assert "The Example Times, “Sanctions on the table”, 2025-08-13 (inferred)" in whole
    # The legend explains every mark the page uses.
    legend = parse_legend(parsed)
    for term in ("SUPPORTS", "OPPOSES", "CONDITIONAL", "UNCLEAR", "not stated in the sources"):
        assert term in legend
    for term in ("! others' account", "! reporter's account", "(inferred)", "— reported: "):
        assert term in legend


def parse_legend(parsed: Page) -> str:
    return next(e.text for e in parsed.all("section") if e.attrs["id"] == "legend")


def test_sources_list_every_source_and_link_only_web_addresses(run: Run) -> None:
    parsed = parse(page_of(run, GOLDEN_FILE))
    sources = parsed.all("li", "source")
    assert len(sources) == 3  # the uncited one too, as the JSON lists it
    assert "Online: https://example.org/news/talks-alaska" in sources[0].text
    assert "Archived copy: seeds/sanctions.txt" in sources[1].text


def test_filters_show_in_the_header_and_narrow_the_sources(run: Run) -> None:
    parsed = parse(page_of(run, GOLDEN_FILE, "--party", "ru", "--topic", "sanctions"))
    facts = dict(
        zip([d.text for d in parsed.all("dt")], [d.text for d in parsed.all("dd")], strict=True)
    )
    assert facts["Parties shown"] == "Russia" and facts["Topics shown"] == "Sanctions"
    assert [c.text for c in parsed.all("th") if c.attrs.get("scope") == "col"] == [
        "Topic",
        "Russia",
    ]
    assert len(parsed.all("li", "source")) == 2


# --- hostile data ----------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script> \"><img src=x onerror=alert(2)> ' onmouseover='alert(3)' "
    "</style></title><!-- --> [bold]x[/bold] [@click=app.quit]q \x1b[31mRED \x9b \u202e "
    "&amp; &lt;b&gt; `c` *e*"
)


def _yaml(value: str) -> str:
    out = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    for char, escape in {"\x1b": "\\e", "\x9b": "\\x9b", "\u202e": "\\u202e"}.items():
        out = out.replace(char, escape)
    return f'"{out}"'


@pytest.fixture
def hostile(write_file: Callable[..., Path]) -> Callable[[str], Path]:
    """A valid file with HOSTILE in every field and the given URL on a source."""

    def make(url: str) -> Path:
        h = _yaml(HOSTILE)
        summary = _yaml("two\nlines " + HOSTILE)
        return write_file(
            f"""\
summit: {{title: {h}, location: {h}, date: 2025-08-15, date_basis: inferred,
          as_of: 2025-08-13, as_of_basis: stated, note: {h}}}
sources:
  art:
    outlet: {h}
    title: {h}
    published: 2025-08-13
    published_basis: inferred
    file: article.txt
    url: {_yaml(url)}
    note: {h}
parties:
  a: {{name: {h}, short: {h}}}
  b: {{name: {h}, short: b}}
topics:
  t: {{title: {h}, question: {h}}}
positions:
  - party: a
    topic: t
    stance: supports
    summary: {summary}
    evidence:
      - {{source: art, quote: {h}, voice: reported, speaker: p}}
people:
  p: {{name: {h}, role: {h}, party: b}}
""",
            article=f"Intro.\n{HOSTILE}\n",
            dedent=False,
        )

    return make


SHOWN = visible(HOSTILE)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        'https://example.org/" onclick="alert(1)',
        "https://example.org/a b",
        "https://example.org/\x1b[31m",
        "ftp://example.org/file",
        "HTTPS://example.org/",
    ],
)
def test_hostile_strings_are_text_and_only_web_urls_are_links(
    run: Run,
    hostile: Callable[[str], Path],
    url: str,
) -> None:
    page = page_of(run, hostile(url))
    parsed = parse(page)
    # Nothing from the data became an element or an attribute.
    assert {e.tag for e in parsed.elements} <= TAGS
    assert {name for e in parsed.elements for name in e.attrs} <= ATTRIBUTES
    assert [a.attrs["href"] for a in parsed.all("a") if not a.attrs["href"].startswith("#")] == []
    # ... and shows as written, controls as escapes: title, place, names, topic, summary,
    # quote, speaker, role, outlet, source title, note.
    assert parsed.all("h1")[0].text == SHOWN
    body = next(e for e in parsed.elements if e.tag == "body").text
    assert body.count(SHOWN) >= 14
    assert "two\nlines " + SHOWN in body  # the line break kept, as <br>
    shown_url = visible(url, multiline=False)
    assert f"Address (not linked: not a web address): {shown_url}" in body
    # No raw control character; the data's markup only as references.
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", page)
    assert "<script>" not in page and "<img" not in page and "&lt;img src=x onerror" in page
    (title,) = parsed.all("title")
    assert title.text == f"{SHOWN}: where each party stands"


def test_a_web_url_is_a_link_with_its_characters_escaped(
    run: Run,
    hostile: Callable[[str], Path],
) -> None:
    url = "https://example.org/a?b=1&c='2'#x"
    parsed = parse(page_of(run, hostile(url)))
    (link,) = [a for a in parsed.all("a") if not a.attrs["href"].startswith("#")]
    assert link.attrs["href"] == url and link.text == url
    assert link.attrs["rel"] == "noreferrer"


def test_text_escapes_for_text_and_attributes() -> None:
    assert (
        text("<a href=\"x\" title='y'>&") == "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;"
    )
    assert text("a\x1bb\u202ec\nd") == "a\\eb\\u202ec\\nd"
    assert text("a\nb", multiline=True) == "a<br>\nb"


# --- the output's encoding -----------------------------------------------------------


def test_non_utf8_output_is_ascii_with_references(tmp_path: Path) -> None:
    """The page declares UTF-8: written to a latin-1 stream, it is pure ASCII, every other
    character a reference, and reads back as the same page."""
    args = [sys.executable, "-m", "tui", "snapshot", "--format", "html", str(GOLDEN_FILE)]
    utf8 = subprocess.run(args, capture_output=True, cwd=ROOT, check=True, env=_env("utf-8"))
    latin = subprocess.run(args, capture_output=True, cwd=ROOT, check=True, env=_env("latin-1"))
    assert latin.stdout.isascii()
    assert not utf8.stdout.isascii()  # the golden page has curly quotes and dashes
    assert html.unescape(latin.stdout.decode("ascii")) == html.unescape(utf8.stdout.decode())
    assert b'<meta charset="utf-8">' in latin.stdout


def _env(encoding: str) -> dict[str, str]:
    import os

    return dict(os.environ, PYTHONIOENCODING=encoding, PYTHONPATH=str(ROOT))


# --- the stylesheet ------------------------------------------------------------------


def test_cards_below_the_width_the_columns_need_and_on_paper_when_too_many() -> None:
    four = stylesheet(4)
    assert "@media screen and (max-width: 750px)" in four
    assert "@page { size: A4 portrait;" in four
    assert "prefers-color-scheme: dark" in four
    # Four parties and the topic fit an A4 page's width as columns; seven do not.
    assert 5 * PRINT_COLUMN_PX <= PRINT_WIDTH_PX < 8 * PRINT_COLUMN_PX
    assert four.count("@media print") == 1
    assert stylesheet(7).count("@media print") == 2
    assert "@media screen and (max-width: 1200px)" in stylesheet(7)
    assert "@media screen and (max-width: 640px)" in stylesheet(1)


def test_golden_page_is_clean() -> None:
    page = (GOLDEN / "snapshot.html").read_text(encoding="utf-8")
    assert page.endswith("</html>\n")
    assert all(line == line.rstrip() for line in page.split("\n"))


def test_no_textual_on_the_html_path(tmp_path: Path) -> None:
    run = ["snapshot", "--format", "html", str(GOLDEN_FILE)]
    assert probe(tmp_path, [], run) == {"codes": [0], "loaded": []}
