"""Where the dashboard saves a screenshot (the command palette's "Screenshot"), and under
which name: no Textual here, the app asks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tui.safe import visible


def screenshot_name(folder: Path, now: datetime | None = None) -> str:
    """`summit-screenshot-20250815-093000.svg`: ASCII, sortable, no spaces; `-2`, `-3`...
    after it when `folder` already holds one of that second."""
    stem = f"summit-screenshot-{(now or datetime.now()):%Y%m%d-%H%M%S}"
    name, number = f"{stem}.svg", 1
    while (folder / name).exists():
        number += 1
        name = f"{stem}-{number}.svg"
    return name


def screenshot_folder() -> Path:
    """The user's downloads folder when it exists, else the current folder."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


def not_saved(folder: Path, error: BaseException) -> str:
    """Where the screenshot was to go and why it could not be saved there (the system's
    reason, not Textual's bare "Failed to save screenshot")."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return (
        f"Could not save the screenshot in {visible(str(folder), multiline=False)}: "
        f"{visible(reason, multiline=False)}"
    )
