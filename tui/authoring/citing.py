"""A ready-to-paste evidence item for a passage of an archived article.

The source viewer copies what `evidence_yaml` writes, so a curator can cite a
passage without retyping it: the exact passage as the quote, a voice guessed from
the article's quotation marks by the very rules `summit check` applies
(`tui.evidence.attribution`), and the speaker when a person of `people:` is named nearby.
Pure (no Textual, no I/O, no YAML library: the dashboard imports it when an article is
opened), so the guess and the YAML it writes (`tui.authoring.scalars`) are tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tui.authoring.scalars import double_quoted, scalar
from tui.evidence.attribution import Speaker, check_direct, first_mention, named_nearby
from tui.evidence.quotations import Article
from tui.model.records import Person, Voice


@dataclass(frozen=True)
class Guess:
    """Whose words a passage gives, as far as the article's own text tells."""

    voice: Voice
    speaker: str | None
    """Id of a person under `people:` named near the passage, or None."""


def named_speaker(
    article: Article, start: int, end: int, people: Mapping[str, Person]
) -> tuple[str, bool] | None:
    """The person of `people` named closest before or in the passage at [start, end), and
    whether they are named in the passage's own sentences (not only before them).

    A person counts when `summit check` would find them named nearby (the passage's
    sentences or the two before them). Of several, one named in the passage's own
    sentences wins over one named only before, and then the first named there.
    """
    first, last = article.sentence_range(start, end)
    if first < 0:
        windows = [(start, end)]
    else:
        own = (min(start, article.sentences[first][0]), max(end, article.sentences[last][1]))
        windows = [own] + [article.sentences[k] for k in range(first - 1, max(-1, first - 3), -1)]
    persons = {pid: Speaker(pid, entry.name, tuple(entry.aliases)) for pid, entry in people.items()}
    candidates = {
        pid: person for pid, person in persons.items() if named_nearby(article, start, end, person)
    }
    for distance, (low, high) in enumerate(windows):
        found: list[tuple[int, str]] = []
        for pid, person in candidates.items():
            at = first_mention(article.text[low:high], person)
            if at is not None:
                found.append((at, pid))
        if found:
            return min(found)[1], distance == 0
    return None


def guess(article: Article, start: int, end: int, people: Mapping[str, Person]) -> Guess:
    """The voice and speaker `summit check` would accept for the passage at [start, end).

    `direct` when the passage lies inside a quotation or holds a whole one (no findings
    from `check_direct`), with the speaker named in its sentences or the two before;
    otherwise `reported` when a known person is named in the passage's own sentences,
    else `article` (the article's own account, no speaker).
    """
    named = named_speaker(article, start, end, people)
    if article.quotations_in(start, end) and not check_direct(article, start, end):
        return Guess(Voice.DIRECT, named[0] if named else None)
    if named is not None and named[1]:
        return Guess(Voice.REPORTED, named[0])
    return Guess(Voice.ARTICLE, None)


def evidence_yaml(source_id: str, passage: str, found: Guess) -> str:
    """One evidence item, indented to paste under a position's `evidence:` key.

    A direct quote whose speaker is not named nearby gets a comment in place of the
    speaker: `summit check` then asks for one, as the curator must name them.
    """
    lines = [
        f"- source: {scalar(source_id)}",
        f"  quote: {double_quoted(passage)}",
        f"  voice: {found.voice.value}",
    ]
    if found.speaker is not None:
        lines.append(f"  speaker: {scalar(found.speaker)}")
    elif found.voice is not Voice.ARTICLE:
        lines.append("  # speaker: the id of a person under people: (none is named nearby)")
    return "\n".join(lines)
