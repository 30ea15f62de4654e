"""Which positions file a command means: light enough for the dashboard's start-up.

The dashboard resolves its file before Textual draws its first frame; importing the
loader here would pull pydantic onto that path, so this module imports neither.
"""

from __future__ import annotations

from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "data"
"""The demo data installed inside the package (positions.yaml and its seeds/)."""


def is_bundled(path: Path) -> bool:
    """Whether `path` is the demo copy installed inside the package.

    Edits there land in site-packages and are lost on the next install; the
    dashboard says so and refuses to open the editor. Compared after resolving
    links and `..`, so a symlink to the bundled file counts too.
    """
    try:
        return path.resolve().is_relative_to(BUNDLED.resolve())
    except OSError:
        return False


def default_path(cwd: Path | None = None) -> Path:
    """The file used when none is named: ./positions.yaml, else the bundled copy."""
    local = (cwd or Path.cwd()) / "positions.yaml"
    if local.is_file():
        return local
    bundled = BUNDLED / "positions.yaml"
    if bundled.is_file():
        return bundled
    return Path(__file__).resolve().parent.parent / "positions.yaml"


def resolve_file(file: str | None) -> tuple[Path, str]:
    """The file to open and the name to show for it in messages."""
    if file is not None:
        return Path(file), file
    path = default_path()
    try:
        shown = str(path.relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return path, shown
