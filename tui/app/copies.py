"""Every copy the dashboard makes goes two ways: to the terminal's clipboard (OSC 52) and
to a file the user can open, because the first cannot be checked.

A terminal without OSC 52, or tmux with its default settings, drops the clipboard
sequence without a word; the dashboard cannot know. So each copy (the viewer's `y` and
`c`, the main screen's `c`, the template of `e`) is also written to `last-copy.txt` in the
user's state folder (platformdirs: `$XDG_STATE_HOME/summit-positions`, by default
`~/.local/state/summit-positions` on Linux), and the notification names it. `summit
evidence` and `summit cite` print the same blocks for a script or a terminal without a
clipboard.

Screens ask for a copy with the `CopyRequested` message; the app makes it (it knows the
file, so it indents an evidence item for it, and keeps the last one for `e`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from tui.loader.files import WriteError, write_atomic

if TYPE_CHECKING:
    from tui.authoring.citable import Citable

APP_NAME = "summit-positions"
COPY_FILE = "last-copy.txt"


def copy_path() -> Path:
    """Where the last copy is kept: the user's state folder (read when called, so that
    tests point XDG_STATE_HOME elsewhere)."""
    from platformdirs import user_state_path

    return user_state_path(APP_NAME) / COPY_FILE


def keep(text: str) -> tuple[Path, str | None]:
    """Write `text` to `copy_path()`, replacing the last copy; the path, and why it could
    not be written (None when it was)."""
    path = copy_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, [text.encode("utf-8")], durable=False)
    except WriteError as exc:
        return path, exc.reason
    except OSError as exc:
        return path, exc.strerror or str(exc)
    return path, None


def kept(text: str) -> str:
    """Write `text` to the copy file (`keep`) and say where it went, or why it did not."""
    from tui.safe import visible

    path, problem = keep(text)
    where = visible(str(path), multiline=False)
    if problem is None:
        return f"Also saved to {where} (open it if pasting gives nothing)."
    return f"Could not also save it to {where}: {visible(problem, multiline=False)}."


@dataclass
class CopyRequested(Message):
    """A screen asks for `text` to be copied, shown under `title`."""

    text: str
    title: str
    evidence: Citable | None = None
    """Set when the copy is an evidence item: the app indents it for the file (and
    `text` is then ignored) and offers it again in the template of `e`."""
