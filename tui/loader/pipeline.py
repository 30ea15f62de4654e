"""Bytes to a validated load (its records built on demand), every problem at FILE:LINE:COL.

The pipeline, each step guarding the next:
1. read at most MAX_BYTES of a regular file (a huge file is refused before it is
   read, a pipe or a device before it is opened): tui.loader.files;
2. decode UTF-8 (a BOM is fine): tui.loader.yaml_guard;
3. scan YAML events with libyaml: nesting depth capped, anchors and aliases
   refused, so neither alias bombs nor deep nesting reach the composer;
4. compose nodes and build plain data ourselves: every scalar stays the text
   the user wrote (no YAML 1.1 booleans, floats or dates), duplicate keys are
   errors, unknown tags are refused. A plain file (one that steps 3-4 would find
   nothing wrong in) skips both: one pass over libyaml's events builds the same data
   with no node tree (fast_path.read_plain), and anything unusual sends the file back to
   steps 3-4, so every message about reading it still comes from them;
5. validate with pydantic and translate each error back to its YAML node
   (tui.loader.validation, located by tui.loader.locate);
6. cross-check ids, duplicates and files, verify every quote and its attribution
   (tui.loader.checks, with tui.evidence.attribution).

Steps 1-3 stop at what they find; from step 4 on, problems are collected and
reading goes on, so that one run shows every problem, not only the first, up to
MAX_SHOWN errors: then collecting stops and one line says there are more. Warnings
never stop it (only errors make a file invalid); past twice MAX_SHOWN they are
counted, not kept.

No Textual here: `summit check` and `summit snapshot` must not pay for the TUI.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any, Generic, ParamSpec, TypeVar

from tui.loader.checks import cross_check
from tui.loader.fast_path import read_plain
from tui.loader.files import (
    MAX_BYTES,
    ReadError,
    SourceReader,
    folder_reader,
    read_capped,
    read_stream,
    skipping_missing,
)
from tui.loader.lines import Lines
from tui.loader.locate import Locator, diagnostic_at, placed
from tui.loader.pieces import validation_errors
from tui.loader.result import LoadResult
from tui.loader.validation import translate
from tui.loader.yaml_guard import MAX_SHOWN, Abort, Builder, Problem, compose, decode
from tui.model.diagnostics import Diagnostic

_P = ParamSpec("_P")


def _gc_paused(load: Callable[_P, LoadResult]) -> Callable[_P, LoadResult]:
    """Run `load` with the cyclic garbage collector paused.

    Loading builds a few objects per line of YAML and no garbage cycles; every
    automatic collection on the way would walk all of them again. For 10,000 positions
    that was half of `summit check`'s CPU time (4.5 s with it, 2.2 s without). Paused,
    not turned off: it runs again as soon as the load returns.
    """

    @wraps(load)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> LoadResult:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return load(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


def load_stdin(display: str = "<stdin>") -> LoadResult:
    """Load a positions file from standard input (`summit check -`); its sources are
    read relative to the current folder, as a file there would have them."""
    return _load_file(None, display, Path.cwd())


def load_uncached(
    path: Path | str, display: str | None = None, *, missing: list[str] | None = None
) -> LoadResult:
    """Load a positions file from disk, through every stage (no cache read or written);
    sources are read relative to its folder. With `missing`, a source file that is not
    there is listed in it instead of being an error (`files.skipping_missing`)."""
    path = Path(path)
    shown = display if display is not None else str(path)
    return _load_file(path, shown, path.parent, missing)


def _load_file(
    path: Path | None, shown: str, base: Path, missing: list[str] | None = None
) -> LoadResult:
    """Read `path` (standard input when None) and load it; every way reading fails
    becomes one located message."""
    try:
        if path is None:
            if sys.stdin is None:  # closed when the command started (`summit check - <&-`)
                return _fail(shown, 1, 1, "cannot read standard input: it is closed")
            data = read_stream(sys.stdin.buffer, MAX_BYTES, 0)
        else:
            data = read_capped(path, MAX_BYTES)
    except ReadError as exc:
        return _fail(shown, 1, 1, _unread(exc))
    except OSError as exc:  # standard input that cannot be read
        return _fail(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")
    read_source = folder_reader(base)
    if missing is not None:
        read_source = skipping_missing(read_source, missing)
    return load_bytes(data, shown, read_source)


def _unread(exc: ReadError) -> str:
    """Why the positions file was not read, in the words for a positions file."""
    if exc.kind == "too big":
        return f"file {exc.reason}; refusing to read it"
    if exc.kind == "folder":
        return "is a folder, not a positions file"
    if exc.kind == "not regular":
        return f"{exc.reason}; name the positions file itself (- reads standard input)"
    if exc.kind == "unreadable":
        return f"cannot read file: {exc.detail}"
    return exc.reason


@_gc_paused
def load_bytes(data: bytes, display: str, read_source: SourceReader) -> LoadResult:
    """Load a positions file from its bytes; `read_source` fetches source files by their path."""
    result = LoadResult(path=display)
    _load_into(result, data, display, read_source)
    result.diagnostics = placed(result.diagnostics)
    # Sorted here, the one way out, whichever step stopped the load; then at most
    # MAX_SHOWN of them, and one line for the rest.
    result.diagnostics.sort(key=lambda d: (d.line, d.col))
    _cap(result)
    return result


class _Collected:
    """Diagnostics gathered up to MAX_SHOWN errors, then one more to know there are more;
    warnings kept up to twice MAX_SHOWN, then only counted."""

    def __init__(self, result: LoadResult) -> None:
        self.result = result
        self.errors = sum(d.is_error for d in result.diagnostics)

    def take(self, diagnostics: Iterable[Diagnostic]) -> bool:
        """Add `diagnostics`; False (and stop reading them) once past MAX_SHOWN errors.

        Warnings never stop the load: only errors decide whether a file is valid, so a
        valid file must be read to its end."""
        into = self.result.diagnostics
        for diagnostic in diagnostics:
            if not diagnostic.is_error:
                if len(into) - self.errors < 2 * MAX_SHOWN:
                    into.append(diagnostic)
                else:
                    self.result.warnings_not_kept += 1
                continue
            into.append(diagnostic)
            self.errors += 1
            if self.errors > MAX_SHOWN:
                self.result.stopped = True
                return False
        return True


def _cap(result: LoadResult) -> None:
    """Keep the first MAX_SHOWN diagnostics, and say in one line how many more there were.

    A load that stopped collecting early (see _Collected) cannot know how many it did
    not look for, and says so instead of a number.
    """
    shown, rest = result.diagnostics[:MAX_SHOWN], result.diagnostics[MAX_SHOWN:]
    if not rest:
        return
    errors = sum(d.is_error for d in rest)
    warnings = len(rest) - errors + result.warnings_not_kept
    if result.stopped:
        what = "errors" if errors else "warnings"
        message = (
            f"... and more {what}, not counted: reading stopped after the first {MAX_SHOWN}; "
            "fix these and run again"
        )
    else:
        parts = [
            f"{n} more {word}{'s' * (n != 1)}"
            for n, word in ((errors, "error"), (warnings, "warning"))
            if n
        ]
        message = "... and " + " and ".join(parts)
    last = shown[-1]
    result.diagnostics = [
        *shown,
        Diagnostic(
            last.path,
            last.line,
            last.col,
            "error" if errors else "warning",
            message,
            hidden=-1 if result.stopped else errors,
            hidden_warnings=0 if result.stopped else warnings,
        ),
    ]


def plain_data(data: bytes) -> tuple[Any, list[Problem]] | None:
    """The file's data exactly as validation sees it (every scalar the text written: `no`
    stays 'no', a date stays a string), and the builder's problems; None when the file is
    refused before there is data. For checking other validators (the JSON Schema)
    against the same data."""
    try:
        lines = Lines(decode(data))
        builder = Builder(lines)
        return builder.build(compose(lines)), builder.problems
    except Abort:
        return None


def _load_into(result: LoadResult, data: bytes, display: str, read_source: SourceReader) -> None:
    """Every step of the load; each early return leaves what it found in `result`."""
    try:
        lines = Lines(decode(data))
        plain = read_plain(lines)
        if plain is not None:
            # A plain file: no node tree; what later stages report is placed at the
            # end, all at once (see Locator), by the same libyaml parse.
            raw: Any = plain.data
            problems: list[Problem] = []
            locate = Locator(None, display, lines, position_starts=plain.position_starts)
            del plain
        else:
            builder = Builder(lines)
            root = compose(lines)
            raw = builder.build(root)
            problems = builder.problems
            locate = Locator(root, display, lines)
    except Abort as abort:
        result.diagnostics.extend(diagnostic_at(display, *problem) for problem in abort.problems)
        return
    # Duplicate keys and refused tags are reported, and validation goes on (the first
    # of the duplicates is kept), so that every problem shows in one run.
    collected = _Collected(result)
    if not collected.take(diagnostic_at(display, *problem) for problem in problems):
        return
    if not isinstance(raw, dict):
        kind = "a list" if isinstance(raw, list) else "a single value"
        result.diagnostics.append(
            diagnostic_at(
                display,
                *lines.mark(locate.root.start_mark),
                f"expected a mapping with keys summit, sources, parties, topics and positions "
                f"at the top level, got {kind}",
            )
        )
        return

    if not collected.take(translate(validation_errors(raw), locate, raw)):
        return
    checked = _Returned(cross_check(raw, locate, read_source))
    if not collected.take(checked):
        return
    assert checked.value is not None
    result.index = checked.value
    if not collected.errors:
        # Validation passed: the records are built from this data when first asked for,
        # without pydantic building its models a second time (tests/unit/test_records.py
        # holds the two equal).
        result.data = raw


_T = TypeVar("_T")


class _Returned(Generic[_T]):
    """A generator's items, and what it returned once they were all read: the
    cross-checks yield their diagnostics, then return the evidence index."""

    def __init__(self, items: Generator[Diagnostic, None, _T]) -> None:
        self._items = items
        self.value: _T | None = None

    def __iter__(self) -> Iterator[Diagnostic]:
        self.value = yield from self._items


def _fail(display: str, line: int, col: int, message: str) -> LoadResult:
    return LoadResult(path=display, diagnostics=[diagnostic_at(display, line, col, message)])
