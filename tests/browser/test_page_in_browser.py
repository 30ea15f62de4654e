"""`summit snapshot --format html` in Chromium: what the rendered page holds, that it
never scrolls sideways (375 px, 1280 px, an A4 page), that every text meets WCAG AA
contrast in light, dark and print, that the quotes and cells link both ways, and that
hostile strings are inert text even without the page's Content-Security-Policy.

A screenshot of each width and scheme is kept (tests/browser/conftest.py says where).
The README's pictures of the page (docs/snapshot-html*.png) are made here too:

    UPDATE_GOLDEN=1 pytest tests/browser/test_page_in_browser.py -k readme
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.chrome import png_size, viewport
from tests.helpers import FIXTURES, ROOT, SHIPPED, summit
from tui.safe import visible

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

pytestmark = pytest.mark.browser

A4_POINTS = (595.28, 841.89)
A4_CONTENT_PX = 680
"""An A4 page's width inside the print stylesheet's 15 mm margins, in CSS pixels."""

HOSTILE = (
    "<script>document.title='pwned'</script> \"><img src=x onerror=\"document.title='pwned'\"> "
    "' onmouseover='document.title=1' <svg onload=\"document.title='pwned'\"></svg> "
    "</style></table></title><!-- [bold]x[/bold] \x1b[31mRED \u202e &amp; "
    "averyveryverylongwordwithoutanyspacethatwouldpushthepagewideropenifitcouldnotbreak"
)
SHOWN = visible(HOSTILE)


@dataclass
class Page:
    path: Path
    data: dict[str, object]
    """The JSON snapshot of the same file: what the page must show."""

    @property
    def url(self) -> str:
        return self.path.as_uri()


def _yaml(value: str) -> str:
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + out.replace("\x1b", "\\e").replace("\u202e", "\\u202e") + '"'


def _hostile_file(folder: Path) -> Path:
    h = _yaml(HOSTILE)
    (folder / "article.txt").write_text(f"Intro.\n{HOSTILE}\n", encoding="utf-8")
    path = folder / "positions.yaml"
    path.write_text(
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
    url: {_yaml("javascript:document.title='pwned'")}
    note: {h}
parties:
  a: {{name: {h}, short: a}}
  b: {{name: {h}, short: b}}
  c: {{name: plain, short: c}}
topics:
  t: {{title: {h}, question: {h}}}
  u: {{title: second, question: {h}}}
positions:
  - party: a
    topic: t
    stance: supports
    summary: {h}
    evidence:
      - {{source: art, quote: {h}, voice: reported, speaker: p}}
  - party: c
    topic: u
    stance: unclear
    summary: {h}
    evidence:
      - {{source: art, quote: {h}, voice: article}}
people:
  p: {{name: {h}, role: {h}, party: b}}
""",
        encoding="utf-8",
    )
    return path


def _page(source: Path, folder: Path, name: str, *, policy: bool = True) -> Page:
    env = {"XDG_CACHE_HOME": str(folder / "cache")}
    made = summit("snapshot", "--format", "html", str(source), cwd=source.parent, env=env)
    assert made.returncode == 0, made.stderr
    page = made.stdout
    if not policy:
        # The escaping alone must make the data inert: no policy to stop a script.
        page, count = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", page)
        assert count == 1
    path = folder / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    data = summit("snapshot", "--format", "json", str(source), cwd=source.parent, env=env)
    return Page(path, json.loads(data.stdout))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Page]]:
    folder = tmp_path_factory.mktemp("pages")
    hostile = tmp_path_factory.mktemp("hostile")
    yield {
        "shipped": _page(SHIPPED, folder, "shipped"),
        "golden": _page(FIXTURES / "golden" / "positions.yaml", folder, "golden"),
        "hostile": _page(_hostile_file(hostile), folder, "hostile", policy=False),
    }


def load(driver: WebDriver, url: str, width: int, height: int = 900, **media: str) -> None:
    viewport(driver, width, height, **media)
    driver.get(url)


def overflow(driver: WebDriver) -> tuple[int, int, int]:
    """The page's scroll width, the width it has (the viewport less a vertical scroll
    bar: a classic one, the stricter case) and the viewport's width."""
    return tuple(  # type: ignore[return-value]
        driver.execute_script(
            "const e = document.documentElement;"
            "return [e.scrollWidth, e.clientWidth, window.innerWidth];"
        )
    )


# --- content -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["shipped", "golden"])
def test_every_quote_and_party_is_on_the_page(
    browser: WebDriver, pages: dict[str, Page], name: str
) -> None:
    page = pages[name]
    load(browser, page.url, 1280)
    parties = browser.execute_script(
        "return [...document.querySelectorAll('thead th')].map(th => th.textContent);"
    )
    assert parties == ["Topic", *(p["name"] for p in page.data["parties"])]  # type: ignore[attr-defined]
    quotes = set(
        browser.execute_script(
            "return [...document.querySelectorAll('.quote blockquote')].map(q => q.textContent);"
        )
    )
    wanted = {
        f"“{e['quote']}”"
        for position in page.data["positions"]  # type: ignore[attr-defined]
        for e in position["evidence"]
    }
    assert quotes == wanted
    # Each stated cell shows its stance as a word.
    words = browser.execute_script(
        "return [...document.querySelectorAll('td .stance')].map(s => s.innerText);"
    )
    stances = [
        p["stance"].upper()
        for t in page.data["topics"]  # type: ignore[attr-defined]
        for party in page.data["parties"]  # type: ignore[attr-defined]
        for p in page.data["positions"]  # type: ignore[attr-defined]
        if p["topic"] == t["id"] and p["party"] == party["id"]
    ]
    assert words == stances


def test_quotes_and_cells_link_both_ways(browser: WebDriver, pages: dict[str, Page]) -> None:
    from selenium.webdriver.common.by import By

    load(browser, pages["golden"].url, 1280)
    browser.find_element(By.CSS_SELECTOR, "#p0 .refs a").click()
    assert browser.execute_script("return location.hash;") == "#q1"
    target = browser.execute_script("return document.querySelector(':target').id;")
    assert target == "q1"
    browser.find_element(By.CSS_SELECTOR, "#q1 .back a").click()
    assert browser.execute_script("return location.hash;") == "#p0"


# --- layout --------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", ["shipped", "hostile"])
def test_no_sideways_scrolling_and_a_screenshot_of_the_table(
    browser: WebDriver, pages: dict[str, Page], shots: Path, name: str, width: int, scheme: str
) -> None:
    height = 900
    load(browser, pages[name].url, width, height, prefers_color_scheme=scheme)
    scroll, client, inner = overflow(browser)
    assert inner == width and scroll <= client, (scroll, client)
    layout = browser.execute_script(
        "const rows = [...document.querySelectorAll('.matrix tbody tr')];"
        "return [rows.map(r => getComputedStyle(r).display),"
        " Math.max(...rows.map(r => r.getBoundingClientRect().right)),"
        " document.querySelector('.matrix').getBoundingClientRect().top];"
    )
    displays, right, top = layout
    topics = len(pages[name].data["topics"])  # type: ignore[arg-type]
    # Narrow: one card (a block) per topic; wide: the table's rows.
    assert displays == (["block"] * topics if width == 375 else ["table-row"] * topics)
    assert right <= client
    if name == "shipped":  # (the hostile file's header is long: its table starts lower)
        assert top < height / 2  # the table starts in the first screenful
    png = browser.get_screenshot_as_png()
    assert png_size(png) == (width, height)
    (shots / f"page-{name}-{scheme}-{width}.png").write_bytes(png)


def test_print_fits_an_a4_portrait_page(
    browser: WebDriver, pages: dict[str, Page], shots: Path
) -> None:
    load(browser, pages["shipped"].url, A4_CONTENT_PX, 1000, media="print")
    scroll, client, inner = overflow(browser)
    assert inner == A4_CONTENT_PX and scroll <= client
    (shots / "page-shipped-print.png").write_bytes(browser.get_screenshot_as_png())
    viewport(browser, 1280, 900)
    pdf = base64.b64decode(
        browser.execute_cdp_cmd(
            "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
        )["data"]
    )
    (shots / "page-shipped.pdf").write_bytes(pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert boxes, "no page size in the PDF"
    for width, height in boxes:  # every page A4 portrait (to a point)
        assert abs(float(width) - A4_POINTS[0]) < 1 and abs(float(height) - A4_POINTS[1]) < 1


PICTURES = {"snapshot-html.png": (1280, 800), "snapshot-html-narrow.png": (375, 800)}
"""The README's pictures of the shipped file's page: wide (the table), narrow (cards)."""


@pytest.mark.parametrize("name", PICTURES)
def test_the_readme_pictures_of_the_page(
    browser: WebDriver, pages: dict[str, Page], name: str
) -> None:
    width, height = PICTURES[name]
    path = ROOT / "docs" / name
    if os.environ.get("UPDATE_GOLDEN"):
        browser.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
        try:
            load(browser, pages["shipped"].url, width, height, prefers_color_scheme="light")
            path.write_bytes(browser.get_screenshot_as_png())
        finally:
            browser.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": False})
    assert png_size(path.read_bytes()) == (width, height)
    assert f"](docs/{name})" in (ROOT / "README.md").read_text(encoding="utf-8")


# --- contrast ------------------------------------------------------------------------

CONTRAST = """
const parse = (c) => {
  const p = c.match(/[\\d.]+/g).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
};
const lum = ([r, g, b]) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const background = (element) => {
  for (let e = element; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) return c;
  }
  return [255, 255, 255, 1];
};
const checked = [], failures = [];
for (const e of document.body.querySelectorAll('*')) {
  const text = [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('').trim();
  if (!text || !e.getClientRects().length) continue;
  const style = getComputedStyle(e);
  if (style.visibility === 'hidden') continue;
  const fg = parse(style.color), bg = background(e);
  if (fg[3] < 1 || bg[3] < 1) {
    failures.push([e.tagName, e.className, text.slice(0, 40), 'translucent']);
    continue;
  }
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  const ratio = (hi + 0.05) / (lo + 0.05);
  const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
  const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  checked.push(ratio);
  if (ratio < need) failures.push([e.tagName, e.className, text.slice(0, 40), ratio.toFixed(2)]);
}
return [checked.length, failures];
"""
"""Every element with text of its own, against the first opaque background behind it:
WCAG AA (4.5:1, or 3:1 for large text)."""


@pytest.mark.parametrize(
    "media",
    [
        {"prefers_color_scheme": "light"},
        {"prefers_color_scheme": "dark"},
        {"media": "print", "prefers_color_scheme": "dark"},
    ],
    ids=["light", "dark", "print"],
)
@pytest.mark.parametrize("target", ["", "#p0", "#q1", "#summit-note"])
def test_every_text_meets_wcag_aa_contrast(
    browser: WebDriver, pages: dict[str, Page], media: dict[str, str], target: str
) -> None:
    load(browser, pages["golden"].url + target, 1280, **media)
    checked, failures = browser.execute_script(CONTRAST)
    assert checked > 100
    assert failures == []


# --- hostile data --------------------------------------------------------------------


def test_hostile_strings_are_inert_text_without_the_policy(
    browser: WebDriver, pages: dict[str, Page]
) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    load(browser, pages["hostile"].url, 1280)
    found = browser.execute_script(
        "return {"
        " title: document.title,"
        " h1: document.querySelector('h1').textContent,"
        " elements: document.querySelectorAll('script, img, svg, iframe, object, embed,"
        "   form, input, base, link').length,"
        " handlers: [...document.querySelectorAll('*')].filter(e =>"
        "   [...e.attributes].some(a => a.name.startsWith('on'))).length,"
        " outside: [...document.querySelectorAll('a')].filter(a =>"
        "   !a.getAttribute('href').startsWith('#')).length,"
        " text: document.body.textContent,"
        "};"
    )
    assert found["title"] == f"{SHOWN}: where each party stands"  # nothing ran to change it
    assert found["h1"] == SHOWN
    assert (found["elements"], found["handlers"], found["outside"]) == (0, 0, 0)
    assert found["text"].count(SHOWN) >= 12
    assert "javascript:document.title='pwned'" in found["text"]  # shown, not linked
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
