"""`summit add-source` and `summit init` keep their promises (issue 20, items 4, 9, 10, 11,
12 and 14): bounded on inputs they accept, the file read as `summit check` reads it,
nothing overwritten or given away, nothing written outside the project, no change lost,
line endings and hints as the file and the shell expect them."""

from __future__ import annotations

import os
import random
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import pytest

import tui.loader.files as files
from tests.helpers import FIXTURES, summit, summit_peak
from tui.cli import main
from tui.loader.pipeline import load_uncached

PAGE = FIXTURES / "curate" / "article.html"
ARTICLE_ID = "harbour-talks-end-without-a-deal"
HEAD = (
    "summit: {title: T, location: L, date: 2025-08-15, as_of: 2025-08-13,\n"
    "  date_basis: stated, as_of_basis: stated}\n"
    "sources:\n"
    "  old:\n"
    "    outlet: O\n"
    "    title: T\n"
    "    published: 2025-08-13\n"
    "    published_basis: stated\n"
    "    file: old.txt\n"
    "parties: {a: {name: A, short: A}}\n"
    "topics: {t: {title: T, question: Q?}}\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def project_with(tmp_path: Path, text: str, newline: str = "\n") -> Path:
    """A project folder whose positions.yaml is `text` (its line breaks made `newline`)."""
    folder = tmp_path / "proj"
    (folder / "seeds").mkdir(parents=True)
    (folder / "old.txt").write_text("old\n", encoding="utf-8")
    (folder / "positions.yaml").write_bytes(text.replace("\n", newline).encode("utf-8"))
    return folder


def append(capsys: pytest.CaptureFixture[str], folder: Path, *more: str) -> tuple[int, str, str]:
    return run(capsys, "add-source", str(PAGE), "--append", "--project", str(folder), *more)


# --- item 4: bounded on the inputs it accepts --------------------------------------------


def test_append_to_10_000_positions_is_bounded(tmp_path: Path) -> None:
    # 10,000 positions (7 MB): the pure-Python round-trip parser read it four to eight
    # times (111 s, 432 MB in the audit; 37 s and 250 MB once it read it once). Now the
    # loader's reading, once, and once for the read-back: about a second and 100 MB.
    words = " ".join(["in the words of the curator about the talks"] * 4)
    one = (
        "  - party: a\n    topic: t{n}\n    stance: supports\n"
        f"    summary: A position on topic {{n}}, in {words}.\n"
        "    evidence:\n"
        f"      - {{{{source: old, quote: 'one {words}', voice: article}}}}\n"
        f"      - {{{{source: old, quote: 'two {words}', voice: article}}}}\n"
    )
    body = "".join(one.format(n=n) for n in range(10_000))
    folder = project_with(tmp_path, HEAD + "positions:\n" + body)
    assert (folder / "positions.yaml").stat().st_size > 6_000_000
    code, peak = summit_peak("add-source", str(PAGE), "--append", cwd=folder)
    assert code == 0
    assert peak < 200, f"{peak:.0f} MB"
    assert f"  {ARTICLE_ID}:\n" in (folder / "positions.yaml").read_text(encoding="utf-8")


def _unique_paragraphs(size: int) -> str:
    rng = random.Random(1)
    words = "the talks quota fish zone council survey harbour officials agreement".split()
    out: list[str] = []
    total = 0
    while total < size:
        out.append(f"<p>{len(out)}: " + " ".join(rng.choice(words) for _ in range(60)) + "</p>\n")
        total += len(out[-1])
    return "".join(out)


def test_a_page_with_more_markup_than_the_cap_is_refused_saying_so(tmp_path: Path) -> None:
    # 8 MB of article markup took trafilatura seconds and 400 MB (50 MB: minutes, 1.4 GB).
    page = PAGE.read_text(encoding="utf-8")
    big = tmp_path / "big.html"
    big.write_text(page.replace("</article>", _unique_paragraphs(8 * 2**20) + "</article>"))
    folder = project_with(tmp_path, HEAD + "positions: []\n")
    code, peak = summit_peak("add-source", str(big), cwd=folder)
    assert code == 1
    assert peak < 200, f"{peak:.0f} MB"
    assert list((folder / "seeds").iterdir()) == []
    proc = summit("add-source", str(big), cwd=folder)
    assert "more than the 4 MiB add-source extracts from" in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_a_page_heavy_with_scripts_and_inline_images_is_extracted_from_its_markup(
    tmp_path: Path,
) -> None:
    page = PAGE.read_text(encoding="utf-8")
    heavy = page.replace("</head>", "<script>var x = '<p>not text</p>';</script></head>")
    heavy = heavy.replace(
        "</body>", '<img src="data:image/png;base64,' + "QUJD" * (2 * 2**20) + '"></body>'
    )
    (tmp_path / "heavy.html").write_text(heavy, encoding="utf-8")
    folder = project_with(tmp_path, HEAD + "positions: []\n")
    proc = summit("add-source", str(tmp_path / "heavy.html"), "--id", "heavy", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    # The same article in a project of its own (in the same one it is a duplicate).
    other = project_with(tmp_path / "other", HEAD + "positions: []\n")
    plain = summit("add-source", str(PAGE), "--id", "plain", cwd=other)
    assert plain.returncode == 0, plain.stderr
    assert (folder / "seeds" / "heavy.txt").read_bytes() == (
        other / "seeds" / "plain.txt"
    ).read_bytes()
    assert proc.stdout.replace("heavy", "plain") == plain.stdout


def test_lighter_sets_aside_what_holds_no_text() -> None:
    from tui.authoring.saved_page import lighter

    page = (
        b"<html><head><SCRIPT type='text/javascript'>a < b</SCRIPT>"
        b'<script type="application/ld+json">{"datePublished": "2025-08-13"}</script>'
        b"<style>p {color: red}</style><!-- <script> --></head>"
        b'<body><svg><text>drawn</text></svg><p>Kept text.</p><img src="data:image/png;base64,'
        + b"A" * 100
        + b'"><p>More.</p><script>never closed'
    )
    assert lighter(page) == (
        b'<html><head><script type="application/ld+json">{"datePublished": "2025-08-13"}'
        b'</script></head><body><p>Kept text.</p><img src="data:,"><p>More.</p>'
        b"<script>never closed"
    )


# --- item 9: never overwrite, never give away ---------------------------------------------


def test_a_read_only_positions_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = project_with(tmp_path, HEAD + "positions: []\n")
    path = folder / "positions.yaml"
    path.chmod(0o444)
    before = path.read_bytes()
    code, _, err = append(capsys, folder)
    assert code == 1
    assert err == (
        f"{path}:1:1: error: cannot add a source: the file is read-only (mode 0444); "
        "make it writable (chmod u+w) to change it\n"
    )
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert list((folder / "seeds").iterdir()) == []  # refused before anything was archived


def test_hard_links_owner_and_mode_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = project_with(tmp_path, HEAD + "positions: []\n")
    path = folder / "positions.yaml"
    path.chmod(0o640)
    other = tmp_path / "linked.yaml"
    os.link(path, other)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # another user's file, edited by root
    before = path.stat()
    assert append(capsys, folder)[0] == 0
    after = path.stat()
    assert (after.st_ino, after.st_nlink) == (before.st_ino, 2)
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert f"  {ARTICLE_ID}:\n" in other.read_text(encoding="utf-8")
    assert load_uncached(path).ok


def test_an_owner_that_cannot_be_given_keeps_the_file_by_writing_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = project_with(tmp_path, HEAD + "positions: []\n")
    path = folder / "positions.yaml"
    before = path.stat()

    def made_by_someone_else(temp: str) -> os.stat_result:
        info = list(os.lstat(temp))
        info[stat.ST_UID] = before.st_uid + 1  # as if another user ran the command
        return os.stat_result(info)

    def not_allowed(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    real_stat = os.stat
    monkeypatch.setattr(
        files.os,
        "stat",
        lambda p, *a, **k: made_by_someone_else(p) if str(p).endswith(".tmp") else real_stat(p),
    )
    monkeypatch.setattr(files.os, "chown", not_allowed)
    assert append(capsys, folder)[0] == 0
    assert path.stat().st_ino == before.st_ino  # the same file, written in place
    assert f"  {ARTICLE_ID}:\n" in path.read_text(encoding="utf-8")
    assert not list(folder.glob(".positions.yaml.*"))


def test_a_write_in_place_that_fails_puts_the_old_bytes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"old bytes\n")
    os.link(path, tmp_path / "g.yaml")  # a hard link: written in place
    was = files.Unchanged(path.stat(), files.hashlib.sha256(b"old bytes\n").digest())
    put, calls = files._put, []

    def fail_half_way(fd: int, data: bytes) -> None:
        calls.append(data)
        if len(calls) == 1:
            os.write(fd, data[: len(data) // 2])
            raise OSError(28, "No space left on device")
        put(fd, data)

    monkeypatch.setattr(files, "_put", fail_half_way)
    with pytest.raises(files.WriteError, match="No space left on device; it is unchanged"):
        files.write_atomic(path, [b"new and longer bytes\n"], unchanged_since=was)
    assert path.read_bytes() == b"old bytes\n"
    assert not list(tmp_path.glob(".f.yaml.*"))


def test_init_writes_nothing_that_exists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "talks"
    folder.mkdir()
    (folder / "positions.schema.json").write_text('{"mine": true}\n', encoding="utf-8")
    code, _, err = run(capsys, "init", str(folder))
    assert code == 1
    assert err.startswith(f"{folder / 'positions.schema.json'}:1:1: error: already exists;")
    assert (folder / "positions.schema.json").read_text() == '{"mine": true}\n'
    assert not (folder / "positions.yaml").exists()


# --- item 10: one YAML reading for check and add-source ----------------------------------


@pytest.mark.parametrize(
    ("text", "newline"),
    [
        (HEAD.replace("    file: old.txt\n", "    file: old.txt\t# a tab, then a comment\n"), "\n"),
        (HEAD, "\r"),  # old Mac line endings: CR alone
    ],
    ids=["tab-before-comment", "cr-only"],
)
def test_what_check_accepts_add_source_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, newline: str
) -> None:
    folder = project_with(tmp_path, text + "positions: []\n", newline)
    path = folder / "positions.yaml"
    before = path.read_bytes().decode("utf-8")
    assert load_uncached(path).ok
    code, _, err = append(capsys, folder)
    assert code == 0, err
    after = path.read_bytes().decode("utf-8")
    assert after.startswith(before[: before.index("parties:")])
    assert after.endswith(before[before.index("parties:") :])
    inserted = after[before.index("parties:") : len(after) - len(before) + before.index("parties:")]
    assert inserted.startswith(f"  {ARTICLE_ID}:{newline}    outlet: ")
    assert "\n" not in inserted.replace(newline, "") if newline != "\n" else "\r" not in inserted
    result = load_uncached(path)
    assert result.ok and list(result.records.sources) == ["old", ARTICLE_ID]


def test_what_check_refuses_add_source_refuses_in_check_s_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = project_with(tmp_path, HEAD.replace("    title: T\n", "    title: T\n    title: U\n"))
    path = folder / "positions.yaml"
    [problem] = [d for d in load_uncached(path).errors if "duplicate" in d.message]
    code, _, err = append(capsys, folder)
    assert code == 1
    assert err == (
        f"{path}:{problem.line}:{problem.col}: error: cannot add a source: {problem.message} "
        "(`summit check` shows every problem)\n"
    )


# --- item 11: nothing outside the project, never a wait ----------------------------------


def test_a_seeds_folder_leading_outside_the_project_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = project_with(tmp_path, HEAD + "positions: []\n")
    (folder / "seeds").rmdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (folder / "seeds").symlink_to(outside)
    before = (folder / "positions.yaml").read_bytes()
    code, _, err = append(capsys, folder)
    assert code == 1
    assert err.startswith(
        f"{folder / 'seeds'}:1:1: error: leads (through a symbolic link) outside the project"
    )
    assert list(outside.iterdir()) == []
    assert (folder / "positions.yaml").read_bytes() == before


@pytest.mark.skipif(not os.access("/proc/kmsg", os.R_OK), reason="needs a readable /proc/kmsg")
def test_a_file_that_blocks_on_read_is_not_waited_on(tmp_path: Path) -> None:
    # /proc/kmsg is a regular file whose read waits for the next kernel message; the
    # loader's read opens it without blocking. A hang is what the timeout would catch.
    folder = project_with(tmp_path, HEAD + "positions: []\n")
    proc = summit("add-source", "/proc/kmsg", "--id", "kmsg", cwd=folder, timeout=60)
    assert proc.returncode in (0, 1)
    assert "Traceback" not in proc.stderr


# --- item 12: a change while the command runs is never lost ------------------------------


def test_an_edit_of_the_same_size_and_time_during_the_append_is_not_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # An editor writes the file in place while add-source prepares its edit: same size,
    # same modification time (same clock tick), same inode. Only the bytes tell.
    folder = project_with(tmp_path, HEAD + "positions: []\n")
    path = folder / "positions.yaml"
    write = files.write_chunks

    def editor_writes_in_place(handle: IO[bytes], chunks: Iterable[bytes]) -> None:
        write(handle, chunks)
        info = path.stat()
        with open(path, "r+b") as edited:
            edited.write(b"# ")  # "summit:" -> "# mmit:", the same size
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))

    monkeypatch.setattr(files, "write_chunks", editor_writes_in_place)
    code, _, err = append(capsys, folder)
    assert code == 1
    assert "changed while the source was being added" in err
    assert path.read_bytes().startswith(b"# mmit:")
    assert ARTICLE_ID not in path.read_text(encoding="utf-8")


# --- item 14: line endings and hints ------------------------------------------------------


@pytest.mark.parametrize(("head", "rest"), [("\r\n", "\n"), ("\n", "\r\n")])
def test_the_stanza_takes_the_line_endings_of_the_lines_around_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], head: str, rest: str
) -> None:
    cut = HEAD.index("sources:")
    text = HEAD[:cut].replace("\n", head) + (HEAD[cut:] + "positions: []\n").replace("\n", rest)
    folder = tmp_path / "proj"
    (folder / "seeds").mkdir(parents=True)
    (folder / "positions.yaml").write_bytes(text.encode("utf-8"))
    assert append(capsys, folder)[0] == 0
    after = (folder / "positions.yaml").read_bytes().decode("utf-8")
    entry = after[after.index(f"  {ARTICLE_ID}:") : after.index("parties:")]
    assert entry.count(rest) == len(entry.splitlines())
    if rest == "\n":
        assert "\r" not in entry


def test_init_hints_work_for_a_folder_named_like_an_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.chdir(tmp_path)
    code, _, err = run(capsys, "init", "--", "-talks")
    assert code == 0
    assert "--project ./-talks`" in err and "summit check ./-talks/positions.yaml`" in err
    assert run(capsys, "check", "./-talks/positions.yaml")[0] in (0, 1)  # a file, not an option
