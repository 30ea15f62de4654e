"""The Textual app: shows the cached load at once, validates in a second process,
watches the file, and runs the editor.

Every load runs in a second Python process (tui.loader.child), waited for by a worker
thread: pydantic and the loader are not imported here (only for `--since`, and when no
process can run), so neither the first frame nor the UI waits for them.
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from tui.app.copies import CopyRequested
from tui.app.editor import end_on_signals
from tui.app.grid import Grid
from tui.app.read_only import COPY_ONLY, EDIT_REFUSED, SCREENSHOT_REFUSED, SCREENSHOT_SENT
from tui.app.screens.main import MainScreen
from tui.app.screenshots import not_saved, screenshot_folder, screenshot_name
from tui.app.since import Baseline
from tui.app.watch import (
    POLL_SECONDS,
    FileWatcher,
    Signature,
    signature,
    sources_of,
)
from tui.loader.files import is_bundled
from tui.safe import visible

if TYPE_CHECKING:
    import subprocess

    from tui.authoring.citable import Citable
    from tui.loader.child import Validation
    from tui.loader.result import LoadResult


class SummitApp(App[None]):
    """The dashboard of one positions file."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "main.tcss", "widgets.tcss"]
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
        sources: dict[Path, Signature] | None = None
        """The articles a valid load read, as they were just after (None: invalid)."""
        since_problem: str | None = None
        """Why `--since` could not be compared (told once, on the load that found out)."""

    def __init__(
        self,
        path: Path | str,
        display: str | None = None,
        *,
        watch: bool = True,
        since: str | None = None,
        poll: float = POLL_SECONDS,
        use_cache: bool = True,
        cached: LoadResult | None = None,
        started: tuple[Validation, Signature] | None = None,
        older: LoadResult | None = None,
        read_only: bool = False,
    ) -> None:
        """`cached` is a load to show in the first frame (tui.app.open_app reads it);
        `started` the first load, already running, with the file's signature from just
        before it started (else the first load starts once mounted); `older` the file
        `since` names, when it is already loaded; `read_only`: see tui.app.read_only."""
        super().__init__()
        self.read_only = read_only  # tui.app.read_only: what `summit serve` runs
        self.set_class(read_only, "-read-only")
        self.path = Path(path)
        self.display_name = display if display is not None else str(path)
        self.watching = watch
        self.since = since
        """`summit tui --since`: an older file or git:REV whose differences are marked."""
        self._baseline = Baseline(since, str(self.path), older) if since is not None else None
        """Used by the loading threads only (it locks); what it finds travels on `Loaded`."""
        self.poll_seconds = poll
        self.watcher: FileWatcher | None = None
        self.loads = 0  # how many loads have finished (tests wait on it)
        self.use_cache = use_cache
        self._started = started
        self._closed = False  # unmounted: no load starts any more
        self._spare: subprocess.Popen[bytes] | None = None
        """A validating process ready for the next reload (tui.loader.child.spare)."""
        self._under_way: set[Validation] = {started[0]} if started is not None else set()
        """Loads under way: a newer load stops the older ones, and closing stops them all."""
        self._cached: LoadResult | None = None
        """The cached load on screen until the first full load ends (None after)."""
        initial: tuple[LoadResult, Grid] | None = None
        if cached is not None and cached.ok and since is None:
            # With --since, the marks need the older file loaded too: no cached start.
            self._cached = cached
            initial = (cached, Grid.build(cached))
            self._set_titles(initial[1])
        self.main_screen = MainScreen(bundled=is_bundled(self.path), initial=initial)
        self.last_evidence: Citable | None = None
        """The evidence item copied last (the viewer's `y`), for `e` on an empty cell."""
        self._screenshot_folders: dict[str, Path] = {}
        """Where each screenshot on its way was sent, by delivery key (for a failure)."""

    def get_default_screen(self) -> Screen[None]:
        return self.main_screen

    def on_mount(self) -> None:
        if not self.is_headless:  # SIGTERM and SIGHUP end it as `q` does (app/editor.py)
            end_on_signals(asyncio.get_running_loop(), self.ended)
        from tui.app.settings import saved_theme

        theme = saved_theme()
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        if not self.read_only:  # a visitor's theme is theirs: nothing written here
            self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.watching:
            self.watcher = FileWatcher(self.path)
            self.set_interval(self.poll_seconds, self._poll, name="watch")
        # After the first frame: the screen shows at once (with the cached data, if
        # any), the validated data when it is read.
        self.call_after_refresh(self.reload)

    def on_unmount(self) -> None:
        from tui.loader.child import stop

        self._closed = True
        for validation in list(self._under_way):
            validation.cancel()
        stop(self._spare)
        gc.unfreeze()  # what this app froze (see _loaded) is ordinary garbage again

    # --- loading --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def reload(self) -> None:
        """Load the file off the UI thread; the result arrives as a Loaded message."""
        from tui.loader.child import Cancelled, Validation

        worker = get_current_worker()
        started, self._started = self._started, None
        if started is not None:
            validation, before = started
        else:
            if self._closed:
                return
            before = signature(self.path)
            spare, self._spare = self._spare, None
            validation = Validation(
                self.path, self.display_name, use_cache=self.use_cache, spare=spare
            )
            self._under_way.add(validation)
        # An older load still running is of no use now: stopped, not waited for.
        for older in list(self._under_way):
            if older is not validation:
                older.cancel()
        try:
            result = validation.result()
        except Cancelled:
            return
        finally:
            self._under_way.discard(validation)
        grid: Grid | None = None
        sources = sources_of(self.path, result.data)  # off the UI thread: for the watcher
        if result.ok:
            changes = None
            if self._baseline is not None:
                changes = self._baseline.changes(result, lambda: worker.is_cancelled)
            grid = Grid.build(result, changes)
        if self.loads:
            # What an earlier load froze (see _loaded) is collected with the rest once,
            # here, while the screen still shows the old data: nothing piles up frozen.
            gc.unfreeze()
            gc.collect()
        if not worker.is_cancelled:
            # Taken only when posting, so that a cancelled load cannot swallow it.
            problem = self._baseline.take_problem() if self._baseline is not None else None
            self.post_message(self.Loaded(result, grid, before, sources, problem))

    def _set_titles(self, grid: Grid) -> None:
        summit = grid.doc.summit
        self.title = visible(summit.title, multiline=False)
        self.sub_title = visible(summit.location, multiline=False)

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        first = self.loads == 0
        self.loads += 1
        if self.watcher is not None:
            self.watcher.mark_loaded(event.signature, event.sources)
        cached, self._cached = self._cached, None
        # The data on screen lives until the next load: the cyclic collector need not
        # walk it again and again (a full collection over 10,000 positions stalled a
        # cursor move by 200 ms every ten moves). The next load unfreezes and collects.
        gc.freeze()
        if cached is not None and event.result.same_as(cached):
            return  # the cached data on screen is what the full load found
        if event.grid is not None:
            self._set_titles(event.grid)
        self.main_screen.show_load(event.result, event.grid)
        if event.since_problem is not None:
            self.notify(event.since_problem, severity="error", timeout=10, markup=False)
        if not first and event.grid is not None:
            self.notify(f"Reloaded {visible(self.display_name, multiline=False)}", markup=False)

    def _poll(self) -> None:
        if self.watcher is None:
            return
        if self.watcher.poll():
            self.reload()
        elif self.watcher.pending and self._spare is None:
            # The file changed and is settling (one poll): start the next validating
            # process now, so that its imports are done by the time the save has settled.
            from tui.loader.child import spare

            self._spare = spare()

    def _remember_theme(self, theme: object) -> None:
        """The theme chosen (in the palette) is the next run's too."""
        from tui.app.settings import save_theme, settings_path

        problem = save_theme(self.theme)
        if problem is not None:
            where = visible(str(settings_path()), multiline=False)
            self.notify(
                f"Could not remember the theme in {where}: {visible(problem, multiline=False)}",
                severity="warning",
                markup=False,
            )

    def ended(self, signum: int) -> None:
        """End as a signal asks: exit status 128 + its number, as shells report it."""
        self.exit(return_code=128 + signum)

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

    @on(MainScreen.EditRequested)
    def _edit_requested(self, event: MainScreen.EditRequested) -> None:
        if self.read_only:
            self.notify(EDIT_REFUSED, title="Read-only", severity="warning", markup=False)
            return
        line = event.line
        if event.new_position is not None:
            line = self.offer_template(*event.new_position) or line
        self.edit_at(line)

    def offer_template(self, party: str, topic: str) -> int | None:
        """Copy a new position for `party` on `topic` (with the evidence item copied
        last, if any) and say so.

        Returns the line where it goes (just after the last position), or None when
        the file cannot be read now (the editor then opens where it would have).
        """
        from tui.authoring.position_template import new_position
        from tui.loader.files import read_text_or_none

        text = read_text_or_none(self.path)
        if text is None:
            return None
        evidence = self.last_evidence
        line, template, how = new_position(
            text,
            self._position_starts(),
            party,
            topic,
            evidence.evidence_block() if evidence is not None else None,
        )
        held = (
            f", with the evidence you copied last (from {visible(evidence.source_id)})"
            if evidence is not None
            else ""
        )
        self.copy(
            template.rstrip("\n") + "\n",
            "Template copied",
            f"A new position for {party} on {topic}{held}: {how}.",
        )
        return line

    def _position_starts(self) -> list[int]:
        result = self.main_screen.result
        return list(result.position_lines) if result is not None else []

    # --- copies: the clipboard and a file (tui.app.copies) -----------------------------

    @on(CopyRequested)
    def _copy_requested(self, event: CopyRequested) -> None:
        if event.evidence is None:
            self.copy(event.text, event.title)
            return
        from tui.authoring.position_template import evidence_column, indented
        from tui.loader.files import read_text_or_none

        text = read_text_or_none(self.path) or ""
        column = evidence_column(text, self._position_starts())
        self.last_evidence = event.evidence
        self.copy(
            indented(event.evidence.evidence_block(), column),
            event.title,
            f"Indented {column} spaces: paste it under a position's `evidence:`"
            + ("." if self.read_only else " (or press e on an empty cell for a new one)."),
        )

    def copy(self, text: str, title: str, how: str = "") -> None:
        """Copy `text` to the terminal's clipboard and to the copy file, and show it,
        saying where it also went (the clipboard cannot be checked from here)."""
        from tui.app.copies import kept

        self.copy_to_clipboard(text)
        # `summit serve`: the copy is the visitor's, not a file on this machine.
        tail = COPY_ONLY if self.read_only else kept(text)
        head = f"{how}\n" if how else ""
        self.notify(f"{head}{text.rstrip()}\n{tail}", title=title, timeout=10, markup=False)

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
        if outcome.ended_by is not None:
            return self.ended(outcome.ended_by)
        if outcome.problem is not None:
            severity: SeverityLevel = "warning" if outcome.ran else "error"
            self.notify(outcome.problem, severity=severity, timeout=10, markup=False)
        if outcome.ran:
            self.reload()

    # --- screenshots (the command palette's "Screenshot") -------------------------------

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Save an SVG of the screen: in the downloads folder if there is one, else in the
        current folder (Textual would try a missing downloads folder and only say it failed);
        read-only, only to a browser (`summit serve`): no file is written here."""
        if self.read_only and not self.is_web:
            self.notify(SCREENSHOT_REFUSED, title="Read-only", severity="warning", markup=False)
            return None
        folder = Path(path) if path is not None else screenshot_folder()
        if not filename:
            # Textual names it after the title (the summit's: "Trump–Putin summit ..."),
            # which some tools and shells mangle: a plain ASCII name instead.
            filename = screenshot_name(folder)
        key = super().deliver_screenshot(filename, str(folder), time_format)
        if key is not None:
            self._screenshot_folders[key] = folder
        return key

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        """Say where the screenshot went, the path shown literally (Textual's own notice
        reads the path as markup: a folder named `[bold]` would be garbled)."""
        folder = self._screenshot_folders.pop(event.key, None)
        if event.name != "screenshot" or folder is None:
            return
        event.prevent_default()
        where = visible(str(event.path if event.path is not None else folder), multiline=False)
        saved = SCREENSHOT_SENT if self.is_web else f"Saved the screenshot to {where}"
        self.notify(saved, title="Screenshot", timeout=10, markup=False)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        """Say where the screenshot was to go and why it could not be saved there."""
        folder = self._screenshot_folders.pop(event.key, None)
        if event.name != "screenshot" or folder is None:
            return
        event.prevent_default()  # instead of Textual's bare "Failed to save screenshot"
        self.notify(
            not_saved(folder, event.exception),
            title="Screenshot",
            severity="error",
            timeout=10,
            markup=False,
        )

    # --- help and the app's entries in the command palette ------------------------------

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key of the dashboard", self.action_help)
        yield SystemCommand("Reload", "Read the file again now", self.action_reload)
        # The main screen's own entries come from its COMMANDS provider (tui/app/palette.py).
