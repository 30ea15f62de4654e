"""From a location in the data, such as ('positions', 3, 'summary'), to FILE:LINE:COL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from tui.diagnostics import Diagnostic
from tui.loader.yaml_guard import _is_null, _Lines
from tui.safe import visible


def _diag(display: str, line: int, col: int, message: str, severity: str = "error") -> Diagnostic:
    # Escaped here too, not only in Diagnostic.format: the TUI shows `.message` itself,
    # and a message must stay one line without raw control characters wherever it goes.
    return Diagnostic(display, line, col, severity, visible(message, multiline=False))  # type: ignore[arg-type]


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
    """Finds the YAML node for a location such as ('positions', 3, 'summary').

    The node tree is either given, or composed on first use by `compose` (the fast path
    keeps no tree: a valid file with nothing to report never needs one). Where each
    position starts can be given too (`position_starts`, character offsets), so that
    the line of every position is known without a tree.
    """

    def __init__(
        self,
        root: yaml.Node | Callable[[], yaml.Node],
        display: str,
        lines: _Lines,
        position_starts: list[int] | None = None,
    ) -> None:
        self._root = root if isinstance(root, yaml.Node) else None
        self._compose = None if isinstance(root, yaml.Node) else root
        self.display = display
        self.lines = lines
        self._position_starts = position_starts

    @property
    def root(self) -> yaml.Node:
        if self._root is None:
            assert self._compose is not None
            self._root = self._compose()
            self._compose = None
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
        if key_node is not None and isinstance(node, yaml.ScalarNode) and _is_null(node):
            return key_node
        return node

    def at(
        self, loc: tuple[Any, ...], message: str, *, key: bool = False, severity: str = "error"
    ) -> Diagnostic:
        line, col = self.lines.mark(self.node(loc, key=key).start_mark)
        return _diag(self.display, line, col, message, severity)
