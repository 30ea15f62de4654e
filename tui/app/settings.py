"""What the dashboard remembers between runs: the theme chosen in the command palette.

Kept as JSON in the user's config folder (platformdirs: `$XDG_CONFIG_HOME/summit-positions`,
by default `~/.config/summit-positions/settings.json` on Linux). A missing, unreadable or
foreign file is ignored (the default theme), never an error: it is a preference.
No Textual here.
"""

from __future__ import annotations

import json
from pathlib import Path

from tui.loader.files import ReadError, WriteError, read_capped, write_atomic

APP_NAME = "summit-positions"
SETTINGS_FILE = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024


def settings_path() -> Path:
    """Read when called, so that tests point XDG_CONFIG_HOME elsewhere."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / SETTINGS_FILE


def _read() -> dict[str, object]:
    try:
        data = json.loads(read_capped(settings_path(), MAX_SETTINGS_BYTES))
    except (ReadError, OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def saved_theme() -> str | None:
    """The theme chosen last, or None."""
    theme = _read().get("theme")
    return theme if isinstance(theme, str) and theme else None


def save_theme(name: str) -> str | None:
    """Remember `name` as the theme; why it could not be written, or None."""
    settings = _read()
    if settings.get("theme") == name:
        return None
    settings["theme"] = name
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(settings, indent=2, ensure_ascii=False) + "\n"
        write_atomic(path, [text.encode("utf-8")], durable=False)
    except WriteError as exc:
        return exc.reason
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
