"""The data behind the matrix: who stands where, indexed once per load.

No Textual here, so it can be built in the loading thread and tested alone.
Imports of the model stay under TYPE_CHECKING: the app's first frame must not
wait for pydantic (the loader imports it in its worker thread).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.evidence.attribution import Basis
    from tui.loader.result import LoadResult
    from tui.model.records import Position, PositionsFile


@dataclass(frozen=True)
class Changes:
    """What differs between an older and the current version of the file, by cell.

    Computed in the loading thread, before the grid is built, and handed to
    `Grid.build`: a grid is complete (and never changed) once it exists.
    """

    since: str
    """The older file or git:REV compared against (`summit tui --since`)."""
    cells: dict[tuple[str, str], list[str]]
    """(party id, topic id) -> what changed there, as readable lines."""
    status: dict[tuple[str, str], str]
    """(party id, topic id) -> 'added', 'removed' or 'changed'."""

    @classmethod
    def between(cls, since: str, old: LoadResult, new: LoadResult) -> Changes:
        """Compare two valid loads: `old` (read from `since`) and `new`."""
        from tui.analysis.diff import compare
        from tui.report.diff_text import changed_cells

        assert old.records is not None and new.records is not None
        diff = compare(old.records, new.records, old.texts, new.texts)
        status: dict[tuple[str, str], str] = {(c.party, c.topic): c.status for c in diff.positions}
        return cls(since, changed_cells(diff), status)


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
    compared: Changes | None = None
    """What differs from the file of `summit tui --since`; None without --since."""
    bases: list[Basis | None] = field(default_factory=list)
    """On whose word each position rests (by index into doc.positions), found once per
    load so that drawing a cell never looks through its evidence."""
    needs: dict[str, int] = field(default_factory=dict)
    """Party id -> cells its widest overview cell takes without a summary (or its short
    name, if wider): the overview sizes its columns by it."""
    title_width: int = 0
    """Cells of the widest topic title."""
    _haystacks: list[str] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, result: LoadResult, changes: Changes | None = None) -> Grid:
        """Index a valid load; `changes` marks what differs from an older version."""
        doc = result.records
        assert doc is not None, "Grid.build needs a valid file"
        index = {(p.party, p.topic): i for i, p in enumerate(doc.positions)}
        bases = [result.basis(i) for i in range(len(doc.positions))]
        grid = cls(result, list(doc.parties), list(doc.topics), index, changes, bases)
        grid.needs, grid.title_width = _overview_widths(grid)
        return grid

    @property
    def doc(self) -> PositionsFile:
        assert self.result.records is not None
        return self.result.records

    @property
    def since(self) -> str | None:
        """The older file or git:REV that `changes` compare against (`summit tui --since`)."""
        return self.compared.since if self.compared is not None else None

    @property
    def changes(self) -> dict[tuple[str, str], list[str]]:
        """(party id, topic id) -> what changed there since `since`, as readable lines."""
        return self.compared.cells if self.compared is not None else {}

    def change_note(self, party: str, topic: str) -> str | None:
        """The short mark for a changed cell ('added', 'removed', 'changed'), or None."""
        if self.compared is None:
            return None
        return self.compared.status.get((party, topic))

    def position(self, party: str, topic: str) -> int | None:
        return self.index.get((party, topic))

    def get(self, index: int) -> Position:
        return self.doc.positions[index]

    def basis(self, index: int) -> Basis | None:
        """On whose word the position rests (None: unknown)."""
        return self.bases[index] if index < len(self.bases) else None

    def verified(self, index: int) -> list[bool]:
        return [self.result.verified(index, j) for j in range(len(self.get(index).evidence))]

    def line(self, index: int) -> int:
        return self.result.line_of(index)

    def search(self, query: str) -> set[int]:
        """Positions whose summary, quotes or speakers (name, role or any alias) contain
        `query` (any case)."""
        needle = query.casefold().strip()
        if not needle:
            return set(range(len(self.doc.positions)))
        if self._haystacks is None:
            doc = self.doc
            self._haystacks = [_haystack(p, doc) for p in doc.positions]
        return {i for i, text in enumerate(self._haystacks) if needle in text}

    def count_shown(self, parties: list[str], topics: list[str], matches: set[int] | None) -> int:
        """Positions held by one of `parties` on one of `topics` (and, with `matches`,
        found by the search): what a filtered grid shows."""
        wanted_parties, wanted_topics = set(parties), set(topics)
        return sum(
            1
            for i, p in enumerate(self.doc.positions)
            if p.party in wanted_parties
            and p.topic in wanted_topics
            and (matches is None or i in matches)
        )

    def topics_with(self, positions: set[int], parties: list[str]) -> set[str]:
        """Topics on which one of `parties` holds one of `positions`."""
        wanted = set(parties)
        found: set[str] = set()
        for i in positions:
            p = self.doc.positions[i]
            if p.party in wanted:
                found.add(p.topic)
        return found


def _overview_widths(grid: Grid) -> tuple[dict[str, int], int]:
    """`Grid.needs` and `Grid.title_width`: counted once per load (in the loading thread),
    so that laying out the overview never looks through the positions."""
    from rich.cells import cell_len

    from tui.report.render import NOT_STATED_SHORT, compact_width
    from tui.safe import visible

    doc = grid.doc
    needs = {
        party: cell_len(visible(doc.parties[party].short, multiline=False))
        for party in grid.parties
    }
    held = Counter(position.party for position in doc.positions)
    for party in needs:
        if held[party] < len(grid.topics):  # an empty cell somewhere: "not stated"
            needs[party] = max(needs[party], len(NOT_STATED_SHORT))
    for i, position in enumerate(doc.positions):
        change = grid.change_note(position.party, position.topic)
        width = compact_width(
            position.stance, len(position.evidence), change=change, basis=grid.basis(i)
        )
        if width > needs.get(position.party, 0):
            needs[position.party] = width
    if grid.compared is not None:
        for (party, topic), status in grid.compared.status.items():
            if party in needs and (party, topic) not in grid.index:
                needs[party] = max(needs[party], compact_width(None, 0, change=status))
    titles = (cell_len(visible(t.title, multiline=False)) for t in doc.topics.values())
    return needs, max(titles, default=0)


def _haystack(position: Position, doc: PositionsFile) -> str:
    """What a search looks through: the summary, the quotes, and each speaker as the
    articles name them (id, name, role, aliases), so "Fedeyev" finds Fadeyev's quotes
    when the curator listed that spelling."""
    parts = [position.summary]
    for evidence in position.evidence:
        parts.append(evidence.quote)
        if evidence.speaker:
            parts.append(evidence.speaker)
            person = doc.people.get(evidence.speaker)
            if person is not None:
                parts += [person.name, person.role or "", *person.aliases]
    return "\n".join(parts).casefold()
