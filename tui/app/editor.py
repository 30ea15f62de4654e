"""Which editor to run, how to tell it the line, and how it went: no shell involved."""

from __future__ import annotations

import shlex
import shutil
import signal
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath

from tui.safe import quoted, visible

# Editors that take `--goto FILE:LINE` or `FILE:LINE` instead of the usual `+LINE FILE`.
_GOTO = {"code", "code-insiders", "codium", "cursor", "windsurf"}
_COLON = {"subl", "sublime_text", "hx", "helix", "zed"}


def editor_argv(environ: Mapping[str, str], path: str, line: int) -> list[str]:
    """The command line that opens `path` at `line`.

    $VISUAL, then $EDITOR (split like a shell would, but never run by one), then
    nano if installed, else vi. Raises ValueError, with a message fit to show the
    user, when the variable cannot be split.
    """
    argv: list[str] = []
    for name in ("VISUAL", "EDITOR"):
        command = environ.get(name, "").strip()
        if not command:
            continue
        try:
            argv = shlex.split(command)
        except ValueError as exc:
            raise ValueError(
                f"Cannot run ${name} {quoted(command)}: it does not split into a command "
                f"({visible(str(exc), multiline=False)})"
            ) from None
        break
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


@dataclass(frozen=True)
class EditorOutcome:
    """How a run of the editor went."""

    ran: bool
    """The editor started (so the file may have changed)."""
    problem: str | None = None
    """What to tell the user, literally; None when the editor exited 0."""


def run_editor(argv: list[str]) -> EditorOutcome:
    """Run the editor and wait for it.

    Never raises for a failed editor: the caller runs this while the terminal is
    handed over, and an exception escaping that would leave the dashboard blank.
    """
    editor = quoted(argv[0])
    try:
        status = subprocess.run(argv, check=False).returncode
    except OSError as exc:
        reason = visible(exc.strerror or str(exc), multiline=False)
        return EditorOutcome(False, f"Could not run the editor {editor}: {reason}")
    except KeyboardInterrupt:
        return EditorOutcome(True, f"The editor {editor} was interrupted (ctrl+c)")
    if status == 0:
        return EditorOutcome(True)
    return EditorOutcome(True, f"The editor {editor} {_ended(status)}")


def _ended(status: int) -> str:
    """How a non-zero exit status reads: `exited with status 1`, `was stopped by SIGKILL`."""
    if status > 0:
        return f"exited with status {status}"
    try:
        name = signal.Signals(-status).name
    except ValueError:
        name = f"signal {-status}"
    return f"was stopped by {name}"
