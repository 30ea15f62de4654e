"""Add a source stanza to positions.yaml without touching anything else in it.

The curator's comments and layout are part of the file, so the edit is a splice, not a
re-dump: ruamel.yaml's round-trip composer locates the `sources:` mapping and the last
line of its last entry (with marks that know where every node starts and ends), the new
entry's lines go in after it, and every other byte stays as it was. (Dumping the
round-trip data instead would put the new entry after the comments and blank line that
ruamel attaches to the previous entry, and re-flow a `sources: {}`.) The result is read
back with ruamel before anything is written, and written atomically: a temporary file in
the same folder, then `os.replace`, so a failure at any point leaves the original intact.
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
    """The source ids a positions file holds (with their lines) and its indentation."""

    ids: dict[str, int]
    indent: int
    step: int


def read_sources(path: Path) -> SourcesBlock:
    """What `sources:` holds and how it is indented, or EditError if it cannot take more."""
    _, text, _ = _read(path)
    where = _locate(text)
    return SourcesBlock(where.ids, where.indent, where.step)


def append_source(path: Path, entry: Entry) -> None:
    """Add `entry` at the end of `sources:` in the file at `path`, or raise EditError.

    Nothing is written unless the new text reads back with the entry as given and
    everything else as it was.
    """
    real = Path(os.path.realpath(path))  # replace a symlink's target, not the link
    before, text, bom = _read(real)
    where = _locate(text)
    if entry.key in where.ids:
        raise EditError(
            f"source id {quoted(entry.key)} is already defined at line {where.ids[entry.key]}; "
            "choose another id with --id",
            where.ids[entry.key],
        )
    newline = "\r\n" if "\r\n" in text else "\n"
    new_text = _splice(text, where, entry, newline)
    _read_back(text, new_text, entry)
    data = (BOM if bom else b"") + new_text.encode("utf-8")
    try:
        files.write_atomic(real, [data], mode=stat.S_IMODE(before.st_mode), unchanged_since=before)
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


def _compose(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="rt", pure=True).compose(text)
    except YAMLError as exc:
        raise _yaml_problem(exc, text) from None
    except RecursionError:
        raise EditError("cannot add a source: the file is nested too deeply") from None


def _check_keys(text: str) -> None:
    """Refuse aliases and duplicate keys (anywhere) now, before anything is written.

    Aliases first, from the event stream: an alias bomb is harmless to the composer, but
    comparing two loads of it (`_read_back`) would walk every expansion.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import AliasEvent

    try:
        for event in YAML(typ="rt", pure=True).parse(text):
            if isinstance(event, AliasEvent):
                line, col = Lines(text).at(event.start_mark.index)
                raise EditError(
                    "cannot add a source: the file uses YAML aliases, which positions files "
                    "do not allow; fix it first (`summit check` shows every problem)",
                    line,
                    col,
                )
        # pure=True throughout: ruamel.yaml.clib's bundled libyaml refuses plain text with a
        # '?' inside a flow mapping (`{question: Q?}`), which the loader reads.
        YAML(typ="base", pure=True).load(text)
    except YAMLError as exc:
        raise _yaml_problem(exc, text) from None
    except RecursionError:
        raise EditError("cannot add a source: the file is nested too deeply") from None


def _locate(text: str) -> _Sources:
    from ruamel.yaml.nodes import MappingNode, ScalarNode

    root = _compose(text)
    _check_keys(text)
    if not isinstance(root, MappingNode) or root.flow_style:
        raise EditError(
            "cannot add a source: the file's top level is not a block mapping with "
            "summit, sources, parties, topics and positions"
        )
    found = [(k, v) for k, v in root.value if isinstance(k, ScalarNode) and k.value == "sources"]
    if not found:
        raise EditError("cannot add a source: the file has no `sources:`; add `sources: {}`")
    key, value = found[0]
    lines = Lines(text)
    line, col = lines.at(value.start_mark.index)
    if isinstance(value, ScalarNode) and value.value == "" and value.style is None:
        # `sources:` with nothing after it: the entry goes on the next line.
        return _Sources({}, _line_end(text, key.end_mark.index), None, key.start_mark.column + 2, 2)
    if not isinstance(value, MappingNode):
        raise EditError("cannot add a source: `sources` is not a mapping of source ids", line, col)
    ids: dict[str, int] = {}
    for item_key, _ in value.value:
        if isinstance(item_key, ScalarNode):
            ids.setdefault(item_key.value, lines.at(item_key.start_mark.index)[0])
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
    if isinstance(first_value, MappingNode) and not first_value.flow_style and first_value.value:
        step = max(1, first_value.value[0][0].start_mark.column - indent)
    return _Sources(ids, _line_end(text, _content_end(text, value)), None, indent, step)


def _content_end(text: str, node: Any) -> int:
    """Where the last character written for a block collection stands (plus one).

    A block collection's own end mark is where the next token starts, after any
    comments and blank lines; the last leaf's end mark is exact (a block scalar's may
    include trailing blank lines, which are stepped back over).
    """
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    end = node.end_mark.index
    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        if isinstance(node, MappingNode):
            key, node = last
            if isinstance(node, ScalarNode) and node.value == "" and node.style is None:
                # An empty value's mark is where the next token starts: use its key.
                end = key.end_mark.index
                break
        else:
            node = last
        end = node.end_mark.index
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    return end


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


def _read_back(old: str, new: str, entry: Entry) -> None:
    """Refuse unless `new` holds the entry as given and the rest of `old` unchanged."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    reader = YAML(typ="base", pure=True)  # every scalar as the text written, as the loader reads it
    try:
        before, after = reader.load(old), reader.load(new)
    except (YAMLError, RecursionError) as exc:
        raise _yaml_problem(exc, new) from None
    added = after.get("sources", {}).pop(entry.key, None) if isinstance(after, dict) else None
    if isinstance(before, dict) and before.get("sources") in (None, ""):
        before["sources"] = {}
    if added != dict(entry.fields) or after != before:
        raise EditError(
            "cannot add the source: the edited file did not read back as intended; "
            "the file is unchanged (please report this)"
        )
