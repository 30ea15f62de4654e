"""Bytes to a validated model, with every problem located at FILE:LINE:COL.

The pipeline, each step guarding the next:
1. read at most MAX_BYTES (a huge file is refused before it is read);
2. decode UTF-8 (a BOM is fine);
3. scan YAML events with libyaml: nesting depth capped, anchors and aliases
   refused, so neither alias bombs nor deep nesting reach the composer;
4. compose nodes and build plain data ourselves: every scalar stays the text
   the user wrote (no YAML 1.1 booleans, floats or dates), duplicate keys are
   errors, unknown tags are refused;
5. validate with pydantic and translate each error back to its YAML node;
6. cross-check ids, duplicates and files, and verify every quote.

No Textual here: `summit check` and `summit snapshot` must not pay for the TUI.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tui.diagnostics import Diagnostic, did_you_mean
from tui.model import ID_PATTERN, PositionsFile, Stance
from tui.safe import quoted, visible
from tui.verify import SourceText

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 128 * 1024 * 1024
MAX_SOURCE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
BOM = b"\xef\xbb\xbf"

_NULLS = {"", "~", "null", "Null", "NULL"}
_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")
}
_KIND = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list", yaml.ScalarNode: "text"}


class _Abort(Exception):
    """A problem after which the file cannot be read any further."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


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


def default_path(cwd: Path | None = None) -> Path:
    """The file used when none is named: ./positions.yaml, else the bundled copy."""
    local = (cwd or Path.cwd()) / "positions.yaml"
    if local.is_file():
        return local
    bundled = Path(__file__).parent / "data" / "positions.yaml"
    if bundled.is_file():
        return bundled
    return Path(__file__).resolve().parent.parent / "positions.yaml"


def load_path(path: Path | str, display: str | None = None) -> LoadResult:
    """Load a positions file from disk; sources are read relative to its folder."""
    path = Path(path)
    shown = display if display is not None else str(path)
    base = path.parent

    def read_source(relative: str) -> bytes:
        return _read_capped(base / relative, MAX_SOURCE_BYTES)

    try:
        data = _read_capped(path, MAX_BYTES)
    except _TooBig:
        return _fail(
            shown, 1, 1, f"file is larger than {MAX_BYTES // 2**20} MiB; refusing to read it"
        )
    except IsADirectoryError:
        return _fail(shown, 1, 1, "is a folder, not a positions file")
    except FileNotFoundError:
        return _fail(shown, 1, 1, "file not found")
    except OSError as exc:
        return _fail(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")
    return load_bytes(data, shown, read_source)


def load_bytes(data: bytes, display: str, read_source: SourceReader) -> LoadResult:
    """Load a positions file from its bytes; `read_source` fetches source files by their path."""
    result = LoadResult(path=display)
    try:
        text = _decode(data)
        root = _compose(text)
        raw = _Builder().build(root)
    except _Abort as problem:
        result.diagnostics.append(_diag(display, problem.line, problem.col, problem.message))
        return result
    if not isinstance(raw, dict):
        kind = "a list" if isinstance(raw, list) else "a single value"
        result.diagnostics.append(
            _diag(
                display,
                root.start_mark.line + 1,
                root.start_mark.column + 1,
                f"expected a mapping with keys summit, sources, parties, topics and positions "
                f"at the top level, got {kind}",
            )
        )
        return result

    locate = _Locator(root, display)
    model: PositionsFile | None = None
    try:
        model = PositionsFile.model_validate(raw)
    except ValidationError as exc:
        result.diagnostics.extend(_translate(exc, locate))
    result.diagnostics.extend(_cross_check(raw, locate, result, read_source))
    if model is not None and not result.errors:
        result.model = model
    result.diagnostics.sort(key=lambda d: (d.line, d.col))
    return result


class _TooBig(Exception):
    pass


def _read_capped(path: Path, limit: int) -> bytes:
    with open(path, "rb") as handle:
        try:
            if os.fstat(handle.fileno()).st_size > limit:
                raise _TooBig
        except OSError:
            pass
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _TooBig
    return data


def _fail(display: str, line: int, col: int, message: str) -> LoadResult:
    return LoadResult(path=display, diagnostics=[_diag(display, line, col, message)])


def _diag(display: str, line: int, col: int, message: str, severity: str = "error") -> Diagnostic:
    return Diagnostic(display, line, col, severity, message)  # type: ignore[arg-type]


def _decode(data: bytes) -> str:
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _Abort(
            line,
            col,
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save it as UTF-8 in your editor",
        ) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise _Abort(
            1,
            1,
            "the file is empty; expected a mapping with summit, sources, parties, topics "
            "and positions (see docs/positions-format.md)",
        )
    return text


def _yaml_error(exc: yaml.YAMLError, text: str) -> _Abort:
    mark = getattr(exc, "problem_mark", None)
    if isinstance(exc, yaml.reader.ReaderError):
        position = exc.position
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        char = exc.character
        shown = f"U+{ord(char):04X}" if isinstance(char, str) else f"0x{char:02x}"
        return _Abort(
            line,
            col,
            f"character {shown} is not allowed in YAML; write it as an escape "
            '(e.g. "\\x1b") inside a double-quoted string',
        )
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}"
    if context:
        message += f" ({context})"
    if mark is None:
        return _Abort(1, 1, message)
    return _Abort(mark.line + 1, mark.column + 1, message)


def _compose(text: str) -> yaml.Node:
    """Guard with an event scan, then compose the node tree."""
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                raise _Abort(
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    f"YAML aliases are not allowed (*{visible(anchor or '', multiline=False)}); "
                    "write the value out in full",
                )
            if anchor is not None:
                raise _Abort(
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    f"YAML anchors are not allowed (&{visible(anchor, multiline=False)}); "
                    "write the value out in full",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Abort(
                        event.start_mark.line + 1,
                        event.start_mark.column + 1,
                        f"nesting is deeper than {MAX_DEPTH} levels; a positions file needs "
                        "no more than 5",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text) from None
    if root is None:
        raise _Abort(1, 1, "the file holds no YAML document")
    return root


class _Builder:
    """Nodes to plain data, keeping every scalar as the text the user wrote."""

    def build(self, node: yaml.Node) -> Any:
        # Iterative, so no recursion limit is involved (depth is capped anyway).
        result_holder: list[Any] = []
        stack: list[tuple[yaml.Node, Callable[[Any], None]]] = [(node, result_holder.append)]
        while stack:
            current, put = stack.pop()
            self._check_tag(current)
            if isinstance(current, yaml.ScalarNode):
                put(self._scalar(current))
            elif isinstance(current, yaml.SequenceNode):
                items: list[Any] = [None] * len(current.value)
                put(items)
                for index, child in enumerate(current.value):
                    stack.append((child, _setter(items, index)))
            else:
                mapping: dict[str, Any] = {}
                put(mapping)
                seen: dict[str, yaml.Node] = {}
                for key_node, value_node in current.value:
                    key = self._key(key_node)
                    if key in seen:
                        first = seen[key].start_mark.line + 1
                        raise _Abort(
                            key_node.start_mark.line + 1,
                            key_node.start_mark.column + 1,
                            f"duplicate key {quoted(key)}: first at line {first}, again at "
                            f"line {key_node.start_mark.line + 1}; YAML would silently keep "
                            "only the last, so remove or rename one",
                        )
                    seen[key] = key_node
                    mapping[key] = None
                    stack.append((value_node, _setter(mapping, key)))
        return result_holder[0]

    @staticmethod
    def _check_tag(node: yaml.Node) -> None:
        if node.tag not in _ALLOWED_TAGS:
            raise _Abort(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                f"YAML tag {quoted(node.tag)} is not allowed; remove it",
            )

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> str | None:
        if node.style is None and node.value in _NULLS:
            return None
        return node.value

    def _key(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise _Abort(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                f"a key must be plain text, not {_KIND.get(type(node), 'a collection')}",
            )
        if node.tag == _STD + "merge" or (node.style is None and node.value == "<<"):
            raise _Abort(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                "YAML merge keys (<<) are not allowed; write the keys out in full",
            )
        self._check_tag(node)
        return node.value


def _setter(container: Any, key: Any) -> Callable[[Any], None]:
    def put(value: Any) -> None:
        container[key] = value

    return put


# --- locating problems ---------------------------------------------------------------


def dotted(loc: tuple[Any, ...] | list[Any]) -> str:
    """A location in the file's own terms: positions[3].evidence[0].quote."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + visible(str(part), multiline=False)
    return out or "(top level)"


class _Locator:
    """Finds the YAML node for a location such as ('positions', 3, 'summary')."""

    def __init__(self, root: yaml.Node, display: str) -> None:
        self.root = root
        self.display = display

    def node(self, loc: tuple[Any, ...], *, key: bool = False) -> yaml.Node:
        """The deepest node on `loc`; with `key`, the key node of the last step."""
        node = self.root
        for depth, part in enumerate(loc):
            last = depth == len(loc) - 1
            if isinstance(node, yaml.MappingNode):
                found = None
                for key_node, value_node in node.value:
                    if key_node.value == part:
                        found = key_node if (key and last) else value_node
                        break
                if found is None:
                    return node
                node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return node
                node = node.value[part]
            else:
                return node
        return node

    def at(
        self, loc: tuple[Any, ...], message: str, *, key: bool = False, severity: str = "error"
    ) -> Diagnostic:
        mark = self.node(loc, key=key).start_mark
        return _diag(self.display, mark.line + 1, mark.column + 1, message, severity)


_TYPE_NAMES = {dict: "a mapping", list: "a list", str: "text", type(None): "nothing (empty)"}


def _translate(exc: ValidationError, locate: _Locator) -> Iterator[Diagnostic]:
    """pydantic errors in the user's terms, at the node they concern."""
    from tui.model import Evidence, Party, Position, Source, Summit, Topic

    fields_of = {
        "summit": Summit,
        "sources": Source,
        "parties": Party,
        "topics": Topic,
        "positions": Position,
        "evidence": Evidence,
    }
    top = ("summit", "sources", "parties", "topics", "positions")
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        value = error.get("input")
        where = dotted(loc)
        if kind == "extra_forbidden":
            name = str(loc[-1])
            owner = _owner(loc[:-1])
            model = fields_of.get(owner) if owner else None
            allowed = list(model.model_fields) if model else list(top)
            hint = did_you_mean(name, allowed)
            yield locate.at(
                loc,
                f"unknown key {quoted(name)} in {dotted(loc[:-1])}{hint} "
                f"(allowed: {', '.join(allowed)})",
                key=True,
            )
        elif kind == "missing":
            yield locate.at(
                loc[:-1], f"{dotted(loc[:-1])} is missing required key {quoted(str(loc[-1]))}"
            )
        elif kind == "enum" and loc[-1] == "stance":
            allowed = [s.value for s in Stance]
            shown = quoted(value) if isinstance(value, str) else _TYPE_NAMES.get(type(value), "?")
            hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
            yield locate.at(
                loc, f"{where}: stance {shown} is not one of {', '.join(allowed)}{hint}"
            )
        elif kind == "string_pattern_mismatch" or (loc and loc[-1] == "[key]"):
            target = loc[:-1] if loc and loc[-1] == "[key]" else loc
            shown = quoted(value) if isinstance(value, str) else "this value"
            yield locate.at(
                target,
                f"{dotted(target)}: id {shown} must be lowercase letters, digits, '-' or '_' "
                f"(pattern {ID_PATTERN})",
                key=bool(loc and loc[-1] == "[key]"),
            )
        elif kind == "too_short" and loc[-1] == "evidence":
            yield locate.at(
                loc,
                f"{where}: a position needs at least one evidence item "
                '({source: <id>, quote: "verbatim text"})',
            )
        elif kind == "too_short":
            yield locate.at(loc, f"{where}: must not be empty")
        elif kind in ("string_type", "dict_type", "model_type", "list_type", "date_type"):
            expected = {
                "string_type": "text",
                "dict_type": "a mapping",
                "model_type": "a mapping",
                "list_type": "a list",
                "date_type": "a date written YYYY-MM-DD",
            }[kind]
            got = _TYPE_NAMES.get(type(value), type(value).__name__)
            yield locate.at(loc, f"{where}: expected {expected}, got {got}")
        elif kind in ("date_from_datetime_parsing", "date_parsing", "date_from_datetime_inexact"):
            yield locate.at(
                loc, f"{where}: {quoted(str(value))} is not a valid date; write YYYY-MM-DD"
            )
        else:
            message = str(error.get("msg", "invalid value"))
            message = message.removeprefix("Value error, ")
            yield locate.at(loc, f"{where}: {message}")


def _owner(loc: tuple[Any, ...]) -> str | None:
    """The kind of object at `loc`: 'summit', 'sources', 'positions', 'evidence'..."""
    if not loc:
        return None
    if loc[0] == "positions" and "evidence" in loc:
        return "evidence"
    return str(loc[0])


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
        try:
            data = read_source(relative)
        except _TooBig:
            yield locate.at(
                loc,
                f"source file {quoted(relative)} is larger than {MAX_SOURCE_BYTES // 2**20} MiB",
            )
            continue
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
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
            yield locate.at(
                loc,
                f"source file {quoted(relative)} is not valid UTF-8 (byte offset {exc.start})",
            )
            continue
        text = SourceText(decoded)
        texts[source_id] = by_file[relative] = text
    result.texts = texts

    seen_pairs: dict[tuple[str, str], int] = {}
    party_used: set[str] = set()
    topic_used: set[str] = set()
    party_ids = list(parties)
    topic_ids = list(topics)
    source_ids = list(sources)
    for index, position in enumerate(positions):
        node = locate.node(("positions", index))
        result.lines.append(node.start_mark.line + 1)
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
            if span is None:
                closest = text.closest(quote)
                yield locate.at(
                    ("positions", index, "evidence", j, "quote"),
                    f"positions[{index}].evidence[{j}].quote: not found in source "
                    f"{quoted(source_id)} ({visible(str(sources[source_id].get('file')))}); "
                    f"closest passage: {quoted(closest)}",
                )
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
