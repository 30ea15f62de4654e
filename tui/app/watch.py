"""Watching the positions file for saves.

The path is polled (not the inode, not inotify): editors save by writing a new
file and renaming it over the old one, some tools write in place in several
chunks, and a file may be deleted and created again. A change is reported once
the file's signature (size, mtime, inode) has stayed the same for one poll, so a
half-written file is not loaded in the middle of a save.
"""

from __future__ import annotations

import os
from pathlib import Path

Signature = tuple[int, int, int] | None
"""(size, mtime_ns, inode) of the file, or None when it does not exist."""

POLL_SECONDS = 0.25


def signature(path: Path) -> Signature:
    """The file's signature now; None when it is missing or unreadable."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


class FileWatcher:
    """Decides, poll by poll, when a file has changed and settled.

    No threads and no Textual: the app calls `poll()` from a timer, and the tests
    call it directly.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.loaded: Signature = signature(path)
        """The signature of the version last handed to the loader."""
        self._pending: Signature = self.loaded
        self._has_pending = False

    def mark_loaded(self, loaded: Signature) -> None:
        """Record that the version with this signature is being loaded now."""
        self.loaded = loaded
        self._has_pending = False

    @property
    def pending(self) -> bool:
        """A change was seen and is waiting to settle (a reload is likely soon)."""
        return self._has_pending

    def poll(self) -> bool:
        """True when the file changed since it was loaded and has been stable for one poll."""
        now = signature(self.path)
        if now == self.loaded:
            self._has_pending = False
            return False
        if not self._has_pending or now != self._pending:
            # Changed (again): wait one more poll to see it settle.
            self._pending, self._has_pending = now, True
            return False
        self.mark_loaded(now)
        return True
