"""The Textual app: loads the file in a worker, watches it, and runs the editor.

The loader (and with it pydantic) is imported in the loading thread, not here,
so the first frame does not wait for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from tui.app.grid import Grid
from tui.app.screens.main import MainScreen
from tui.app.watch import POLL_SECONDS, FileWatcher, Signature, signature
from tui.safe import visible

if TYPE_CHECKING:
    from tui.load import LoadResult


class SummitApp(App[None]):
    """The dashboard of one positions file."""

    CSS_PATH: ClassVar[list[str | Path]] = ["app.tcss", "main.tcss", "widgets.tcss"]
    TITLE = "summit"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("r", "reload", "Reload", show=False, id="reload"),
    ]

    @dataclass
    class Loaded(Message):
        """The loading worker finished (valid or not)."""

        result: LoadResult
        grid: Grid | None
        """Set when the file is valid."""
        signature: Signature
        """The file's signature just before it was read."""

    def __init__(
        self,
        path: Path | str,
        display: str | None = None,
        *,
        watch: bool = True,
        since: str | None = None,
        poll: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.display_name = display if display is not None else str(path)
        self.watching = watch
        self.since = since
        """`summit tui --since`: an older file or git:REV whose differences are marked."""
        self._since_read = False
        self._since_result: LoadResult | None = None
        self._since_problem: str | None = None
        """Why --since could not be compared (shown once as a notification)."""
        self.poll_seconds = poll
        self.watcher: FileWatcher | None = None
        self.loads = 0
        """How many loads have finished (tests wait on it)."""
        self.main_screen = MainScreen()

    def get_default_screen(self) -> Screen[None]:
        return self.main_screen

    def on_mount(self) -> None:
        if self.watching:
            self.watcher = FileWatcher(self.path)
            self.set_interval(self.poll_seconds, self._poll, name="watch")
        # After the first frame: the screen shows at once, the data when it is read.
        self.call_after_refresh(self.reload)

    # --- loading --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def reload(self) -> None:
        """Load the file off the UI thread; the result arrives as a Loaded message."""
        worker = get_current_worker()
        before = signature(self.path)
        from tui.load import load_path

        result = load_path(self.path, self.display_name)
        grid = Grid.build(result) if result.ok else None
        if grid is not None and self.since is not None:
            self._compare(grid)
        if not worker.is_cancelled:
            self.post_message(self.Loaded(result, grid, before))

    def _compare(self, grid: Grid) -> None:
        """Mark what changed since `--since` (read once: an old revision does not move)."""
        assert self.since is not None
        if not self._since_read:
            self._since_read = True
            from tui.diff import DiffError, load_side

            try:
                self._since_result = load_side(self.since, str(self.path))
            except DiffError as exc:
                shown = visible(f"{self.since}: {exc}", multiline=False)
                self._since_problem = f"--since {shown}"
                return
            if not self._since_result.ok:
                first = self._since_result.errors[0].format()
                self._since_problem = f"--since: the older file is invalid: {first}"
        if self._since_result is not None and self._since_result.ok:
            grid.compare_with(self.since, self._since_result)

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        first = self.loads == 0
        self.loads += 1
        if self.watcher is not None:
            self.watcher.mark_loaded(event.signature)
        if event.grid is not None:
            summit = event.grid.doc.summit
            self.title = visible(summit.title, multiline=False)
            self.sub_title = visible(summit.location, multiline=False)
        self.main_screen.show_load(event.result, event.grid)
        if self._since_problem is not None:
            self.notify(self._since_problem, severity="error", timeout=10, markup=False)
            self._since_problem = None
        if not first and event.grid is not None:
            self.notify(f"Reloaded {visible(self.display_name, multiline=False)}", markup=False)

    def _poll(self) -> None:
        if self.watcher is not None and self.watcher.poll():
            self.reload()

    def action_reload(self) -> None:
        self.reload()

    def on_key(self, event: events.Key) -> None:
        """Keys typed in the same burst as `/` were routed to the old focus (the matrix)
        before the search box took it; Textual then drops them, as the box "consumes"
        printable keys. Hand them to the box."""
        focused = self.focused
        if focused is not None and focused.check_consume_key(event.key, event.character):
            event.stop()
            focused.post_message(events.Key(event.key, event.character))

    # --- editor ---------------------------------------------------------------------

    def edit_at(self, line: int) -> None:
        """Open the file in the user's editor at `line`, then reload it.

        Whatever the editor does (missing, failing, interrupted), the terminal comes
        back to the dashboard and the user is told, naming the editor.
        """
        from tui.app.editor import editor_argv, run_editor

        try:
            argv = editor_argv(os.environ, str(self.path), line)
        except ValueError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        try:
            with self.suspend():
                # run_editor never raises for a failed editor: an exception leaving this
                # block would skip Textual's resume and leave the screen blank and frozen.
                outcome = run_editor(argv)
        except SuspendNotSupported:
            self.notify(
                "This terminal cannot hand over to an editor; edit the file elsewhere: "
                "it reloads by itself.",
                severity="warning",
                markup=False,
            )
            return
        if outcome.problem is not None:
            severity = "warning" if outcome.ran else "error"
            self.notify(outcome.problem, severity=severity, timeout=10, markup=False)
        if outcome.ran:
            self.reload()

    # --- help and the command palette -------------------------------------------------

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key of the dashboard", self.action_help)
        yield SystemCommand("Reload", "Read the file again now", self.action_reload)
        if screen is not self.main_screen:
            return
        main = self.main_screen
        yield SystemCommand("Search", "Keep the positions that match a text", main.action_search)
        yield SystemCommand("Filter", "Choose the parties and topics shown", main.action_filter)
        yield SystemCommand(
            "Alignment", "Party against party: where they agree", main.action_alignment
        )
        yield SystemCommand(
            "Source", "The article behind the selected position", main.action_open_source
        )
        yield SystemCommand("Edit", "Open the file in $EDITOR at this position", main.action_edit)
        if main.matrix.query_text:
            yield SystemCommand("Clear search", "Show every position", main.action_clear_search)
        if main.matrix.paged:
            yield SystemCommand(
                "Next parties", "Show the next page of parties", lambda: main.action_parties(1)
            )
            yield SystemCommand(
                "Previous parties",
                "Show the previous page of parties",
                lambda: main.action_parties(-1),
            )
