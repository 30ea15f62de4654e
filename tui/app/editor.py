"""Which editor to run, and how to tell it the line: no shell involved."""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Mapping
from pathlib import PurePath

# Editors that take `--goto FILE:LINE` or `FILE:LINE` instead of the usual `+LINE FILE`.
_GOTO = {"code", "code-insiders", "codium", "cursor", "windsurf"}
_COLON = {"subl", "sublime_text", "hx", "helix", "zed"}


def editor_argv(environ: Mapping[str, str], path: str, line: int) -> list[str]:
    """The command line that opens `path` at `line`.

    $VISUAL, then $EDITOR (split like a shell would, but never run by one), then
    nano if installed, else vi. Raises ValueError when the variable cannot be split.
    """
    command = environ.get("VISUAL", "").strip() or environ.get("EDITOR", "").strip()
    argv = shlex.split(command) if command else []
    if not argv:
        argv = ["nano" if shutil.which("nano") else "vi"]
    if path.startswith(("-", "+")):
        path = "./" + path  # never mistaken for an option
    name = PurePath(argv[0]).name.lower().removesuffix(".exe")
    if name in _GOTO:
        return [*argv, "--goto", f"{path}:{line}"]
    if name in _COLON:
        return [*argv, f"{path}:{line}"]
    return [*argv, f"+{line}", path]
