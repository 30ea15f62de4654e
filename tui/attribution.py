"""Attribution you can check: who speaks in a quote, and on whose word a position rests.

Every piece of evidence says whose words its quote gives (`voice`) and, unless the
article speaks for itself, who the speaker is (`speaker`, a person under `people`).
Once the quote has been found in its archived article, `summit check` tests the
attribution against the article's own text with the rules below. They are
deliberately simple, so that a curator can predict them.

Quotations in the article
    A quotation runs from an opening quotation mark to the closing mark that pairs
    with it. Double marks are the straight ``"`` and the curly ``“ ” „ ‟`` and
    ``« »``; single marks are the straight ``'`` and the curly ``‘ ’``. Marks are
    paired within one paragraph (one line of the archived text), so a paragraph
    with a stray mark cannot upset the rest of the article.

    - A mark with a letter or digit on both sides is an apostrophe (``don't``,
      ``Europe’s``), never a quotation mark.
    - A mark after a space (or a bracket, a dash, another quotation mark, or at
      the start of the paragraph) and before a word or punctuation opens; a mark
      after a word or punctuation and before a space or punctuation (or at the end
      of the paragraph) closes. When
      the surroundings do not tell (``a " b``), a curly mark goes by its shape and a
      straight double mark closes an open double quotation, or else opens one. A
      straight single mark that the surroundings do not settle is ignored.
    - ``’`` never opens (``’90s``, ``rock ’n’ roll``) and ``‘`` never closes.
    - A closing mark pairs with the nearest open mark of its kind (double or
      single); marks opened inside it and never closed are dropped. A closing mark
      with nothing open of its kind is ignored (``the Europeans’ main objective``).
    - Single marks count only in pairs: one left open at the end of its paragraph
      is an apostrophe after all (``’twas``, ``'em``).
    - A double mark left open at the end of its paragraph runs to the end of the
      paragraph, as news style leaves a long quotation open and reopens it at the
      start of the next paragraph; when the next paragraph does open with a
      quotation mark, the two are one quotation.
    - Only the outermost quotations matter below: a quotation inside another
      (``"he told me 'never'"``) is part of it.

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
    `tui.sentences` splits them). Names are compared without regard to case or
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

Everything here is pure (no I/O). An `Article` finds its quotations (in one pass
over its quotation marks and line breaks, so in linear time) and its sentences
once; every quote is then checked against them by binary search, and the name
search reads only the few sentences around the quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Literal, NamedTuple

from tui.model import Evidence, Position, PositionsFile, Voice
from tui.safe import quoted, visible
from tui.sentences import split_spans
from tui.verify import normalize


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
class Person:
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


@dataclass(frozen=True, slots=True)
class Quotation:
    """An outermost quotation: [start, end) runs from its opening mark to just after
    its closing mark, or to the end of its paragraph when it is left open there."""

    start: int
    end: int
    closed: bool = True


# --- Quotations -----------------------------------------------------------------------

_DOUBLE, _SINGLE = 0, 1
_KIND = {
    '"': _DOUBLE,
    "\u201c": _DOUBLE,  # “
    "\u201d": _DOUBLE,  # ”
    "\u201e": _DOUBLE,  # „
    "\u201f": _DOUBLE,  # ‟
    "\u00ab": _DOUBLE,  # «
    "\u00bb": _DOUBLE,  # »
    "'": _SINGLE,
    "\u2018": _SINGLE,  # ‘
    "\u2019": _SINGLE,  # ’
}
# What a mark is when its surroundings do not tell: True opens, False closes, None
# (straight marks) is decided by the pairing state.
_SHAPE: dict[str, bool | None] = {
    '"': None,
    "\u201c": True,
    "\u201d": False,
    "\u201e": True,
    "\u201f": True,
    "\u00ab": True,
    "\u00bb": False,
    "'": None,
    "\u2018": True,
    "\u2019": False,
}
_NEVER_OPENS = "\u2019"
_NEVER_CLOSES = "\u2018"
_MARKS_OR_NEWLINE = re.compile("[\n" + "".join(_KIND) + "]")
# Before an opening mark (besides a space or the paragraph's start).
_BEFORE_OPENING = "([{\u2014\u2013-/" + "".join(_KIND)
# After a closing mark (besides a space or the paragraph's end).
_AFTER_CLOSING = ".,;:!?)]}\u2014\u2013-/\u2026" + "".join(_KIND)


def quotations(text: str) -> tuple[Quotation, ...]:
    """The outermost quotations of `text`, in order, by the rules in the module docstring.

    One pass over the quotation marks and line breaks; each mark is pushed and popped
    at most once.
    """
    found: list[Quotation] = []
    pending_open = False  # the last quotation found is open at the end of its paragraph
    para_start = 0
    stack: list[tuple[int, int]] = []  # (kind, offset) of the open marks
    open_count = [0, 0]
    pairs: list[Quotation] = []  # this paragraph's outermost quotations so far

    def finish(para_end: int) -> None:
        nonlocal pending_open
        content_end = para_end
        while content_end > para_start and text[content_end - 1].isspace():
            content_end -= 1
        first_double = next((at for kind, at in stack if kind == _DOUBLE), None)
        if first_double is not None:
            _add_outermost(pairs, Quotation(first_double, content_end, closed=False))
        stack.clear()
        open_count[0] = open_count[1] = 0
        if not pairs:
            if content_end > para_start:  # a paragraph without quotations ends a run
                pending_open = False
            return
        head = para_start
        while head < content_end and text[head].isspace():
            head += 1
        first = pairs[0]
        if pending_open and first.start == head and _KIND[text[head]] == _DOUBLE:
            # The previous paragraph's open quotation goes on here.
            found[-1] = Quotation(found[-1].start, first.end, first.closed)
            found.extend(pairs[1:])
        else:
            found.extend(pairs)
        pending_open = not pairs[-1].closed
        pairs.clear()

    for match in _MARKS_OR_NEWLINE.finditer(text):
        at = match.start()
        char = text[at]
        if char == "\n":
            finish(at)
            para_start = at + 1
            continue
        kind = _KIND[char]
        before = text[at - 1] if at > para_start else ""
        after = text[at + 1] if at + 1 < len(text) and text[at + 1] != "\n" else ""
        if kind == _SINGLE and before.isalnum() and after.isalnum():
            continue  # an apostrophe: don't, Europe’s
        may_open = (
            bool(after)
            and not after.isspace()
            and (not before or before.isspace() or before in _BEFORE_OPENING)
        )
        may_close = (
            bool(before)
            and not before.isspace()
            and (not after or after.isspace() or after in _AFTER_CLOSING)
        )
        if may_open != may_close:
            opens: bool | None = may_open
        else:
            opens = _SHAPE[char]
            if opens is None:
                if kind == _SINGLE:
                    continue
                opens = open_count[_DOUBLE] == 0
        if (opens and char in _NEVER_OPENS) or (not opens and char in _NEVER_CLOSES):
            continue
        if opens:
            stack.append((kind, at))
            open_count[kind] += 1
            continue
        if not open_count[kind]:
            continue  # nothing of its kind is open: a stray mark
        while True:
            open_kind, start = stack.pop()
            open_count[open_kind] -= 1
            if open_kind == kind:
                break
        _add_outermost(pairs, Quotation(start, at + 1))
    finish(len(text))
    return tuple(found)


def _add_outermost(pairs: list[Quotation], new: Quotation) -> None:
    """Add `new`, dropping the quotations found earlier that it contains.

    Pairs come out in the order they close, and the pairing never lets two cross: a
    pair that starts inside an earlier one would have been dropped with it. So the
    earlier pairs that `new` contains are exactly those at the end of the list that
    start after it.
    """
    while pairs and pairs[-1].start >= new.start:
        pairs.pop()
    pairs.append(new)


# --- The article ----------------------------------------------------------------------


class Article:
    """One archived article, with its quotations and sentences found once for all quotes."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def quotations(self) -> tuple[Quotation, ...]:
        return quotations(self.text)

    @cached_property
    def _quotation_starts(self) -> list[int]:
        return [q.start for q in self.quotations]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return split_spans(self.text)

    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [end for _, end in self.sentences]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def quotations_in(self, start: int, end: int) -> list[Quotation]:
        """The outermost quotations that overlap [start, end)."""
        starts = self._quotation_starts
        i = max(0, bisect_right(starts, start) - 1)
        out: list[Quotation] = []
        while i < len(starts) and starts[i] < end:
            q = self.quotations[i]
            if q.end > start:
                out.append(q)
            i += 1
        return out

    def sentence_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [first, last] of the sentences that [start, end) touches (the nearest
        sentence after it when it touches none); (-1, -1) when there are none."""
        if not self.sentences:
            return -1, -1
        first = min(bisect_right(self._sentence_ends, start), len(self.sentences) - 1)
        last = max(first, bisect_left(self._sentence_starts, end) - 1)
        return first, last


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


_BEFORE = 2
"""How many sentences before the quote's first one may name the speaker."""


def named_nearby(article: Article, start: int, end: int, person: Person) -> bool:
    """Whether the person's name or an alias is in the sentences [start, end) touches
    or the two before them."""
    pattern = _name_pattern((person.name, *person.aliases))
    if pattern is None:
        return False
    first, last = article.sentence_range(start, end)
    if first < 0:
        window = article.text[start:end]
    else:
        low = article.sentences[max(0, first - _BEFORE)][0]
        high = max(end, article.sentences[last][1])
        window = article.text[min(low, start) : high]
    return pattern.search(normalize(window).casefold()) is not None


def check_speaker(article: Article, start: int, end: int, person: Person) -> list[Finding]:
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
    article: Article, start: int, end: int, voice: str, person: Person | None
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
    """On whose word the position of `party` rests; None when it has no evidence."""
    items = [EvidenceAttribution(*item) for item in evidence]
    if not items:
        return None
    spoken = [item for item in items if item.speaker is not None]
    if any(item.party == party for item in spoken):
        return Basis.OWN
    return Basis.OTHERS if spoken else Basis.REPORTER


def check_basis(
    party: str, evidence: Sequence[tuple[str, str | None, str | None, str | None]]
) -> list[Finding]:
    """A warning when the position of `party` does not rest on its own party's word."""
    items = [EvidenceAttribution(*item) for item in evidence]
    kind = basis(party, items)
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


def position_basis(doc: PositionsFile, position: Position) -> Basis | None:
    """On whose word `position` rests (see the module docstring)."""
    return basis(position.party, attributions(doc, position))
