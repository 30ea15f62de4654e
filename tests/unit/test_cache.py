"""The cache of the last valid load (tui.loader.cache, tui.loader.front): a hit is
exactly the load, content decides validity, and a bad cache file is never trusted."""

from __future__ import annotations

import io
import marshal
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import tui.loader.pipeline as pipeline
from tests.helpers import ROOT, TIMEOUT, environment, summit
from tui.loader import cache, code
from tui.loader.front import cached_load, load_path
from tui.loader.result import LoadResult


def _no_full_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a load that is not served from the cache fails the test."""

    def refuse(*args: object, **kwargs: object) -> LoadResult:
        raise AssertionError("loaded in full: the cache was not used")

    monkeypatch.setattr(pipeline, "load_bytes", refuse)


def _cache_files(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "summit-positions" / "loads").glob("*.bin"))


def _keep_size_and_time(path: Path, old: bytes, new: bytes) -> None:
    """Write `new` over `old` with the same size and modification time."""
    assert len(old) == len(new) and old != new
    info = path.stat()
    path.write_bytes(new)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


# --- a hit is the load ---------------------------------------------------------------------


def test_a_hit_gives_the_same_load_without_loading(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, cache_home: Path
) -> None:
    miss = load_path(shipped, "positions.yaml")
    assert miss.ok and len(_cache_files(cache_home)) == 1
    _no_full_load(monkeypatch)
    hit = load_path(shipped, "positions.yaml")
    assert hit.same_as(miss)
    assert hit.records == miss.records
    assert hit.diagnostics == miss.diagnostics and miss.warnings
    assert hit.index.lines == miss.index.lines
    assert {k: (v.source, v.span) for k, v in hit.index.located.items()} == {
        k: (v.source, v.span) for k, v in miss.index.located.items()
    }
    # The texts are the sources' texts, so spans still point at the quotes.
    for (i, j), found in hit.index.located.items():
        start, end = found.span
        assert found.text.text[start:end] == miss.evidence(i, j).text.text[start:end]  # type: ignore[union-attr]


HIT_PROBE = """
import sys
from tui.cli import main
code = main(sys.argv[1:])
with open("probe.txt", "w") as out:
    out.write(repr(sorted(m for m in ("pydantic", "yaml") if m in sys.modules)))
sys.exit(code)
"""


def test_check_on_a_hit_prints_exactly_what_a_miss_prints(shipped: Path, cache_home: Path) -> None:
    first = summit("check", "positions.yaml", cwd=shipped.parent)
    assert len(_cache_files(cache_home)) == 1
    second = subprocess.run(
        [sys.executable, "-c", HIT_PROBE, "check", "positions.yaml"],
        cwd=shipped.parent,
        env=environment(),
        capture_output=True,
        text=True,
    )
    assert (second.returncode, second.stdout, second.stderr) == (
        first.returncode,
        first.stdout,
        first.stderr,
    )
    assert first.returncode == 0 and "warning:" in first.stderr
    # A hit: neither YAML nor pydantic was needed to print it.
    assert (shipped.parent / "probe.txt").read_text() == "[]"


def test_snapshot_on_a_hit_prints_what_a_miss_prints(shipped: Path) -> None:
    for fmt in ("text", "json", "markdown"):
        first = summit("snapshot", "--format", fmt, "positions.yaml", cwd=shipped.parent)
        second = summit("snapshot", "--format", fmt, "positions.yaml", cwd=shipped.parent)
        off = summit(
            "snapshot", "--format", fmt, "--no-cache", "positions.yaml", cwd=shipped.parent
        )
        assert first.returncode == 0
        assert first.stdout == second.stdout == off.stdout, fmt


def test_a_hit_names_the_file_as_this_run_does(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_path(shipped, "first-name.yaml")
    _no_full_load(monkeypatch)
    hit = load_path(shipped, "./other-name.yaml")
    assert hit.path == "./other-name.yaml"
    assert {d.path for d in hit.diagnostics} == {"./other-name.yaml"}


def test_a_hit_imports_neither_pydantic_nor_yaml(shipped: Path) -> None:
    summit("check", "positions.yaml", cwd=shipped.parent)
    probe = (
        "import sys\n"
        "from tui.cli import main\n"
        "code = main(['check', 'positions.yaml'])\n"
        "loaded = sorted(m for m in ('pydantic', 'yaml', 'textual') if m in sys.modules)\n"
        "print(code, loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=shipped.parent,
        env=environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "0 []"


# --- content decides: an edit is never served stale ------------------------------------------


def test_an_edit_that_keeps_size_and_time_is_a_miss(shipped: Path) -> None:
    load_path(shipped)
    old = shipped.read_bytes()
    new = old.replace(b"stance: supports", b"stance: opposes ", 1)
    _keep_size_and_time(shipped, old, new)
    result = load_path(shipped)
    assert result.records is not None
    stances = [p.stance.value for p in result.records.positions]
    assert stances == [p.stance.value for p in pipeline.load_uncached(shipped).records.positions]  # type: ignore[union-attr]


def test_a_source_edit_that_keeps_size_and_time_is_a_miss(shipped: Path) -> None:
    first = load_path(shipped)
    assert first.ok
    seed = next((shipped.parent / "seeds").glob("*.txt"))
    old = seed.read_bytes()
    # The first quoted word of the article, changed: quotes from there no longer verify.
    new = old.replace(b"Trump", b"Tramp")
    _keep_size_and_time(seed, old, new)
    again = load_path(shipped)
    assert not again.same_as(first)
    assert again.same_as(pipeline.load_uncached(shipped))


def test_a_source_that_now_leads_outside_is_not_served(
    shipped: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert load_path(shipped).ok
    seed = next((shipped.parent / "seeds").glob("*.txt"))
    outside = tmp_path_factory.mktemp("outside") / seed.name
    outside.write_bytes(seed.read_bytes())
    seed.unlink()
    seed.symlink_to(outside)
    result = load_path(shipped)
    assert not result.ok
    assert any("outside" in d.message for d in result.errors)


def test_another_version_of_a_dependency_is_a_miss(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_path(shipped)
    assert cached_load(shipped, "positions.yaml") is not None
    monkeypatch.setattr(cache, "_tools", {})
    monkeypatch.setattr(code, "DEPENDENCIES", (*code.DEPENDENCIES, "json"))
    assert cached_load(shipped, "positions.yaml") is None


def test_a_pipe_at_the_cache_path_is_a_miss_not_a_hang(shipped: Path, cache_home: Path) -> None:
    load_path(shipped)
    [file] = _cache_files(cache_home)
    file.unlink()
    os.mkfifo(file)
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(cached_load(shipped, "x")))
    reader.start()
    reader.join(30)
    alive = reader.is_alive()
    if alive:  # let the thread go: open a writer, so that its open returns
        with open(file, "wb"):
            pass
    assert not alive and found == [None]


def test_same_as_sees_the_order_of_columns_and_the_texts(shipped: Path) -> None:
    first = load_path(shipped, use_cache=False)
    text = shipped.read_text(encoding="utf-8")
    # The first party's entry moved to the end of `parties:`: equal as a mapping, but
    # the columns are in another order.
    start = text.index("\n  us:\n") + 1
    second_party = text.index("\n  russia:\n", start) + 1
    after = re.search(r"\n(?=[^ \n])", text[second_party:])
    assert after is not None
    end = second_party + after.start() + 1
    moved = text[:start] + text[second_party:end] + text[start:second_party] + text[end:]
    shipped.write_text(moved, encoding="utf-8")
    second = load_path(shipped, use_cache=False)
    assert second.ok and second.data == first.data
    assert list(second.data["parties"]) != list(first.data["parties"])  # type: ignore[index]
    assert not second.same_as(first)
    shipped.write_text(text, encoding="utf-8")
    assert first.same_as(load_path(shipped, use_cache=False))
    # An article changed away from its quotes: the same data, another text.
    seed = next((shipped.parent / "seeds").glob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA paragraph added.\n", "utf-8")
    assert not first.same_as(load_path(shipped, use_cache=False))


def test_another_version_of_the_tool_is_a_miss(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_path(shipped)
    monkeypatch.setattr(cache, "_tools", {True: "another version"})
    assert cached_load(shipped, "positions.yaml") is None


# --- a bad cache file is ignored and replaced ------------------------------------------------


def _header(blob: bytes) -> tuple[str, bytes, tuple[tuple[str, bytes], ...], int, bytes]:
    return cache.read_header(io.BytesIO(blob))


def _damage(kind: str, blob: bytes) -> bytes:
    if kind == "truncated":
        return blob[: len(blob) - 100]
    if kind == "corrupt":
        # A letter changed in the body: it still decodes, into the wrong data.
        assert b"Anchorage" in blob
        return blob.replace(b"Anchorage", b"Anchoragf", 1)
    if kind == "foreign":
        return b"\x89PNG\r\n\x1a\n" + blob[8:]
    if kind == "huge-header":
        return cache.MAGIC + (2**31).to_bytes(4, "big") + blob[len(cache.MAGIC) + 4 :]
    if kind == "bad-header":
        return cache.MAGIC + (5).to_bytes(4, "big") + b"\x00\x01\x02\x03\x04"
    if kind == "empty":
        return b""
    if kind == "header-bit":
        # A length inside the header, flipped: marshal would believe it and allocate.
        at = len(cache.MAGIC) + 4 + 32 + 1
        return blob[:at] + bytes([blob[at] ^ 0x40]) + blob[at + 1 :]
    if kind == "body-claims-more":
        tool, positions, sources, size, body_digest = _header(blob)
        header = marshal.dumps((tool, positions, sources, 2**40, body_digest))
        head = cache.MAGIC + len(header).to_bytes(4, "big") + cache.digest(header) + header
        return head + blob[-size:]
    if kind == "longer":
        return blob + b"\0"
    raise ValueError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "truncated",
        "corrupt",
        "foreign",
        "huge-header",
        "bad-header",
        "empty",
        "header-bit",
        "body-claims-more",
        "longer",
    ],
)
def test_a_bad_cache_file_is_ignored_and_replaced(
    shipped: Path, cache_home: Path, kind: str
) -> None:
    good = load_path(shipped)
    [file] = _cache_files(cache_home)
    blob = file.read_bytes()
    file.write_bytes(_damage(kind, blob))
    assert cached_load(shipped, str(shipped)) is None
    again = load_path(shipped)
    assert again.same_as(good)
    assert file.read_bytes() == blob
    assert cached_load(shipped, str(shipped)) is not None


def test_a_body_that_does_not_decode_into_a_load_is_a_miss(shipped: Path, cache_home: Path) -> None:
    load_path(shipped)
    [file] = _cache_files(cache_home)
    tool, positions, sources, _, _ = _header(file.read_bytes())
    body = marshal.dumps(("x", {"summit": {}}, (), False, 0, (), ()))
    header = marshal.dumps((tool, positions, sources, len(body), cache.digest(body)))
    head = cache.MAGIC + len(header).to_bytes(4, "big") + cache.digest(header) + header
    file.write_bytes(head + body)
    assert cached_load(shipped, str(shipped)) is None


# --- what is cached, and turning it off --------------------------------------------------------


def test_an_invalid_file_is_not_cached(write_file: object, cache_home: Path) -> None:
    path = write_file("summit: {}\n")  # type: ignore[operator]
    assert not load_path(path).ok
    assert _cache_files(cache_home) == []


def test_no_cache_neither_reads_nor_writes(
    shipped: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_read(*args: object) -> None:
        raise AssertionError("the cache was read")

    monkeypatch.setattr("tui.loader.front.lookup", no_read)
    assert load_path(shipped, use_cache=False).ok
    assert _cache_files(cache_home) == []
    assert summit("check", "--no-cache", "positions.yaml", cwd=shipped.parent).returncode == 0
    assert summit("--no-cache", "check", "positions.yaml", cwd=shipped.parent).returncode == 0
    assert summit("snapshot", "--no-cache", "positions.yaml", cwd=shipped.parent).returncode == 0
    assert _cache_files(cache_home) == []
    monkeypatch.setenv("SUMMIT_NO_CACHE", "1")
    assert load_path(shipped).ok
    assert summit("check", "positions.yaml", cwd=shipped.parent).returncode == 0
    assert _cache_files(cache_home) == []
    monkeypatch.setenv("SUMMIT_NO_CACHE", "0")
    assert summit("check", "positions.yaml", cwd=shipped.parent).returncode == 0
    assert len(_cache_files(cache_home)) == 1


def test_the_cache_lives_under_xdg_cache_home(shipped: Path, cache_home: Path) -> None:
    load_path(shipped)
    [file] = _cache_files(cache_home)
    assert file.parent == cache_home / "summit-positions" / "loads"
    assert file == cache.cache_file(shipped)
    # Written whole, then renamed: no temporary file is left beside it.
    assert sorted(p.name for p in file.parent.iterdir()) == [file.name]


def test_temporary_files_of_unfinished_writes_are_removed_once_stale(
    shipped: Path, cache_home: Path
) -> None:
    load_path(shipped)
    [file] = _cache_files(cache_home)
    old, fresh = file.parent / ".old.tmp", file.parent / ".fresh.tmp"
    for temp in (old, fresh):
        temp.write_bytes(b"half a cache file")
    long_ago = time.time() - 2 * cache.STALE_SECONDS
    os.utime(old, (long_ago, long_ago))
    file.unlink()
    load_path(shipped)
    assert not old.exists() and fresh.exists()


def test_an_unwritable_cache_folder_is_no_cache(shipped: Path, cache_home: Path) -> None:
    (cache_home / "summit-positions").write_text("a file where the folder should be")
    result = load_path(shipped)
    assert result.ok and cached_load(shipped, str(shipped)) is None


# --- the tool's code, known by its content (issue 20, item 13) -------------------------------


def test_an_edit_of_the_code_that_keeps_its_size_and_time_is_a_miss(
    shipped: Path, tmp_path: Path
) -> None:
    # The code was known by its files' sizes and modification times: an edit that kept
    # both was not seen, and the cache served loads made by the old code.
    code = tmp_path / "code"
    shutil.copytree(ROOT / "tui", code / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    env = {"PYTHONPATH": str(code), "PYTHONDONTWRITEBYTECODE": "1"}

    def check() -> int:
        proc = subprocess.run(
            [sys.executable, "-m", "tui", "check", str(shipped)],
            cwd=code,
            env=environment(env),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        [file] = list((Path(os.environ["XDG_CACHE_HOME"]) / "summit-positions" / "loads").iterdir())
        return file.stat().st_ino

    first = check()
    assert check() == first  # a hit: the cache file is not written again
    edited = code / "tui" / "report" / "console.py"
    info = edited.stat()
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("DEFAULT_WIDTH = 100", "DEFAULT_WIDTH = 101"), "utf-8")
    os.utime(edited, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert edited.stat().st_size == info.st_size and edited.stat().st_mtime_ns == info.st_mtime_ns
    assert check() != first  # a miss: loaded again and stored under the new code


def test_the_code_is_hashed_once_per_install_and_a_warm_start_reads_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cache, "_tools", {})
    first = cache.tool()
    assert (cache.cache_folder().parent / code.KEPT_IN).is_file()
    monkeypatch.setattr(cache, "_tools", {})

    def no_reading(files: object) -> str:
        raise AssertionError("the code was read again")

    monkeypatch.setattr(code, "hash_code", no_reading)
    assert cache.tool() == first  # the stamp matched: the kept hash, no code read
    monkeypatch.setattr(cache, "_tools", {})
    assert cache.tool(kept=False) != first  # the cache off: the stamp, nothing kept


def test_a_reinstall_of_the_same_code_keeps_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "module.py"
    fake.write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(code, "code_files", lambda: [(str(fake), "")])
    monkeypatch.setattr(cache, "_tools", {})
    first = cache.tool()
    fake.unlink()
    fake.write_text("X = 1\n", encoding="utf-8")  # the same bytes, a new file
    monkeypatch.setattr(cache, "_tools", {})
    assert cache.tool() == first
    fake.write_text("X = 2\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_tools", {})
    assert cache.tool() != first
