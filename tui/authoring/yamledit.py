"""Add a source stanza to positions.yaml without touching anything else in it.

The curator's comments and layout are part of the file, so the edit is a splice, not a
re-dump: the new entry's lines go in after the last line of the last entry of `sources:`,
and every other byte stays as it was. The file is read as `summit check` reads it (the
loader's one YAML reading: libyaml, its fast path, else the guard, whose problems are the
loader's own words), so that add-source refuses exactly what check refuses and no more;
one more pass over the parser's events finds where `sources:` is. The result is read
back the same way before anything is written (it must hold the entry as given and the
rest as it was), and written by the loader's one atomic write, which keeps the file's
mode, owner and hard links and refuses if the file changed meanwhile.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tui.authoring.scalars import scalar
from tui.loader import files
from tui.loader.fast_path import read_plain
from tui.loader.files import BOM
from tui.loader.lines import Lines
from tui.loader.yaml_guard import Abort, Builder, Loader, compose, decode
from tui.model.diagnostics import LocatedError
from tui.safe import quoted


class EditError(LocatedError):
    """Why the file was left as it was, at a place in it."""


@dataclass(frozen=True)
class Entry:
    """A mapping entry to add: its key, its fields (text), and comment lines after them."""

    key: str
    fields: Sequence[tuple[str, str]]
    comments: Sequence[str] = ()

    def lines(self, indent: int = 2, step: int = 2) -> list[str]:
        """The entry as YAML lines, its key `indent` columns in, fields `step` further."""
        pad, inner = " " * indent, " " * (indent + step)
        out = [f"{pad}{scalar(self.key)}:"]
        out += [f"{inner}{name}: {scalar(value)}" for name, value in self.fields]
        out += [f"{inner}# {line}" if line else f"{inner}#" for line in self.comments]
        return out


@dataclass(frozen=True)
class _Sources:
    """Where the `sources:` mapping is and what it holds."""

    ids: dict[str, tuple[int, int]]
    """Existing source ids and the line and column of each."""
    insert_at: int
    """Character offset where the new entry's first line goes (the start of a line)."""
    remove: tuple[int, int] | None
    """A span to delete first: the `{}` of an empty flow mapping."""
    indent: int
    step: int


@dataclass(frozen=True)
class SourcesBlock:
    """A positions file read once for an edit: what `sources:` holds and how it is
    indented, and all that adding to it needs (the text, its data, its state on disk)."""

    path: Path
    """The file to replace (a symbolic link's target, not the link)."""
    before: files.Unchanged
    """The file on disk as it was read: an edit is refused if it is no longer so."""
    text: str
    bom: bool
    data: Any
    """The file's data as the loader reads it (for the read-back)."""
    where: _Sources

    @property
    def ids(self) -> dict[str, tuple[int, int]]:
        """Existing source ids and the line and column of each."""
        return self.where.ids

    @property
    def indent(self) -> int:
        return self.where.indent

    @property
    def step(self) -> int:
        return self.where.step


def read_sources(path: Path) -> SourcesBlock:
    """The file at `path`, read once, with what `sources:` holds and how it is indented;
    EditError if it cannot take another source (nothing is archived then)."""
    real = files.real(path)  # replace a symlink's target, not the link
    before, raw = _read(real)
    bom = raw.startswith(BOM)
    try:
        text = decode(raw)
    except Abort as abort:
        raise _refused(abort.problems[0]) from None
    data = _data(text)
    return SourcesBlock(real, before, text, bom, data, _locate(text))


def append_source(block: SourcesBlock, entry: Entry) -> None:
    """Add `entry` at the end of `sources:` in the file `block` was read from, or raise
    EditError.

    Nothing is written unless the new text reads back with the entry as given and
    everything else as it was, and the file is still as it was read.
    """
    where, text = block.where, block.text
    if entry.key in where.ids:
        raise EditError(
            f"source id {quoted(entry.key)} is already defined at line "
            f"{where.ids[entry.key][0]}; choose another id with --id",
            *where.ids[entry.key],
        )
    new_text = _splice(text, where, entry, _newline_at(text, where.insert_at))
    _read_back(block.data, new_text, entry)
    data = (BOM if block.bom else b"") + new_text.encode("utf-8")
    try:
        files.write_atomic(
            block.path,
            [data],
            mode=stat.S_IMODE(block.before.info.st_mode),
            unchanged_since=block.before,
        )
    except files.WriteError as exc:
        if exc.kind == "changed":
            raise EditError(
                "the file changed while the source was being added; it was left as "
                "it is now: run the command again"
            ) from None
        raise EditError(exc.reason) from None


def _read(path: Path) -> tuple[files.Unchanged, bytes]:
    try:
        # Taken before the read: a save in between is then seen as a change when writing
        # (the edit is refused, never a change lost).
        info = os.stat(path)
        # The loader's cap (read when called): a file it would refuse is not edited.
        data = files.read_capped(path, files.MAX_BYTES)
    except files.ReadError as exc:
        raise EditError(_unread(exc)) from None
    except OSError as exc:  # from the stat
        raise EditError(_unread(files.read_error(exc))) from None
    problem = files.unwritable(path, info)
    if problem is not None:
        raise EditError(f"cannot add a source: the file {problem}")
    return files.Unchanged(info, hashlib.sha256(data).digest()), data


def _unread(exc: files.ReadError) -> str:
    """Why positions.yaml was not read, in the words for the file add-source edits."""
    if exc.kind == "folder":
        return "is a folder, not a positions file"
    if exc.kind == "too big":
        return f"the file {exc.reason}"
    if exc.kind == "unreadable":
        return f"cannot read the file: {exc.detail}"
    return exc.reason


def _refused(problem: tuple[int, int, str]) -> EditError:
    """A problem the loader finds in reading the file, said as the loader says it."""
    line, col, message = problem
    return EditError(
        f"cannot add a source: {message} (`summit check` shows every problem)", line, col
    )


def _data(text: str) -> Any:
    """The file's data as the loader reads it (every scalar the text written), or
    EditError with the loader's first problem: its fast path, else its guard."""
    lines = Lines(text)
    plain = read_plain(lines)
    if plain is not None:
        return plain.data
    try:
        builder = Builder(lines)
        data = builder.build(compose(lines))
    except Abort as abort:
        raise _refused(abort.problems[0]) from None
    if builder.problems:
        raise _refused(builder.problems[0])
    return data


_BREAK = re.compile(r"\r\n|\r|\n")
"""A line break as YAML reads one: LF, CRLF, or a CR alone (old Mac files)."""


def _locate(text: str) -> _Sources:
    """Where the new entry goes in `text` (a file `_data` read), from one pass over the
    parser's events: the top-level key `sources`, the entries under it, and where the
    last of them ends."""
    events = iter(yaml.parse(text, Loader=Loader))
    lines = Lines(text)
    next(events), next(events)  # the stream and the document start
    top = next(events)
    if not isinstance(top, yaml.MappingStartEvent) or top.flow_style:
        raise EditError(
            "cannot add a source: the file's top level is not a block mapping with "
            "summit, sources, parties, topics and positions"
        )
    depth = 1
    key: Any = None  # the top-level key awaiting its value
    for event in events:
        if depth == 1 and key is None:
            if isinstance(event, yaml.MappingEndEvent):
                break
            key = event
            continue
        if depth == 1 and isinstance(key, yaml.ScalarEvent) and key.value == "sources":
            return _sources_at(text, lines, key, event, events)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if depth == 1:
            key = None
    raise EditError("cannot add a source: the file has no `sources:`; add `sources: {}`")


def _sources_at(
    text: str, lines: Lines, key: yaml.ScalarEvent, value: yaml.Event, events: Any
) -> _Sources:
    """The `sources:` whose key is `key` and whose value starts with `value`; `events`
    follow it."""
    line, col = lines.at(_start(value))
    if isinstance(value, yaml.ScalarEvent) and _empty(value):
        # `sources:` with nothing after it: the entry goes on the next line.
        indent = _column(text, _start(key)) + 2
        return _Sources({}, _line_end(text, _end(key)), None, indent, 2)
    if not isinstance(value, yaml.MappingStartEvent):
        raise EditError("cannot add a source: `sources` is not a mapping of source ids", line, col)
    ids: dict[str, tuple[int, int]] = {}
    first: yaml.ScalarEvent | None = None  # the first source id
    last: yaml.ScalarEvent | None = None  # the last scalar inside `sources:`
    step: int | None = None
    end = _end(value)  # where the last character written inside ends
    # Per open collection: a mapping?, is its next node a key?, the end of its last key,
    # is it the first source's block mapping (whose first key says the step)?
    frames: list[list[Any]] = [[True, True, -1, False]]
    for event in events:
        frame = frames[-1]
        if isinstance(event, yaml.ScalarEvent):
            last = event
        if isinstance(event, yaml.CollectionEndEvent):
            frames.pop()
            if _start(event) < len(text) and text[_start(event)] in "]}":
                end = _end(event)  # a written `]` or `}` (a block end is not)
            if not frames:
                break
            frames[-1][1] = frames[-1][0]  # the value is done: a key comes next
            continue
        is_map, at_key, key_end, first_map = frame
        if at_key and len(frames) == 1:
            ids[event.value] = lines.at(_start(event))
            first = first or event
        elif at_key and first_map and step is None and first is not None:
            step = max(1, _column(text, _start(event)) - _column(text, _start(first)))
        if isinstance(event, yaml.ScalarEvent):
            if at_key:
                frame[2] = end = _end(event)
            else:
                # An empty value's mark is where the next token starts: use its key.
                end = key_end if is_map and _empty(event) else _end(event)
            frame[1] = is_map and not at_key
        elif isinstance(event, yaml.CollectionStartEvent):
            mapping = isinstance(event, yaml.MappingStartEvent)
            opens_first = len(frames) == 1 and len(ids) == 1 and mapping and not event.flow_style
            frames.append([mapping, mapping, -1, opens_first])
    if value.flow_style:
        if ids:
            raise EditError(
                "cannot add a source: `sources` is written in flow style ({...}); "
                "write its entries one per line to add to it",
                line,
                col,
            )
        indent = _column(text, _start(key)) + 2
        return _Sources(ids, _line_end(text, end), (_start(value), end), indent, 2)
    assert first is not None  # a block mapping holds at least one entry
    if _keeps_blank_lines(text, last):
        after = end  # the start of the line after its blank lines, where its mark ends
    else:
        while end > 0 and text[end - 1] in " \t\r\n":
            end -= 1  # a block scalar's end includes its trailing blank lines
        after = _line_end(text, end)
    indent = _column(text, _start(first))
    return _Sources(ids, _after_comments(text, after, indent), None, indent, step or 2)


def _keeps_blank_lines(text: str, event: yaml.ScalarEvent | None) -> bool:
    """Whether the last scalar of `sources:` is a block scalar that keeps its trailing
    blank lines (`|+`, `>+`): they are its value, so the entry goes after them."""
    if event is None or event.style not in ("|", ">"):
        return False
    header = text[_start(event) : _line_end(text, _start(event))]
    return "+" in header.split("#", 1)[0]


def _after_comments(text: str, index: int, indent: int) -> int:
    """`index`, or past the comment lines right after it that sit deeper than the
    entries' keys (`indent`): they belong to the last entry (add-source's own hints to
    fill in), so a new entry goes after them."""
    while index < len(text):
        line = text[index : _line_end(text, index)]
        stripped = line.lstrip(" \t")
        if not stripped.startswith("#") or len(line) - len(stripped) <= indent:
            return index
        index = _line_end(text, index)
    return index


def _start(event: yaml.Event) -> int:
    """Where an event starts: a character offset into the text (see Lines)."""
    assert event.start_mark is not None  # the parser marks every event
    return event.start_mark.index


def _end(event: yaml.Event) -> int:
    assert event.end_mark is not None
    return event.end_mark.index


def _empty(event: yaml.ScalarEvent) -> bool:
    """An empty value written as nothing (no quotes)."""
    return event.value == "" and not event.style and bool(event.implicit[0])


def _flow_end(text: str, event: yaml.Event) -> bool:
    """Whether a collection's end event is a written `]` or `}` (a block one is not)."""
    index = _start(event)
    return index < len(text) and text[index] in "]}"


def _column(text: str, index: int) -> int:
    """Characters between the start of the line (after any line break) and `index`."""
    return index - max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) - 1


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one holding `index` (or the end of the text)."""
    found = _BREAK.search(text, index)
    return len(text) if found is None else found.end()


def _newline_at(text: str, index: int) -> str:
    """The line break to write at `index`: the one that ends the line before it (a file
    may mix them: an entry keeps those of the lines around it), else LF."""
    at = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index))
    if at < 0:
        return "\n"
    if text[at] == "\n" and at > 0 and text[at - 1] == "\r":
        return "\r\n"
    return text[at]


def _splice(text: str, where: _Sources, entry: Entry, newline: str) -> str:
    head, tail = text[: where.insert_at], text[where.insert_at :]
    if where.remove is not None:
        # `sources: {}` becomes `sources:`, keeping a comment after it.
        start, end = where.remove
        rest = head[end:]
        if rest.strip():
            head = head[:start] + rest
        else:
            head = head[:start].rstrip(" \t") + rest.lstrip(" \t")
    if head and head[-1] not in "\r\n":
        head += newline  # the line had no line break: the file ended there
    return head + newline.join(entry.lines(where.indent, where.step)) + newline + tail


def _read_back(before: Any, new: str, entry: Entry) -> None:
    """Refuse unless `new` holds the entry as given and the rest of the file's data
    (`before`) unchanged: `new` is read as the loader reads a file, into data."""
    after = _data(new)
    added = after.get("sources", {}).pop(entry.key, None) if isinstance(after, dict) else None
    if isinstance(before, dict) and before.get("sources") in (None, ""):
        before = {**before, "sources": {}}
    try:
        same = added == dict(entry.fields) and after == before
    except RecursionError:
        raise EditError("cannot add a source: the file is nested too deeply") from None
    if not same:
        raise EditError(
            "cannot add the source: the edited file did not read back as intended; "
            "the file is unchanged (please report this)"
        )
