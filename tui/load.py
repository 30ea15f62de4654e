"""Bytes to a validated model, with every problem located at FILE:LINE:COL.

The pipeline, each step guarding the next:
1. read at most MAX_BYTES of a regular file (a huge file is refused before it is
   read, a pipe or a device before it is opened);
2. decode UTF-8 (a BOM is fine);
3. scan YAML events with libyaml: nesting depth capped, anchors and aliases
   refused, so neither alias bombs nor deep nesting reach the composer;
4. compose nodes and build plain data ourselves: every scalar stays the text
   the user wrote (no YAML 1.1 booleans, floats or dates), duplicate keys are
   errors, unknown tags are refused;
5. validate with pydantic and translate each error back to its YAML node;
6. cross-check ids, duplicates and files, and verify every quote.

Steps 1-3 stop at what they find; from step 4 on, problems are collected and
reading goes on, so that one run shows every problem, not only the first, up to
MAX_SHOWN errors: then collecting stops and one line says there are more. Warnings
never stop it (only errors make a file invalid); past twice MAX_SHOWN they are
counted, not kept.

Every location is computed from the text (see _Lines): line and column as an editor
counts them, whichever parser (libyaml, or PyYAML's pure-Python one) read the file.

No Textual here: `summit check` and `summit snapshot` must not pay for the TUI.
"""

from __future__ import annotations

import errno
import gc
import os
import posixpath
import re
import stat
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, wraps
from pathlib import Path
from typing import Any, BinaryIO, ParamSpec

import yaml
from pydantic import ValidationError

from tui.attribution import Article, EvidenceAttribution, Person, check_basis, check_evidence
from tui.diagnostics import Diagnostic, did_you_mean
from tui.files import resolve_file
from tui.model import ID_PATTERN, PositionsFile, PublishedBasis, Stance, Voice
from tui.safe import quoted, visible
from tui.verify import SourceText


class _PureLoader(yaml.SafeLoader):
    """PyYAML's pure-Python parser, for when libyaml is missing, made to read what libyaml
    reads: in a flow collection, PyYAML ends plain text at '?' (`{question: Why?}` is an
    error), libyaml since 0.2.2 does not, and positions files are written against libyaml."""

    def scan_plain(self) -> yaml.tokens.ScalarToken:
        # PyYAML 6's scan_plain, with '?' no longer ending text in a flow collection.
        breaks = "\0 \t\r\n\x85\u2028\u2029"
        chunks: list[str] = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces: list[str] | None = []
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                if (
                    ch in breaks
                    or (
                        ch == ":"
                        and self.peek(length + 1) in breaks + (",[]{}" if self.flow_level else "")
                    )
                    or (self.flow_level and ch in ",[]{}")
                ):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces or [])
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return yaml.tokens.ScalarToken("".join(chunks), True, start_mark, end_mark)


_Loader: type = getattr(yaml, "CSafeLoader", _PureLoader)
"""libyaml when PyYAML was built with it (about 20 times faster), else our pure-Python one."""


def _raise_libyaml_nesting_limit() -> None:
    try:
        from yaml import _yaml
    except ImportError:  # pragma: no cover - libyaml missing
        return
    get = getattr(_yaml, "_get_max_nest_level", None)
    put = getattr(_yaml, "_set_max_nest_level", None)
    if get is not None and put is not None and get() < _LIBYAML_NEST_LEVEL:
        put(_LIBYAML_NEST_LEVEL)


MAX_BYTES = 128 * 1024 * 1024
"""A curated file is tens of KiB, but one that follows many summits can hold 100,000
positions (about 70 MB, see docs/performance.md); anything bigger is refused unread."""
MAX_SOURCE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
_LIBYAML_NEST_LEVEL = MAX_DEPTH + 4096
"""libyaml's own nesting limit (1000 since 0.2.6) must sit above ours plus its look-ahead.

Its scanner reads up to 1024 characters past the last event it hands over (a `[` may be
the start of a key until then), so 100,000 `[` on one line hit its limit before our scan
sees level 65; raised this far, the scan always refuses the file first, in our words."""
MAX_SHARED_SHOWN = 10
"""Anchors and aliases listed one by one; beyond this, a count."""
BOM = b"\xef\xbb\xbf"

_raise_libyaml_nesting_limit()

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")
}
_KIND = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list", yaml.ScalarNode: "text"}


Problem = tuple[int, int, str]
"""Line, column (both from 1) and message of one problem found while reading."""


class _Abort(Exception):
    """Problems after which the file cannot be read any further."""

    def __init__(self, line: int, col: int, message: str, *more: Problem) -> None:
        super().__init__(message)
        self.problems: list[Problem] = [(line, col, message), *more]


@dataclass
class LoadResult:
    """What the loader found: the model (when valid), the problems, and the evidence index."""

    path: str
    """The file as the user named it; used in every message."""
    model: PositionsFile | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    texts: dict[str, SourceText] = field(default_factory=dict)
    """Archived text of each source that could be read, by source id."""
    spans: list[list[tuple[int, int] | None]] = field(default_factory=list)
    """Per position, per evidence: where the quote stands in its source, None if not found."""
    lines: list[int] = field(default_factory=list)
    """The line of each position in the file (for the editor jump)."""
    stopped: bool = False
    """Collecting stopped after MAX_SHOWN errors: there are more, not all looked for."""
    warnings_not_kept: int = 0
    """Warnings counted but not kept, past twice MAX_SHOWN: a file is never refused for
    its warnings, however many (a big file whose cells rest on the reporter's account
    warns once a cell), and memory stays bounded."""

    @property
    def ok(self) -> bool:
        return self.model is not None and not self.errors

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    def verified(self, position: int, evidence: int) -> bool:
        return self.spans[position][evidence] is not None


SourceReader = Callable[[str], bytes]


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


STDIN = "-"
"""The FILE argument that means standard input, as for other Unix tools."""


def load_stdin(display: str = "<stdin>") -> LoadResult:
    """Load a positions file from standard input (`summit check -`); its sources are
    read relative to the current folder, as a file there would have them."""
    return _load_file(None, display, Path.cwd())


def load_file(file: str | None) -> LoadResult:
    """The positions file named on the command line, loaded; `-` is standard input."""
    if file == STDIN:
        return load_stdin()
    return load_path(*resolve_file(file))


def load_path(path: Path | str, display: str | None = None) -> LoadResult:
    """Load a positions file from disk; sources are read relative to its folder."""
    path = Path(path)
    return _load_file(path, display if display is not None else str(path), path.parent)


def _load_file(path: Path | None, shown: str, base: Path) -> LoadResult:
    """Read `path` (standard input when None) and load it; every way reading fails
    becomes one located message."""
    try:
        if path is None:
            data = _read_stream(sys.stdin.buffer, MAX_BYTES, 0)
        else:
            data = _read_capped(path, MAX_BYTES)
    except _TooBig:
        return _fail(
            shown, 1, 1, f"file is larger than {MAX_BYTES // 2**20} MiB; refusing to read it"
        )
    except IsADirectoryError:
        return _fail(shown, 1, 1, "is a folder, not a positions file")
    except FileNotFoundError:
        return _fail(shown, 1, 1, "file not found")
    except _NotRegular:
        return _fail(
            shown,
            1,
            1,
            f"is {_NOT_REGULAR}; name the positions file itself (- reads standard input)",
        )
    except OSError as exc:
        return _fail(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")
    return load_bytes(data, shown, folder_reader(base))


def folder_reader(base: Path) -> SourceReader:
    """A `read_source` for sources on disk: each must stay inside `base`, symbolic links
    included, so that a positions file cannot make the tools read (and print as a
    'closest passage') a file elsewhere on the machine."""
    inside = base.resolve()

    def read_source(relative: str) -> bytes:
        target = (base / relative).resolve()
        if not target.is_relative_to(inside):
            raise _Outside(relative)
        return _read_capped(target, MAX_SOURCE_BYTES)

    return read_source


def source_path_problem(relative: str) -> str | None:
    """Why a `file:` value cannot name a source, or None if it can.

    Checked on the text alone, before any reader (on disk or in git) hands it to the
    operating system: a NUL would raise ValueError in every OS call, and an absolute
    path or one that climbs out with '..' would read outside the project.
    """
    if not relative:
        return "is empty; write the path of the article, relative to this YAML file"
    if "\0" in relative:
        return "holds a NUL character (\\0), which no file name can hold"
    posix = relative.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return (
            "is an absolute path; write it relative to the folder of this YAML file, "
            "which must hold the article"
        )
    if ".." in posixpath.normpath(posix).split("/")[:1]:
        return (
            "points outside the folder of this YAML file; sources must be inside it "
            "(copy the article there)"
        )
    return None


class _Outside(Exception):
    """A source path that resolves (through a symbolic link) outside the project."""


class _NotRegular(Exception):
    """A pipe, a socket or a device: opening could block for ever, reading never end."""


_NOT_REGULAR = "not a regular file (a pipe, a socket or a device)"


@_gc_paused
def load_bytes(data: bytes, display: str, read_source: SourceReader) -> LoadResult:
    """Load a positions file from its bytes; `read_source` fetches source files by their path."""
    result = LoadResult(path=display)
    _load_into(result, data, display, read_source)
    # Sorted here, the one way out, whichever step stopped the load; then at most
    # MAX_SHOWN of them, and one line for the rest.
    result.diagnostics.sort(key=lambda d: (d.line, d.col))
    _cap(result)
    return result


MAX_SHOWN = 200
"""Problems listed one by one: enough to see a pattern, few enough to read. Collecting
stops soon after, so a file of a million broken positions costs no more than a few."""


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
        lines = _Lines(_decode(data))
        builder = _Builder(lines)
        return builder.build(_compose(lines)), builder.problems
    except _Abort:
        return None


def _load_into(result: LoadResult, data: bytes, display: str, read_source: SourceReader) -> None:
    """Every step of the load; each early return leaves what it found in `result`."""
    try:
        lines = _Lines(_decode(data))
        builder = _Builder(lines)
        root = _compose(lines)
        raw = builder.build(root)
    except _Abort as abort:
        result.diagnostics.extend(_diag(display, *problem) for problem in abort.problems)
        return
    # Duplicate keys and refused tags are reported, and validation goes on (the first
    # of the duplicates is kept), so that every problem shows in one run.
    collected = _Collected(result)
    if not collected.take(_diag(display, *problem) for problem in builder.problems):
        return
    if not isinstance(raw, dict):
        kind = "a list" if isinstance(raw, list) else "a single value"
        result.diagnostics.append(
            _diag(
                display,
                *lines.mark(root.start_mark),
                f"expected a mapping with keys summit, sources, parties, topics and positions "
                f"at the top level, got {kind}",
            )
        )
        return

    locate = _Locator(root, display, lines)
    if not collected.take(_translate(_validation_errors(raw), locate, raw)):
        return
    if not collected.take(_cross_check(raw, locate, result, read_source)):
        return
    if not collected.errors:
        result.model = PositionsFile.model_validate(raw)


_CHUNK_POSITIONS = 1000


def _validation_errors(raw: dict[str, Any]) -> Iterator[Any]:
    """pydantic's errors for `raw`, produced a thousand positions at a time.

    One `model_validate` of a million broken positions builds five million errors
    (21 s, 2 GB) before the first can be shown; in pieces, the caller stops reading
    once it has enough. A file that passes every piece is validated whole by the caller.
    """
    positions = raw.get("positions")
    if not isinstance(positions, list) or len(positions) <= _CHUNK_POSITIONS:
        try:
            PositionsFile.model_validate(raw)
        except ValidationError as exc:
            yield from exc.errors(include_url=False)
        return
    try:
        PositionsFile.model_validate({**raw, "positions": []})
    except ValidationError as exc:
        yield from exc.errors(include_url=False)
    adapter = _positions_adapter()
    for start in range(0, len(positions), _CHUNK_POSITIONS):
        try:
            adapter.validate_python(positions[start : start + _CHUNK_POSITIONS])
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                index, *rest = error["loc"]
                yield {**error, "loc": ("positions", start + index, *rest)}


@cache
def _positions_adapter() -> Any:
    """The validator of `positions` as the model declares it (built once, on first use)."""
    from pydantic import TypeAdapter

    return TypeAdapter(PositionsFile.model_fields["positions"].annotation)


class _TooBig(Exception):
    pass


def _read_capped(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing (before reading) anything over `limit`, and anything
    that is not a regular file before opening it: `open` on a named pipe waits for a
    writer, for ever. Opened without blocking and checked again, in case it changed."""
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if not stat.S_ISREG(mode):
        raise _NotRegular(str(path))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with open(fd, "rb", closefd=True) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular(str(path))
        return _read_stream(handle, limit, info.st_size)


def _read_stream(handle: BinaryIO, limit: int, size: int) -> bytes:
    """At most `limit` bytes of `handle` (else _TooBig), `size` being what it should hold.

    Read in chunks, not with `read(limit + 1)`: that would allocate the whole limit up
    front for every file, however small.
    """
    if size > limit:
        raise _TooBig
    chunks: list[bytes] = []
    total = 0
    want = size + 1  # a regular file: all of it at once, plus one byte to see the end
    while chunk := handle.read(min(max(want, 1), limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _TooBig  # it grew, or it is a stream (standard input)
        want = _CHUNK
    return b"".join(chunks)


_CHUNK = 1024 * 1024


def _fail(display: str, line: int, col: int, message: str) -> LoadResult:
    return LoadResult(path=display, diagnostics=[_diag(display, line, col, message)])


def _diag(display: str, line: int, col: int, message: str, severity: str = "error") -> Diagnostic:
    # Escaped here too, not only in Diagnostic.format: the TUI shows `.message` itself,
    # and a message must stay one line without raw control characters wherever it goes.
    return Diagnostic(display, line, col, severity, visible(message, multiline=False))  # type: ignore[arg-type]


def _decode(data: bytes) -> str:
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        raise _Abort(
            line,
            col,
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save it as UTF-8 in your editor",
        ) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, as editors count them) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    before = data[line_start:offset].decode("utf-8", "replace")
    return data.count(b"\n", 0, offset) + 1, len(before) + 1


class _Lines:
    """Character offsets to (line, column) as an editor counts them.

    Only LF ends a line (CRLF ends with its LF); columns count characters, from 1.
    libyaml and PyYAML also break lines at CR, NEL (U+0085), LS (U+2028) and PS (U+2029),
    so their `mark.line` drifts from the editor's after one such character; their
    `mark.index` (a character offset into the decoded text) does not, and is used instead.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks: list[int] | None = None

    @property
    def breaks(self) -> list[int]:
        """Offsets of every LF, computed once, on first use."""
        if self._breaks is None:
            find = self.text.find
            breaks: list[int] = []
            at = find("\n")
            while at >= 0:
                breaks.append(at)
                at = find("\n", at + 1)
            self._breaks = breaks
        return self._breaks

    def at(self, index: int) -> tuple[int, int]:
        """Line and column of the character at `index`; the end of the file is placed
        after the last character of the last line, never on a line that is not there."""
        index = max(0, min(index, len(self.text)))
        breaks = self.breaks
        if index == len(self.text) and breaks and breaks[-1] == index - 1:
            index -= 1  # just past a final LF: the end of the last line
        line = bisect_left(breaks, index)
        start = breaks[line - 1] + 1 if line else 0
        return line + 1, index - start + 1

    def mark(self, mark: Any) -> tuple[int, int]:
        return self.at(mark.index)


_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_OPENERS = {"[": "]", "{": "}"}


def _yaml_error(exc: yaml.YAMLError, lines: _Lines, open_flows: list[int] | None = None) -> _Abort:
    """A parser error in the project's own words, at the place an editor shows.

    The parser's wording differs between libyaml and PyYAML and between versions, so the
    message is chosen from the text itself (which character, where); the parser's own
    description is only appended for errors the project has no words for.
    """
    text = lines.text
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml reports a byte offset here, PyYAML a character offset: find the
        # character ourselves instead of trusting either.
        found = _NON_PRINTABLE.search(text)
        index = found.start() if found else min(exc.position, len(text))
        char = text[index] if index < len(text) else "\x00"
        code = ord(char)
        shown = f"0x{code:02x}" if code < 0x100 else f"U+{code:04X}"
        return _Abort(
            *lines.at(index),
            f"character {shown} is not allowed in YAML; write it as an escape "
            '(e.g. "\\x1b") inside a double-quoted string',
        )
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    index = len(text) if mark is None else min(mark.index, len(text))
    at_end = not text[index:].strip()
    opened = context_mark.index if context_mark is not None else -1
    opener = text[opened] if 0 <= opened < len(text) else ""

    line_start = text.rfind("\n", 0, index) + 1
    indent_end = line_start
    while indent_end < len(text) and text[indent_end] in " \t":
        indent_end += 1
    tab = text.find("\t", line_start, indent_end)
    if tab >= 0 and index <= indent_end:
        return _Abort(
            *lines.at(tab),
            "a tab indents this line; YAML indentation must be spaces, so replace the tab "
            "with spaces (set your editor to insert spaces for Tab)",
        )
    if opener in ("'", '"') and at_end:
        return _Abort(
            *lines.at(opened),
            f"this quoted text is never closed; add the closing {opener} where it ends",
        )
    if at_end and open_flows:
        start = open_flows[-1]
        char = text[start] if start < len(text) else "["
        closer = _OPENERS.get(char, "]")
        return _Abort(
            *lines.at(start),
            f"this '{char}' is never closed; add the matching '{closer}' where it ends",
        )
    closing = text[index] if index < len(text) else ""
    if closing in ("]", "}") and not open_flows:
        wanted = "[" if closing == "]" else "{"
        return _Abort(
            *lines.at(index),
            f"this '{closing}' closes nothing; remove it, or add the '{wanted}' it belongs to",
        )
    if opener in _OPENERS:
        line, col = lines.at(opened)
        closer = _OPENERS[opener]
        return _Abort(
            *lines.at(index),
            f"expected ',' or '{closer}' here: the '{opener}' at line {line} column {col} is "
            f"still open; close it with '{closer}' or separate its items with ','",
        )
    problem = getattr(exc, "problem", None) or str(exc)
    where = ""
    if 0 <= opened < len(text) and opened != index:
        line, col = lines.at(opened)
        where = f", in what starts at line {line} column {col}"
    return _Abort(
        *lines.at(index),
        f"invalid YAML syntax here (the YAML parser says: {problem}{where}); "
        "see docs/positions-format.md",
    )


def _compose(lines: _Lines) -> yaml.Node:
    """Guard with an event scan, then compose the node tree.

    The scan sees aliases before anything expands them and stops at the first level
    too deep, so neither an alias bomb nor 100,000 nested brackets reach the composer.
    """
    text = lines.text
    problems: list[Problem] = []
    shared = 0  # anchors and aliases seen
    documents = 0
    open_flows: list[int] = []  # where each open '[' or '{' starts, innermost last
    flows: list[bool] = []  # per open collection: written with brackets?
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(
                        (
                            *lines.mark(event.start_mark),
                            "a second YAML document starts here; a positions file is a single "
                            "document, so remove this '---' and what follows, or merge them",
                        )
                    )
                    break
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent) or anchor is not None:
                shared += 1
                if shared <= MAX_SHARED_SHOWN:
                    what = "aliases" if isinstance(event, yaml.AliasEvent) else "anchors"
                    sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                    problems.append(
                        (
                            *lines.mark(event.start_mark),
                            f"YAML {what} are not allowed ({sign}{_one_line(anchor or '')}); "
                            "write the value out in full",
                        )
                    )
            if isinstance(event, yaml.CollectionStartEvent):
                flow = bool(event.flow_style)
                flows.append(flow)
                if flow:
                    open_flows.append(event.start_mark.index)
                if len(flows) > MAX_DEPTH:
                    problems.append(
                        (
                            *lines.mark(event.start_mark),
                            f"nesting is deeper than {MAX_DEPTH} levels; a positions file needs "
                            "no more than 5, so look for stray '[' or '{'",
                        )
                    )
                    break
            elif isinstance(event, yaml.CollectionEndEvent) and flows and flows.pop():
                open_flows.pop()
    except yaml.YAMLError as exc:
        problems.extend(_yaml_error(exc, lines, open_flows).problems)
    if shared > MAX_SHARED_SHOWN:
        line, col, _ = problems[MAX_SHARED_SHOWN - 1]
        problems.insert(
            MAX_SHARED_SHOWN,
            (line, col, f"... and {shared - MAX_SHARED_SHOWN} more YAML anchors or aliases"),
        )
    if problems:
        raise _Abort(*problems[0], *problems[1:])
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:  # pragma: no cover - the scan above saw the same events
        raise _yaml_error(exc, lines) from None
    if root is None or (isinstance(root, yaml.ScalarNode) and _is_null(root)):
        raise _Abort(
            1,
            1,
            "the file holds no data (it is empty or only comments); expected a mapping with "
            "summit, sources, parties, topics and positions (see docs/positions-format.md)",
        )
    return root


def _is_null(node: yaml.ScalarNode) -> bool:
    """An empty value, `~` or `null`, written without quotes (libyaml's plain style is '')."""
    return node.tag == _STD + "null" and not node.style


def _one_line(text: str) -> str:
    return visible(text, multiline=False)


def _tag_shown(tag: str) -> str:
    """A tag as the user wrote it: '!!python/object', not 'tag:yaml.org,2002:python/object'."""
    return "!!" + tag.removeprefix(_STD) if tag.startswith(_STD) else tag


class _Builder:
    """Nodes to plain data, keeping every scalar as the text the user wrote.

    Problems that leave the data well defined (a duplicate key: the first is kept; a
    refused tag: the value is read as if untagged; a key that is not text: the entry is
    skipped) are collected in `problems`, so that validation can still report the rest.
    """

    def __init__(self, lines: _Lines) -> None:
        self.problems: list[Problem] = []
        self.lines = lines

    def _problem(self, node: yaml.Node, message: str) -> None:
        # One past what is shown is enough to know there are more (see _Collected).
        if len(self.problems) <= MAX_SHOWN:
            self.problems.append((*self.lines.mark(node.start_mark), message))

    def build(self, node: yaml.Node) -> Any:
        # Iterative, so no recursion limit is involved (depth is capped anyway); each
        # entry on the stack is a node and the slot (container, key) its value goes to.
        # No closure or method call per node: this loop runs once per node of the file.
        holder: list[Any] = [None]
        stack: list[tuple[yaml.Node, Any, Any]] = [(node, holder, 0)]
        allowed, scalar, sequence = _ALLOWED_TAGS, yaml.ScalarNode, yaml.SequenceNode
        null = _STD + "null"
        while stack:
            current, container, slot = stack.pop()
            if current.tag not in allowed:
                self._check_tag(current)
            kind = type(current)
            if kind is scalar:
                value = current.value
                container[slot] = None if current.tag == null and not current.style else value
            elif kind is sequence:
                children = current.value
                items: list[Any] = [None] * len(children)
                container[slot] = items
                stack.extend((child, items, index) for index, child in enumerate(children))
            else:
                mapping: dict[str, Any] = {}
                container[slot] = mapping
                seen: dict[str, yaml.Node] = {}
                for key_node, value_node in current.value:
                    key = self._key(key_node)
                    if key is None:
                        continue
                    if key in seen:
                        line, col = self.lines.mark(seen[key].start_mark)
                        self._problem(
                            key_node,
                            f"duplicate key {quoted(key)}, first at line {line} "
                            f"column {col}; YAML would silently keep only the "
                            "last, so remove or rename one",
                        )
                        continue
                    seen[key] = key_node
                    mapping[key] = None
                    stack.append((value_node, mapping, key))
        return holder[0]

    def _check_tag(self, node: yaml.Node) -> None:
        if node.tag not in _ALLOWED_TAGS:
            self._problem(
                node,
                f"YAML tag {quoted(_tag_shown(node.tag))} is not allowed (a positions file "
                "holds only text, lists and mappings); remove the tag",
            )

    def _key(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self._problem(
                node, f"a key must be plain text, not {_KIND.get(type(node), 'a collection')}"
            )
            return None
        if node.tag == _STD + "merge" or (not node.style and node.value == "<<"):
            self._problem(node, "YAML merge keys (<<) are not allowed; write the keys out in full")
            return None
        self._check_tag(node)
        return node.value


# --- locating problems ---------------------------------------------------------------


def dotted(loc: tuple[Any, ...] | list[Any]) -> str:
    """A location in the file's own terms: positions[3].evidence[0].quote."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + visible(str(part), multiline=False)
    return out or "the top level"


class _Locator:
    """Finds the YAML node for a location such as ('positions', 3, 'summary')."""

    def __init__(self, root: yaml.Node, display: str, lines: _Lines) -> None:
        self.root = root
        self.display = display
        self.lines = lines

    def node(self, loc: tuple[Any, ...], *, key: bool = False) -> yaml.Node:
        """The deepest node on `loc`; with `key`, the key node of the last step.

        An empty value (`summary:`) has no text to point at (its mark is just past the
        colon, often the end of the line), so its key is returned instead.
        """
        node = self.root
        key_node: yaml.Node | None = None
        for depth, part in enumerate(loc):
            last = depth == len(loc) - 1
            if isinstance(node, yaml.MappingNode):
                found = None
                for candidate, value_node in node.value:
                    if isinstance(candidate, yaml.ScalarNode) and candidate.value == part:
                        key_node = candidate
                        found = candidate if (key and last) else value_node
                        break
                if found is None:
                    return node
                node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return node
                key_node = None
                node = node.value[part]
            else:
                return node
        if key_node is not None and isinstance(node, yaml.ScalarNode) and _is_null(node):
            return key_node
        return node

    def at(
        self, loc: tuple[Any, ...], message: str, *, key: bool = False, severity: str = "error"
    ) -> Diagnostic:
        line, col = self.lines.mark(self.node(loc, key=key).start_mark)
        return _diag(self.display, line, col, message, severity)


_STANCES = " | ".join(s.value for s in Stance)
_VOICES = " | ".join(v.value for v in Voice)
_BASES = " | ".join(b.value for b in PublishedBasis)
_ENUMS = {"voice": (_VOICES, list(Voice)), "published_basis": (_BASES, list(PublishedBasis))}
_SHAPES = {
    "summit": "a mapping with title, location, date and as_of",
    "sources": "a mapping of source ids, e.g. `guardian: {outlet: ..., title: ..., "
    "published: YYYY-MM-DD, published_basis: stated, file: seeds/....txt}`",
    "source": "a mapping with outlet, title, published, published_basis and file",
    "people": "a mapping of person ids, e.g. `trump: {name: Donald Trump, role: US president, "
    "party: us, aliases: [Trump]}`",
    "person": "a mapping with name (and role, party, aliases)",
    "parties": "a mapping of party ids, e.g. `us: {name: United States, short: US}`",
    "party": "a mapping with name and short",
    "topics": "a mapping of topic ids, e.g. `ceasefire: {title: ..., question: ...?}`",
    "topic": "a mapping with title and question",
    "positions": "a list of positions (write `positions: []` for none yet)",
    "position": "a mapping with party, topic, stance, summary and evidence",
    "evidence": "a list of evidence items, e.g. "
    '`- {source: <id>, quote: "verbatim text", voice: direct, speaker: <person id>}`',
    "evidence item": 'a mapping like {source: <id>, quote: "verbatim text", voice: direct, '
    "speaker: <person id>}",
}
_MISSING_HINTS = {
    "summit": "summit: {title, location, date, as_of}",
    "sources": "sources: {<id>: {outlet, title, published, published_basis, file}}",
    "parties": "parties: {<id>: {name, short}}",
    "topics": "topics: {<id>: {title, question}}",
    "positions": "positions: []",
    "stance": f"stance: {_STANCES}",
    "evidence": 'evidence: [{source: <id>, quote: "verbatim text"}]',
    "date": "date: YYYY-MM-DD",
    "as_of": "as_of: YYYY-MM-DD",
    "published": "published: YYYY-MM-DD",
    "published_basis": f"published_basis: {_BASES}",
    "voice": f"voice: {_VOICES}",
    "name": "name: ...",
}
# YAML 1.1 would read these as booleans; as a stance, they most likely mean these.
_YES_NO = {
    word: f"; did you mean '{stance}'?"
    for words, stance in (
        (("yes", "y", "true", "on"), "supports"),
        (("no", "n", "false", "off"), "opposes"),
    )
    for word in words
}
_DATE_FIELDS = {"date", "as_of", "published"}


_ID = re.compile(ID_PATTERN)

_PLACED_AT = {
    "speaker_with_article": "speaker",
    "speaker_missing": "voice",
    "inferred_without_note": "published_basis",
}
"""The model's rules across two keys (tui.model), and the key each is reported at."""


def _kind_at(loc: tuple[Any, ...]) -> str:
    """What the file holds at `loc`, in its own words: 'party', 'evidence item', ..."""
    if not loc:
        return "top"
    head = str(loc[0])
    if head == "positions":
        if len(loc) == 1:
            return "positions"
        if len(loc) == 2:
            return "position"
        if len(loc) >= 3 and loc[2] == "evidence":
            return "evidence" if len(loc) == 3 else "evidence item"
        return "field"
    if head in ("sources", "parties", "topics", "people"):
        if len(loc) == 1:
            return head
        if len(loc) == 2:
            return {"sources": "source", "parties": "party", "topics": "topic", "people": "person"}[
                head
            ]
        return "field"
    return head if len(loc) == 1 else "field"


def _shorten(text: str, limit: int) -> str:
    """`text`, or its start and end around an ellipsis when longer than `limit`."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "\u2026" + text[-(limit - 1 - head) :]


_MAX_PASSAGE = 400
"""Longest closest passage quoted in a message: enough to spot a typo, still one line."""


def _got(value: Any) -> str:
    """The value found, named for a message: `text 'x'`, `a list`..."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return f"text {quoted(shown)}"
    return {dict: "a mapping", list: "a list"}.get(type(value), "a value")


def _translate(
    errors: Iterable[Any], locate: _Locator, raw: dict[str, Any]
) -> Iterator[Diagnostic]:
    """pydantic errors (`ValidationError.errors()` items) in the user's terms, at the node
    they concern."""
    from tui.model import Evidence, Party, Person, Position, PositionsFile, Source, Summit, Topic

    fields_of = {
        "summit": Summit,
        "source": Source,
        "party": Party,
        "topic": Topic,
        "person": Person,
        "position": Position,
        "evidence item": Evidence,
    }
    top = tuple(PositionsFile.model_fields)
    # References checked (with "did you mean") by the cross-checks, by field name.
    checked_refs = {
        "party": bool(raw.get("parties")) and isinstance(raw.get("parties"), dict),
        "topic": bool(raw.get("topics")) and isinstance(raw.get("topics"), dict),
        "source": isinstance(raw.get("sources"), dict),
    }
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        value = error.get("input")
        where = dotted(loc)
        name = str(loc[-1]) if loc else ""
        if kind == "extra_forbidden":
            model = fields_of.get(_kind_at(loc[:-1]))
            allowed = list(model.model_fields) if model else list(top)
            inside = f"in {dotted(loc[:-1])}" if loc[:-1] else "at the top level"
            yield locate.at(
                loc,
                f"unknown key {quoted(name)} {inside}{did_you_mean(name, allowed)} "
                f"(allowed: {', '.join(allowed)})",
                key=True,
            )
        elif kind == "missing":
            owner = dotted(loc[:-1])
            hint = _MISSING_HINTS.get(name, f"{visible(name, multiline=False)}: ...")
            yield locate.at(
                loc[:-1], f"{owner} is missing required key {quoted(name)}; add `{hint}`"
            )
        elif kind in _PLACED_AT:
            # A rule across two keys of one mapping: said at the key that breaks it.
            yield locate.at((*loc, _PLACED_AT[kind]), f"{where}: {error.get('msg', '')}")
        elif name in _ENUMS and kind == "enum":
            allowed, words = _ENUMS[name]
            if isinstance(value, str):
                message = (
                    f"{where}: {quoted(value)} is not allowed here"
                    f"{did_you_mean(value, [str(w) for w in words])} (allowed: {allowed})"
                )
            else:
                message = f"{where}: expected one of {allowed}, got {_got(value)}"
            yield locate.at(loc, message)
        elif name == "stance" and kind == "enum":
            if value is None:
                message = f"{where} is empty; write one of {_STANCES}"
            elif isinstance(value, str):
                hint = _YES_NO.get(value.lower(), "") or did_you_mean(value, list(Stance))
                message = f"{where}: {quoted(value)} is not a stance{hint} (allowed: {_STANCES})"
            else:
                message = f"{where}: expected one of {_STANCES}, got {_got(value)}"
            yield locate.at(loc, message)
        elif kind == "string_pattern_mismatch" or (loc and loc[-1] == "[key]"):
            is_key = bool(loc and loc[-1] == "[key]")
            target = loc[:-1] if is_key else loc
            if not is_key and loc[0] == "positions" and checked_refs.get(name):
                continue  # reported as an unknown id, with "did you mean"
            shown = quoted(value) if isinstance(value, str) else "this value"
            yield locate.at(
                target,
                f"{dotted(target)}: id {shown} must start with a lowercase letter or digit "
                "and hold only lowercase letters, digits, '-' or '_'",
                key=is_key,
            )
        elif kind == "too_short" and name == "evidence":
            yield locate.at(
                loc,
                f"{where} is empty; a position needs at least one evidence item "
                '({source: <id>, quote: "verbatim text"})',
            )
        elif kind == "too_short":
            what = {"parties": "party", "topics": "topic"}.get(name, "item")
            yield locate.at(loc, f"{where} is empty; define at least one {what}")
        elif kind in ("string_type", "dict_type", "model_type", "list_type", "date_type", "enum"):
            if name in _DATE_FIELDS:
                expected = "a date written YYYY-MM-DD"
            elif kind == "string_type":
                expected = "text"
            else:
                expected = _SHAPES.get(_kind_at(loc), "a list" if kind == "list_type" else "?")
            if value is None:
                yield locate.at(loc, f"{where} is empty; expected {expected}")
            else:
                yield locate.at(loc, f"{where}: expected {expected}, got {_got(value)}")
        elif name in _DATE_FIELDS and (kind.startswith("date_") or kind == "iso_date"):
            shown = quoted(value) if isinstance(value, str) else _got(value)
            yield locate.at(loc, f"{where}: {shown} is not a valid date; write YYYY-MM-DD")
        elif kind == "blank":
            model = fields_of.get(_kind_at(loc[:-1]))
            field_info = model.model_fields.get(name) if model else None
            if isinstance(loc[-1], int):
                fix = "write some text or remove the item"
            elif field_info is not None and not field_info.is_required():
                fix = "write some text or remove the key"
            else:
                fix = "write some text"
            yield locate.at(loc, f"{where} is blank; {fix}")
        else:
            yield locate.at(loc, f"{where}: {error.get('msg', 'invalid value')}")


# --- cross-checks ----------------------------------------------------------------------


def _cross_check(
    raw: dict[str, Any], locate: _Locator, result: LoadResult, read_source: SourceReader
) -> Iterator[Diagnostic]:
    """Ids, duplicates, files and quotes, checked on the raw data so that they are
    reported even when other parts of the file fail validation."""
    parties = raw.get("parties") if isinstance(raw.get("parties"), dict) else {}
    topics = raw.get("topics") if isinstance(raw.get("topics"), dict) else {}
    sources = raw.get("sources") if isinstance(raw.get("sources"), dict) else {}
    positions = raw.get("positions") if isinstance(raw.get("positions"), list) else []
    people = raw.get("people") if isinstance(raw.get("people"), dict) else {}
    yield from _check_people(people, parties, locate)

    # Sources: read and index each file once.
    texts: dict[str, SourceText] = {}
    by_file: dict[str, SourceText] = {}
    for source_id, source in sources.items():
        if not isinstance(source, dict) or not isinstance(source.get("file"), str):
            continue
        relative = source["file"]
        if relative in by_file:
            texts[source_id] = by_file[relative]
            continue
        loc = ("sources", source_id, "file")
        problem = source_path_problem(relative)
        if problem is not None:
            yield locate.at(loc, f"source file {quoted(relative)} {problem}")
            continue
        try:
            data = read_source(relative)
        except _Outside:
            yield locate.at(
                loc,
                f"source file {quoted(relative)} resolves (through a symbolic link) outside "
                "the folder of this YAML file; sources must be inside it, so copy the article "
                "there",
            )
            continue
        except _NotRegular:
            yield locate.at(loc, f"cannot read source file {quoted(relative)}: {_NOT_REGULAR}")
            continue
        except _TooBig:
            yield locate.at(
                loc,
                f"source file {quoted(relative)} is larger than {MAX_SOURCE_BYTES // 2**20} MiB",
            )
            continue
        except IsADirectoryError:
            yield locate.at(loc, f"source file {quoted(relative)} is a folder, not a file")
            continue
        except (FileNotFoundError, NotADirectoryError):
            yield locate.at(
                loc,
                f"source file {quoted(relative)} not found; the path is relative to the "
                "folder of this YAML file",
            )
            continue
        except OSError as exc:
            yield locate.at(loc, f"cannot read source file {quoted(relative)}: {exc.strerror}")
            continue
        if data.startswith(BOM):
            data = data[len(BOM) :]
        try:
            decoded = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, col = _byte_position(data, exc.start)
            yield locate.at(
                loc,
                f"source file {quoted(relative)} is not valid UTF-8 (byte 0x{data[exc.start]:02x} "
                f"at line {line} column {col}); convert it to UTF-8",
            )
            continue
        text = SourceText(decoded)
        texts[source_id] = by_file[relative] = text
    result.texts = texts

    articles: dict[int, Article] = {}
    seen_pairs: dict[tuple[str, str], int] = {}
    party_used: set[str] = set()
    topic_used: set[str] = set()
    party_ids = list(parties)
    topic_ids = list(topics)
    source_ids = list(sources)
    for index, position in enumerate(positions):
        node = locate.node(("positions", index))
        result.lines.append(locate.lines.mark(node.start_mark)[0])
        spans: list[tuple[int, int] | None] = []
        result.spans.append(spans)
        if not isinstance(position, dict):
            continue
        party, topic = position.get("party"), position.get("topic")
        if isinstance(party, str):
            party_used.add(party)
            if parties and party not in parties:
                yield locate.at(
                    ("positions", index, "party"),
                    f"positions[{index}].party: unknown party {quoted(party)}"
                    f"{did_you_mean(party, party_ids)} (parties: {', '.join(party_ids)})",
                )
        if isinstance(topic, str):
            topic_used.add(topic)
            if topics and topic not in topics:
                yield locate.at(
                    ("positions", index, "topic"),
                    f"positions[{index}].topic: unknown topic {quoted(topic)}"
                    f"{did_you_mean(topic, topic_ids)} (topics: {', '.join(topic_ids)})",
                )
        if isinstance(party, str) and isinstance(topic, str):
            pair = (party, topic)
            if pair in seen_pairs:
                first = seen_pairs[pair]
                yield locate.at(
                    ("positions", index),
                    f"positions[{index}]: a second position for party {quoted(party)} on "
                    f"topic {quoted(topic)}; the first is positions[{first}] at line "
                    f"{result.lines[first]}. Merge them into one",
                )
            else:
                seen_pairs[pair] = index
        evidence = position.get("evidence")
        if not isinstance(evidence, list):
            continue
        cited: set[str] = set()
        for j, item in enumerate(evidence):
            span = None
            spans.append(span)
            if not isinstance(item, dict):
                continue
            yield from _check_speaker_id(item, (index, j), people, locate)
            source_id, quote = item.get("source"), item.get("quote")
            if not isinstance(source_id, str):
                continue
            cited.add(source_id)
            if source_id not in sources:
                yield locate.at(
                    ("positions", index, "evidence", j, "source"),
                    f"positions[{index}].evidence[{j}].source: unknown source "
                    f"{quoted(source_id)}{did_you_mean(source_id, source_ids)} "
                    f"(sources: {', '.join(source_ids) or 'none defined'})",
                )
                continue
            text = texts.get(source_id)
            if text is None or not isinstance(quote, str) or not quote.strip():
                continue
            span = text.find(quote)
            spans[j] = span
            if span is not None:
                article = articles.get(id(text))
                if article is None:
                    article = articles[id(text)] = Article(text.text)
                yield from _check_attribution(article, span, item, (index, j), people, locate)
            if span is None:
                closest = _shorten(" ".join(text.closest(quote).split()), _MAX_PASSAGE)
                yield locate.at(
                    ("positions", index, "evidence", j, "quote"),
                    f"positions[{index}].evidence[{j}].quote: not found in source "
                    f"{quoted(source_id)} ({visible(str(sources[source_id].get('file')))}); "
                    + (f"closest passage: {quoted(closest)}" if closest else "the source is empty"),
                )
        if isinstance(party, str):
            yield from _check_basis(party, topic, evidence, index, people, parties, locate)
        if len(cited) == 1 and len(sources) > 1:
            yield locate.at(
                ("positions", index),
                f"positions[{index}] ({visible(str(party), multiline=False)} / "
                f"{visible(str(topic), multiline=False)}) rests on a single source "
                f"({quoted(next(iter(cited)))})",
                severity="warning",
            )

    for party in parties:
        if party not in party_used:
            yield locate.at(
                ("parties", party),
                f"party {quoted(party)} has no positions",
                key=True,
                severity="warning",
            )
    for topic in topics:
        if topic not in topic_used:
            yield locate.at(
                ("topics", topic),
                f"topic {quoted(topic)} has no positions",
                key=True,
                severity="warning",
            )


# --- attribution (tui.attribution) -------------------------------------------------------


def _check_people(
    people: dict[str, Any], parties: dict[str, Any], locate: _Locator
) -> Iterator[Diagnostic]:
    """Each person's party is a party of the file."""
    party_ids = list(parties)
    for person_id, person in people.items():
        if not isinstance(person, dict):
            continue
        party = person.get("party")
        if isinstance(party, str) and parties and party not in parties:
            yield locate.at(
                ("people", person_id, "party"),
                f"people.{visible(str(person_id), multiline=False)}.party: unknown party "
                f"{quoted(party)}{did_you_mean(party, party_ids)} (parties: "
                f"{', '.join(party_ids)}; leave `party` out for someone of no party here)",
            )


def _check_speaker_id(
    item: dict[str, Any], at: tuple[int, int], people: dict[str, Any], locate: _Locator
) -> Iterator[Diagnostic]:
    """A speaker names a person under `people`."""
    speaker = item.get("speaker")
    if not isinstance(speaker, str) or not _ID.fullmatch(speaker) or speaker in people:
        return
    index, j = at
    known = list(people)
    declare = (
        f"declare them under `people:` (e.g. `{speaker}: {{name: ..., role: ..., party: ...}}`)"
    )
    yield locate.at(
        ("positions", index, "evidence", j, "speaker"),
        f"positions[{index}].evidence[{j}].speaker: unknown person {quoted(speaker)}"
        f"{did_you_mean(speaker, known)} (people: {', '.join(known) or 'none declared'}); "
        + declare,
    )


def _person(people: dict[str, Any], speaker: object) -> Person | None:
    if not isinstance(speaker, str):
        return None
    data = people.get(speaker)
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        return None
    aliases = data.get("aliases")
    aliases = tuple(a for a in aliases if isinstance(a, str)) if isinstance(aliases, list) else ()
    return Person(speaker, data["name"], aliases)


def _check_attribution(
    article: Article,
    span: tuple[int, int],
    item: dict[str, Any],
    at: tuple[int, int],
    people: dict[str, Any],
    locate: _Locator,
) -> Iterator[Diagnostic]:
    """Voice and speaker against the article's text around the quote."""
    voice = item.get("voice")
    if voice not in (Voice.DIRECT, Voice.REPORTED, Voice.ARTICLE):
        return
    index, j = at
    findings = check_evidence(article, *span, str(voice), _person(people, item.get("speaker")))
    for finding in findings:
        yield locate.at(
            ("positions", index, "evidence", j, finding.part),
            f"positions[{index}].evidence[{j}].{finding.part}: {finding.message}",
            severity=finding.severity,
        )


def _check_basis(
    party: str,
    topic: object,
    evidence: list[Any],
    index: int,
    people: dict[str, Any],
    parties: dict[str, Any],
    locate: _Locator,
) -> Iterator[Diagnostic]:
    """A warning when the position does not rest on its own party's word.

    Said only when the basis is known: an evidence item with no valid voice, a speaker
    missing or not a person under `people`, or a person of an unknown party is an error
    reported elsewhere, and a basis drawn from it would be a guess."""
    items = []
    for item in evidence:
        if not isinstance(item, dict) or item.get("voice") not in tuple(Voice):
            return  # reported by validation; the basis is not known
        speaker = item.get("speaker") if isinstance(item.get("speaker"), str) else None
        person = people.get(speaker) if speaker is not None else None
        if speaker is not None and not isinstance(person, dict):
            return  # an unknown person, or free text: reported with the speaker
        if speaker is None and item["voice"] != Voice.ARTICLE:
            return  # direct or reported words with no speaker: reported by validation
        person = person if isinstance(person, dict) else {}
        if isinstance(person.get("party"), str) and parties and person["party"] not in parties:
            return  # an unknown party: reported under `people`
        items.append(
            EvidenceAttribution(
                str(item["voice"]),
                speaker,
                person.get("party") if isinstance(person.get("party"), str) else None,
                person.get("name") if isinstance(person.get("name"), str) else None,
            )
        )
    for finding in check_basis(party, items):
        yield locate.at(
            ("positions", index, "evidence"),
            f"positions[{index}] ({visible(party, multiline=False)} / "
            f"{visible(str(topic), multiline=False)}): {finding.message}",
            key=True,
            severity=finding.severity,
        )
