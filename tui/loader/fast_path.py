"""The fast path: a file that is valid and plain, read in one pass over libyaml's events
straight to plain data, with no node tree; anything unusual goes back to the guard
(tui.loader.yaml_guard), which reads it again and says what it is in its own words.

Also, for such a file, where the nodes a message points at start (`plain_starts`), in one
more pass and still without a tree, so that a big file that is reported costs a pass, not
its tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from tui.loader import yaml_guard
from tui.loader.lines import Lines
from tui.loader.yaml_guard import MAX_DEPTH

_CParser: type | None = getattr(getattr(yaml, "_yaml", None), "CParser", None)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
"""Plain scalars YAML 1.1 reads as null (PyYAML's resolver): the careful path's None."""
_ODD = frozenset(("<<", "!", "&", "*"))
"""Plain scalars the careful path reports: a merge key, or what cannot stand alone."""
_KEY = object()
"""In a mapping, the next scalar is a key."""


class _Unusual(Exception):
    """The file is not plain (or not valid): leave it to the careful path."""


@dataclass
class PlainRead:
    """What the fast path read: the data, and where each position starts (a character
    offset, for EvidenceIndex.lines), with no node tree."""

    data: dict[str, Any]
    position_starts: list[int] | None


def read_plain(lines: Lines) -> PlainRead | None:
    """The file's data in one pass over libyaml's events, straight to plain data, when the
    file is plain; None as soon as anything is unusual, for the careful path
    (yaml_guard.compose, yaml_guard.Builder) to read it again and say what it is in its own words.

    Plain means: it parses, it is one document whose top level is a mapping, nesting
    stays within MAX_DEPTH, with no anchor, no alias, no tag, no duplicate key, no merge
    key, and every key is text: exactly the files in which the careful path finds no
    problem while reading. For them the data is the same: the same libyaml parse, each
    scalar the text written, an unquoted empty value, `~` or `null` the None it gives.
    About twice as fast as scanning the events and then composing, and no node tree is
    built (at 10,000 positions the tree alone is ~110 MB; the data ~25 MB).
    """
    if _CParser is None or not issubclass(yaml_guard.Loader, _CParser):
        return None  # no libyaml, or the pure-Python parser chosen (the tests do)
    try:
        return _read_plain(lines.text)
    except (yaml.YAMLError, _Unusual):
        return None


def _read_plain(text: str) -> PlainRead:
    """The loop of read_plain: one step per event, no method call of ours in it."""
    assert _CParser is not None
    get = _CParser(text).get_event
    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    nulls, odd, no_key = _NULLS, _ODD, _KEY
    if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
        raise _Unusual
    event = get()
    if type(event) is not map_start or event.anchor is not None or event.tag is not None:
        raise _Unusual
    root: dict[str, Any] = {}
    current: Any = root
    in_map = True
    key: Any = no_key
    outer: list[Any] = []  # the collections that hold `current`, innermost last
    positions: list[Any] | None = None
    starts: list[int] = []
    while True:
        event = get()
        kind = type(event)
        if kind is scalar:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            value = event.value
            if event.implicit[0]:  # plain, untagged: what YAML 1.1 would resolve
                if value in nulls:
                    value = None
                elif value in odd:
                    raise _Unusual
            if not in_map:
                if current is positions:
                    starts.append(event.start_mark.index)
                current.append(value)
            elif key is no_key:
                key = event.value  # a key is its text, even `~` or empty
                if key in current:
                    raise _Unusual  # a duplicate key
            else:
                current[key] = value
                key = no_key
        elif kind is map_start or kind is seq_start:
            if event.anchor is not None or event.tag is not None or len(outer) >= MAX_DEPTH - 1:
                raise _Unusual
            new: Any = {} if kind is map_start else []
            if not in_map:
                if current is positions:
                    starts.append(event.start_mark.index)
                current.append(new)
            elif key is no_key:
                raise _Unusual  # a key that is a collection
            else:
                current[key] = new
                if current is root and key == "positions" and kind is seq_start:
                    positions = new
            outer.append(current)
            current, in_map, key = new, kind is map_start, no_key
        elif kind is alias:
            raise _Unusual
        elif outer:  # the end of a collection
            current = outer.pop()
            in_map, key = type(current) is dict, no_key
        else:  # the end of the top-level mapping: then the end of the one document
            if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
                raise _Unusual
            return PlainRead(root, starts if positions is not None else None)


def plain_tree(lines: Lines) -> yaml.Node:
    """The node tree of a file the fast path read: the careful path's composer, without
    its guarding scan (the fast path has seen every event: no alias, nesting within
    bounds), so the careful path's very nodes."""
    root = yaml.compose(lines.text, Loader=yaml_guard.Loader)
    assert root is not None  # the fast path read a mapping there
    return root


Request = tuple[tuple[Any, ...], bool]
"""A location in the data, and whether its key is wanted (see Locator.node)."""


def plain_starts(text: str, requests: list[Request]) -> list[int]:
    """Where each requested node of a file the fast path read starts (a character
    offset), as the careful path's Locator.node finds it in the node tree, in one more
    pass over the events and with no tree: only the nodes on the requested paths are
    noted. What is reported in a big file costs a pass, not a 110 MB tree."""
    assert _CParser is not None
    wanted: dict[Any, Any] = {}  # the requested paths, as a tree of their parts
    for loc, _ in requests:
        branch = wanted
        for part in loc:
            branch = branch.setdefault(part, {})
    # path -> (kind, start, is an empty value, start of its key or -1)
    found: dict[tuple[Any, ...], tuple[str, int, bool, int]] = {}
    get = _CParser(text).get_event
    get()  # the stream starts
    get()  # the document starts
    event = get()
    found[()] = ("map", event.start_mark.index, False, -1)
    scalar, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    # Per open collection: mapping?, its branch of `wanted` (None: nothing wanted
    # inside), its path, the pending key (or _KEY), that key's start, the next index.
    frames: list[list[Any]] = [[True, wanted, (), _KEY, -1, 0]]
    while frames:
        event = get()
        kind = type(event)
        frame = frames[-1]
        if kind is not scalar and kind is not map_start and kind is not seq_start:
            frames.pop()  # the end of a collection
            continue
        in_map, branch, path, key, key_start, index = frame
        if in_map and key is _KEY:
            frame[3], frame[4] = event.value, event.start_mark.index
            continue
        if in_map:
            part, frame[3] = key, _KEY
        else:
            part, frame[5], key_start = index, index + 1, -1
        inner = branch.get(part) if branch is not None else None
        if inner is not None:
            if kind is scalar:
                empty = event.implicit[0] and event.value in _NULLS
                found[(*path, part)] = ("scalar", event.start_mark.index, empty, key_start)
            else:
                shape = "map" if kind is map_start else "seq"
                found[(*path, part)] = (shape, event.start_mark.index, False, key_start)
        if kind is not scalar:
            frames.append([kind is map_start, inner, (*path, part), _KEY, -1, 0])
    return [_start_of(found, loc, key) for loc, key in requests]


def _start_of(found: dict[tuple[Any, ...], tuple[str, int, bool, int]], loc: Any, key: bool) -> int:
    """Locator.node's walk, step for step, on the nodes plain_starts noted."""
    path: tuple[Any, ...] = ()
    shape, start, empty, key_start = found[()]
    for depth, part in enumerate(loc):
        if shape == "map" or (shape == "seq" and isinstance(part, int)):
            child = found.get((*path, part))
            if child is None:
                return start
            path = (*path, part)
            shape, start, empty, key_start = child
            if key and depth == len(loc) - 1 and key_start >= 0:
                return key_start
        else:
            return start
    return key_start if key_start >= 0 and shape == "scalar" and empty else start
