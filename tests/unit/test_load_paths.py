"""What the loader reads: only regular files, only inside the project, `-` for stdin.

A positions file names its sources; none of them may make `summit` wait on a pipe, read
(and print, as a "closest passage") a file elsewhere on the machine, or crash on a path
the operating system refuses.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import summit
from tui.cli import main
from tui.loader.files import ReadError, read_capped
from tui.loader.pipeline import load_uncached

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


@needs_fifo
def test_positions_file_that_is_a_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.yaml")  # `open` would block until a writer came
    proc = summit("check", "p.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "p.yaml:1:1: error: is not a regular file (a pipe, a socket or a device); "
        "name the positions file itself (- reads standard input)"
    )
    proc = summit("snapshot", "p.yaml", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr.startswith("p.yaml:1:1: error: is not a regular")


@needs_fifo
def test_source_that_is_a_pipe_is_refused_in_a_subprocess(
    write_file: Callable[..., Path],
) -> None:
    path = write_file(article=None)
    os.mkfifo(path.parent / "article.txt")
    proc = summit("check", path.name, cwd=path.parent)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "positions.yaml:13:11: error: cannot read source file 'article.txt': "
        "not a regular file (a pipe, a socket or a device)"
    )


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_positions_file_that_is_a_socket_is_refused(tmp_path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "p.yaml"))
        [diagnostic] = load_uncached(tmp_path / "p.yaml", "p.yaml").diagnostics
    finally:
        sock.close()
    assert diagnostic.format().startswith("p.yaml:1:1: error: is not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_source_that_is_a_device_is_refused(write_file: Callable[..., Path]) -> None:
    path = write_file(write_file().read_text().replace("article.txt", "zero"))
    (path.parent / "zero").symlink_to("/dev/zero")
    # /dev/zero is outside the folder too: the folder rule answers first, unread.
    [diagnostic] = load_uncached(path, "p.yaml").errors
    assert diagnostic.format().startswith(
        "p.yaml:13:11: error: source file 'zero' resolves (through a symbolic link) outside"
    )


OUTSIDE = "The secret outside text that no message may ever show.\n"


def _with_file(write_file: Callable[..., Path], file: str) -> Path:
    text = write_file().read_text().replace("file: article.txt", f"file: {file}")
    return write_file(text, dedent=False)


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("/etc/passwd", "is an absolute path; write it relative to the folder of this YAML file"),
        ("../outside.txt", "points outside the folder of this YAML file"),
        ("sub/../../outside.txt", "points outside the folder of this YAML file"),
        ('"seeds/\\0.txt"', "holds a NUL character (\\0), which no file name can hold"),
        ('"C:\\\\x.txt"', "is an absolute path"),
    ],
    ids=["absolute", "dotdot", "nested-dotdot", "nul", "drive"],
)
def test_source_path_outside_or_invalid_is_refused_at_its_value(
    write_file: Callable[..., Path], tmp_path: Path, file: str, words: str
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside.txt").write_text(OUTSIDE)
    path = _with_file(write_file, file)
    moved = project / path.name
    path.rename(moved)
    (tmp_path / "article.txt").rename(project / "article.txt")
    result = load_uncached(moved, "p.yaml")
    [first, *rest] = result.errors
    assert first.format().startswith("p.yaml:13:11: error: source file ")
    assert words in first.message
    # The quotes cannot be checked against a source that was not read; nothing of it shows.
    assert all("closest passage" not in d.message for d in result.diagnostics)
    assert rest == []


def test_symlink_out_of_the_folder_is_refused_unread(
    write_file: Callable[..., Path], tmp_path: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside.txt").write_text(OUTSIDE)
    (project / "article.txt").symlink_to(tmp_path / "outside.txt")
    path = project / "positions.yaml"
    path.write_text(write_file(article=None).read_text())
    for command in ("check", "snapshot", "coverage"):
        proc = summit(command, "positions.yaml", cwd=project)
        assert proc.returncode == 1, command
        assert "secret" not in proc.stderr + proc.stdout
        assert proc.stderr.splitlines()[0] == (
            "positions.yaml:13:11: error: source file 'article.txt' resolves (through a "
            "symbolic link) outside the folder of this YAML file; sources must be inside it, "
            "so copy the article there"
        ), command


def test_symlink_inside_the_folder_is_read(write_file: Callable[..., Path]) -> None:
    path = write_file()
    (path.parent / "seeds").mkdir()
    (path.parent / "article.txt").rename(path.parent / "seeds" / "real.txt")
    (path.parent / "article.txt").symlink_to(path.parent / "seeds" / "real.txt")
    assert load_uncached(path).ok


@pytest.mark.parametrize("command", ["check", "snapshot", "coverage", "diff"])
def test_nul_in_a_source_path_is_an_error_not_a_traceback(
    write_file: Callable[..., Path],
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _with_file(write_file, '"seeds/\\0.txt"')
    monkeypatch.chdir(path.parent)
    args = [command, path.name, path.name] if command == "diff" else [command, path.name]
    code = main(args)
    err = capsys.readouterr().err
    assert code != 0
    assert err.splitlines()[0] == (
        "positions.yaml:13:11: error: source file 'seeds/\\x00.txt' holds a NUL character "
        "(\\0), which no file name can hold"
    )


def test_dash_reads_the_positions_file_from_standard_input(
    write_file: Callable[..., Path],
) -> None:
    path = write_file()
    text = path.read_text()
    proc = summit("check", "-", cwd=path.parent, stdin=text)
    assert (proc.returncode, proc.stderr) == (0, "<stdin>: valid\n")
    broken = text.replace("stance: opposes", "stance: oppose")
    proc = summit("check", "-", cwd=path.parent, stdin=broken)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0].startswith(
        "<stdin>:32:13: error: positions[1].stance: 'oppose' is not a stance"
    )
    proc = summit("snapshot", "-", "--format", "json", cwd=path.parent, stdin=text)
    assert proc.returncode == 0, proc.stderr
    assert '"Alpha wants a ceasefire first."' in proc.stdout
    # Sources are relative to the current folder: elsewhere, the article is not found.
    proc = summit("check", "-", cwd=path.parent.parent, stdin=text)
    assert proc.returncode == 1
    assert "source file 'article.txt' not found" in proc.stderr


def test_without_a_file_the_project_copy_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ./positions.yaml: the bundled copy (tui/data, in a wheel), else the project's own."""
    from tests.helpers import SHIPPED
    from tui.loader.files import default_path, resolve_file

    monkeypatch.chdir(tmp_path)
    assert default_path() == SHIPPED
    assert resolve_file(None) == (SHIPPED, str(SHIPPED))
    (tmp_path / "positions.yaml").write_text("x", encoding="utf-8")
    assert resolve_file(None) == (tmp_path / "positions.yaml", "positions.yaml")


@needs_fifo
def test_the_one_capped_read_says_why_in_the_users_words(tmp_path: Path) -> None:
    """files.read_capped, the read every command uses for a user's file (positions file,
    source, article to archive, the file add-source edits): one error type, its kind for
    callers that word it for their context, its reason in the user's words."""
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "big").write_bytes(b"x" * (2 * 2**20 + 1))
    (tmp_path / "ok").write_bytes(b"text")
    found = {}
    for name in ("missing", "pipe", "big", ".", "ok/inside"):
        with pytest.raises(ReadError) as caught:
            read_capped(tmp_path / name, 2 * 2**20)
        found[name] = (caught.value.kind, caught.value.reason)
    assert found == {
        "missing": ("missing", "file not found"),
        "pipe": ("not regular", "is not a regular file (a pipe, a socket or a device)"),
        "big": ("too big", "is larger than 2 MiB"),
        ".": ("folder", "is a folder, not a file"),
        "ok/inside": ("missing", "file not found"),
    }
    assert read_capped(tmp_path / "ok", 4) == b"text"


@pytest.mark.parametrize("loop", ["itself", "two links"])
def test_a_source_that_is_a_loop_of_links_is_an_error_not_a_traceback(
    write_file: Callable[..., Path], loop: str
) -> None:
    # Issue 20, item 5: Path.resolve raised RuntimeError on Python 3.11 and 3.12 (not on
    # 3.13, so CI on 3.11 covers it): a traceback in check, snapshot and coverage.
    path = write_file(article=None)
    if loop == "itself":
        (path.parent / "article.txt").symlink_to("article.txt")
    else:
        (path.parent / "article.txt").symlink_to("other.txt")
        (path.parent / "other.txt").symlink_to("article.txt")
    for command in ("check", "snapshot", "coverage"):
        proc = summit(command, "positions.yaml", cwd=path.parent)
        assert proc.returncode == 1, command
        assert "Traceback" not in proc.stderr
        assert proc.stderr.splitlines()[0] == (
            "positions.yaml:13:11: error: cannot read source file 'article.txt': "
            "its symbolic links go round in a loop"
        ), command


def test_a_positions_file_that_is_a_loop_of_links_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "positions.yaml").symlink_to("positions.yaml")
    proc = summit("check", "positions.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stderr.splitlines()[0]) == (
        1,
        "positions.yaml:1:1: error: cannot read file: its symbolic links go round in a loop",
    )
