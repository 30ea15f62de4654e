"""`summit tui --since`: the older version of the file, read once and compared on every load.

No Textual here: this runs in the loading thread, and the outcome travels to the
UI thread on the app's `Loaded` message, never through shared attributes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.app.grid import Changes
from tui.safe import visible

if TYPE_CHECKING:
    from tui.loader.result import LoadResult


_CHECK_SECONDS = 0.05
"""How often a load waiting for its comparison looks whether it is still wanted."""


class Baseline:
    """The file named by `--since`, read at the first valid load (an old revision does
    not move, so it is never read again).

    Loading workers can overlap (a cancelled thread runs to its end), hence the lock.
    """

    def __init__(self, since: str, path: str, older: LoadResult | None = None) -> None:
        """`older`: that file already loaded (`summit tui` checks it before the start)."""
        self.since = since
        self.path = path
        self._lock = threading.Lock()
        self._read = older is not None
        self._old: LoadResult | None = older
        self._problem: str | None = None

    def changes(
        self, result: LoadResult, cancelled: Callable[[], bool] = lambda: False
    ) -> Changes | None:
        """What differs in `result` (a valid load) from the older version; None when
        that version could not be read or is invalid (see `take_problem`), or when
        `cancelled()` says the load is no longer wanted.

        Read and compared in a thread of its own, which the caller does not wait for
        once cancelled: a thread cannot be stopped, and quitting the dashboard waits for
        the loading worker's thread (the event loop's executor), never for this one."""
        outcome: list[Changes | None] = []
        failure: list[BaseException] = []
        done = threading.Event()

        def compare() -> None:
            try:
                outcome.append(self._changes(result))
            except BaseException as exc:  # handed to the loading worker, which raises it
                failure.append(exc)
            finally:
                done.set()

        threading.Thread(target=compare, name="summit-since", daemon=True).start()
        while not done.wait(_CHECK_SECONDS):
            if cancelled():
                return None
        if failure:
            raise failure[0]
        return outcome[0]

    def _changes(self, result: LoadResult) -> Changes | None:
        with self._lock:
            if not self._read:
                self._read = True
                self._problem = self._read_old()
            old = self._old
        if old is None or not old.ok:
            return None
        return Changes.between(self.since, old, result)

    def take_problem(self) -> str | None:
        """Why the older version could not be compared, once: the next call says None."""
        with self._lock:
            problem, self._problem = self._problem, None
        return problem

    def _read_old(self) -> str | None:
        from tui.loader.git import GitError, load_side

        try:
            self._old = load_side(self.since, self.path)
        except GitError as exc:
            # The message already starts with the spec it is about (git:REV: ...).
            return f"--since {visible(str(exc), multiline=False)}"
        if not self._old.ok:
            first = self._old.errors[0].format()
            return f"--since: the older file is invalid: {first}"
        return None
