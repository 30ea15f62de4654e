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
      mark, or stop at the closing one.

`direct` and `reported`: the speaker is named nearby
    The speaker's name or one of their aliases must appear in a sentence the quote
    touches or in one of the two sentences before the first of them (sentences as
    `tui.evidence.sentences` splits them). Names are compared without regard to case or
    typography (curly or straight apostrophes, dashes, runs of spaces) and only as
    whole words: the alias "the president" is not found in "the presidential".
    Only the full name and the aliases count, not the surname alone: list the
    surname as an alias when the article uses it ("Trump"), and likewise a title
    ("the spokesperson"). Pronouns are not followed. A speaker not named nearby is
    a warning: the reader may not be able to tell who is speaking.

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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Literal, NamedTuple

from tui.evidence.quotations import Article
from tui.evidence.source_text import normalize
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


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker under `people`, as the nearby-name check needs them."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


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
    return []


@lru_cache(maxsize=256)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for any of `names` as whole words, on normalised case-folded text.

    Alternatives of literal strings cannot backtrack more than their own length."""
    folded = sorted({normalize(n).casefold() for n in names} - {""}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, folded)) + r")(?!\w)")


def first_mention(text: str, person: Speaker) -> int | None:
    """Where the person is first named in `text` (by name or alias, as whole words,
    typography folded), as an offset in the folded text; None when not named."""
    pattern = _name_pattern((person.name, *person.aliases))
    match = pattern.search(normalize(text).casefold()) if pattern is not None else None
    return match.start() if match is not None else None


_BEFORE = 2
"""How many sentences before the quote's first one may name the speaker."""


def named_nearby(article: Article, start: int, end: int, person: Speaker) -> bool:
    """Whether the person's name or an alias is in the sentences [start, end) touches
    or the two before them."""
    first, last = article.sentence_range(start, end)
    if first < 0:
        window = article.text[start:end]
    else:
        low = article.sentences[max(0, first - _BEFORE)][0]
        high = max(end, article.sentences[last][1])
        window = article.text[min(low, start) : high]
    return first_mention(window, person) is not None


def check_speaker(article: Article, start: int, end: int, person: Speaker) -> list[Finding]:
    """A warning when the speaker is not named near the quote at [start, end)."""
    if start >= end or named_nearby(article, start, end, person):
        return []
    first, _ = article.sentence_range(start, end)
    sentence = article.text[slice(*article.sentences[first])] if first >= 0 else ""
    if not sentence:
        sentence = article.text[start:end]
    return [
        Finding(
            "warning",
            f"the speaker {visible(person.name, multiline=False)} ({quoted(person.id)}) is not "
            f"named in the quote's sentence ({quoted(_words(sentence, last=False))}) or the "
            f"two before it; if the article calls them something else there (a surname, "
            f"a title), add that to the aliases of {quoted(person.id)}",
            "speaker",
        )
    ]


def check_evidence(
    article: Article, start: int, end: int, voice: str, person: Speaker | None
) -> list[Finding]:
    """Every attribution check for one evidence item whose quote was found at [start, end).

    Whether `speaker` is present at all (required for `direct` and `reported`, not
    allowed for `article`) is the format's rule, checked with the rest of the format.
    """
    findings: list[Finding] = []
    if voice == Voice.DIRECT:
        findings += check_direct(article, start, end)
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
