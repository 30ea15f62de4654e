"""The key footer: Textual's `Footer`, rebuilt only when the keys it shows change.

Textual's `Footer` recomposes (removes and mounts every key widget, ~25 ms of CPU)
on each bindings-changed signal of its screen, and a screen sends one for every
focus change, mount, resize or `refresh_bindings()`: about eight before the data
of the dashboard is on screen, nearly all showing the same keys. This footer
compares what it would show with what it shows and recomposes only on a
difference, so the look and the keys stay Textual's own.

It leans on two details of the installed Textual (8.x), kept in this one module
and pinned by tests/app/test_footer.py: the screen's `bindings_updated_signal`
calls the footer's `bindings_changed` method, and `Footer.compose` draws from
`screen.active_bindings` (key, display, description, action, enabled, tooltip,
group) plus the command palette key, and each `FooterKey` it yields keeps its
binding's `action`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Footer, Label

from tui.app.read_only import FOOTER_NOTE

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

COMPACT_BELOW = 100
"""Narrower than this, the footer takes Textual's compact style and leaves out the
command palette's key."""
FIRST_WHEN_COMPACT = "help"
"""The action whose key leads a compact footer: when the keys are wider than the
terminal, the one that lists every other key is never the one cut off."""

Keys = tuple[object, ...]
"""Everything `Footer.compose` draws from: equal keys, equal footer."""


class SummitFooter(Footer):
    """A `Footer` that recomposes only when its keys really change."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Keys | None = None
        """The keys of the last compose (None: none composed with bindings yet)."""
        self._check_pending = False
        """A comparison is already scheduled after the next refresh."""

    def shown_keys(self) -> Keys:
        """What the footer would show now, in order: each shown binding with its key's
        display, whether it is enabled and its tooltip, then the command palette key."""
        app = self.app
        active = self.screen.active_bindings
        keys: list[object] = [
            (binding, app.get_key_display(binding), enabled, tooltip)
            for _, binding, enabled, tooltip in active.values()
            if binding.show
        ]
        palette = self.show_command_palette and app.ENABLE_COMMAND_PALETTE
        entry = active.get(app.COMMAND_PALETTE_BINDING) if palette else None
        if entry is not None:
            _, binding, enabled, tooltip = entry
            keys.append(("palette", binding, app.get_key_display(binding), enabled, tooltip))
        return tuple(keys)

    def on_resize(self, event: events.Resize) -> None:
        # Narrow terminals: Textual's compact style (less space around each key), no
        # palette key on the right (the help lists ctrl+p) and `? Help` first (compose).
        narrow = event.size.width < COMPACT_BELOW
        self.compact = narrow
        if self.show_command_palette == narrow:
            self.show_command_palette = not narrow
            if not self._check_pending:
                self._check_pending = True
                self.call_after_refresh(self._recompose_if_changed)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self.shown_keys()
        keys = list(super().compose())
        if self.compact:
            first = [key for key in keys if getattr(key, "action", None) == FIRST_WHEN_COMPACT]
            keys = first + [key for key in keys if key not in first]
        yield from keys
        if self.app.has_class("-read-only"):  # `summit serve`: SummitApp(read_only=True)
            yield Label(FOOTER_NOTE, classes="read-only")

    def bindings_changed(self, screen: Screen[object]) -> None:
        """The screen's bindings may have changed: compare after the next refresh (when
        focus and state have settled), as Textual's footer would recompose then."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._check_pending = False
        if self.is_attached and self.shown_keys() != self._shown:
            await self.recompose()
