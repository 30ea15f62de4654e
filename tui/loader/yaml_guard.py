"""Text to plain data, guarded (the careful path): decode, scan the events, compose, build.

Every scalar stays the text the user wrote (no YAML 1.1 booleans, floats or dates),
duplicate keys are errors, unknown tags are refused, and neither an alias bomb nor deep
nesting reaches the composer. Every location is computed from the text
(tui.loader.lines): line and column as an editor counts them, whichever parser (libyaml,
or PyYAML's pure-Python one, `PureLoader`) read the file. A plain file is read by
tui.loader.fast_path first, and comes here only when it is not plain.

Two things here lean on PyYAML's insides (docs/architecture.md, "Where we lean on
internals"): `PureLoader.scan_plain` is a copy of PyYAML 6's, changed in one place, and
libyaml's nesting limit is raised when this module is imported.
"""

from __future__ import annotations

from typing import Any, cast

import yaml

from tui.loader.files import without_bom
from tui.loader.lines import Lines, byte_position
from tui.safe import quoted, visible


class PureLoader(yaml.SafeLoader):
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


Loader: type = getattr(yaml, "CSafeLoader", PureLoader)
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


MAX_DEPTH = 64
_LIBYAML_NEST_LEVEL = MAX_DEPTH + 4096
"""libyaml's own nesting limit (1000 since 0.2.6) must sit above ours plus its look-ahead.

Its scanner reads up to 1024 characters past the last event it hands over (a `[` may be
the start of a key until then), so 100,000 `[` on one line hit its limit before our scan
sees level 65; raised this far, the scan always refuses the file first, in our words."""
MAX_SHARED_SHOWN = 10
"""Anchors and aliases listed one by one; beyond this, a count."""


_raise_libyaml_nesting_limit()

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")
}
_KIND = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list", yaml.ScalarNode: "text"}


Problem = tuple[int, int, str]
"""Line, column (both from 1) and message of one problem found while reading."""


class Abort(Exception):
    """Problems after which the file cannot be read any further."""

    def __init__(self, line: int, col: int, message: str, *more: Problem) -> None:
        super().__init__(message)
        self.problems: list[Problem] = [(line, col, message), *more]


MAX_SHOWN = 200
"""Problems listed one by one: enough to see a pattern, few enough to read. Collecting
stops soon after, so a file of a million broken positions costs no more than a few."""


def decode(data: bytes) -> str:
    data = without_bom(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = byte_position(data, exc.start)
        raise Abort(
            line,
            col,
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save it as UTF-8 in your editor",
        ) from None


_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_OPENERS = {"[": "]", "{": "}"}


def _yaml_error(exc: yaml.YAMLError, lines: Lines, open_flows: list[int] | None = None) -> Abort:
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
        return Abort(
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
        return Abort(
            *lines.at(tab),
            "a tab indents this line; YAML indentation must be spaces, so replace the tab "
            "with spaces (set your editor to insert spaces for Tab)",
        )
    if opener in ("'", '"') and at_end:
        return Abort(
            *lines.at(opened),
            f"this quoted text is never closed; add the closing {opener} where it ends",
        )
    if at_end and open_flows:
        start = open_flows[-1]
        char = text[start] if start < len(text) else "["
        closer = _OPENERS.get(char, "]")
        return Abort(
            *lines.at(start),
            f"this '{char}' is never closed; add the matching '{closer}' where it ends",
        )
    closing = text[index] if index < len(text) else ""
    if closing in ("]", "}") and not open_flows:
        wanted = "[" if closing == "]" else "{"
        return Abort(
            *lines.at(index),
            f"this '{closing}' closes nothing; remove it, or add the '{wanted}' it belongs to",
        )
    if opener in _OPENERS:
        line, col = lines.at(opened)
        closer = _OPENERS[opener]
        return Abort(
            *lines.at(index),
            f"expected ',' or '{closer}' here: the '{opener}' at line {line} column {col} is "
            f"still open; close it with '{closer}' or separate its items with ','",
        )
    problem = getattr(exc, "problem", None) or str(exc)
    where = ""
    if 0 <= opened < len(text) and opened != index:
        line, col = lines.at(opened)
        where = f", in what starts at line {line} column {col}"
    return Abort(
        *lines.at(index),
        f"invalid YAML syntax here (the YAML parser says: {problem}{where}); "
        "see docs/positions-format.md",
    )


def compose(lines: Lines) -> yaml.Node:
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
        for event in yaml.parse(text, Loader=Loader):
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
                    open_flows.append(cast(yaml.Mark, event.start_mark).index)
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
        raise Abort(*problems[0], *problems[1:])
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as exc:  # pragma: no cover - the scan above saw the same events
        raise _yaml_error(exc, lines) from None
    if root is None or (isinstance(root, yaml.ScalarNode) and is_null(root)):
        raise Abort(
            1,
            1,
            "the file holds no data (it is empty or only comments); expected a mapping with "
            "summit, sources, parties, topics and positions (see docs/positions-format.md)",
        )
    return root


def is_null(node: yaml.ScalarNode) -> bool:
    """An empty value, `~` or `null`, written without quotes (libyaml's plain style is '')."""
    return node.tag == _STD + "null" and not node.style


def _one_line(text: str) -> str:
    return visible(text, multiline=False)


def _tag_shown(tag: str) -> str:
    """A tag as the user wrote it: '!!python/object', not 'tag:yaml.org,2002:python/object'."""
    return "!!" + tag.removeprefix(_STD) if tag.startswith(_STD) else tag


class Builder:
    """Nodes to plain data, keeping every scalar as the text the user wrote.

    Problems that leave the data well defined (a duplicate key: the first is kept; a
    refused tag: the value is read as if untagged; a key that is not text: the entry is
    skipped) are collected in `problems`, so that validation can still report the rest.
    """

    def __init__(self, lines: Lines) -> None:
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
                # `kind is scalar`: a ScalarNode, which mypy does not follow from `type()`
                # (and no cast: this loop runs once per node of the file).
                style = current.style  # type: ignore[attr-defined]
                container[slot] = None if current.tag == null and not style else value
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
        key: str = node.value
        return key
