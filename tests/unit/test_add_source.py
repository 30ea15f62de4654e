"""`summit add-source`: archive a page or a text into seeds/, then print the `sources:`
stanza or add it to positions.yaml without touching anything else in the file.

The pages in tests/fixtures/curate/ were written for these tests: a full article with
navigation, related links and a footer that must stay out of the archived text, a page
without site name or date, a page whose metadata holds markup, a page with nothing but
boilerplate, and one that is not HTML at all. No network.
"""

from __future__ import annotations

import difflib
import os
import shutil
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

import pytest

import tui.authoring.yamledit
import tui.loader.files
from tests.helpers import FIXTURES, cli, probe
from tests.helpers import summit as summit_process
from tui.authoring import stanza
from tui.authoring.archive import ExtractedPage, slug
from tui.authoring.scalars import scalar
from tui.authoring.yamledit import EditError, Entry, _data, _read_back
from tui.cli import main
from tui.loader.pipeline import load_uncached

DATA = FIXTURES / "curate"
HEAVY = ("trafilatura", "lxml", "htmldate", "ruamel", "textual")
ARTICLE_ID = "harbour-talks-end-without-a-deal"
PARAGRAPHS = [
    "Harbour talks end without a deal",
    "Delegations from Northland and Southland left the harbour talks on Wednesday without an "
    "agreement on fishing rights, officials from both sides said.",
    "“We came to settle the quota, not to give up our waters,” the Northland negotiator told "
    "reporters after the final session — a remark that drew applause from fishermen waiting "
    "outside.",
    "Southland’s delegation said it would return only if Northland first agreed to a joint "
    "survey of the fish stocks, a condition it has set since the spring.",
    "Observers from the regional council said the two sides had narrowed their differences on "
    "inspection rules but remained far apart on the size of the shared zone.",
    "A further round is expected in the autumn, though no date has been fixed and neither side "
    "has named a venue.",
]
BOILERPLATE = [
    "Home",
    "Sport",
    "Subscribe",
    "newsletter",
    "Related stories",
    "Ten things",
    "All rights reserved",
    "Privacy",
    "Cookie",
]


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "proj"
    assert cli(["init", str(folder)], capsys)[0] == 0
    return folder


def add(
    project: Path, capsys: pytest.CaptureFixture[str], file: Path | str, *more: str
) -> tuple[int, str, str]:
    return cli(["add-source", str(file), "--project", str(project), *more], capsys)


# --- archiving a web page ---------------------------------------------------------------


def test_page_is_archived_as_its_main_text(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (project / "positions.yaml").read_bytes()
    code, _, err = add(project, capsys, DATA / "article.html")
    assert code == 0, err
    archived = project / "seeds" / f"{ARTICLE_ID}.txt"
    assert archived.read_bytes() == ("\n".join(PARAGRAPHS) + "\n").encode("utf-8")
    text = archived.read_text(encoding="utf-8")
    for word in BOILERPLATE:
        assert word not in text, word
    assert (project / "positions.yaml").read_bytes() == before  # printed, not appended
    assert "Paste" in err and "sources:" in err


def test_page_stanza_says_what_the_page_states(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = add(project, capsys, DATA / "article.html")
    assert code == 0
    assert out.splitlines() == [
        f"  {ARTICLE_ID}:",
        '    outlet: "The Example Times"',
        '    title: "Harbour talks end without a deal"',
        "    published: 2025-08-13",
        "    published_basis: stated",
        f"    file: seeds/{ARTICLE_ID}.txt",
        '    url: "https://news.example.org/world/harbour-talks-end-without-a-deal"',
    ]


def test_printed_stanza_follows_the_file_s_indentation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "positions.yaml").write_text(
        "sources:\n    old:\n        title: T\n", encoding="utf-8"
    )
    code, out, _ = add(tmp_path, capsys, DATA / "article.html", "--id", "new")
    assert code == 0
    assert out.startswith('    new:\n        outlet: "The Example Times"\n')


def test_stated_date_is_marked_stated() -> None:
    article = ExtractedPage("html", b"x\n", "x\n", "T", "Site", date(2025, 8, 13), None)
    entry = stanza.stanza(article, "t", "seeds/t.txt")
    assert ("published_basis", "stated") in entry.fields
    assert list(entry.comments) == []


def test_page_without_site_or_date_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = add(project, capsys, DATA / "no-metadata.html")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "  ministers-disagree-over-the-shared-zone:"
    assert not any(line.lstrip().startswith(("outlet:", "published:")) for line in lines)
    assert '    # outlet: "..."   <- not stated: the outlet as the article names it' in lines
    assert "    # published: YYYY-MM-DD   <- not stated: work it out from the text" in lines
    assert (
        '    note: "The saved page names no site in its metadata. The saved page states no '
        'publication date in its markup."'
    ) in lines
    assert "No outlet" in err and "No publication date" in err


def test_undated_stanza_leaves_the_basis_to_the_curator() -> None:
    article = ExtractedPage("html", b"x\n", "x\n", "T", None, None, None)
    entry = stanza.stanza(article, "t", "seeds/t.txt")
    assert "published" not in dict(entry.fields)
    assert "published_basis" not in dict(entry.fields)
    assert "published_basis: inferred" in entry.comments


def test_undated_hint_names_every_field_the_curator_must_write() -> None:
    """The date is never filled in: the output says what to write, and that check fails
    until then."""
    hint = stanza.undated_hint("web page")
    assert "fill in `published:` and `published_basis: inferred`" in hint
    assert "say how in `note`" in hint
    assert "`summit check` reports `published` missing" in hint


def test_undated_page_appended_fails_check_until_the_date_is_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Honest: the appended stanza has no date, so the file is invalid until the curator
    writes one (and the output said so)."""
    code, _, err = add(project, capsys, DATA / "no-metadata.html", "--append")
    assert code == 0, err
    assert "You must fill in `published:`" in err
    result = load_uncached(project / "positions.yaml")
    assert not result.ok
    assert any("published" in d.message for d in result.errors)


# --- plain text -----------------------------------------------------------------------


def test_text_is_archived_byte_for_byte(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    raw = "\ufeffCeasefire talks resume\r\n\r\nThe talks resume – officials said.\r\n".encode()
    source = tmp_path / "Ceasefire Talks.txt"
    source.write_bytes(raw)
    code, out, err = add(project, capsys, source)
    assert code == 0, err
    assert (project / "seeds" / "ceasefire-talks.txt").read_bytes() == raw
    assert out.splitlines()[:2] == ["  ceasefire-talks:", '    title: "Ceasefire talks resume"']
    assert '    # outlet: "..."   <- not stated: the outlet as the article names it' in out
    assert "The title is the first line of the archived text." in out


def test_text_without_a_headline_takes_its_opening_words(tmp_path: Path) -> None:
    text = " ".join(["Word"] * 200)
    source = tmp_path / "x.txt"
    source.write_text(text, encoding="utf-8")
    from tui.authoring.archive import read_article

    entry = stanza.stanza(read_article(source), "x", "seeds/x.txt")
    title = dict(entry.fields)["title"]
    assert title == "(no headline; opening words) " + " ".join(["Word"] * 12)
    assert "opening words" in dict(entry.fields)["note"]


def test_html_saved_as_txt_is_still_a_web_page(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "saved.txt"
    shutil.copy(DATA / "article.html", source)
    code, out, _ = add(project, capsys, source)
    assert code == 0
    assert out.startswith(f"  {ARTICLE_ID}:\n")
    assert "<p>" not in (project / "seeds" / f"{ARTICLE_ID}.txt").read_text(encoding="utf-8")


# --- ids ------------------------------------------------------------------------------


def test_id_option(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = add(project, capsys, DATA / "article.html", "--id", "harbour")
    assert code == 0
    assert out.startswith("  harbour:\n")
    assert (project / "seeds" / "harbour.txt").is_file()


@pytest.mark.parametrize("bad", ["Harbour", "-x", "a b", "../x", "ü", ""])
def test_id_must_match_the_model(
    project: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    code, out, err = add(project, capsys, DATA / "article.html", f"--id={bad}")
    assert code == 1
    assert out == ""
    assert err.startswith(f"{DATA / 'article.html'}:1:1: error: --id ")
    assert "is not an id" in err
    assert list((project / "seeds").iterdir()) == []


def test_a_made_id_is_checked_against_the_model(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stanza, "default_id", lambda article, path: "Not-An-Id")
    code, _, err = add(project, capsys, DATA / "article.html")
    assert code == 1
    assert "the id made from the title or file name, 'Not-An-Id' is not an id" in err
    assert "--id" in err


def test_slug() -> None:
    assert slug("Harbour talks end — without a deal!") == "harbour-talks-end-without-a-deal"
    assert slug("Café à Zürich") == "cafe-a-zurich"
    assert slug("Путин") == ""
    assert len(slug("word " * 40)) <= 60


def test_title_without_latin_letters_falls_back_to_the_file_name() -> None:
    article = ExtractedPage("html", b"", "", "Путин и Трамп", None, None, None)
    assert stanza.default_id(article, Path("saved page (2).html")) == "saved-page-2"


# --- nothing overwritten, nothing duplicated -------------------------------------------


def test_never_overwrites_an_archived_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archived = project / "seeds" / f"{ARTICLE_ID}.txt"
    archived.write_bytes(b"the first archive\n")
    before = (project / "positions.yaml").read_bytes()
    code, out, err = add(project, capsys, DATA / "article.html", "--append")
    assert code == 1
    assert out == ""
    assert err.startswith(f"{archived}:1:1: error: already exists")
    assert archived.read_bytes() == b"the first archive\n"
    assert (project / "positions.yaml").read_bytes() == before


@pytest.mark.parametrize("append", [False, True], ids=["print", "append"])
def test_duplicate_source_id_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], append: bool
) -> None:
    assert add(project, capsys, DATA / "article.html", "--append")[0] == 0
    (project / "seeds" / f"{ARTICLE_ID}.txt").unlink()
    before = (project / "positions.yaml").read_bytes()
    line = before.decode().splitlines().index(f"  {ARTICLE_ID}:") + 1
    # Another article under the same id (the same one again is refused as a duplicate).
    more = ["--id", ARTICLE_ID, *(["--append"] * append)]
    code, out, err = add(project, capsys, DATA / "no-metadata.html", *more)
    assert code == 1
    assert out == ""
    assert err.startswith(f"{project / 'positions.yaml'}:{line}:3: error: source id ")
    assert "already defined" in err
    assert (project / "positions.yaml").read_bytes() == before
    assert not (project / "seeds" / f"{ARTICLE_ID}.txt").exists()


# --- --append -------------------------------------------------------------------------


def only_inserted(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`; fails if anything else changed."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    inserted: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, a[i1:i2], b[j1:j2])
        if tag == "insert":
            inserted += b[j1:j2]
    return inserted


def test_append_to_a_new_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "positions.yaml"
    old = path.read_text(encoding="utf-8")
    code, out, err = add(project, capsys, DATA / "article.html", "--append")
    assert code == 0, err
    assert out == ""
    assert f"added source '{ARTICLE_ID}'" in err
    new = path.read_text(encoding="utf-8")
    # `sources: {}` became `sources:` with the entry under it; every comment is kept.
    assert old.replace("sources: {}\n", "sources:\n") == new.replace(
        "".join(only_inserted(old.replace("sources: {}\n", "sources:\n"), new)), "", 1
    )
    assert f"sources:\n  {ARTICLE_ID}:\n    outlet: " in new
    result = load_uncached(path)
    assert result.ok, [d.format() for d in result.errors]
    assert list(result.records.sources) == [ARTICLE_ID]
    assert result.texts[ARTICLE_ID].text.startswith(PARAGRAPHS[0])


def test_append_keeps_every_other_byte_of_a_curated_file(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = shipped.read_bytes()
    code, _, err = add(shipped.parent, capsys, DATA / "article.html", "--append")
    assert code == 0, err
    new = shipped.read_bytes()
    inserted = only_inserted(old.decode(), new.decode())
    assert inserted[0] == f"  {ARTICLE_ID}:\n"
    assert len(inserted) == 7
    # It went in after the last source's folded note, before the blank line and `parties:`.
    at = new.index(inserted[0].encode())
    assert new[:at] == old[:at]
    assert new[:at].endswith(b"are a machine-made summary, not reporting, and are not cited.\n")
    assert new[at:].split(b"\n", 7)[7].startswith(b"\nparties:")
    result = load_uncached(shipped)
    assert result.ok
    assert list(result.records.sources)[-1] == ARTICLE_ID


def test_a_second_source_goes_after_the_first_one_s_hints(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The first stanza ends with commented fields to fill in: they stay under it.
    assert add(project, capsys, DATA / "no-metadata.html", "--append", "--id", "first")[0] == 0
    path = project / "positions.yaml"
    once = path.read_text(encoding="utf-8")
    lines = once[once.index("  first:\n") :].splitlines(keepends=True)
    stanza = "".join(lines[: next(i for i, x in enumerate(lines[1:], 1) if x[:4] != "    ")])
    assert "\n    # published:" in stanza  # the fixture's stanza ends with hints
    assert add(project, capsys, DATA / "article.html", "--append")[0] == 0
    twice = path.read_text(encoding="utf-8")
    assert only_inserted(once, twice)[0] == f"  {ARTICLE_ID}:\n"
    assert f"{stanza}  {ARTICLE_ID}:\n" in twice


def test_a_last_value_that_keeps_its_blank_lines_keeps_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "proj"
    assert cli(["init", str(project)], capsys)[0] == 0
    path = project / "positions.yaml"
    (project / "seeds" / "old.txt").write_text("Old news.\n", encoding="utf-8")
    stanza = (
        "sources:\n  old:\n    outlet: O\n    title: Old\n    published: 2025-08-10\n"
        "    published_basis: stated\n    file: seeds/old.txt\n    note: |+\n      kept\n\n"
    )
    path.write_text(path.read_text(encoding="utf-8").replace("sources: {}\n", stanza))
    before = load_uncached(path).records.sources["old"].note
    assert before == "kept\n\n"
    code, _, err = add(project, capsys, DATA / "article.html", "--append")
    assert code == 0, err
    # Right after the value's own blank line, before whatever followed it.
    assert f"      kept\n\n  {ARTICLE_ID}:\n" in path.read_text(encoding="utf-8")
    result = load_uncached(path)
    assert result.records.sources["old"].note == before
    assert list(result.records.sources) == ["old", ARTICLE_ID]


def test_append_keeps_crlf_a_bom_and_the_indentation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "# notes\r\nsummit: {title: T, location: L, date: 2025-08-15, as_of: 2025-08-13,\r\n"
        "  date_basis: stated, as_of_basis: stated}\r\n"
        "sources:\r\n    old:   # the first\r\n        outlet: O\r\n        title: T\r\n"
        "        published: 2025-08-13\r\n        published_basis: stated\r\n"
        "        file: old.txt\r\n"
        "# after the sources\r\nparties: {a: {name: A, short: A}}\r\n"
        "topics: {t: {title: T, question: Q?}}\r\npositions: []\r\n"
    )
    path = tmp_path / "positions.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    (tmp_path / "old.txt").write_text("old\n", encoding="utf-8")
    code, _, err = add(tmp_path, capsys, DATA / "article.html", "--append", "--id", "new")
    assert code == 0, err
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    new = data[3:].decode()
    entry = new[new.index("    new:") : new.index("# after")]
    assert entry.startswith('    new:\r\n        outlet: "The Example Times"\r\n')
    assert "\n" not in entry.replace("\r\n", "")
    assert new.replace(entry, "") == text
    assert load_uncached(path).ok


def test_append_through_a_symlink_edits_its_target(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    real = tmp_path / "real.yaml"
    (project / "positions.yaml").rename(real)
    (project / "positions.yaml").symlink_to(real)
    assert add(project, capsys, DATA / "article.html", "--append")[0] == 0
    assert (project / "positions.yaml").is_symlink()
    assert ARTICLE_ID in real.read_text(encoding="utf-8")


@pytest.mark.parametrize("had_seeds", [True, False], ids=["seeds", "no-seeds"])
def test_failed_write_leaves_the_original_intact(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    had_seeds: bool,
) -> None:
    path = project / "positions.yaml"
    before = path.read_bytes()
    if not had_seeds:
        (project / "seeds").rmdir()

    def half_then_fail(handle: IO[bytes], chunks: Iterable[bytes]) -> None:
        data = b"".join(chunks)
        handle.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tui.loader.files, "write_chunks", half_then_fail)
    code, _, err = add(project, capsys, DATA / "article.html", "--append")
    assert code == 1
    assert err.startswith(f"{path}:1:1: error: cannot write the file: No space left on device")
    assert path.read_bytes() == before
    # No temporary file left behind; the archive (and a seeds/ made for it) undone too.
    assert sorted(p.name for p in project.iterdir()) == [
        "positions.schema.json",
        "positions.yaml",
        *(["seeds"] if had_seeds else []),
    ]
    if had_seeds:
        assert list((project / "seeds").iterdir()) == []


def test_a_change_during_the_edit_is_not_lost(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project / "positions.yaml"
    write = tui.loader.files.write_chunks

    def editor_saves_meanwhile(handle: IO[bytes], chunks: Iterable[bytes]) -> None:
        write(handle, chunks)
        path.write_bytes(path.read_bytes() + b"# saved by an editor\n")

    monkeypatch.setattr(tui.loader.files, "write_chunks", editor_saves_meanwhile)
    code, _, err = add(project, capsys, DATA / "article.html", "--append")
    assert code == 1
    assert "changed while the source was being added" in err
    assert path.read_bytes().endswith(b"# saved by an editor\n")
    assert ARTICLE_ID not in path.read_text(encoding="utf-8")


def test_append_reads_positions_yaml_as_check_does_once_plus_the_read_back(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 20, items 4 and 10: the loader's reading (libyaml's fast path), once for the
    # file and once for the edit read back; no other YAML reading.
    import tui.authoring.yamledit as yamledit

    reads: list[str] = []
    parses: list[str] = []
    read, plain = tui.loader.files.read_capped, yamledit.read_plain

    def counted_read(path: Path, limit: int) -> bytes:
        reads.append(Path(path).name)
        return read(path, limit)

    def counted_plain(lines: Any) -> Any:
        parses.append(lines.text)
        return plain(lines)

    monkeypatch.setattr(tui.loader.files, "read_capped", counted_read)
    monkeypatch.setattr(yamledit, "read_plain", counted_plain)
    before = (project / "positions.yaml").read_text(encoding="utf-8")
    assert add(project, capsys, DATA / "article.html", "--append")[0] == 0
    # Read once, then once more just before writing: is it still what was read?
    assert reads.count("positions.yaml") == 2
    assert parses[0] == before and len(parses) == 2  # the file, then the edit read back
    assert parses[1] == (project / "positions.yaml").read_text(encoding="utf-8")
    assert "ruamel" not in sys.modules


def test_an_edit_that_does_not_read_back_is_refused() -> None:
    old = _data("sources:\n  a:\n    title: A\nparties: {}\n")
    entry = Entry("b", [("title", "B")])
    _read_back(old, "sources:\n  a:\n    title: A\n  b:\n    title: B\nparties: {}\n", entry)
    with pytest.raises(EditError, match="did not read back"):
        _read_back(old, "sources:\n  a:\n    title: X\n  b:\n    title: B\nparties: {}\n", entry)
    with pytest.raises(EditError, match="did not read back"):
        _read_back(old, "sources:\n  a:\n    title: A\n  b:\n    title: C\nparties: {}\n", entry)


@pytest.mark.parametrize(
    "value",
    ['say "no"', "a: b # c", "yes", "2025-08-13", "tab\there", "\x1b[31m", "\u202e", "[x]", "2025"],
)
def test_scalar_reads_back_as_written(value: str) -> None:
    assert _data(f"k: {scalar(value)}\n") == {"k": value}
    assert "\n" not in scalar(value)


@pytest.mark.parametrize(
    ("text", "words", "line"),
    [
        # The end of the file is placed at the end of its last line, as the loader does.
        ("summit: [\n", "this '[' is never closed", 1),
        ("- a\n- b\n", "top level is not a block mapping", 1),
        ("summit: {}\nparties: {}\n", "has no `sources:`", 1),
        ("sources: [a]\n", "`sources` is not a mapping", 1),
        ("sources: {a: {title: T}}\n", "flow style", 1),
        ("sources: {}\nsources: {}\n", "duplicate key 'sources'", 2),
        ("a: &x [1]\nb: *x\nsources: {}\n", "YAML anchors are not allowed", 1),
    ],
)
def test_a_file_that_cannot_take_a_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str, line: int
) -> None:
    path = tmp_path / "positions.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = add(tmp_path, capsys, DATA / "article.html", "--append")
    assert code == 1
    assert out == ""
    assert err.startswith(f"{path}:{line}:")
    assert words in err
    assert path.read_text(encoding="utf-8") == text
    assert not (tmp_path / "seeds").exists()


# --- bad input ------------------------------------------------------------------------


def test_an_alias_bomb_is_refused_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Refused from the event stream, before any walk of its expansions (which never ends)."""
    path = tmp_path / "positions.yaml"
    shutil.copy(FIXTURES / "broken" / "billion-laughs.yaml", path)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("sources: {}\n")
    code, _, err = add(tmp_path, capsys, DATA / "article.html", "--append")
    assert code == 1
    assert err.startswith(f"{path}:13:4:")
    assert "cannot add a source: YAML anchors are not allowed" in err


def test_folder_without_positions_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = add(tmp_path, capsys, DATA / "article.html")
    assert code == 1
    assert out == ""
    assert err.startswith(f"{tmp_path / 'positions.yaml'}:1:1: error: no positions.yaml")
    assert "summit init" in err
    assert not (tmp_path / "seeds").exists()


@pytest.mark.parametrize(
    ("name", "data", "where", "words"),
    [
        ("missing.html", None, "1:1", "file not found"),
        ("empty.txt", b"  \n", "1:1", "the file is empty"),
        ("image.txt", b"abc\ndef\x00ghi", "2:4", "this is a binary file"),
        ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "1:1", "this is a PDF"),
        (
            "latin1.txt",
            "T\nCafé\n".encode("latin-1"),
            "2:4",
            "the file is not valid UTF-8 (byte 0xe9)",
        ),
        ("boilerplate-only.html", None, "1:1", "found no article text in this web page (only"),
        ("broken.html", None, "1:1", "found no article text in this web page"),
    ],
)
def test_bad_input_is_a_clear_error(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    data: bytes | None,
    where: str,
    words: str,
) -> None:
    file = tmp_path / name if data is not None or name == "missing.html" else DATA / name
    if data is not None:
        file.write_bytes(data)
    code, out, err = add(project, capsys, file)
    assert code == 1
    assert out == ""
    assert err.startswith(f"{file}:{where}: error: {words}")
    assert len(err.splitlines()) == 1
    assert list((project / "seeds").iterdir()) == []


def test_an_article_is_held_to_the_loader_s_cap_on_a_source(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One cap, the loader's: an article `summit check` would refuse to read is not archived."""
    monkeypatch.setattr(tui.loader.files, "MAX_SOURCE_BYTES", 2**20)
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "A long sentence of the article. " * 40_000, "utf-8")
    code, out, err = add(project, capsys, big)
    assert code == 1
    assert out == ""
    assert err.startswith(f"{big}:1:1: error: the article text is larger than 1 MiB")
    assert list((project / "seeds").iterdir()) == []


def test_positions_file_is_held_to_the_loader_s_cap(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One cap, the loader's: a positions file `summit check` would refuse is not edited."""
    positions = project / "positions.yaml"
    with open(positions, "a", encoding="utf-8") as handle:
        handle.write(("# padding\n") * 200_000)
    before = positions.read_bytes()
    monkeypatch.setattr(tui.loader.files, "MAX_BYTES", 2**20)
    code, _, err = add(project, capsys, DATA / "article.html", "--append")
    assert code == 1
    assert err.startswith(f"{positions}:1:1: error: the file is larger than 1 MiB")
    assert positions.read_bytes() == before


def test_a_folder_is_not_an_article(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = add(project, capsys, project / "seeds")
    assert code == 1
    assert err.startswith(f"{project / 'seeds'}:1:1: error: is a folder")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_not_an_article_and_is_not_waited_on(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(project / "page.html")  # `open` would block until a writer came
    code, _, err = add(project, capsys, project / "page.html")
    assert code == 1
    assert err.startswith(f"{project / 'page.html'}:1:1: error: not a regular file")


def test_an_extractor_crash_is_a_message(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    def crash(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", crash)
    code, _, err = add(project, capsys, DATA / "article.html")
    assert code == 1
    assert "could not read the file as a web page (RecursionError)" in err


def test_a_missing_extractor_is_a_message(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` fails
    code, _, err = add(project, capsys, DATA / "article.html")
    assert code == 1
    assert "reading a web page needs trafilatura, which failed to import" in err
    assert list((project / "seeds").iterdir()) == []


# --- untrusted text -------------------------------------------------------------------


def test_page_metadata_is_printed_literally(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = add(project, capsys, DATA / "hostile.html")
    assert code == 0
    assert '    outlet: "[@click=app.quit]Quit Times"' in out.splitlines()
    assert '    title: "[bold red]Breaking[/bold red] harbour news"' in out.splitlines()


def test_control_characters_never_reach_the_terminal(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "evil\x1b[2J.txt"
    source.write_text("Title \x1b]0;pwned\x07 \u202edesrever\u2028x\x85y\n\nBody.\n", "utf-8")
    code, out, err = add(project, capsys, source, "--id", "evil")
    assert code == 0
    for stream in (out, err):
        for char in ("\x1b", "\x07", "\u202e", "\u2028", "\x85"):
            assert char not in stream
    assert '    title: "Title \\e]0;pwned\\x07 \\u202edesrever\\u2028x\\x85y"' in out
    missing = tmp_path / "gone\x1b[31m.html"
    code, _, err = add(project, capsys, missing)
    assert code == 1 and "\x1b" not in err and "gone\\e[31m.html" in err


# --- imports --------------------------------------------------------------------------


def test_reading_a_page_imports_trafilatura(tmp_path: Path) -> None:
    """The probe sees trafilatura when a page is read."""
    read = "from pathlib import Path\nfrom tui.authoring.archive import read_article\n"
    read += f"read_article(Path({str(DATA / 'article.html')!r}))\n"
    found = probe(tmp_path, ["tui.commands.add_source"], roots=HEAVY, then=read)
    assert "trafilatura" in found["loaded"]


def test_the_command_modules_import_no_trafilatura_ruamel_or_textual(tmp_path: Path) -> None:
    modules = [
        "tui.commands.add_source",
        "tui.commands.init",
        "tui.authoring.archive",
        "tui.authoring.yamledit",
        "tui.authoring.stanza",
    ]
    assert probe(tmp_path, modules, roots=HEAVY)["loaded"] == []


def test_building_the_parser_imports_neither_command(tmp_path: Path) -> None:
    """`summit` builds its parser on every run: init and add-source are imported only
    when they run, as every other command is."""
    build = "from tui.cli import build_parser\nbuild_parser()\n"
    names = (
        "tui.commands.init",
        "tui.commands.add_source",
        "tui.authoring.archive",
        "tui.authoring.yamledit",
        "tui.authoring.stanza",
    )
    assert probe(tmp_path, roots=names, then=build)["loaded"] == []


def test_summit_help_lists_both_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    listed = {
        line.split()[0] for line in capsys.readouterr().out.splitlines() if line[:4] == " " * 4
    }
    assert {"init", "add-source"} <= listed


def test_summit_check_imports_no_trafilatura_and_no_ruamel(shipped: Path, tmp_path: Path) -> None:
    found = probe(tmp_path, [], ["check", str(shipped)], roots=HEAVY)
    assert found == {"codes": [0], "loaded": []}


# --- end to end -----------------------------------------------------------------------


def test_init_add_source_check(tmp_path: Path) -> None:
    """A new project, one page archived and appended: `summit check` finds it valid."""
    assert summit_process("init", "alaska", cwd=tmp_path).returncode == 0
    page = summit_process(
        "add-source", str(DATA / "article.html"), "--append", "--project", "alaska", cwd=tmp_path
    )
    assert page.returncode == 0, page.stderr
    check = summit_process("check", "alaska/positions.yaml", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert check.stderr.splitlines()[-1].startswith("alaska/positions.yaml: valid")
    assert "error" not in check.stderr
    result = load_uncached(tmp_path / "alaska" / "positions.yaml")
    assert result.ok
    assert [s.file for s in result.records.sources.values()] == [f"seeds/{ARTICLE_ID}.txt"]
    assert result.records.positions == []
