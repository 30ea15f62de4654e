"""Party against party: on which topics two parties' stances agree or differ.

Pure data, no Textual: the alignment screen shows it, and tests check it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from tui.model.records import PositionsFile, Stance


@dataclass(frozen=True)
class TopicStances:
    """The two parties' stances on one topic (None: not stated in the sources)."""

    topic: str
    a: Stance | None
    b: Stance | None


@dataclass
class PairAlignment:
    """How two parties compare, topic by topic.

    A topic counts as agreement only when both state the same definite stance;
    when either stance is 'unclear' the pair can be neither said to agree nor to
    differ, so such topics are kept apart, as are topics not stated by both.
    """

    a: str
    b: str
    agree: list[TopicStances] = field(default_factory=list)
    differ: list[TopicStances] = field(default_factory=list)
    unclear: list[TopicStances] = field(default_factory=list)
    """Both have a position, at least one of them 'unclear'."""
    missing: list[TopicStances] = field(default_factory=list)
    """At least one of the two has no position on the topic."""

    @property
    def compared(self) -> int:
        """Topics on which both parties have a position."""
        return len(self.agree) + len(self.differ) + len(self.unclear)


def alignment(
    doc: PositionsFile,
    parties: list[str] | None = None,
    topics: list[str] | None = None,
) -> list[PairAlignment]:
    """Every pair of `parties` (in the order given, file order when None), over `topics`.

    Ids the file does not know are ignored, so a stale filter cannot break the view.
    """
    party_ids = [p for p in (doc.parties if parties is None else parties) if p in doc.parties]
    topic_ids = [t for t in (doc.topics if topics is None else topics) if t in doc.topics]
    party_ids = list(dict.fromkeys(party_ids))
    topic_ids = list(dict.fromkeys(topic_ids))
    stance: dict[tuple[str, str], Stance] = {}
    for position in doc.positions:
        stance.setdefault((position.party, position.topic), position.stance)

    pairs: list[PairAlignment] = []
    for a, b in combinations(party_ids, 2):
        pair = PairAlignment(a, b)
        for topic in topic_ids:
            item = TopicStances(topic, stance.get((a, topic)), stance.get((b, topic)))
            if item.a is None or item.b is None:
                pair.missing.append(item)
            elif Stance.UNCLEAR in (item.a, item.b):
                pair.unclear.append(item)
            elif item.a == item.b:
                pair.agree.append(item)
            else:
                pair.differ.append(item)
        pairs.append(pair)
    return pairs
