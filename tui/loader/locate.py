"""From a location in the data, such as ('positions', 3, 'summary'), to FILE:LINE:COL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from tui.loader.fast_path import Request, plain_starts, plain_tree
from tui.loader.lines import Lines
from tui.loader.yaml_guard import is_null
from tui.model.diagnostics import Diagnostic, Severity
from tui.safe import visible


def diagnostic_at(
    display: str, line: int, col: int, message: str, severity: Severity = "error"
) -> Diagnostic:
    # Escaped here too, not only in Diagnostic.format: the TUI shows `.message` itself,
    # and a message must stay one line without raw control characters wherever it goes.
    return Diagnostic(display, line, col, severity, visible(message, multiline=False))


def dotted(loc: tuple[Any, ...] | list[Any]) -> str:
    """A location in the file's own terms: positions[3].evidence[0].quote."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + visible(str(part), multiline=False)
    return out or "the top level"


class Locator:
    """Finds the YAML node for a location such as ('positions', 3, 'summary').

    Without a node tree (`root` None: the fast path keeps none), a diagnostic is made
    unplaced, and `placed` places all of them at once, in one more pass over the file;
    a valid file with nothing to report never pays for it. Where each position starts
    can be given (`position_starts`, character offsets), so that the line of every
    position is known without a tree either.
    """

    def __init__(
        self,
        root: yaml.Node | None,
        display: str,
        lines: Lines,
        position_starts: list[int] | None = None,
    ) -> None:
        self._root = root
        self.display = display
        self.lines = lines
        self._position_starts = position_starts

    @property
    def root(self) -> yaml.Node:
        """The node tree, composed on first use when none was given."""
        if self._root is None:
            self._root = plain_tree(self.lines)
        return self._root

    def position_line(self, index: int) -> int:
        """The line on which positions[index] starts (the positions being a list)."""
        starts = self._position_starts
        if starts is not None and 0 <= index < len(starts):
            return self.lines.at(starts[index])[0]
        return self.lines.mark(self.node(("positions", index)).start_mark)[0]

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
        if key_node is not None and isinstance(node, yaml.ScalarNode) and is_null(node):
            return key_node
        return node

    def at(
        self,
        loc: tuple[Any, ...],
        message: str,
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> Diagnostic:
        if self._root is None:
            shown = visible(message, multiline=False)
            return _Unplaced(self.display, 0, 0, severity, shown, loc=loc, key=key, placer=self)
        line, col = self.lines.mark(self.node(loc, key=key).start_mark)
        return diagnostic_at(self.display, line, col, message, severity)

    def place(self, requests: list[Request]) -> list[tuple[int, int]]:
        """Line and column of each (loc, key), as `node` finds them, without a tree."""
        at = self.lines.at
        return [at(start) for start in plain_starts(self.lines.text, requests)]


@dataclass(frozen=True, slots=True)
class _Unplaced(Diagnostic):
    """A diagnostic whose place is still to be found (see Locator), by `placed`."""

    loc: tuple[Any, ...] = ()
    key: bool = False
    placer: Locator | None = field(default=None, compare=False, repr=False)


def placed(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """`diagnostics`, each unplaced one placed: all in one pass over the file."""
    waiting = [d for d in diagnostics if isinstance(d, _Unplaced)]
    if not waiting:
        return diagnostics
    places: dict[int, tuple[int, int]] = {}
    for placer in {id(d.placer): d.placer for d in waiting}.values():
        assert placer is not None
        mine = [d for d in waiting if d.placer is placer]
        found = placer.place([(d.loc, d.key) for d in mine])
        places.update((id(d), where) for d, where in zip(mine, found, strict=True))
    return [
        Diagnostic(d.path, *places[id(d)], d.severity, d.message, d.hidden, d.hidden_warnings)
        if isinstance(d, _Unplaced)
        else d
        for d in diagnostics
    ]
