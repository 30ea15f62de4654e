"""Loading through the cache: how the commands and the dashboard read a positions file.

A hit (tui.loader.cache) gives the load without importing pydantic or YAML; a miss
runs the whole pipeline (tui.loader.pipeline, imported only then) and stores a valid
result for next time. Standard input and `git:REV` are never cached.
"""

from __future__ import annotations

from pathlib import Path

from tui.loader.cache import Blob, disabled_by_environment, encode, lookup, recording, store
from tui.loader.files import MAX_BYTES, STDIN, ReadError, folder_reader, read_capped, resolve_file
from tui.loader.result import LoadResult


def load_file(file: str | None, *, use_cache: bool = True) -> LoadResult:
    """The positions file named on the command line, loaded; `-` is standard input."""
    if file == STDIN:
        from tui.loader.pipeline import load_stdin

        return load_stdin()
    path, display = resolve_file(file)
    return load_path(path, display, use_cache=use_cache)


def load_path(
    path: Path | str, display: str | None = None, *, use_cache: bool = True
) -> LoadResult:
    """The load of the positions file at `path`: the cached one when its key matches,
    else a full load (then cached, when valid). `use_cache=False` (`--no-cache`, or
    SUMMIT_NO_CACHE=1) neither reads nor writes the cache."""
    result, _blob = load_and_encode(
        Path(path),
        display if display is not None else str(path),
        read_cache=use_cache,
        write_cache=use_cache,
    )
    return result


def cached_load(path: Path, display: str) -> LoadResult | None:
    """The cached load of `path` when there is one that matches, else None (nothing is
    loaded: the dashboard shows it in its first frame, or waits for the full load)."""
    positions = None if disabled_by_environment() else _positions(path)
    if positions is None:
        return None
    return lookup(path, display, positions, folder_reader(path.parent))


def _positions(path: Path) -> bytes | None:
    """The positions file's bytes; None when they cannot be read (the pipeline says why)."""
    try:
        return read_capped(path, MAX_BYTES)
    except ReadError:
        return None


def load_and_encode(
    path: Path, display: str, *, read_cache: bool, write_cache: bool, carry: bool = False
) -> tuple[LoadResult, Blob | None]:
    """The load of `path`, and, when `carry` asks for them (the validating process) or the
    load is to be cached, the bytes that carry it (None when served from the cache)."""
    if disabled_by_environment():
        read_cache = write_cache = False
    positions = _positions(path)
    if positions is None:
        # Whatever stops the read, the pipeline reports it at FILE:1:1 in its words.
        from tui.loader.pipeline import load_uncached

        failed = load_uncached(path, display)
        return failed, encode(failed, None, {}, kept=write_cache) if carry else None
    reader = folder_reader(path.parent)
    if read_cache:
        hit = lookup(path, display, positions, reader)
        if hit is not None:
            return hit, None
    from tui.loader.pipeline import load_bytes

    read, digests = recording(reader)
    result = load_bytes(positions, display, read)
    keep = write_cache and result.ok
    blob = encode(result, positions, digests, kept=write_cache) if keep or carry else None
    if keep and blob is not None:
        store(path, blob)
    return result, blob
