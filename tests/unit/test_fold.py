"""`tui.report.fold`: the snapshot's own layout of `Text` writes the very bytes
`Console.print` writes (folding, trailing whitespace, wide and zero-width characters,
styles stacked over span edges), on the snapshot's own console, with and without
colour.

Rich is the reference here on purpose: the text snapshot was drawn by
`Console.print` and its golden files must not change by a byte."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich import box
from rich.padding import Padding
from rich.table import Table
from rich.text import Span, Text

from tests.helpers import FIXTURES
from tui.analysis.snapshot import build
from tui.loader.pipeline import load_uncached
from tui.report.fold import FoldPrinter, _narrow_breaks, join_line
from tui.report.snapshot_text import snapshot_text, text_console

PIECES = [
    "a",
    "word",
    "longerwordthanmostlines",
    " ",
    "   ",
    "\n",
    "“",
    "—",
    "\xa0",  # no-break space: whitespace to Rich's wrap
    "漢字",  # two cells each
    "e\u0301",  # combining accent: no cell of its own
    "👍",  # (no zero-width joiner: `tui.safe` shows it as an escape, and Rich's own
    # fold divides by zero on one before a wide character at width 1)
    "\ufe0f",
    "✓",
    "/",
]
STYLES = ["bold", "italic", "dim", "cyan", "bold black on green", "underline", ""]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def texts(draw: st.DrawFn, pieces: list[str] = PIECES) -> Text:
    plain = "".join(draw(st.lists(st.sampled_from(pieces), max_size=30)))
    bounds = st.integers(0, len(plain))
    spans = [
        Span(*sorted((draw(bounds), draw(bounds))), draw(st.sampled_from(STYLES)))
        for _ in range(draw(st.integers(0, 5)))
    ]
    return Text(plain, style=draw(st.sampled_from(STYLES)), spans=spans)


def rich_print(renderable: object, width: int, color: bool) -> str:
    console = text_console(width, color=color)
    with console.capture() as capture:
        console.print(renderable, overflow="fold", crop=False)
    return capture.get()


@SETTINGS
@given(texts(), st.integers(1, 30), st.booleans())
@example(Text("ab  cd", spans=[Span(2, 2, "bold")]), 3, True)  # an empty span splits
@example(Text("  leading spaces then words"), 4, False)
@example(Text("word   \nnext", style="bold"), 4, True)
def test_print_is_console_print(text: Text, width: int, color: bool) -> None:
    printer = FoldPrinter(text_console(width, color=color))
    assert printer.print(text) == rich_print(text, width, color)


@SETTINGS
@given(texts(), st.integers(1, 30), st.integers(0, 4), st.booleans())
def test_print_padded_is_padding(text: Text, width: int, indent: int, color: bool) -> None:
    text.overflow = "fold"
    expected = rich_print(Padding(text, (0, 0, 0, indent)), width + indent, color)
    printer = FoldPrinter(text_console(width + indent, color=color))
    assert printer.print_padded(text, indent) == expected


@SETTINGS
@given(texts(), st.integers(1, 20), st.integers(1, 6), st.booleans())
def test_hanging_lines_are_the_hanging_text(
    text: Text, width: int, gutter: int, color: bool
) -> None:
    """The snapshot's sources: a block wrapped once, its lines after a gutter."""
    console = text_console(width + gutter, color=color)
    marker = Text("[1]"[:gutter], style="cyan")
    hanging = Text()
    for i, line in enumerate(text.wrap(console, width, overflow="fold")):
        if i:
            hanging.append("\n" + " " * gutter)
        else:
            hanging.append_text(marker)
            hanging.append(" " * (gutter - marker.cell_len))
        hanging.append_text(line)

    printer = FoldPrinter(console)
    lines = printer.wrap(text, width)
    lines[0] = join_line(
        printer.wrap(marker, width + gutter)[0], (" " * (gutter - len(marker)), []), lines[0]
    )
    lines[1:] = [join_line((" " * gutter, []), line) for line in lines[1:]]
    assert printer.print_lines(lines) == rich_print(hanging, width + gutter, color)


@SETTINGS
@given(
    st.text(st.sampled_from("ab “—\xa0\u2003x"), max_size=40),
    st.integers(1, 15),
)
@example("  abcdefghijklmnop qr", 5)
@example("ab   ", 2)
def test_narrow_breaks_are_rich_breaks(text: str, width: int) -> None:
    from rich._wrap import divide_line

    assert _narrow_breaks(text, width) == divide_line(text, width, fold=True)


def test_what_it_does_not_lay_out_goes_to_the_console() -> None:
    console = text_console(20, color=True)
    printer = FoldPrinter(console)
    tabbed = Text("a\tb c", style="bold")
    centred = Text("centre me", justify="center")
    assert not printer.fits(tabbed) and not printer.fits(centred)
    assert printer.print(tabbed) == rich_print(tabbed, 20, True)
    assert printer.print_padded(centred, 2) == rich_print(Padding(centred, (0, 0, 0, 2)), 20, True)


@SETTINGS
@given(
    st.lists(st.integers(1, 12), min_size=1, max_size=4),
    st.data(),
    st.sampled_from(["SQUARE", "ASCII"]),
    st.booleans(),
)
def test_print_table_is_the_printed_table(
    widths: list[int], data: st.DataObject, box_name: str, color: bool
) -> None:
    """The matrix as `snapshot_text` builds it: fixed widths, a line between rows."""
    table = Table(
        box=getattr(box, box_name), show_lines=True, padding=(0, 1), header_style="", expand=False
    )
    for width in widths:
        table.add_column(width=width, overflow="fold", vertical="top")
    for column in table.columns:
        column.header = data.draw(texts())
    for _ in range(data.draw(st.integers(0, 3))):
        table.add_row(*(data.draw(texts()) for _ in widths))
    width = sum(widths) + 3 * len(widths) + 1
    printer = FoldPrinter(text_console(width, color=color))
    assert printer.print_table(table) == rich_print(table, width, color)


def test_the_matrix_is_drawn_without_the_console() -> None:
    table = Table(box=box.SQUARE, show_lines=True, padding=(0, 1), header_style="", expand=False)
    table.add_column(width=6, overflow="fold", vertical="top")
    table.columns[0].header = Text("Topic", style="bold")
    table.add_row(Text("a cell of several words"))
    printer = FoldPrinter(text_console(11, color=True))
    drawn = printer._table_lines(table)
    assert drawn is not None
    assert "".join(drawn) == rich_print(table, 11, True)


@pytest.mark.parametrize("width", [1, 12, 23, 24, 40, 60, 100, 200])
@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_the_snapshot_is_the_one_the_console_draws(
    monkeypatch: pytest.MonkeyPatch, width: int, color: bool, encoding: str
) -> None:
    """The whole text snapshot, drawn by `FoldPrinter` and then by the console alone."""
    result = load_uncached(str(FIXTURES / "golden" / "positions.yaml"))
    for parties, topics in (([], []), (["us", "ua"], ["ceasefire"])):
        snap = build(result, parties, topics)
        fast = snapshot_text(snap, width, color=color, encoding=encoding)
        with monkeypatch.context() as patch:
            patch.setattr(FoldPrinter, "fits", staticmethod(lambda text: False))
            patch.setattr(FoldPrinter, "print_table", lambda self, table: self.rich(table))
            assert snapshot_text(snap, width, color=color, encoding=encoding) == fast


def test_a_rich_without_divide_line_gets_the_console_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """`rich._wrap.divide_line` is private: without it, every text and the matrix go to
    the console, and the snapshot is the same."""
    import tui.report.fold as fold

    result = load_uncached(str(FIXTURES / "golden" / "positions.yaml"))
    snap = build(result, [], [])
    for width in (40, 250):
        fast = snapshot_text(snap, width, color=True, encoding="utf-8")
        with monkeypatch.context() as patch:
            patch.setattr(fold, "divide_line", None)
            assert not FoldPrinter.fits(Text("words"))
            assert snapshot_text(snap, width, color=True, encoding="utf-8") == fast
