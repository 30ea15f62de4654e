"""Add a source stanza to positions.yaml without touching anything else in it.

The curator's comments and layout are part of the file, so the edit is a splice, not a
re-dump: one pass over ruamel.yaml's parser events (whose marks know where every node
starts and ends) locates the `sources:` mapping and the last line of its last entry, the
new entry's lines go in after it, and every other byte stays as it was. (Dumping
ruamel's round-trip data instead would put the new entry after the comments and blank
line it attaches to the previous entry, and re-flow a `sources: {}`.) The file is read
and parsed once (`read_sources`); the result is parsed again (the read-back) before
anything is written, and written atomically (tui.loader.files.write_atomic), so a failure
at any point leaves the original intact.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.authoring.scalars import scalar
from tui.loader import files
from tui.loader.files import BOM
from tui.loader.lines import Lines, byte_position
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

    ids: dict[str, int]
    """Existing source ids and the line of each."""
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
    before: os.stat_result
    """The file on disk as it was read: an edit is refused if it is no longer so."""
    text: str
    bom: bool
    data: Any
    """The file's data, every scalar as the text written (for the read-back)."""
    where: _Sources

    @property
    def ids(self) -> dict[str, int]:
        """Existing source ids and the line of each."""
        return self.where.ids

    @property
    def indent(self) -> int:
        return self.where.indent

    @property
    def step(self) -> int:
        return self.where.step


def read_sources(path: Path) -> SourcesBlock:
    """The file at `path`, read and parsed once, with what `sources:` holds and how it is
    indented; EditError if it cannot take another source."""
    real = Path(os.path.realpath(path))  # replace a symlink's target, not the link
    before, text, bom = _read(real)
    root, data = _parse(text)
    return SourcesBlock(real, before, text, bom, data, _locate(text, root))


def append_source(block: SourcesBlock, entry: Entry) -> None:
    """Add `entry` at the end of `sources:` in the file `block` was read from, or raise
    EditError.

    Nothing is written unless the new text reads back with the entry as given and
    everything else as it was, and the file is still as it was read.
    """
    where, text = block.where, block.text
    if entry.key in where.ids:
        raise EditError(
            f"source id {quoted(entry.key)} is already defined at line {where.ids[entry.key]}; "
            "choose another id with --id",
            where.ids[entry.key],
        )
    newline = "\r\n" if "\r\n" in text else "\n"
    new_text = _splice(text, where, entry, newline)
    _read_back(block.data, new_text, entry)
    data = (BOM if block.bom else b"") + new_text.encode("utf-8")
    try:
        files.write_atomic(
            block.path,
            [data],
            mode=stat.S_IMODE(block.before.st_mode),
            unchanged_since=block.before,
        )
    except files.WriteError as exc:
        if exc.kind == "changed":
            raise EditError(
                "the file changed while the source was being added; it was left as "
                "it is now: run the command again"
            ) from None
        raise EditError(exc.reason) from None


def _read(path: Path) -> tuple[os.stat_result, str, bool]:
    try:
        # Taken before the read: a save in between is then seen as a change when writing
        # (the edit is refused, never a change lost).
        before = os.stat(path)
        # The loader's cap (read when called): a file it would refuse is not edited.
        data = files.read_capped(path, files.MAX_BYTES)
    except files.ReadError as exc:
        raise EditError(_unread(exc)) from None
    except OSError as exc:  # from the stat
        raise EditError(_unread(files.read_error(exc))) from None
    bom = data.startswith(BOM)
    try:
        text = data[len(BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = byte_position(data, exc.start)
        raise EditError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); run `summit check`",
            line,
            col,
        ) from None
    return before, text, bom


def _unread(exc: files.ReadError) -> str:
    """Why positions.yaml was not read, in the words for the file add-source edits."""
    if exc.kind == "folder":
        return "is a folder, not a positions file"
    if exc.kind == "too big":
        return f"the file {exc.reason}"
    if exc.kind == "unreadable":
        return f"cannot read the file: {exc.detail}"
    return exc.reason


def _yaml_problem(exc: Exception, text: str) -> EditError:
    """A YAML error of ruamel.yaml's, at its place, in its own words for the problem."""
    from ruamel.yaml.error import MarkedYAMLError

    mark = getattr(exc, "problem_mark", None) if isinstance(exc, MarkedYAMLError) else None
    problem = getattr(exc, "problem", None) or type(exc).__name__
    line, col = Lines(text).at(mark.index) if mark is not None else (1, 1)
    return EditError(
        f"cannot add a source: the file is not valid YAML ({problem}); "
        "fix it first (`summit check` shows every problem)",
        line,
        col,
    )


class _Scalar:
    """A scalar as the parser gave it: its text, its style (None: plain) and its marks."""

    __slots__ = ("end_mark", "start_mark", "style", "value")

    def __init__(self, value: str, style: str | None, start_mark: Any, end_mark: Any) -> None:
        self.value, self.style = value, style
        self.start_mark, self.end_mark = start_mark, end_mark


class _Collection:
    """A mapping (`value`: key and value nodes, in order) or a list (`value`: nodes), its
    style and marks, and the plain data it holds (`data`)."""

    __slots__ = ("data", "end_mark", "flow_style", "start_mark", "value")

    def __init__(self, data: dict[str, Any] | list[Any], flow_style: bool, start_mark: Any) -> None:
        self.data = data
        self.value: list[Any] = []
        self.flow_style, self.start_mark, self.end_mark = flow_style, start_mark, start_mark


def _parse(text: str) -> tuple[Any, Any]:
    """The file's nodes (with the marks that say where each starts and ends: enough to
    splice) and its data (every scalar the text written, as the loader reads it), in one
    pass over ruamel.yaml's events; EditError for what cannot be edited safely: a YAML
    error, an alias (refused as it comes, before anything expands it), a duplicate key, a
    key that is not text, or a second document."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        DocumentStartEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceStartEvent,
    )

    lines = Lines(text)
    root: Any = None
    data: Any = None
    open_: list[_Collection] = []
    keys: list[_Scalar | None] = []  # per open collection: a mapping's key awaiting its value
    documents = 0
    try:
        # pure=True: ruamel.yaml.clib's bundled libyaml refuses plain text with a '?' inside
        # a flow mapping (`{question: Q?}`), which the loader reads.
        for event in YAML(typ="rt", pure=True).parse(text):
            if isinstance(event, AliasEvent):
                raise EditError(
                    "cannot add a source: the file uses YAML aliases, which positions files "
                    "do not allow; fix it first (`summit check` shows every problem)",
                    *lines.at(event.start_mark.index),
                )
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _not_yaml("a second document", lines.at(event.start_mark.index))
                continue
            if isinstance(event, CollectionEndEvent):
                open_.pop().end_mark = event.end_mark
                keys.pop()
                continue
            node: Any
            if isinstance(event, ScalarEvent):
                node = _Scalar(event.value, event.style, event.start_mark, event.end_mark)
                value: Any = event.value
            elif isinstance(event, MappingStartEvent | SequenceStartEvent):
                holder: dict[str, Any] | list[Any] = (
                    {} if isinstance(event, MappingStartEvent) else []
                )
                node = _Collection(holder, bool(event.flow_style), event.start_mark)
                value = holder
            else:
                continue  # the stream's start and end, a document's end
            if not open_:
                root, data = node, value
            elif isinstance(open_[-1].data, list):
                open_[-1].value.append(node)
                open_[-1].data.append(value)
            elif keys[-1] is None:
                if not isinstance(node, _Scalar):
                    raise _not_yaml("a key that is not text", lines.at(event.start_mark.index))
                if node.value in open_[-1].data:
                    where = lines.at(event.start_mark.index)
                    raise _not_yaml(f"duplicate key {quoted(node.value)}", where)
                keys[-1] = node
            else:
                key = keys[-1]
                open_[-1].value.append((key, node))
                open_[-1].data[key.value] = value
                keys[-1] = None
            if isinstance(node, _Collection):
                open_.append(node)
                keys.append(None)
    except YAMLError as exc:
        raise _yaml_problem(exc, text) from None
    return root, data


def _not_yaml(problem: str, where: tuple[int, int]) -> EditError:
    return EditError(
        f"cannot add a source: the file is not valid YAML ({problem}); "
        "fix it first (`summit check` shows every problem)",
        *where,
    )


def _locate(text: str, root: Any) -> _Sources:
    """Where the new entry goes in `text`, whose nodes are `root`."""
    if not _is_mapping(root) or root.flow_style:
        raise EditError(
            "cannot add a source: the file's top level is not a block mapping with "
            "summit, sources, parties, topics and positions"
        )
    found = [(k, v) for k, v in root.value if k.value == "sources"]
    if not found:
        raise EditError("cannot add a source: the file has no `sources:`; add `sources: {}`")
    key, value = found[0]
    lines = Lines(text)
    line, col = lines.at(value.start_mark.index)
    if isinstance(value, _Scalar) and value.value == "" and value.style is None:
        # `sources:` with nothing after it: the entry goes on the next line.
        return _Sources({}, _line_end(text, key.end_mark.index), None, key.start_mark.column + 2, 2)
    if not _is_mapping(value):
        raise EditError("cannot add a source: `sources` is not a mapping of source ids", line, col)
    ids = {key.value: lines.at(key.start_mark.index)[0] for key, _ in value.value}
    if value.flow_style:
        if value.value:
            raise EditError(
                "cannot add a source: `sources` is written in flow style ({...}); "
                "write its entries one per line to add to it",
                line,
                col,
            )
        span = (value.start_mark.index, value.end_mark.index)
        return _Sources(ids, _line_end(text, span[1]), span, key.start_mark.column + 2, 2)
    first_key, first_value = value.value[0]
    indent = first_key.start_mark.column
    step = 2
    if _is_mapping(first_value) and not first_value.flow_style and first_value.value:
        step = max(1, first_value.value[0][0].start_mark.column - indent)
    return _Sources(ids, _line_end(text, _content_end(text, value)), None, indent, step)


def _content_end(text: str, node: Any) -> int:
    """Where the last character written for a block collection stands (plus one).

    A block collection's own end mark is where the next token starts, after any
    comments and blank lines; the last leaf's end mark is exact (a block scalar's may
    include trailing blank lines, which are stepped back over).
    """
    end: int = node.end_mark.index
    while isinstance(node, _Collection) and not node.flow_style and node.value:
        last = node.value[-1]
        if _is_mapping(node):
            key, node = last
            if isinstance(node, _Scalar) and node.value == "" and node.style is None:
                # An empty value's mark is where the next token starts: use its key.
                end = key.end_mark.index
                break
        else:
            node = last
        end = node.end_mark.index
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _is_mapping(node: Any) -> bool:
    return isinstance(node, _Collection) and isinstance(node.data, dict)


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one holding `index` (or the end of the text)."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


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
    if head and not head.endswith("\n"):
        head += newline  # the line had no line break: the file ended there
    return head + newline.join(entry.lines(where.indent, where.step)) + newline + tail


def _read_back(before: Any, new: str, entry: Entry) -> None:
    """Refuse unless `new` holds the entry as given and the rest of the file's data
    (`before`) unchanged: `new` is parsed as the file was, into data."""
    _, after = _parse(new)
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
