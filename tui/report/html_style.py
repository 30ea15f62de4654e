"""The stylesheet of the HTML page (`tui.report.html`): CSS only, ASCII, nothing to load.

A real table on a wide screen; below the width its columns need, one card per topic
(that width depends on the number of parties, so the page computes it); a print
stylesheet for A4 portrait, as cards too when the parties are too many for the page's
width; light and dark colours (`prefers-color-scheme`), each pair of text and background
at WCAG AA contrast or better (tests/browser/test_page_in_browser.py measures them in
the rendered page).
"""

from __future__ import annotations

COLUMN_PX = 150
"""The narrowest readable column of the overview table, in CSS pixels: below
(parties + 1) times this, the page shows one card per topic instead."""
PRINT_WIDTH_PX = 680
"""The width of an A4 portrait page inside its margins (210 mm - 2 x 15 mm), in CSS
pixels (96 per inch), rounded down."""
PRINT_COLUMN_PX = 120
"""The narrowest column on paper (the print stylesheet's type is smaller)."""


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
#summit-note { max-width: 52rem; }
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
td:target, li:target, #summit-note:target { background: var(--target); }
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
