"""The `summit` command: argument parsing and dispatch.

Subcommands import their modules (`tui.commands.<name>`) lazily, so `summit check`
and `summit snapshot` never import Textual and start fast. Nothing imports this
module: output helpers and exit codes live in `tui.report.console`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any, NoReturn, TypeAlias

from tui.report.console import (
    EXIT_OK,
    EXIT_USAGE,
    OutputError,
    flush_streams,
    guard_streams,
    output_failed,
    write,
)

COMMANDS = (
    "tui",
    "check",
    "schema",
    "snapshot",
    "diff",
    "coverage",
    "init",
    "add-source",
    "serve",
    "evidence",
    "cite",
)
"""Every subcommand (a test holds it equal to the parser's): a first argument that is none
of them but names a file opens the dashboard on it."""
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
"""`summit serve`: this machine only, unless told."""


class _Parser(argparse.ArgumentParser):
    """argparse, but what it prints goes through the console: a help that cannot be
    written is an output error (EXIT_OUTPUT), not silence (argparse ignores the error).
    Usage errors exit 2 with a one-line hint (argparse's default)."""

    def print_help(self, file: object = None) -> None:
        write(self.format_help(), to="stdout" if file in (None, sys.stdout) else "stderr")

    def print_usage(self, file: object = None) -> None:
        write(self.format_usage(), to="stdout" if file in (None, sys.stdout) else "stderr")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            write(message, to="stderr")
        raise SystemExit(status)


Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"
"""What each `_define_*` adds its subcommand to."""


class _Version(argparse.Action):
    """--version, printed through the console (argparse's own ignores a failed write)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from tui import __version__

        write(f"summit {__version__}\n")
        parser.exit()


def _file_arg(parser: argparse.ArgumentParser, *, stdin: bool = True) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="positions file (default: ./positions.yaml, else the bundled copy)"
        + (
            "; - reads standard input, with sources relative to the current folder" if stdin else ""
        ),
    )
    _no_cache_arg(parser, argparse.SUPPRESS)


def _no_cache_arg(parser: argparse.ArgumentParser, default: object) -> None:
    # On the subcommands, SUPPRESS: otherwise their default would overwrite a
    # `summit --no-cache` given before the subcommand.
    parser.add_argument(
        "--no-cache",
        action="store_true",
        default=default,
        help="neither read nor write the cache of the last valid load (also SUMMIT_NO_CACHE=1)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="summit",
        description="Where each party to a summit stands, with the verified evidence.",
        epilog=(
            "Exit status: 0 valid (diff: no changes), 1 invalid (diff: changed), 2 a usage "
            "error (diff: could not compare), 3 the output could not be written (a full "
            "disk, a closed stream)."
        ),
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show the version of summit and exit"
    )
    _no_cache_arg(parser, False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _define_tui(commands)
    _define_check(commands)
    _define_schema(commands)
    _define_snapshot(commands)
    _define_serve(commands)
    _define_diff(commands)
    _define_coverage(commands)
    _define_init(commands)
    _define_add_source(commands)
    _define_evidence_and_cite(commands)
    return parser


def _define_tui(commands: Commands) -> None:
    tui = commands.add_parser(
        "tui",
        help="open the dashboard (the default)",
        description=(
            "Open the dashboard: one column per party, one row per topic, the evidence for "
            "the selected position below, every source one key away. `summit FILE` is the "
            "same as `summit tui FILE`. The file reloads when it is saved."
        ),
    )
    _file_arg(tui, stdin=False)
    tui.add_argument(
        "--since",
        metavar="REV",
        help="mark what changed since an older file or git:REV",
    )
    tui.add_argument(
        "--read-only",
        action="store_true",
        help="start no program and write no file: no editor, copies to the clipboard only "
        "(as `summit serve` runs it)",
    )


def _define_check(commands: Commands) -> None:
    check = commands.add_parser(
        "check",
        help="validate a positions file and verify its quotes (report on standard error)",
        description=(
            "Validate a positions file and verify every quote against its archived source. "
            "The report (one FILE:LINE:COL line per problem, then a one-line verdict) is "
            "written to standard error; standard output stays empty. Exit 0 when the file "
            "is valid, 1 when it is not, 3 when the report cannot be written."
        ),
    )
    _file_arg(check)


def _define_schema(commands: Commands) -> None:
    commands.add_parser(
        "schema",
        help="print the JSON Schema of the positions format",
        description=(
            "Print the JSON Schema of the positions format, generated from the models, for "
            "editors that complete and check YAML as you type."
        ),
    )


def _define_snapshot(commands: Commands) -> None:
    snap = commands.add_parser(
        "snapshot",
        help="print the positions as text, Markdown, JSON or an HTML page",
        description=(
            "Print the positions to paste into a report, a chat or a commit: parties side "
            "by side with numbered citations (text), a table (Markdown), the whole model "
            "(JSON), or one self-contained web page to publish (HTML). The same file always "
            "gives the same bytes."
        ),
    )
    _file_arg(snap)
    snap.add_argument("--format", choices=("text", "markdown", "json", "html"), default="text")
    snap.add_argument("--width", type=_width, metavar="N", help="line width (text)")
    snap.add_argument("--party", action="append", metavar="ID", default=[], help="only this party")
    snap.add_argument("--topic", action="append", metavar="ID", default=[], help="only this topic")
    color = snap.add_mutually_exclusive_group()
    color.add_argument("--color", dest="color", action="store_true", default=None)
    color.add_argument("--no-color", dest="color", action="store_false")


def _define_serve(commands: Commands) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve the dashboard to browsers, read-only (textual-serve)",
        description=(
            "Serve the dashboard to web browsers: each visitor gets a dashboard of their "
            "own, read-only (nothing that starts a program or writes a file here). "
            f"Listens on {DEFAULT_HOST} (this machine only) unless --host says otherwise. "
            "Ctrl-C stops it."
        ),
    )
    _file_arg(serve, stdin=False)
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default: {DEFAULT_HOST}); another machine's "
        "visitors need an outside one, e.g. 0.0.0.0",
    )
    serve.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"the port (default: {DEFAULT_PORT})"
    )


def _define_diff(commands: Commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="what changed between two positions files",
        description=(
            "What changed between two positions files, by topic then party. Either side "
            "may be git:REV; NEW defaults to ./positions.yaml. Exit 0 when nothing "
            "changed, 1 when something did, 2 when a side cannot be read."
        ),
    )
    diff.add_argument("old", metavar="OLD", help="a positions file or git:REV")
    diff.add_argument(
        "new",
        nargs="?",
        metavar="NEW",
        help="a positions file or git:REV (default: ./positions.yaml)",
    )
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    diff.add_argument("--width", type=_width, metavar="N", help="line width (text)")


def _define_coverage(commands: Commands) -> None:
    coverage = commands.add_parser(
        "coverage",
        help="what the sources say that no quote cites",
        description=(
            "For each archived source: how much of its text the quotes cite (sentences and "
            "characters), and the sentences no position cites, in article order."
        ),
    )
    _file_arg(coverage)
    coverage.add_argument("--format", choices=("text", "json"), default="text")
    coverage.add_argument("--width", type=_width, metavar="N", help="line width (text)")


def _define_init(commands: Commands) -> None:
    init = commands.add_parser(
        "init",
        help="create a project folder: positions.yaml, its schema and seeds/",
        description=(
            "Create a project folder with a positions.yaml (a commented example of every "
            "field), positions.schema.json for editors, and an empty seeds/ folder for "
            "archived articles. An existing positions.yaml is never overwritten."
        ),
    )
    init.add_argument(
        "folder",
        nargs="?",
        default=".",
        metavar="FOLDER",
        help="the project folder, created if needed (default: the current folder)",
    )


def _define_add_source(commands: Commands) -> None:
    add = commands.add_parser(
        "add-source",
        help="archive an article into seeds/ and write its sources: stanza",
        description=(
            "Archive a saved web page (through trafilatura: main text, title, site name, "
            "publication date) or a UTF-8 text file into the project's seeds/ folder, then "
            "print the stanza to paste under `sources:`, or add it there with --append."
        ),
    )
    add.add_argument("file", metavar="FILE", help="a saved web page (.html) or a text file")
    add.add_argument(
        "--id", metavar="ID", help="the source id (default: made from the title or file name)"
    )
    add.add_argument(
        "--append",
        action="store_true",
        help="add the stanza to positions.yaml, keeping its comments and layout",
    )
    add.add_argument(
        "--allow-duplicate",
        action="store_true",
        help="add the article even if the project already holds it (the same text or "
        "address) under another id; the same text shares its archive",
    )
    add.add_argument(
        "--project",
        metavar="FOLDER",
        default=".",
        help="the project folder holding positions.yaml (default: the current folder)",
    )


def _define_evidence_and_cite(commands: Commands) -> None:
    for name, what, example in (
        (
            "evidence",
            "the evidence item for words of a source, as the viewer's y copies it",
            "Print the evidence item (source, quote, voice and speaker as `summit check` "
            "would accept them) for the passage of SOURCE's archived article holding WORDS, "
            "indented to paste under a position's `evidence:`: the block the dashboard's "
            "y copies, for a script or a terminal without a clipboard.",
        ),
        (
            "cite",
            "the citation of words of a source, as the viewer's c copies it",
            "Print the citation (quote, speaker, outlet, title, date) of the passage of "
            "SOURCE's archived article holding WORDS: the line the dashboard's c copies, "
            "for a script or a terminal without a clipboard.",
        ),
    ):
        sub = commands.add_parser(name, help=what, description=example)
        sub.add_argument("source", metavar="SOURCE", help="a source id of the positions file")
        sub.add_argument(
            "words",
            metavar="WORDS",
            help="words of the passage, as the article has them (typography forgiven)",
        )
        _file_arg(sub, stdin=False)


MAX_WIDTH = 1000
"""No terminal or page is wider; a wider table only costs time and memory (a snapshot is
drawn at its full width)."""


def _whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argument type: a whole number from `low` to `high`, said in a usage error."""

    def number(value: str) -> int:
        try:
            got = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
        if not low <= got <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}")
        return got

    return number


_width, _port = _whole_number(1, MAX_WIDTH), _whole_number(1, 65535)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line, where `summit FILE [...]` means `summit tui FILE [...]`."""
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    return parser.parse_args(_with_command(words))


def _with_command(words: list[str]) -> list[str]:
    """`words` with `tui` put before a first argument that names a file, not a command
    (a word that is neither stays put, for argparse to say it is no command)."""
    for index, word in enumerate(words):
        if word == "--":
            break
        if word.startswith("-"):
            continue  # the top level's options take no value
        if word in COMMANDS:
            return words
        if os.path.lexists(word) or word.lower().endswith((".yaml", ".yml")):
            return [*words[:index], "tui", *words[index:]]
        return words
    return words


def main(argv: Sequence[str] | None = None) -> int:
    guard_streams()
    try:
        try:
            code = _dispatch(argv)
        except SystemExit as exc:  # argparse: --help, --version, a usage error
            code = exc.code if isinstance(exc.code, int) else EXIT_USAGE
        # What argparse printed, flushed now: a failure is then said, and counted.
        flush_streams()
    except BrokenPipeError:
        # `summit snapshot | head -1`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OutputError as exc:
        return output_failed(exc)
    except KeyboardInterrupt:
        return 130
    return code


def _dispatch(argv: Sequence[str] | None) -> int:
    args = parse(argv)
    command = args.command or "tui"
    if command != "tui":
        # Each subcommand's module, imported only when it runs (`add-source`: add_source).
        module = import_module(f"tui.commands.{command.replace('-', '_')}")
        code: int = module.run(args)
        return code
    from tui.app import run as run_tui

    if not hasattr(args, "file"):
        args.file, args.since, args.read_only = None, None, False
    return run_tui(args)
