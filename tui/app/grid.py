"""The data behind the matrix: who stands where, indexed once per load.

No Textual here, so it can be built in the loading thread and tested alone.
Imports of the model stay under TYPE_CHECKING: the app's first frame must not
wait for pydantic (the loader imports it in its worker thread).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.load import LoadResult
    from tui.model import Position, PositionsFile


@dataclass
class Grid:
    """A valid file, with its positions indexed by (party id, topic id)."""

    result: LoadResult
    parties: list[str]
    """Party ids in file order (the columns)."""
    topics: list[str]
    """Topic ids in file order (the rows)."""
    index: dict[tuple[str, str], int]
    """(party id, topic id) -> index into doc.positions."""
    since: str | None = None
    """The older file or git:REV that `changes` compare against (`summit tui --since`)."""
    changes: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(party id, topic id) -> what changed there since `since`, as readable lines."""
    _change_status: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _haystacks: list[str] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, result: LoadResult) -> Grid:
        doc = result.model
        assert doc is not None, "Grid.build needs a valid file"
        index = {(p.party, p.topic): i for i, p in enumerate(doc.positions)}
        return cls(result, list(doc.parties), list(doc.topics), index)

    @property
    def doc(self) -> PositionsFile:
        assert self.result.model is not None
        return self.result.model

    def compare_with(self, since: str, old: LoadResult) -> None:
        """Mark the cells that differ from `old` (a valid load of `since`)."""
        from tui.diff import changed_cells, compare

        assert old.model is not None
        diff = compare(old.model, self.doc, old.texts, self.result.texts)
        self.since = since
        self.changes = changed_cells(diff)
        self._change_status = {(c.party, c.topic): c.status for c in diff.positions}

    def change_note(self, party: str, topic: str) -> str | None:
        """The short mark for a changed cell ('added', 'removed', 'changed'), or None."""
        return self._change_status.get((party, topic))

    def position(self, party: str, topic: str) -> int | None:
        return self.index.get((party, topic))

    def get(self, index: int) -> Position:
        return self.doc.positions[index]

    def verified(self, index: int) -> list[bool]:
        return [span is not None for span in self.result.spans[index]]

    def line(self, index: int) -> int:
        lines = self.result.lines
        return lines[index] if index < len(lines) else 1

    def search(self, query: str) -> set[int]:
        """Positions whose summary, quotes or speakers contain `query` (any case)."""
        needle = query.casefold().strip()
        if not needle:
            return set(range(len(self.doc.positions)))
        if self._haystacks is None:
            self._haystacks = [_haystack(p) for p in self.doc.positions]
        return {i for i, text in enumerate(self._haystacks) if needle in text}

    def topics_with(self, positions: set[int], parties: list[str]) -> set[str]:
        """Topics on which one of `parties` holds one of `positions`."""
        wanted = set(parties)
        found: set[str] = set()
        for i in positions:
            p = self.doc.positions[i]
            if p.party in wanted:
                found.add(p.topic)
        return found


def _haystack(position: Position) -> str:
    parts = [position.summary]
    for evidence in position.evidence:
        parts.append(evidence.quote)
        if evidence.speaker:
            parts.append(evidence.speaker)
    return "\n".join(parts).casefold()
