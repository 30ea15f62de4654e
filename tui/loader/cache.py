"""The last valid load of each positions file, kept as plain data, so that the next
`summit check`, `summit snapshot` or dashboard start reads it instead of loading again.

A cache file is one small file per positions file, under the platform's user cache
folder (`$XDG_CACHE_HOME/summit-positions/loads`, else where platformdirs says). Its layout:

    MAGIC                     which format this is (a foreign file does not start so)
    4 bytes                   the length of the header, big-endian
    32 bytes                  the SHA-256 of the header
    header (marshal)          (tool, positions digest, ((source file, digest), ...),
                               body length, body digest)
    body (marshal)            the load: plain data, diagnostics, lines, verified spans, bases

The key of the user's files is their content, never a time: the SHA-256 of the positions
file and of every source file it cites. Beside it, what the load was made with (`tool`):
Python's version, this tool's version and code, and the libraries that validate and parse,
code known by its content: hashed once per install and kept beside the loads (`code`),
under a stamp of its files' sizes, times and inodes, so that a warm start reads or imports
none of it and an edit that keeps a file's size and modification time is still seen.
Deciding a hit reads only the header (itself checked by its digest) and hashes the files,
which a load reads anyway; the body is read only then, and is used only when its own
digest matches, so a truncated or corrupted file is a miss, as is anything that does not
decode into a load.
A miss is replaced by the next valid load; a hit is exactly what the load would give,
warnings included.

The same bytes carry a load from the dashboard's validating process to the dashboard
(tui.loader.child). No pydantic and no YAML here: a hit costs neither.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import time
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO

from tui.evidence.attribution import Basis
from tui.evidence.source_text import SourceText
from tui.loader.code import fingerprint
from tui.loader.files import (
    ReadError,
    SourceReader,
    WriteError,
    open_regular,
    without_bom,
    write_atomic,
)
from tui.loader.result import EvidenceIndex, LoadResult, Located
from tui.model.diagnostics import Diagnostic

MAGIC = b"summit-positions load cache, format 2\n"
MARSHAL_VERSION = 4
MAX_HEADER = 16 * 2**20
"""A header lists one digest per source file: 16 MiB is room for 100,000 of them."""
APP_NAME = "summit-positions"
NO_CACHE_ENV = "SUMMIT_NO_CACHE"
"""`SUMMIT_NO_CACHE=1` turns the cache off, as `--no-cache` does."""

Digests = Mapping[str, bytes]
"""Source file (as the positions file names it) -> SHA-256 of its bytes."""


def disabled_by_environment() -> bool:
    """Whether the environment turns the cache off (any value but empty or 0)."""
    return os.environ.get(NO_CACHE_ENV, "") not in ("", "0")


def cache_folder() -> Path:
    """Where cache files live: the user's cache folder, as the platform names it, or
    under $XDG_CACHE_HOME when it is set, on every platform (platformdirs honours it on
    Linux and BSD only)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / APP_NAME / "loads"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "loads"


def cache_file(path: Path) -> Path:
    """The cache file of the positions file at `path` (one per absolute path)."""
    name = os.fsencode(os.path.abspath(path))
    return cache_folder() / f"{hashlib.sha256(name).hexdigest()[:32]}.bin"


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def recording(read_source: SourceReader) -> tuple[SourceReader, dict[str, bytes]]:
    """`read_source`, and the digest of every file it read (by the name it was asked for)."""
    digests: dict[str, bytes] = {}

    def read(relative: str) -> bytes:
        data = read_source(relative)
        digests[relative] = digest(data)
        return data

    return read, digests


_tools: dict[bool, str] = {}


def tool(*, kept: bool = True) -> str:
    """What else a load depends on (tui.loader.code.fingerprint), its code's hash kept
    beside the loads; `kept=False`, for a load only carried from the dashboard's
    validating process with the cache off: nothing read or written in the cache's
    folder."""
    found = _tools.get(kept)
    if found is None:
        found = _tools[kept] = fingerprint(cache_folder().parent if kept else None)
    return found


# --- writing -------------------------------------------------------------------------------


Blob = tuple[bytes, bytes]
"""A cache file's bytes in two parts, (magic, length and header; body): written one after
the other, never joined, so that a big load is not held twice in memory."""


def encode(
    result: LoadResult, positions: bytes | None, sources: Digests, *, kept: bool = True
) -> Blob | None:
    """The bytes that carry `result`; None when it cannot be carried (then it is not
    cached, and the caller loads as if there were no cache). `kept`: see `tool`."""
    if any(d.path != result.path for d in result.diagnostics):
        return None
    located = tuple(
        (i, j, found.source, *found.span) for (i, j), found in result.index.located.items()
    )
    body_data = (
        result.path,
        result.data,
        tuple(
            (d.line, d.col, d.severity, d.message, d.hidden, d.hidden_warnings)
            for d in result.diagnostics
        ),
        result.stopped,
        result.warnings_not_kept,
        tuple(result.index.lines),
        located,
        tuple(None if basis is None else basis.value for basis in result.index.bases),
    )
    try:
        body = marshal.dumps(body_data, MARSHAL_VERSION)
        header = marshal.dumps(
            (
                tool(kept=kept),
                digest(positions) if positions is not None else b"",
                tuple(sorted(sources.items())),
                len(body),
                digest(body),
            ),
            MARSHAL_VERSION,
        )
    except ValueError:  # something marshal cannot write: not cached
        return None
    return MAGIC + len(header).to_bytes(4, "big") + digest(header) + header, body


def store(path: Path, blob: Blob) -> None:
    """Write the cache file of `path` atomically (a new file, then a rename), unless it
    already holds these bytes. A cache that cannot be written is no cache: silently."""
    target = cache_file(path)
    try:
        head, body = blob
        if target.is_file() and target.stat().st_size == len(head) + len(body):
            with open_regular(target) as old:
                if old.read(len(head)) == head and old.read() == body:
                    return
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _remove_stale(target.parent)
        # Private to the user, and not forced to disk: a cache lost in a crash is a miss.
        write_atomic(target, blob, mode=0o600, durable=False)
    except (OSError, ReadError, WriteError):
        return


STALE_SECONDS = 600


def _remove_stale(folder: Path) -> None:
    """Temporary files of writes that never finished (a validating process stopped when
    its dashboard closed), once they are surely not being written."""
    now = time.time()
    for temp in folder.glob(".*.tmp"):
        try:
            if now - temp.stat().st_mtime > STALE_SECONDS:
                temp.unlink()
        except OSError:
            continue


# --- reading -------------------------------------------------------------------------------


class Miss(Exception):
    """The bytes are not a load of these files: a foreign, stale, truncated or corrupt
    cache file (or a load that changed under the reader)."""


def read_header(handle: Any) -> tuple[str, bytes, tuple[tuple[str, bytes], ...], int, bytes]:
    """The header of the cache bytes in `handle`, checked for shape; Miss if it is not one."""
    if handle.read(len(MAGIC)) != MAGIC:
        raise Miss("not a cache file of this format")
    size = int.from_bytes(handle.read(4), "big")
    if size > MAX_HEADER:
        raise Miss("header too big")
    expected = handle.read(32)
    raw = handle.read(size)
    # Checked before marshal reads it: marshal trusts the lengths inside its input, so
    # one flipped bit could make it allocate gigabytes.
    if len(raw) != size or digest(raw) != expected:
        raise Miss("header truncated or corrupt")
    try:
        header = marshal.loads(raw)
    except (EOFError, ValueError, TypeError) as exc:
        raise Miss("header does not decode") from exc
    if not (
        isinstance(header, tuple)
        and len(header) == 5
        and isinstance(header[0], str)
        and isinstance(header[1], bytes)
        and isinstance(header[2], tuple)
        and isinstance(header[3], int)
        and isinstance(header[4], bytes)
        and all(
            isinstance(item, tuple)
            and len(item) == 2
            and isinstance(item[0], str)
            and isinstance(item[1], bytes)
            for item in header[2]
        )
    ):
        raise Miss("header has the wrong shape")
    return header


def decode(
    handle: Any,
    display: str,
    read_source: SourceReader,
    positions: bytes | None,
    *,
    kept: bool = True,
) -> LoadResult:
    """The load the cache bytes in `handle` carry, for a file shown as `display`
    (`kept`: see `tool`).

    Checked before the body is read: the tool, the positions file's digest (unless
    `positions` is None: the dashboard's validating process just read it) and the digest
    of each source file, read again here through `read_source`; the texts the result
    holds are the bytes that were hashed. Raises Miss for anything that does not match.
    """
    tool_key, positions_digest, sources, body_size, body_digest = read_header(handle)
    if tool_key != tool(kept=kept):
        raise Miss("written by another version")
    if positions is not None and positions_digest != digest(positions):
        raise Miss("the positions file changed")
    raw_sources: dict[str, bytes] = {}
    for relative, expected in sources:
        try:
            data = read_source(relative)
        except Exception as exc:  # any way the read fails is a miss
            raise Miss("a source file cannot be read") from exc
        if digest(data) != expected:
            raise Miss("a source file changed")
        raw_sources[relative] = data
    # What is left must be the body exactly: a header that claims more is not believed
    # (reading its claim would allocate it first).
    here = handle.tell()
    if handle.seek(0, os.SEEK_END) - here != body_size:
        raise Miss("body truncated, or longer than its header says")
    handle.seek(here)
    body = handle.read(body_size)
    if digest(body) != body_digest:
        raise Miss("body truncated or corrupt")
    try:
        return _result(marshal.loads(body), display, raw_sources)
    except (EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise Miss("body does not decode into a load") from exc


def _result(body: Any, display: str, raw_sources: Mapping[str, bytes]) -> LoadResult:
    shown, data, diagnostics, stopped, not_kept, lines, located, bases = body
    texts: dict[str, SourceText] = {}
    if data is not None:
        by_file: dict[str, SourceText] = {}
        for source_id, source in data["sources"].items():
            file = source["file"]
            if file not in by_file:
                by_file[file] = SourceText(_text(raw_sources[file]))
            texts[source_id] = by_file[file]
    # Without records (an invalid file, carried from the validating process) nothing
    # reads the texts or the spans: they are not rebuilt.
    spans = {
        (i, j): Located(source, (start, end), texts[source])
        for i, j, source, start, end in (located if data is not None else ())
    }
    index = EvidenceIndex(
        texts=MappingProxyType(texts),
        lines=tuple(int(line) for line in lines),
        located=MappingProxyType(spans),
        bases=tuple(map(_BASIS.get, bases)),
    )
    del shown  # the file's name now is `display`, whatever it was called then
    if data is not None and not isinstance(data, dict):
        raise TypeError("the data is not a mapping")
    result = LoadResult(
        path=display,
        data=data,
        diagnostics=[
            Diagnostic(display, line, col, severity, message, hidden, hidden_warnings)
            for line, col, severity, message, hidden, hidden_warnings in diagnostics
        ],
        index=index,
        stopped=bool(stopped),
        warnings_not_kept=int(not_kept),
    )
    # The records are built now, so that data that is not a load is a miss here rather
    # than an error where it is drawn.
    if data is not None and result.records is None:
        raise TypeError("no records")
    return result


_BASIS = {basis.value: basis for basis in Basis}


def _text(data: bytes) -> str:
    """A source file's text, as the loader decodes it (it was valid UTF-8 then, and has
    the same digest now)."""
    return without_bom(data).decode("utf-8")


def lookup(
    path: Path, display: str, positions: bytes, read_source: SourceReader
) -> LoadResult | None:
    """The cached load of the positions file at `path`, whose bytes are `positions`;
    None on any miss."""
    try:
        with _open_regular(cache_file(path)) as handle:
            return decode(handle, display, read_source, positions)
    except Exception:  # a cache is never trusted: whatever fails is a miss
        return None


MAX_CACHE_FILE = 4 * 128 * 2**20
"""No load of a positions file (at most 128 MiB) needs more; a bigger file is not read."""


def _open_regular(target: Path) -> BinaryIO:
    """The cache file, opened without blocking (a pipe put there must not hang the
    dashboard) and only if it is a regular file of a plausible size."""
    handle = open_regular(target)
    if os.fstat(handle.fileno()).st_size > MAX_CACHE_FILE:
        handle.close()
        raise Miss("not a regular file of a plausible size")
    return handle
