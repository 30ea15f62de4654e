"""Attribution you can check: who speaks in a quote, and on whose word a position rests.

Every piece of evidence says whose words its quote gives (`voice`) and, unless the
article speaks for itself, who the speaker is (`speaker`, a person under `people`).
Once the quote has been found in its archived article, `summit check` tests the
attribution against the article's own text with the rules below. They are
deliberately simple, so that a curator can predict them.

Quotations in the article
    Quotations are found by the rules in `tui.evidence.quotations` (quotation marks paired
    within a paragraph, apostrophes told apart, a double quotation left open at
    the end of its paragraph running on). Only the outermost quotations matter
    below: a quotation inside another is part of it.

`direct`: the speaker's own words
    The quote must lie inside one quotation (a fragment of what was said; the
    quotation marks at either end may be included or left out), or hold at least
    one whole quotation, marks included (the speaker's words with the article's
    attribution around them: ``"If the first one goes OK, we'll have a quick
    second one," Trump told reporters``). It is an error when

    - the quote touches no quotation at all: these are not the speaker's own
      words, so the voice is `reported` (the article's account of what the speaker
      said or did) or `article` (its own account);
    - the quote opens a quotation but stops before it closes: quote on to the
      closing mark, or stop before the opening one, so that the reader sees where
      the speaker's words end;
    - the quote starts inside a quotation and runs on past its closing mark into
      the article's own words, and holds no whole quotation: start at the opening
      mark, or stop at the closing one;
    - a sentence of the quote holds no quoted word (its part in the quote): the
      article's narration would pass for the speaker's words, so that sentence is
      evidence of its own (`reported` or `article`) beside the quotation.

    It is a warning when a sentence of the quote that holds quoted words gives them,
    by a verb of speech, to other people of the file and not to the speaker ("what
    he described as", he being Trump; "X said"; read by `tui.evidence.speech`). A
    warning, not an error: it reads grammar (a verb's subject, whom a pronoun stands
    for) by simple rules, which a sentence can outwit; the quotation marks above are
    facts of the text.

`direct` and `reported`: the speaker is named nearby
    The speaker's name or one of their aliases must appear in a sentence the quote
    touches or in one of the two sentences before the first of them (sentences as
    `tui.evidence.sentences` splits them). Names are compared without regard to case or
    typography (curly or straight apostrophes, dashes, runs of spaces) and only as
    whole words: the alias "the president" is not found in "the presidential".
    Only the full name and the aliases count, not the surname alone: list the
    surname as an alias when the article uses it ("Trump"), and likewise a title
    ("the spokesperson"). Pronouns are not followed. A speaker not named nearby is
    a warning: the reader may not be able to tell who is speaking. The warning
    names a word of the name it found there ("Della" of "Della Fry"), to be added
    as an alias if it names them.

The basis of a position
    A position rests on its own party's word when at least one of its evidence
    items has a speaker of that party. Otherwise it is flagged with a warning:
    when some evidence has a speaker (of another party, or of none), it rests only
    on what those speakers say; when none has a speaker, it rests only on the
    reporter's account. `Basis` names the three cases, so the dashboard and the
    snapshot can mark the cells that are not on their party's own word.

Everything here is pure (no I/O). Every quote is checked against its `Article`'s
quotations by binary search, and the name search reads only the few sentences
around the quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, NamedTuple

from tui.evidence.quotations import Article
from tui.evidence.speech import Cue, Speech, name_word_nearby, named_nearby
from tui.evidence.speech import Speaker as Speaker
from tui.model.records import Evidence, Position, PositionsFile, Voice
from tui.safe import quoted, visible


class Basis(StrEnum):
    """On whose word a position rests: the mark a dashboard cell or a snapshot carries."""

    OWN = "own"  # At least one speaker of the position's own party.
    OTHERS = "others"  # Speakers, but none of the position's own party.
    REPORTER = "reporter"  # No speaker at all: only the article's account.


Part = Literal["quote", "voice", "speaker", "evidence"]
"""Which key a finding concerns: an evidence item's `quote`, `voice` or `speaker`, or
a position's `evidence` list as a whole (the basis warnings)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with an attribution; the loader turns it into a located Diagnostic."""

    severity: Literal["error", "warning"]
    message: str
    part: Part


class EvidenceAttribution(NamedTuple):
    """One evidence item's attribution, as the basis of a position needs it.

    A plain tuple `(voice, speaker id, speaker's party, speaker's name)` works too.
    """

    voice: str
    speaker: str | None = None
    party: str | None = None
    name: str | None = None


# --- Checks ---------------------------------------------------------------------------

_SHOWN_WORDS = 6


def _words(text: str, *, last: bool) -> str:
    """A few words from the start (or end) of `text`, for a message."""
    words = " ".join(text.split()).split(" ")
    if len(words) <= _SHOWN_WORDS:
        return " ".join(words)
    return "… " + " ".join(words[-_SHOWN_WORDS:]) if last else " ".join(words[:_SHOWN_WORDS]) + " …"


def check_direct(article: Article, start: int, end: int) -> list[Finding]:
    """Errors when the quote at [start, end) of the article is not the speaker's own words
    as the article quotes them (rules: `direct` in the module docstring)."""
    if start >= end:
        return []
    text = article.text
    touched = article.quotations_in(start, end)
    if not touched:
        return [
            Finding(
                "error",
                "voice is 'direct' but the quote has no words in quotation marks in the "
                "article; use voice 'reported' for the article's account of what the speaker "
                "said or did, or 'article' for its own account",
                "voice",
            )
        ]
    if any(q.start <= start and end <= q.end for q in touched):
        return []
    last = touched[-1]
    if start < last.start < end < last.end:
        closing = quoted(_words(text[last.start : last.end], last=True))
        opening = quoted(_words(text[last.start : end], last=False))
        where = (
            f"on to its closing mark, after {closing}"
            if last.closed
            else "on to the end of its paragraph, where the quotation runs"
        )
        return [
            Finding(
                "error",
                f"the quote opens a quotation ({opening}) "
                f"but stops before it closes; extend it {where}, or end it before the opening "
                "quotation mark",
                "quote",
            )
        ]
    if not any(start <= q.start and q.end <= end for q in touched):
        first = touched[0]
        return [
            Finding(
                "error",
                "the quote starts inside a quotation and runs on past its closing mark into "
                "the article's own words; start it at the opening quotation mark, before "
                f"{quoted(_words(text[first.start : first.end], last=False))}, or end it at "
                "the closing one",
                "quote",
            )
        ]
    narration = unquoted_sentences(article, start, end)
    if narration:
        shown = [quoted(_words(text[a:b], last=False)) for a, b in narration]
        if len(shown) == 1:
            which = f"the quote's sentence {shown[0]} has"
        else:
            listed = ", ".join(shown[:2]) if len(shown) > 2 else " and ".join(shown)
            more = f" and {len(shown) - 2} more" if len(shown) > 2 else ""
            which = f"the quote's sentences {listed}{more} have"
        return [
            Finding(
                "error",
                f"voice is 'direct' but {which} no words in quotation marks: the article's "
                "words, not the speaker's; split the evidence: "
                + ("that sentence" if len(shown) == 1 else "those sentences")
                + " as evidence of "
                + ("its own" if len(shown) == 1 else "their own")
                + " with voice 'reported' (the article's account of what the speaker said) "
                "or 'article' (its own account), and the quotation as 'direct'",
                "voice",
            )
        ]
    return []


def unquoted_sentences(article: Article, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of the passage at [start, end) whose part in it holds a word but
    no quoted word: narration that a `direct` quote would pass off as the speaker's."""
    first, last = article.sentence_range(start, end)
    if first < 0:
        return []
    out = []
    for k in range(first, last + 1):
        a, b = article.sentences[k]
        low, high = max(a, start), min(b, end)
        if low >= high or not any(c.isalnum() for c in article.text[low:high]):
            continue
        if not article.quotations_in(low, high):
            out.append((a, b))
    return out


def check_quoted_words(speech: Speech, start: int, end: int, person: Speaker) -> list[Finding]:
    """A warning when a sentence of the `direct` quote at [start, end) gives its quoted
    words to other people of the file, by a verb of speech, and not to the speaker
    (`tui.evidence.speech` reads who says what)."""
    article = speech.article
    first, last = article.sentence_range(start, end)
    for k in range(max(first, 0), last + 1):
        a, b = article.sentences[k]
        inside = article.quotations_in(max(a, start), min(b, end))
        if not inside:
            continue
        cues = [cue for cue in speech.cues(k) if cue.subject is not None]
        if not cues or any(cue.subject == person.id for cue in cues):
            continue
        others = list(dict.fromkeys(cue.subject for cue in cues if cue.subject is not None))
        names = [_name_of(speech, pid) for pid in others]
        listed = [f"{name} ({quoted(pid)})" for name, pid in zip(names, others, strict=True)]
        who = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
        whose = f"{names[0]}'s" if len(names) == 1 else "theirs"
        said = ", ".join(_cue_words(speech, cue) for cue in cues[:3])
        return [
            Finding(
                "warning",
                f"the quote's sentence ({quoted(_words(article.text[a:b], last=False))}) gives "
                f"its quoted words to {who}: {said}; the speaker is "
                f"{visible(person.name, multiline=False)} ({quoted(person.id)}). If the words "
                f"are {whose}, make the speaker {' or '.join(quoted(pid) for pid in others)}"
                + (
                    ""
                    if any(speech.introduced(q) for q in inside)
                    else " and the voice 'reported' (no verb of speech introduces the quoted "
                    "words: they are a phrase in the article's sentence)"
                )
                + "; "
                f"if the article gives them to {quoted(person.id)} in another way, keep the "
                "speaker and say how in a comment",
                "quote",
            )
        ]
    return []


def _name_of(speech: Speech, pid: str) -> str:
    person = speech.people.get(pid)
    return visible(person.name if person is not None else pid, multiline=False)


def _cue_words(speech: Speech, cue: Cue) -> str:
    """'he described' (he: Donald Trump): a verb of speech and its subject, for a message."""
    shown = quoted(_words(cue.words, last=False))
    if cue.pronoun and cue.subject is not None:
        pronoun = visible(cue.said_by, multiline=False)
        return f"{shown} ({pronoun}: {_name_of(speech, cue.subject)})"
    return shown


def check_speaker(article: Article, start: int, end: int, person: Speaker) -> list[Finding]:
    """A warning when the speaker is not named near the quote at [start, end): what of
    their name is there, if anything, and how to accept it."""
    if start >= end or named_nearby(article, start, end, person):
        return []
    first, _ = article.sentence_range(start, end)
    sentence = article.text[slice(*article.sentences[first])] if first >= 0 else ""
    if not sentence:
        sentence = article.text[start:end]
    where = (
        f"the speaker {visible(person.name, multiline=False)} ({quoted(person.id)}) is not "
        f"named in the quote's sentence ({quoted(_words(sentence, last=False))}) or the "
        "two before it"
    )
    word = name_word_nearby(article, start, end, person)
    if word is not None:
        shown = quoted(visible(word, multiline=False))
        return [
            Finding(
                "warning",
                f"{where}: {shown} is there, a word of the name, but only the full name and "
                f"the aliases count; if {shown} names them there, add it to the aliases of "
                f"{quoted(person.id)}",
                "speaker",
            )
        ]
    return [
        Finding(
            "warning",
            f"{where}; if the article calls them something else there (a surname, a title), "
            f"add that to the aliases of {quoted(person.id)}",
            "speaker",
        )
    ]


def check_evidence(
    article: Article,
    start: int,
    end: int,
    voice: str,
    person: Speaker | None,
    speech: Speech | None = None,
) -> list[Finding]:
    """Every attribution check for one evidence item whose quote was found at [start, end).

    Whether `speaker` is present at all (required for `direct` and `reported`, not
    allowed for `article`) is the format's rule, checked with the rest of the format.
    `speech` reads the article for the file's people (whom a sentence gives its quoted
    words to); without it, that check is not made.
    """
    findings: list[Finding] = []
    if voice == Voice.DIRECT:
        findings += check_direct(article, start, end)
        if person is not None and speech is not None and start < end:
            findings += check_quoted_words(speech, start, end, person)
    if voice in (Voice.DIRECT, Voice.REPORTED) and person is not None:
        findings += check_speaker(article, start, end, person)
    return findings


# --- Basis ----------------------------------------------------------------------------


def basis(
    party: str, evidence: Iterable[tuple[str, str | None, str | None, str | None]]
) -> Basis | None:
    """On whose word the position of `party` rests; None when it has no evidence.

    Decided once per load, by the loader's checks (tui.loader.checks), and kept with the
    load (`LoadResult.basis`): the dashboard and every report read it from there."""
    items = [EvidenceAttribution(*item) for item in evidence]
    if not items:
        return None
    spoken = [item for item in items if item.speaker is not None]
    if any(item.party == party for item in spoken):
        return Basis.OWN
    return Basis.OTHERS if spoken else Basis.REPORTER


def basis_findings(
    kind: Basis | None,
    party: str,
    evidence: Sequence[tuple[str, str | None, str | None, str | None]],
) -> list[Finding]:
    """A warning when the position of `party` does not rest on its own party's word:
    `kind` is its basis, and `evidence` the attributions it was decided from (which name
    the speakers the warning lists)."""
    items = [EvidenceAttribution(*item) for item in evidence]
    own = quoted(party)
    if kind is Basis.REPORTER:
        return [
            Finding(
                "warning",
                "this position rests only on the reporter's account: none of its evidence "
                f"gives what a speaker said; quote a speaker of its own party ({own}) if the "
                "articles have one",
                "evidence",
            )
        ]
    if kind is not Basis.OTHERS:
        return []
    seen: dict[str, str] = {}
    for item in items:
        if item.speaker is not None and item.speaker not in seen:
            name = visible(item.name or item.speaker, multiline=False)
            seen[item.speaker] = (
                f"{name} ({visible(item.party, multiline=False)})" if item.party else name
            )
    names = list(seen.values())
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    reporter = (
        " and on the reporter's account" if any(item.speaker is None for item in items) else ""
    )
    return [
        Finding(
            "warning",
            f"this position rests only on what {listed} "
            f"{'says' if len(names) == 1 else 'say'}{reporter}: none of its "
            f"evidence gives a speaker of its own party ({own})",
            "evidence",
        )
    ]


def attributions(doc: PositionsFile, position: Position) -> list[EvidenceAttribution]:
    """Each evidence item of `position` with its speaker's party and name from `people`."""
    out = []
    for evidence in position.evidence:
        person = doc.people.get(evidence.speaker) if evidence.speaker else None
        out.append(
            EvidenceAttribution(
                evidence.voice.value,
                evidence.speaker,
                person.party if person else None,
                person.name if person else None,
            )
        )
    return out


ARTICLE_VOICE = "the article's account"


def speaker_words(evidence: Evidence, doc: PositionsFile) -> str | None:
    """ "Name, role" of the quote's speaker (its id if `people` lacks it); None for the
    article's own account."""
    if evidence.voice is Voice.ARTICLE or evidence.speaker is None:
        return None
    person = doc.people.get(evidence.speaker)
    if person is None:
        return evidence.speaker
    return f"{person.name}, {person.role}" if person.role else person.name


def attribution_words(evidence: Evidence, doc: PositionsFile) -> str:
    """Who speaks in a quote and how, as plain words: "Name, role" for the speaker's own
    words, "reported: Name, role", or "the article's account"."""
    who = speaker_words(evidence, doc)
    if who is None:
        return ARTICLE_VOICE
    return who if evidence.voice is Voice.DIRECT else f"reported: {who}"
