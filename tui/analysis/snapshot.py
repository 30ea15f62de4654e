"""`summit snapshot`: the positions as plain text, Markdown or JSON.

A snapshot is pasted into reports, chats and commits, so it must be as
trustworthy as the dashboard: the text format draws every cell and source with
the renderables of `tui.report.render` (shared with the TUI), every string from the
data passes through `tui.safe`, and the same file always gives the same bytes.

Citations are numbered in reading order: topic by topic (rows), party by party
(columns), evidence by evidence. Evidence that repeats exactly (same source,
same quote, same speaker) keeps the number it got first; anything else gets a
number of its own.

Compute only: `build` filters and numbers; `tui.report` draws the text, Markdown
and JSON. No Textual here (and nothing else the snapshot does not need): this path
must start about as fast as importing yaml, pydantic and rich.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from tui.loader.result import LoadResult
from tui.model.records import Evidence, Position, PositionsFile, Source


@dataclass
class Citation:
    """One numbered entry of the Sources section."""

    number: int
    evidence: Evidence
    source: Source
    verified: bool


@dataclass
class Snapshot:
    """What a snapshot shows: the filtered model, its cells and their citations."""

    doc: PositionsFile
    result: LoadResult
    parties: list[str]
    topics: list[str]
    party_filter: bool
    topic_filter: bool
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    """(topic, party) -> index of the position in the file."""
    citations: list[Citation] = field(default_factory=list)
    markers: dict[int, list[int]] = field(default_factory=dict)
    """Position index -> its citation numbers, without repeats."""

    def position(self, topic: str, party: str) -> Position | None:
        index = self.cells.get((topic, party))
        return None if index is None else self.doc.positions[index]

    def included(self) -> Iterator[int]:
        """Indexes of the positions shown, in file order."""
        parties, topics = set(self.parties), set(self.topics)
        for index, position in enumerate(self.doc.positions):
            if position.party in parties and position.topic in topics:
                yield index


def build(result: LoadResult, parties: list[str], topics: list[str]) -> Snapshot:
    """Filter the model (file order, repeats ignored) and number the citations."""
    doc = result.records
    assert doc is not None
    wanted_parties, wanted_topics = set(parties), set(topics)
    snap = Snapshot(
        doc=doc,
        result=result,
        parties=[p for p in doc.parties if not parties or p in wanted_parties],
        topics=[t for t in doc.topics if not topics or t in wanted_topics],
        party_filter=bool(parties),
        topic_filter=bool(topics),
    )
    for i, position in enumerate(doc.positions):
        snap.cells.setdefault((position.topic, position.party), i)
    numbers: dict[tuple[str, str, str | None], int] = {}
    for topic in snap.topics:
        for party in snap.parties:
            index = snap.cells.get((topic, party))
            if index is None:
                continue
            marks: list[int] = []
            for j, evidence in enumerate(doc.positions[index].evidence):
                key = (evidence.source, evidence.quote, evidence.speaker)
                number = numbers.get(key)
                if number is None:
                    number = numbers[key] = len(snap.citations) + 1
                    snap.citations.append(
                        Citation(
                            number,
                            evidence,
                            doc.sources[evidence.source],
                            result.verified(index, j),
                        )
                    )
                if number not in marks:
                    marks.append(number)
            snap.markers[index] = marks
    return snap
