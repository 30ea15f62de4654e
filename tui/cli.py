"""The `summit` command: argument parsing and dispatch.

Subcommands import their modules lazily, so `summit check` and
`summit snapshot` never import Textual and start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.load import LoadResult

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with a one-line hint (argparse's default)."""


def _file_arg(parser: argparse.ArgumentParser, stdin: bool = False) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="positions file (default: ./positions.yaml, else the bundled copy)"
        + ("; - reads standard input" if stdin else ""),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="summit",
        description="Where each party to a summit stands, with the verified evidence.",
    )
    from tui import __version__

    parser.add_argument("--version", action="version", version=f"summit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    tui = commands.add_parser("tui", help="open the dashboard (the default)")
    _file_arg(tui)
    tui.add_argument(
        "--since",
        metavar="REV",
        help="mark what changed since an older file or git:REV",
    )

    check = commands.add_parser("check", help="validate a positions file and verify its quotes")
    _file_arg(check, stdin=True)

    commands.add_parser("schema", help="print the JSON Schema of the positions format")

    snap = commands.add_parser("snapshot", help="print the positions as text, Markdown or JSON")
    _file_arg(snap, stdin=True)
    snap.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    snap.add_argument("--width", type=_positive_int, metavar="N", help="line width (text)")
    snap.add_argument("--party", action="append", metavar="ID", default=[], help="only this party")
    snap.add_argument("--topic", action="append", metavar="ID", default=[], help="only this topic")
    color = snap.add_mutually_exclusive_group()
    color.add_argument("--color", dest="color", action="store_true", default=None)
    color.add_argument("--no-color", dest="color", action="store_false")

    diff = commands.add_parser("diff", help="what changed between two positions files")
    diff.add_argument("old", metavar="OLD", help="a positions file or git:REV")
    diff.add_argument("new", metavar="NEW", help="a positions file or git:REV")
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    diff.add_argument("--width", type=_positive_int, metavar="N", help="line width (text)")

    coverage = commands.add_parser("coverage", help="what the sources say that no quote cites")
    _file_arg(coverage)
    coverage.add_argument("--format", choices=("text", "json"), default="text")
    coverage.add_argument("--width", type=_positive_int, metavar="N", help="line width (text)")
    return parser


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def resolve_file(file: str | None) -> tuple[Path, str]:
    """The file to open and the name to show for it in messages."""
    if file is not None:
        return Path(file), file
    from tui.load import default_path

    path = default_path()
    try:
        shown = str(path.relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return path, shown


def load_file(file: str | None) -> LoadResult:
    """The positions file named on the command line, loaded; `-` is standard input."""
    from tui.load import STDIN, load_path, load_stdin

    if file == STDIN:
        return load_stdin()
    return load_path(*resolve_file(file))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "tui"
    try:
        if command == "check":
            from tui.check import run

            return run(args)
        if command == "schema":
            import json

            from tui.model import json_schema

            _write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
            return EXIT_OK
        if command == "snapshot":
            from tui.snapshot import run as run_snapshot

            return run_snapshot(args)
        if command == "diff":
            from tui.diff import run as run_diff

            return run_diff(args)
        if command == "coverage":
            from tui.coverage import run as run_coverage

            return run_coverage(args)
        from tui.app import run as run_tui

        if not hasattr(args, "file"):
            args.file, args.since = None, None
        return run_tui(args)
    except BrokenPipeError:
        # `summit snapshot | head -1`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


DEFAULT_WIDTH = 100


def isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def output_width(requested: int | None, stream: object | None = None) -> int:
    """--width, else the terminal's width when writing to one, else 100."""
    if requested is not None:
        return requested
    stream = sys.stdout if stream is None else stream
    if isatty(stream):
        try:
            columns = os.get_terminal_size(stream.fileno()).columns  # type: ignore[attr-defined]
        except (AttributeError, ValueError, OSError):
            columns = 0
        return columns or DEFAULT_WIDTH
    return DEFAULT_WIDTH


def _write(text: str) -> None:
    """Write to stdout without failing on encodings that cannot show the text."""
    stream = sys.stdout
    encoding = stream.encoding or "utf-8"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()
