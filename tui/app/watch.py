"""Watching the positions file, and the articles its last load read, for saves.

The paths are polled (not the inode, not inotify): editors save by writing a new
file and renaming it over the old one, some tools write in place in several
chunks, and a file may be deleted and created again. A change is reported once
the file has stayed the same for one poll, so a half-written file is not loaded in the
middle of a save.

A file is known by its signature: size, modification time, inode, and the time of its
last change of any kind (ctime), which no tool sets, so an edit that keeps the size and
puts the modification time back is still seen. Two saves within one tick of the file
system's clock can still leave the same signature (a coarse clock: up to 2 s), so while a
file may have been written that recently (RACY_SECONDS), it is also known by the SHA-256
of its bytes (up to MAX_HASHED; a bigger file by its signature alone). The articles are
polled too, MAX_SOURCES_PER_POLL of them per poll, in turn.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tui.loader.files import ReadError, read_capped

POLL_SECONDS = 0.25
RACY_SECONDS = 2.0
"""How long after its last write a file's signature may still not tell a second write of
the same size (FAT counts modification times in steps of 2 s)."""
MAX_HASHED = 8 * 2**20
"""The largest file whose bytes are hashed while its signature may not tell (a curated
file is tens of KiB; hashing on the UI's thread must stay short)."""
MAX_SOURCES_PER_POLL = 200
"""Articles looked at per poll: a project of 10,000 sees an edit within 13 s."""

Stat = tuple[int, int, int, int]
"""(size, mtime_ns, ctime_ns, inode)."""
Signature = tuple[Stat | None, bytes | None]
"""A file's stat (None when it is missing or unreadable) and, while it may have been
written within one tick of the clock, the SHA-256 of its bytes (else None)."""


def signature(path: Path) -> Signature:
    """The file's signature now."""
    try:
        info = os.stat(path)
    except OSError:
        return None, None
    stat = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    recent = time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_SECONDS * 1e9
    if not recent or info.st_size > MAX_HASHED:
        return stat, None
    try:
        return stat, hashlib.sha256(read_capped(path, MAX_HASHED)).digest()
    except ReadError:
        return stat, None


def same(a: Signature, b: Signature) -> bool:
    """Whether two signatures are of the same version of a file (the bytes compared when
    both were hashed)."""
    return a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])


def source_paths(path: Path, data: Any) -> list[Path]:
    """The article files a valid load of `path` read (its `sources:` files)."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        return []
    files = {s.get("file") for s in data["sources"].values() if isinstance(s, dict)}
    return [path.parent / file for file in sorted(f for f in files if isinstance(f, str))]


def signatures(paths: Iterable[Path]) -> dict[Path, Signature]:
    return {source: signature(source) for source in paths}


def sources_of(path: Path, data: Any) -> dict[Path, Signature] | None:
    """The articles a valid load of `path` read, as they are now (None without data: the
    watcher keeps those it has). Taken in the loading thread, off the UI's."""
    return None if data is None else signatures(source_paths(path, data))


class FileWatcher:
    """Decides, poll by poll, when the file or one of its articles has changed and
    settled.

    No threads and no Textual: the app calls `poll()` from a timer, and the tests
    call it directly.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.loaded: Signature = signature(path)
        """The signature of the version last handed to the loader."""
        self._pending: Signature = self.loaded
        self._has_pending = False
        self._sources: dict[Path, Signature] = {}
        """The articles of the last load, as they were when it was read."""
        self._settling: dict[Path, Signature] = {}
        self._turn = 0

    def mark_loaded(
        self, loaded: Signature, sources: Mapping[Path, Signature] | None = None
    ) -> None:
        """Record that the version with this signature is being loaded now (and, once a
        load has read them, its articles as they were then)."""
        self.loaded = loaded
        self._has_pending = False
        if sources is not None:
            self._sources = dict(sources)
            self._settling.clear()

    @property
    def pending(self) -> bool:
        """A change was seen and is waiting to settle (a reload is likely soon)."""
        return self._has_pending or bool(self._settling)

    def poll(self) -> bool:
        """True when the file or an article changed since it was loaded and has been
        stable for one poll."""
        now = signature(self.path)
        if not same(now, self.loaded):
            if not self._has_pending or not same(now, self._pending):
                # Changed (again): wait one more poll to see it settle.
                self._pending, self._has_pending = now, True
                return False
            self.mark_loaded(now)
            return True
        self._has_pending = False
        return self._poll_sources()

    def _poll_sources(self) -> bool:
        paths = list(self._sources)
        if not paths:
            return False
        start = self._turn % len(paths)
        self._turn = start + MAX_SOURCES_PER_POLL
        turn = paths[start : start + MAX_SOURCES_PER_POLL]
        for source in [*self._settling, *(p for p in turn if p not in self._settling)]:
            now = signature(source)
            if same(now, self._sources[source]):
                self._settling.pop(source, None)
            elif source in self._settling and same(now, self._settling[source]):
                self._sources[source] = now  # reported once; the load brings them all
                self._settling.clear()
                return True
            else:
                self._settling[source] = now
        return False
