"""A ready-to-paste evidence item for a passage of an archived article.

The source viewer copies what `evidence_for` writes, so a curator can cite a passage
without retyping it: the passage as the quote (without a quotation mark left dangling at
either end), and a voice and speaker guessed by the very rules `summit check` applies
(`tui.evidence.attribution`, reading who says what by `tui.evidence.speech`), so that the
guess never proposes what the check refuses or flags, save one case it cannot settle:

- `direct` when the passage passes the `direct` checks (every sentence holds quoted
  words) and its quotations are given as someone's words (a verb of speech introduces
  or follows them, or they fill their sentences), or it lies inside one quotation; the
  speaker is the subject of the verbs of speech of its sentences (or, for a quotation
  that fills its sentences, the previous speaker);
- otherwise `reported`, with the subject of the passage's verbs of speech;
- otherwise `article`, the article's own account, with no speaker.

A speaker found only by following the article back (a pronoun or a quotation that goes on
from an earlier sentence) may not be named within two sentences of the passage: then the
block says so in a comment beginning "Attributed by context, not proximity", as the
curation rulebook asks, and `summit check` warns of it as it warns of every such quote.
Pure (no Textual, no I/O, no YAML library: the dashboard imports it when an article is
opened), so the guess and the YAML it writes (`tui.authoring.scalars`) are tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tui.authoring.scalars import double_quoted, scalar
from tui.evidence.attribution import check_direct
from tui.evidence.quotations import Article, without_dangling_marks
from tui.evidence.speech import Speaker, Speech, named_nearby
from tui.model.records import Person, Voice
from tui.safe import visible


@dataclass(frozen=True)
class Guess:
    """Whose words a passage gives, as far as the article's own text tells."""

    voice: Voice
    speaker: str | None
    """Id of a person under `people:`, or None."""
    by_context: bool = False
    """The speaker is not named within two sentences of the passage: the article names
    them further back (`summit check` warns; the block says why in a comment)."""


def speech_for(article: Article, people: Mapping[str, Person]) -> Speech:
    """The article read for these people: whom its sentences give what is said to."""
    return Speech(article, [Speaker(pid, p.name, tuple(p.aliases)) for pid, p in people.items()])


def cited_span(article: Article, start: int, end: int) -> tuple[int, int]:
    """The passage at [start, end) as it is cited: without a quotation mark whose
    partner lies outside it (`"When people say ...` is cited from `When`)."""
    low, high = without_dangling_marks(article.text[start:end])
    return (start + low, start + high) if low < high else (start, end)


def guess(
    article: Article,
    start: int,
    end: int,
    people: Mapping[str, Person],
    speech: Speech | None = None,
) -> Guess:
    """The voice and speaker `summit check` accepts for the passage at [start, end), by
    the rules in the module docstring."""
    speech = speech if speech is not None else speech_for(article, people)
    if _direct(speech, start, end):
        speaker = _direct_speaker(speech, start, end)
        if speaker is not None:
            return _with_speaker(Voice.DIRECT, speaker, speech, start, end)
    speaker = _reported_speaker(speech, start, end)
    if speaker is not None:
        return _with_speaker(Voice.REPORTED, speaker, speech, start, end)
    return Guess(Voice.ARTICLE, None)


def _with_speaker(voice: Voice, speaker: str, speech: Speech, start: int, end: int) -> Guess:
    person = speech.people[speaker]
    return Guess(voice, speaker, by_context=not named_nearby(speech.article, start, end, person))


def _direct(speech: Speech, start: int, end: int) -> bool:
    """The passage passes the `direct` checks, and its quoted words are given as someone's."""
    article = speech.article
    touched = article.quotations_in(start, end)
    if not touched or check_direct(article, start, end):
        return False
    if any(q.start <= start and end <= q.end for q in touched):
        return True  # a fragment of one quotation
    return all(speech.introduced(q) for q in touched)


def _passage_sentences(speech: Speech, start: int, end: int) -> range:
    first, last = speech.article.sentence_range(start, end)
    return range(max(first, 0), last + 1) if first >= 0 else range(0)


def _direct_speaker(speech: Speech, start: int, end: int) -> str | None:
    """Who speaks the passage's quotations: a subject that every sentence of the passage
    with quoted words and verbs of speech gives them to (so `summit check` does not flag
    it); failing those, the subjects of the other sentences of its quotations, then the
    previous speaker."""
    article = speech.article
    required: list[list[str]] = []
    for k in _passage_sentences(speech, start, end):
        a, b = article.sentences[k]
        if not article.quotations_in(max(a, start), min(b, end)):
            continue
        subjects = [cue.subject for cue in speech.cues(k) if cue.subject is not None]
        if subjects:
            required.append(subjects)
    if required:
        common = [s for s in required[0] if all(s in subjects for subjects in required)]
        return common[0] if common else None
    touched = article.quotations_in(start, end)
    first, last = article.sentence_range(min(start, touched[0].start), max(end, touched[-1].end))
    for k in range(max(first, 0), last + 1):
        if not speech.all_quoted(k):
            subjects = [cue.subject for cue in speech.cues(k) if cue.subject is not None]
            if subjects:
                return subjects[0]
    return speech.previous_speaker(first) if first >= 0 else None


def _reported_speaker(speech: Speech, start: int, end: int) -> str | None:
    """Whom the passage's sentences give what is said to, first."""
    for k in _passage_sentences(speech, start, end):
        speakers = speech.speakers(k)
        if speakers:
            return speakers[0]
    return None


def evidence_yaml(source_id: str, passage: str, found: Guess, speaker_name: str = "") -> str:
    """One evidence item, indented to paste under a position's `evidence:` key.

    A direct quote with no speaker gets a comment in place of the speaker: `summit check`
    then asks for one, as the curator must name them. A speaker taken by context gets
    the comment the curation rulebook asks for, above the item.
    """
    lines = []
    if found.by_context and found.speaker is not None:
        who = visible(speaker_name or found.speaker, multiline=False)
        lines.append(
            f"# Attributed by context, not proximity: {who} is not named in this passage "
            "or the two sentences before it; the guess follows the article's speakers back "
            "to them. Check the article, and say here why it is them (summit check warns)."
        )
    lines += [
        f"- source: {scalar(source_id)}",
        f"  quote: {double_quoted(passage)}",
        f"  voice: {found.voice.value}",
    ]
    if found.speaker is not None:
        lines.append(f"  speaker: {scalar(found.speaker)}")
    elif found.voice is not Voice.ARTICLE:
        lines.append("  # speaker: the id of a person under people: (none is named nearby)")
    return "\n".join(lines)


def evidence_for(
    source_id: str, article: Article, start: int, end: int, people: Mapping[str, Person]
) -> str:
    """The evidence item to paste for the passage at [start, end) of `source_id`'s
    article: the passage as cited (`cited_span`), with its guessed voice and speaker."""
    start, end = cited_span(article, start, end)
    found = guess(article, start, end, people)
    person = people.get(found.speaker) if found.speaker is not None else None
    name = person.name if person is not None else ""
    return evidence_yaml(source_id, article.text[start:end], found, name)
