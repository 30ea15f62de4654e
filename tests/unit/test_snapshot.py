"""`summit snapshot`: text, Markdown and JSON.

The golden files in tests/fixtures/golden/ are the snapshots of its positions.yaml.
After an intended change of the output, regenerate them and review the diff:

    UPDATE_GOLDEN=1 pytest tests/unit/test_snapshot.py
"""

from __future__ import annotations

import fcntl
import html
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.helpers import FIXTURES, probe, summit
from tui.cli import main
from tui.report.snapshot_text import MIN_COLUMN
from tui.safe import visible

GOLDEN = FIXTURES / "golden"
GOLDEN_FILE = GOLDEN / "positions.yaml"
WIDTHS = [1, 2, 5, 10, 20, 30, 40, 60, 80, 95, 96, 100, 160]
# What must never reach a terminal raw: C0 but tab and newline, DEL, C1, bidi and
# zero-width controls.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`summit snapshot ARGS` in process: (exit code, stdout, stderr)."""

    def snapshot(*args: str | Path) -> tuple[int, str, str]:
        code = main(["snapshot", *map(str, args)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return snapshot


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(actual.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs; see the module docstring to regenerate"


def widest(text: str) -> int:
    return max(cell_len(line) for line in text.split("\n"))


def squeezed(text: str) -> str:
    """Text without whitespace or box drawing: what remains when wrapping is undone."""
    return re.sub(r"[\s│┌┐└┘├┤┬┴┼─]", "", text)


# --- golden files ----------------------------------------------------------------------


@pytest.mark.parametrize("width", [100, 60])
def test_text_golden(run: Run, width: int) -> None:
    code, out, err = run(GOLDEN_FILE, "--width", str(width))
    assert (code, err) == (0, "")
    assert_golden(f"snapshot-{width}.txt", out)


def test_markdown_golden(run: Run) -> None:
    code, out, err = run(GOLDEN_FILE, "--format", "markdown")
    assert (code, err) == (0, "")
    assert_golden("snapshot.md", out)


def test_json_golden(run: Run) -> None:
    code, out, err = run(GOLDEN_FILE, "--format", "json")
    assert (code, err) == (0, "")
    assert_golden("snapshot.json", out)


def test_golden_files_are_clean() -> None:
    for name in ("snapshot-100.txt", "snapshot-60.txt", "snapshot.md", "snapshot.json"):
        text = (GOLDEN / name).read_text(encoding="utf-8")
        assert text.endswith("\n") and not text.endswith("\n\n"), name
        assert all(line == line.rstrip() for line in text.split("\n")), name
        assert "\x1b" not in text and "…" not in text, name


def test_same_file_same_bytes(run: Run) -> None:
    first = run(GOLDEN_FILE, "--width", "77")
    assert run(GOLDEN_FILE, "--width", "77") == first


# --- text layout -----------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_text_fits_every_width_without_cutting(run: Run, width: int) -> None:
    code, out, _ = run(GOLDEN_FILE, "--width", str(width))
    assert code == 0
    assert widest(out) <= width
    assert "…" not in out
    flat = squeezed(out)
    for quote in ("A ceasefire has to come first, and it has to come fast.", "severe consequences"):
        assert squeezed(quote) in flat
    if "┌" not in out:  # stacked: every summary reads contiguously once wrapping is undone
        assert squeezed("Moscow calls new sanctions pointless and wants relief") in flat
        assert squeezed("https://example.org/news/talks-alaska") in flat


def test_side_by_side_only_when_columns_reach_the_minimum(run: Run) -> None:
    # 4 parties + the topic column: borders and padding take 3 per column + 1.
    needed = 5 * MIN_COLUMN + 3 * 5 + 1
    assert "┌" in run(GOLDEN_FILE, "--width", str(needed))[1]
    narrow = run(GOLDEN_FILE, "--width", str(needed - 1))[1]
    assert "┌" not in narrow
    # Stacked: topic by topic, one party after another.
    ceasefire = narrow.index("Ceasefire first")
    assert ceasefire < narrow.index("United States") < narrow.index("European Union")
    assert narrow.index("European Union") < narrow.index("Sanctions\n")


def test_text_has_header_cells_and_sources(run: Run) -> None:
    out = run(GOLDEN_FILE, "--width", "100")[1]
    head = out.split("\n")[:4]
    assert head == [
        "Golden summit",
        "Location: Anchorage, Alaska",
        "Date: 2025-08-15 (inferred)",  # a day no source states, marked (issue 19)
        "Positions as of: 2025-08-13",
    ]
    for word in ("SUPPORTS", "OPPOSES", "CONDITIONAL", "UNCLEAR", "not stated in the"):
        assert word in out
    sources = out[out.index("\nSources\n") :]
    assert "[9] “No decision about Ukraine without Ukraine.”" in sources
    # Who speaks and how, under each quote; a date the article does not state, marked.
    assert "— The president" in sources and "reported: Foreign minister" in sources
    assert "    the article's account\n" in sources
    assert (
        "The Example Times, “Sanctions on the table”, 2025-08-13 (inferred), seeds/sanctions.txt"
        in sources
    )
    assert sources.count("✓ verified in the archived text") == 9


def test_citations_numbered_in_reading_order_and_repeats_share_a_number(run: Run) -> None:
    out = run(GOLDEN_FILE, "--width", "60")[1]
    matrix, sources = out.split("\nSources\n")
    # Reading order: the matrix cites 1..9 with no gaps, first appearances ascending.
    firsts: list[int] = []
    for number in map(int, re.findall(r"\[(\d+)\]", matrix)):
        if number not in firsts:
            firsts.append(number)
    assert firsts == list(range(1, 10))
    # Ukraine and the EU quote the same words of the same source by the same speaker: one
    # number; the same words from another source get their own.
    assert "Kyiv insists on a seat at the table. [8][9]" in matrix
    assert "Europe repeats Kyiv's line. [8]" in matrix
    assert re.findall(r"^\[(\d+)\]", sources, re.MULTILINE) == [str(n) for n in range(1, 10)]


def test_filters_keep_file_order(run: Run) -> None:
    code, out, _ = run(GOLDEN_FILE, "--width", "100", "--party", "eu", "--party", "us")
    assert code == 0
    assert "Parties shown: United States, European Union" in out
    assert "Topics shown" not in out
    assert "Russia" not in out and "Ukraine\n" not in out
    assert out.index("United States") < out.index("European Union")
    code, out, _ = run(GOLDEN_FILE, "--topic", "sovereignty", "--format", "markdown")
    assert code == 0
    assert "- Topics shown: Ukraine at the table" in out
    assert "Ceasefire first" not in out and "1. > “Leaders prepare" in out


def test_colour_only_when_asked(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b" not in run(GOLDEN_FILE)[1]  # not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b" not in run(GOLDEN_FILE)[1]
    coloured = run(GOLDEN_FILE, "--color", "--width", "70")[1]  # --color wins over NO_COLOR
    assert SGR.search(coloured)
    plain = SGR.sub("", coloured)
    assert "\x1b" not in plain and widest(plain) <= 70
    assert " SUPPORTS " in plain  # the padded badge reads as a word without colour too
    assert "\x1b" not in run(GOLDEN_FILE, "--no-color")[1]


# --- json ------------------------------------------------------------------------------


def test_json_structure(run: Run) -> None:
    data = json.loads(run(GOLDEN_FILE, "--format", "json")[1])
    assert list(data) == ["summit", "parties", "topics", "sources", "people", "positions"]
    assert data["summit"] == {
        "title": "Golden summit",
        "location": "Anchorage, Alaska",
        "date": "2025-08-15",
        "date_basis": "inferred",
        "as_of": "2025-08-13",
        "as_of_basis": "stated",
        "note": 'The sources say "on Friday"; the calendar day is the public record.',
    }
    assert [p["id"] for p in data["parties"]] == ["us", "ru", "ua", "eu"]
    assert all(list(p) == ["id", "name", "short", "members", "leaders"] for p in data["parties"])
    assert data["parties"][3]["members"] == ["France", "Germany"]
    assert [t["id"] for t in data["topics"]] == ["ceasefire", "sanctions", "sovereignty"]
    assert all(list(t) == ["id", "title", "question"] for t in data["topics"])
    # Unfiltered: every source, even one that no position cites.
    assert [s["id"] for s in data["sources"]] == ["talks", "sanctions", "background"]
    keys = ["id", "outlet", "title", "published", "published_basis", "file", "url", "note"]
    assert all(list(s) == keys for s in data["sources"])
    assert [(p["party"], p["topic"]) for p in data["positions"]][:3] == [
        ("us", "ceasefire"),
        ("ru", "ceasefire"),
        ("eu", "ceasefire"),
    ]
    assert [s["published_basis"] for s in data["sources"]] == ["stated", "inferred", "stated"]
    assert data["people"][0] == {
        "id": "the-president",
        "name": "The president",
        "role": None,
        "party": "us",
        "aliases": [],
    }
    evidence_keys = ["source", "quote", "voice", "speaker", "verified", "start", "end"]
    evidence_keys += ["speaker_name", "speaker_role", "speaker_party"]
    texts = {s["id"]: (GOLDEN / s["file"]).read_text(encoding="utf-8") for s in data["sources"]}
    for position in data["positions"]:
        assert list(position) == [
            "party",
            "topic",
            "stance",
            "summary",
            "evidence",
            "basis",
            "basis_warnings",
        ]
        assert position["basis"] in ("own", "others", "reporter")
        assert (position["basis"] == "own") == (position["basis_warnings"] == [])
        for item in position["evidence"]:
            assert list(item) == evidence_keys
            assert item["verified"] is True
            found = texts[item["source"]][item["start"] : item["end"]]
            assert found.replace("’", "'") == item["quote"]


def test_json_filters(run: Run) -> None:
    out = run(GOLDEN_FILE, "--format", "json", "--party", "ru", "--topic", "sanctions")[1]
    data = json.loads(out)
    assert [p["id"] for p in data["parties"]] == ["ru"]
    assert [t["id"] for t in data["topics"]] == ["sanctions"]
    assert [(p["party"], p["topic"]) for p in data["positions"]] == [("ru", "sanctions")]
    # Filtered: only the sources the shown positions cite, in file order.
    assert [s["id"] for s in data["sources"]] == ["talks", "sanctions"]
    assert out.endswith("}\n") and out.startswith('{\n  "summit": {\n')


# --- errors ----------------------------------------------------------------------------


def test_invalid_file_gives_check_messages_and_exit_1(
    run: Run, write_file: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file("summit: {title: x}\nparties: [\n")
    code, out, err = run(path)
    assert (code, out) == (1, "")
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().err == err
    # Where the '[' opened, in the project's words (not a line 3 the file does not have).
    assert err.startswith(f"{path}:2:10: error: this '[' is never closed")


def test_unknown_party_exit_2_with_did_you_mean(run: Run) -> None:
    code, out, err = run(GOLDEN_FILE, "--party", "UA")
    assert (code, out) == (2, "")
    assert err == (
        "summit snapshot: unknown party 'UA'; did you mean 'ua'? (parties: us, ru, ua, eu)\n"
    )


def test_unknown_topic_exit_2_with_did_you_mean(run: Run) -> None:
    code, out, err = run(GOLDEN_FILE, "--topic", "sovereignty", "--topic", "ceasfire")
    assert (code, out) == (2, "")
    assert err == (
        "summit snapshot: unknown topic 'ceasfire'; did you mean 'ceasefire'? "
        "(topics: ceasefire, sanctions, sovereignty)\n"
    )


def test_unknown_filter_id_is_shown_escaped(run: Run) -> None:
    code, _, err = run(GOLDEN_FILE, "--party", "\x1b[31m\u202e")
    assert code == 2
    assert "\\e[31m\\u202e" in err and not UNSAFE.search(err)


# --- hostile data ----------------------------------------------------------------------

HOSTILE = (
    "[bold]x[/bold] [link=https://evil]x[/link] [@click=app.quit]x price[/bold] list "
    "\x1b[31mRED \x9b \u202e \x07 :smile: a|b <b>h</b> `c` *e* $m$ #h &amp; \\ end"
)


def _yaml(text: str) -> str:
    """`text` as a YAML double-quoted scalar, controls written as escapes."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    for char, escape in {
        "\x1b": "\\e",
        "\x9b": "\\x9b",
        "\u202e": "\\u202e",
        "\x07": "\\a",
    }.items():
        out = out.replace(char, escape)
    return f'"{out}"'


@pytest.fixture
def hostile(write_file: Callable[..., Path]) -> Path:
    """A valid file with hostile text in every field, and an article holding the quotes."""
    h = _yaml(HOSTILE)
    two = _yaml(HOSTILE + " two")
    article = f"Intro.\n{HOSTILE}\nSecond: {HOSTILE} two\n"
    path = write_file(
        f"""\
summit:
  title: {h}
  location: {h}
  date: 2025-08-15
  date_basis: stated
  as_of: 2025-08-13
  as_of_basis: stated
sources:
  art:
    outlet: {h}
    title: {h}
    published: 2025-08-13
    published_basis: stated
    file: "art[bold]\\e[31m.txt"
    note: {h}
  web:
    outlet: {h}
    title: {h}
    published: 2025-08-13
    published_basis: inferred
    note: {h}
    file: article.txt
    url: "https://evil/[link=x]\\e]8;;http://a\\a"
parties:
  a: {{name: {h}, short: {h}, members: [{h}], leaders: [{h}]}}
  b: {{name: {h}, short: {h}}}
topics:
  t: {{title: {h}, question: {h}}}
  u: {{title: plain, question: {h}}}
positions:
  - party: a
    topic: t
    stance: supports
    summary: {h}
    evidence:
      - {{source: art, quote: {h}, voice: reported, speaker: p}}
      - {{source: web, quote: {two}, voice: article}}
  - party: b
    topic: u
    stance: opposes
    summary: {_yaml("multi" + chr(10) + "line " + HOSTILE)}
    evidence:
      - {{source: web, quote: {h}, voice: article}}
people:
  p: {{name: {h}, role: {h}, party: a, aliases: [{h}]}}
""",
        article=article,
        dedent=False,
    )
    (path.parent / "art[bold]\x1b[31m.txt").write_text(article, encoding="utf-8")
    return path


SHOWN = visible(HOSTILE)


@pytest.mark.parametrize("width", [100, 80, 30, 20, 7])
def test_hostile_text_is_literal(run: Run, hostile: Path, width: int) -> None:
    code, out, err = run(hostile, "--width", str(width))
    assert code == 0, err
    assert not UNSAFE.search(out)
    assert widest(out) <= width
    assert squeezed(f"“{SHOWN}”") in squeezed(out)  # the quote, whole, escapes visible
    assert "😄" not in out
    if width >= 80:
        assert "[bold]x[/bold] [link=https://evil]x[/link]" in out
        assert "[@click=app.quit]x price[/bold] list" in out
        assert squeezed("\\e[31mRED \\x9b \\u202e \\x07 :smile:") in squeezed(out)
        assert "art[bold]\\e[31m.txt" in out


def test_hostile_text_in_colour_has_only_our_escapes(run: Run, hostile: Path) -> None:
    out = run(hostile, "--width", "60", "--color")[1]
    plain = SGR.sub("", out)
    assert not UNSAFE.search(plain)
    assert squeezed(f"“{SHOWN}”") in squeezed(plain)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def test_hostile_markdown_renders_literally(run: Run, hostile: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    code, out, _ = run(hostile, "--format", "markdown")
    assert code == 0
    assert not UNSAFE.search(out)
    assert "\\[bold\\]x\\[/bold\\]" in out and "a\\|b" in out
    rendered = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(out)
    parser = _Tags()
    parser.feed(rendered)
    # No link, image, raw HTML or stray emphasis from the data: only the snapshot's own tags.
    allowed = {"h1", "h2", "ul", "ol", "li", "p", "blockquote", "table", "thead", "tbody"}
    allowed |= {"tr", "th", "td", "strong", "em", "br", "code"}
    assert parser.tags <= allowed
    text = html.unescape(rendered)
    # Every field shows exactly as `visible` writes it: heading, cells, quotes, sources.
    assert text.count(SHOWN) >= 15
    assert f"<h1>{SHOWN}</h1>" in text
    assert "<td><strong>OPPOSES</strong> <em>! reporter's account</em><br>multi<br>line " in text
    assert "<code>https://evil/[link=x]\\e]8;;http://a\\x07</code>" in text
    assert rendered.count("<tr>") == 3  # header + two rows: no pipe split a cell


def test_hostile_json_round_trips_and_is_ascii(run: Run, hostile: Path) -> None:
    code, out, _ = run(hostile, "--format", "json")
    assert code == 0
    assert out.isascii()
    data = json.loads(out)
    assert data["summit"]["title"] == HOSTILE
    assert data["parties"][0]["members"] == [HOSTILE]
    assert data["sources"][0]["file"] == "art[bold]\x1b[31m.txt"
    assert data["positions"][1]["summary"] == "multi\nline " + HOSTILE
    assert data["positions"][0]["evidence"][0]["speaker"] == "p"
    assert data["positions"][0]["evidence"][0]["speaker_name"] == HOSTILE
    assert data["people"] == [
        {"id": "p", "name": HOSTILE, "role": HOSTILE, "party": "a", "aliases": [HOSTILE]}
    ]
    assert data["sources"][1]["note"] == HOSTILE
    assert all(e["verified"] for p in data["positions"] for e in p["evidence"])


def test_plain_url_becomes_an_autolink(run: Run, write_file: Callable[..., Path]) -> None:
    path = write_file()
    text = path.read_text(encoding="utf-8")
    url = "    url: https://example.org/a?b=1&c=2\n"
    path.write_text(text.replace("    file: article.txt\n", "    file: article.txt\n" + url))
    out = run(path, "--format", "markdown")[1]
    assert "<https://example.org/a?b=1&c=2>" in out


# --- the command as a person runs it --------------------------------------------------


# Standard output that takes ASCII only, colour as the command decides (NO_COLOR unset).
ASCII = {"NO_COLOR": None, "PYTHONIOENCODING": "ascii"}


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_closed_pipe_gives_no_traceback(fmt: str) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte is written
    try:
        proc = summit("snapshot", str(GOLDEN_FILE), "--format", fmt, stdout=write)
    finally:
        os.close(write)
    assert proc.returncode == 0
    assert proc.stderr == ""


def test_head_one_gives_no_traceback(hostile: Path) -> None:
    # Width 1 makes thousands of lines: more than a pipe buffer holds.
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "snapshot", str(hostile), "--width", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert proc.returncode == 0
    assert b"Traceback" not in err and b"Exception" not in err


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_ascii_output_encoding(hostile: Path, fmt: str) -> None:
    proc = summit("snapshot", str(hostile), "--format", fmt, "--width", "40", env=ASCII)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = proc.stdout
    assert out.isascii()
    assert not UNSAFE.search(out)
    if fmt == "text":
        assert widest(out) <= 40
        assert "[bold]x[/bold]" in out


def test_ascii_output_encoding_keeps_the_table_readable() -> None:
    proc = summit("snapshot", str(GOLDEN_FILE), "--width", "100", "--party", "us", env=ASCII)
    out = proc.stdout
    assert out.isascii()
    assert "+---" in out and '[1] "A ceasefire has to come first' in out
    assert "-- The president" in out and "+ verified in the archived text" in out
    assert widest(out) <= 100


def _on_terminal(args: list[str], env: dict[str, str], columns: int) -> str:
    """Run the snapshot with stdout on a pseudo-terminal `columns` wide."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    attrs = termios.tcgetattr(follower)
    attrs[1] &= ~termios.ONLCR  # keep "\n" as written
    termios.tcsetattr(follower, termios.TCSANOW, attrs)
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "TERM")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "snapshot", *args],
        stdout=follower,
        stderr=subprocess.PIPE,
        env={**base, "TERM": "xterm", **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_terminal_width_and_colour() -> None:
    out = _on_terminal([str(GOLDEN_FILE)], {}, 70)
    assert SGR.search(out)
    assert widest(SGR.sub("", out)) == 70
    plain = _on_terminal([str(GOLDEN_FILE)], {"NO_COLOR": "1"}, 50)
    assert "\x1b" not in plain
    assert widest(plain) == 50


def test_no_textual_on_the_snapshot_path(tmp_path: Path) -> None:
    runs = (["snapshot", str(GOLDEN_FILE)], ["snapshot", "--format", "markdown", str(GOLDEN_FILE)])
    assert probe(tmp_path, [], *runs) == {"codes": [0, 0], "loaded": []}


# --- the shipped file ------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 40])
def test_shipped_file_snapshots(run: Run, shipped: Path, width: int) -> None:
    code, out, err = run(shipped, "--width", str(width))
    assert code == 0, err
    assert widest(out) <= width
    assert "Sources" in out
