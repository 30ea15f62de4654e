"""What a load found: the records (when valid), the problems, and the evidence index.

Callers ask the result where a quote stands (`evidence`, `span`, `verified`), which line
a position starts on (`line_of`) and what a source reads (`text_of`); none of them index
the loader's own tables, so none needs to guard against a position or an evidence item
the cross-checks never reached.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from tui.evidence.attribution import Basis
from tui.evidence.source_text import SourceText
from tui.model.diagnostics import Diagnostic

if TYPE_CHECKING:
    from tui.model.records import PositionsFile


@dataclass(frozen=True, slots=True)
class Located:
    """Where one evidence item's quote stands in its archived source."""

    source: str
    """The source id the evidence item cites."""
    span: tuple[int, int]
    """Start and end (character offsets) of the quote in `text`."""
    text: SourceText
    """The source's archived text; sources that share a file share one text."""


@dataclass(frozen=True)
class EvidenceIndex:
    """What the cross-checks found, built once per load and never changed after."""

    texts: Mapping[str, SourceText] = field(default_factory=lambda: MappingProxyType({}))
    """Archived text of each source that could be read, by source id."""
    lines: tuple[int, ...] = ()
    """The line of each position in the file (for the editor jump), by position index."""
    located: Mapping[tuple[int, int], Located] = field(default_factory=lambda: MappingProxyType({}))
    """(position, evidence) -> where its quote stands; verified quotes only."""
    bases: tuple[Basis | None, ...] = ()
    """On whose word each position rests, by position index (None: not known, the
    position being invalid): decided once, by the checks, for every reader."""


@dataclass
class LoadResult:
    """What the loader found: the records (when valid), the problems, and the evidence index."""

    path: str
    """The file as the user named it; used in every message."""
    data: dict[str, Any] | None = None
    """The file's plain data, when it is valid (what the cache keeps; see `records`)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    index: EvidenceIndex = field(default_factory=EvidenceIndex)
    """Sources read, position lines and verified quotes (see tui.loader.checks)."""
    stopped: bool = False
    """Collecting stopped after MAX_SHOWN errors: there are more, not all looked for."""
    warnings_not_kept: int = 0
    """Warnings counted but not kept, past twice MAX_SHOWN: a file is never refused for
    its warnings, however many (a big file whose cells rest on the reporter's account
    warns once a cell), and memory stays bounded."""

    @cached_property
    def records(self) -> PositionsFile | None:
        """The file as records, when it is valid: built on first use, so that a command
        that only reports problems (`summit check`) never builds them."""
        if self.data is None:
            return None
        from tui.model.records import from_plain

        return from_plain(self.data)

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.errors

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def texts(self) -> Mapping[str, SourceText]:
        """Archived text of each source that could be read, by source id (for `compare`)."""
        return self.index.texts

    def text_of(self, source_id: str) -> SourceText | None:
        """The archived text of `source_id`, or None when it could not be read."""
        return self.index.texts.get(source_id)

    def evidence(self, position: int, evidence: int) -> Located | None:
        """Where evidence item `evidence` of position `position` stands in its source;
        None when its quote was not found (or the item was never checked)."""
        return self.index.located.get((position, evidence))

    def span(self, position: int, evidence: int) -> tuple[int, int] | None:
        """Start and end of that evidence item's quote in its source, or None."""
        found = self.index.located.get((position, evidence))
        return found.span if found is not None else None

    def verified(self, position: int, evidence: int) -> bool:
        """Whether that evidence item's quote was found in its source."""
        return (position, evidence) in self.index.located

    def basis(self, position: int) -> Basis | None:
        """On whose word position `position` rests (the mark of its cell); None when it
        is not known."""
        bases = self.index.bases
        return bases[position] if 0 <= position < len(bases) else None

    @property
    def position_lines(self) -> tuple[int, ...]:
        """The line each position starts on, in file order (for edits at the end)."""
        return self.index.lines

    def line_of(self, position: int) -> int:
        """The line position `position` starts on; 1 when the file was not read that far."""
        lines = self.index.lines
        return lines[position] if 0 <= position < len(lines) else 1

    def same_as(self, other: LoadResult) -> bool:
        """Whether `other` holds the same load: data (in the same order: the order of
        parties and topics is the order of columns and rows), problems, lines, verified
        spans and the sources' texts (the dashboard keeps what it shows when a fresh load
        is the same)."""
        return (
            self.data == other.data
            and _same_order(self.data, other.data)
            and self.diagnostics == other.diagnostics
            and self.stopped == other.stopped
            and self.warnings_not_kept == other.warnings_not_kept
            and self.index.lines == other.index.lines
            and _spans(self) == _spans(other)
            and {k: t.text for k, t in self.texts.items()}
            == {k: t.text for k, t in other.texts.items()}
        )


def _same_order(a: Any, b: Any) -> bool:
    """Whether every mapping in `a` has its keys in the order of the one in `b` (the two
    being equal: dict equality does not look at the order)."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if isinstance(x, dict):
            if list(x) != list(y):
                return False
            stack.extend(zip(x.values(), y.values(), strict=True))
        elif isinstance(x, list):
            stack.extend(zip(x, y, strict=True))
    return True


def _spans(result: LoadResult) -> dict[tuple[int, int], tuple[str, tuple[int, int]]]:
    return {key: (found.source, found.span) for key, found in result.index.located.items()}
