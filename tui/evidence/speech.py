"""Whom an article's own words give a quotation to: verbs of speech and their subjects.

The `direct` checks (`tui.evidence.attribution`) and the viewer's guess
(`tui.authoring.citing`) read a sentence the same way, by these rules, so that the guess
never proposes what the checks would flag. They are deliberately simple; each is a rule
a curator can apply by eye.

Mentions
    Only the article's own words count (the narration, outside every quotation): a
    person is mentioned where their full name or an alias stands as whole words
    (case and typography aside), and `he` or `she` mentions whoever the pronoun
    stands for. An alias shared by two people mentions nobody.

Verbs of speech
    `said`, `told`, `described`, `warned`, `underlined`, ... (`SPEECH_VERBS`), written
    in lowercase, and `according to`. Not `asked` (an asked question is someone
    else's), nor `spoke` (who spoke to whom is not what was said).

The subject of a verb of speech
    The nearest mention before it in its sentence, when at most three words stand
    between (none of them `and`, `that`, `who`, `while`, ... (`_NOT_BETWEEN`)) besides
    one aside between commas ("Alexey Fedeyev, deputy director of ..., said"), and
    the mention is not a possessive ("Trump's spokesman said" is the spokesman's).
    Failing that, for a participle ("..., reiterating that ..., and insisting that
    ..."), the first mention of its sentence (the sentence's subject); else a mention
    right after it: "said Della", "said its envoy, Tomas Vell", "according to the
    spokesperson", "as described by France's Emmanuel Macron" (`by`, after any verb).

A pronoun
    Stands for the nearest person named before it in its sentence; a pronoun named
    before anyone in its sentence ("He said that ...") stands for the previous
    speaker: the subject of the first verb of speech with a known subject in the
    nearest of the two sentences before it.

A sentence's speakers
    The subjects of its verbs of speech, in order. A sentence with no words of the
    article's own (a quotation that runs over sentences) goes on with the previous
    speaker.

A quotation given as someone's words
    It fills its sentences (no words of the article's own there), or a verb of speech
    introduces it ('said ', 'said: ', 'told reporters: ', 'said on Wednesday that '), or
    the first verb of speech after it follows it at once ('"...," said Della') or after
    its subject, with at most a title before that ('"...," the Northland foreign
    minister, Ada Brisk, told reporters'). Any other quotation is a phrase in the
    article's own sentence: 'what he described as a "feel-out" to test ...', '"very
    severe consequences" if he refuses ..., the US president said'.

Named near a passage
    `named_nearby`: the full name or an alias, anywhere in the passage's sentences or the
    two before them (quotations included), the rule of `summit check`'s speaker warning;
    `name_word_nearby`: a capitalised word of the name there ("Della" of "Della Fry"),
    which the warning names.

Pure: no I/O. One `Speech` reads an article for one set of people; each sentence is
read once, on first use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from tui.evidence.quotations import Article, Quotation
from tui.evidence.source_text import normalize

SPEECH_VERBS = frozenset(
    """said says saying told tells telling added adds adding warned warns stated
    insisted insists insisting declared declares announced announces wrote writes argued
    argues urged urges vowed vows pledged pledges promised noted replied replies responded
    suggested suggests underlined underlines stressed stresses described describes
    describing called calls repeated repeats repeating reiterated reiterates reiterating
    explained explains claimed asserted acknowledged admitted confirmed denied predicted
    threatened cautioned emphasised emphasized remarked commented continued""".split()
)
"""Verbs whose subject speaks: the words that give what follows or precedes to someone."""
INVERTING = frozenset({"said", "says", "added", "adds", "wrote", "writes", "replied", "continued"})
"""Verbs whose subject may follow them: "said Della"."""
_NOT_BETWEEN = frozenset(
    """and or but nor that which who whom whose while when if because although though
    after before since than as where whether so""".split()
)
"""Words that end a clause: a name before one of them is not the verb's subject."""
_MAX_BETWEEN = 3
_MAX_TITLE = 6
"""Words that may stand between a quotation and the subject of the verb after it: a
title ('"...," the Northland foreign minister, Ada Brisk, told')."""
_BACK = 2
"""How many sentences back the previous speaker is looked for."""
_DEPTH = 4
"""How many previous speakers may be followed in a row (a pronoun after a pronoun ...)."""

_FOLD_1_TO_1: dict[int, int] = str.maketrans(
    "\u2018\u2019\u201c\u201d\u201e\u201f\u00ab\u00bb\u2010\u2011\u2012\u2013\u2014\u2015\u2026",
    '\'\'""""""------.',
)
"""Typography folded one character for one, so offsets stay those of the article."""
_PRONOUN = re.compile(r"(?<![\w'-])(?:he|she)(?![\w'-])", re.IGNORECASE)
_VERB = re.compile(
    r"(?<![\w'-])(?:(?:" + "|".join(sorted(SPEECH_VERBS)) + r")|[Aa]ccording to)(?![\w'-])"
)
_WORD = re.compile(r"[\w.'-]+")
_ASIDE = re.compile(r"\s*,[^,;:!?\"()]*,")
_LONE_COMMA = re.compile(r"\s*,")
_BY = re.compile(r"\s+by\s+(?:[\w.-]+'s\s+)?")
_POSSESSIVE_AFTER = re.compile(r"\s+(?:[\w.-]+'s\s+)?")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person under `people`, as the attribution rules need them."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named, or a pronoun, in the article's own words: [start, end) in the
    article; `person` is an id (None for a pronoun, or an alias two people share)."""

    start: int
    end: int
    person: str | None
    pronoun: bool = False


@dataclass(frozen=True, slots=True)
class Cue:
    """A verb of speech and whom it gives the words to."""

    start: int
    end: int
    subject: str | None
    """The person id of its subject, the pronoun followed; None when not known."""
    words: str
    """The subject and the verb as the article writes them, e.g. 'he described'."""
    said_by: str = ""
    """The subject as the article writes it, e.g. 'he'."""
    said_at: int = -1
    """Where the subject stands in the article (-1 when there is none)."""
    pronoun: bool = False
    """Whether the subject is a pronoun (then `subject` is whom it stands for)."""


@lru_cache(maxsize=64)
def _people_pattern(
    names: tuple[tuple[str, str], ...],
) -> tuple[re.Pattern[str] | None, dict[str, str | None]]:
    """One pattern for every (id, name or alias), and the folded name -> id table (None
    for a name two people share)."""
    table: dict[str, str | None] = {}
    for pid, name in names:
        key = _key(name)
        if not key:
            continue
        table[key] = pid if table.get(key, pid) == pid else None
    if not table:
        return None, table
    parts = sorted(table, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, part.split(" "))) for part in parts)
    pattern = re.compile(r"(?<![\w'-])(?:" + alternatives + r")(?![\w-])", re.IGNORECASE)
    return pattern, table


def _key(name: str) -> str:
    return " ".join(name.translate(_FOLD_1_TO_1).split()).casefold()


class Speech:
    """An article read for one set of people: mentions, verbs of speech, speakers."""

    def __init__(self, article: Article, people: Sequence[Speaker]) -> None:
        self.article = article
        self.people = {person.id: person for person in people}
        names = tuple((p.id, n) for p in people for n in (p.name, *p.aliases))
        self._pattern, self._table = _people_pattern(names)
        self._cues: dict[int, tuple[Cue, ...]] = {}
        self._narration: dict[int, tuple[tuple[int, int], ...]] = {}
        self._mentions: dict[int, tuple[Mention, ...]] = {}

    @cached_property
    def _folded(self) -> str:
        # One `str.replace` per mark present: `translate` takes a slow path on non-ASCII
        # text (as tui.evidence.source_text._fold measured).
        text = self.article.text
        for code, plain in _FOLD_1_TO_1.items():
            if chr(code) in text:
                text = text.replace(chr(code), chr(plain))
        return text

    # --- the article's own words -----------------------------------------------------------

    def narration(self, k: int) -> tuple[tuple[int, int], ...]:
        """The stretches of sentence `k` outside every quotation."""
        found = self._narration.get(k)
        if found is not None:
            return found
        start, end = self.article.sentences[k]
        out: list[tuple[int, int]] = []
        at = start
        for q in self.article.quotations_in(start, end):
            if q.start > at:
                out.append((at, q.start))
            at = max(at, q.end)
        if at < end:
            out.append((at, end))
        found = self._narration[k] = tuple(out)
        return found

    def all_quoted(self, k: int) -> bool:
        """Whether sentence `k` has no word of the article's own."""
        text = self.article.text
        return not any(any(c.isalnum() for c in text[a:b]) for a, b in self.narration(k))

    def mentions(self, k: int) -> tuple[Mention, ...]:
        """People named and pronouns in sentence `k`'s own words, in order."""
        found = self._mentions.get(k)
        if found is not None:
            return found
        items: list[Mention] = []
        for a, b in self.narration(k):
            if self._pattern is not None:
                for m in self._pattern.finditer(self._folded, a, b):
                    items.append(Mention(m.start(), m.end(), self._table.get(_key(m.group()))))
            for m in _PRONOUN.finditer(self._folded, a, b):
                items.append(Mention(m.start(), m.end(), None, pronoun=True))
        found = self._mentions[k] = tuple(sorted(items, key=lambda m: m.start))
        return found

    # --- verbs of speech ---------------------------------------------------------------------

    def cues(self, k: int, depth: int = _DEPTH) -> tuple[Cue, ...]:
        """The verbs of speech of sentence `k`'s own words, each with its subject."""
        found = self._cues.get(k)
        if found is not None:
            return found
        out: list[Cue] = []
        for a, b in self.narration(k):
            for verb in _VERB.finditer(self._folded, a, b):
                mention = self._subject(self.mentions(k), verb)
                if mention is None:
                    out.append(Cue(verb.start(), verb.end(), None, verb.group()))
                    continue
                low, high = min(mention.start, verb.start()), max(mention.end, verb.end())
                person = (
                    self._pronoun_person(k, mention, depth) if mention.pronoun else mention.person
                )
                words = " ".join(self.article.text[low:high].split())
                said_by = self.article.text[mention.start : mention.end]
                out.append(
                    Cue(
                        verb.start(),
                        verb.end(),
                        person,
                        words,
                        said_by,
                        mention.start,
                        mention.pronoun,
                    )
                )
        result = tuple(out)
        if depth == _DEPTH:
            self._cues[k] = result
        return result

    def _subject(self, mentions: Sequence[Mention], verb: re.Match[str]) -> Mention | None:
        """The mention that is the subject of `verb`, by the rules in the module docstring."""
        text = self._folded
        before = [m for m in mentions if m.end <= verb.start()]
        if before:
            mention = before[-1]
            gap = text[mention.end : verb.start()]
            if _between_ok(gap) and (
                not _LONE_COMMA.fullmatch(gap) or text[: mention.start].rstrip().endswith(",")
            ):
                return mention
        if verb.group().endswith("ing") and before:
            return before[0]  # "..., insisting that ...": the sentence's subject
        after = next((m for m in mentions if m.start >= verb.end()), None)
        if after is None or text.startswith("'s", after.end):
            return None
        gap = text[verb.end() : after.start]
        word = verb.group()
        if (
            (word in INVERTING and _TITLES.fullmatch(gap))
            or _BY.fullmatch(gap)
            or (word.lower() == "according to" and _POSSESSIVE_AFTER.fullmatch(gap))
        ):
            return after
        return None

    def _pronoun_person(self, k: int, pronoun: Mention, depth: int) -> str | None:
        named = [m for m in self.mentions(k) if m.end <= pronoun.start and not m.pronoun]
        if named:
            return named[-1].person
        return self.previous_speaker(k, depth - 1)

    def previous_speaker(self, k: int, depth: int = _DEPTH) -> str | None:
        """The subject of the first verb of speech with a known subject in the nearest of
        the two sentences before `k` (a sentence all quotation goes on with the one
        before it)."""
        if depth <= 0:
            return None
        for j in range(k - 1, max(-1, k - 1 - _BACK), -1):
            if self.all_quoted(j):
                return self.previous_speaker(j, depth - 1)
            known = [c.subject for c in self.cues(j, depth) if c.subject is not None]
            if known:
                return known[0]
        return None

    def speakers(self, k: int) -> list[str]:
        """Whom sentence `k`'s own words give what is said to, in order; for a sentence
        all quotation, the previous speaker."""
        if self.all_quoted(k):
            previous = self.previous_speaker(k)
            return [previous] if previous is not None else []
        out: list[str] = []
        for cue in self.cues(k):
            if cue.subject is not None and cue.subject not in out:
                out.append(cue.subject)
        return out

    # --- quotations ----------------------------------------------------------------------------

    def introduced(self, q: Quotation) -> bool:
        """Whether quotation `q` is given as someone's words (rules in the module
        docstring), not a phrase in the article's own sentence."""
        first, last = self.article.sentence_range(q.start, q.end)
        if first < 0:
            return False
        if all(self.all_quoted(k) for k in range(first, last + 1)):
            return True
        lead = self._folded[self.article.sentences[first][0] : q.start]
        return bool(_INTRODUCED.search(lead)) or self._followed(q, last)

    def _followed(self, q: Quotation, k: int) -> bool:
        """Whether the first verb of speech after `q` in sentence `k` gives it to someone:
        nothing but punctuation between ('"...," said Della'), or its subject between
        ('"...," the Northland foreign minister, Ada Brisk, told reporters', with at most
        a few words of a title before the subject: not a clause, as in '"very severe
        consequences" if he refuses ..., the US president said')."""
        cue = next((c for c in self.cues(k) if c.start >= q.end), None)
        if cue is None or self.article.quotations_in(q.end, cue.start):
            return False
        gap = self._folded[q.end : cue.start]
        if not gap.strip(" ,.!?;:"):
            return True
        if not q.end <= cue.said_at < cue.start:
            return False
        words = self._folded[q.end : cue.said_at].replace(",", " ").split()
        return len(words) <= _MAX_TITLE and not any(w.lower() in _NOT_BETWEEN for w in words)


_VERBS = "|".join(sorted(SPEECH_VERBS))
_INTRODUCED = re.compile(
    rf"(?<![\w'-])(?:{_VERBS})"
    r"(?:\s*|(?:\s+[\w.'-]+){0,3}\s*[:,]\s*|(?:\s+[\w.'-]+){0,3}?\s+that\s+)$"
)
"""A verb of speech just before a quotation: 'said ', 'said: ', 'told reporters: ',
'said on Wednesday that '."""
_TITLES = re.compile(r"\s+(?:[A-Z][\w.'-]*\s+){0,3}|\s+(?:[\w.'-]+\s+){0,3}[\w.'-]+,\s+")
"""Between an inverting verb and its subject: nothing, a title ('said German Chancellor
Friedrich Merz') or a few words before a comma ('said its envoy, Tomas Vell')."""


def _between_ok(gap: str) -> bool:
    """Whether `gap` may stand between a subject and its verb: a few plain words, and
    at most one aside between commas."""
    if gap.startswith("'s") or gap.startswith("s'"):
        return False  # a possessive: "Trump's spokesman said"
    aside = _ASIDE.match(gap) or _LONE_COMMA.match(gap)
    rest = gap[aside.end() :] if aside else gap
    words = rest.split()
    if len(words) > _MAX_BETWEEN:
        return False
    return all(_WORD.fullmatch(w) and w.lower() not in _NOT_BETWEEN for w in words)


# --- Names near a passage ----------------------------------------------------------------


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


def _window(article: Article, start: int, end: int) -> str:
    """The sentences [start, end) touches and the two before them."""
    first, last = article.sentence_range(start, end)
    if first < 0:
        return article.text[start:end]
    low = article.sentences[max(0, first - _BEFORE)][0]
    high = max(end, article.sentences[last][1])
    return article.text[min(low, start) : high]


def named_nearby(article: Article, start: int, end: int, person: Speaker) -> bool:
    """Whether the person's name or an alias is in the sentences [start, end) touches
    or the two before them."""
    return first_mention(_window(article, start, end), person) is not None


_SMALL_WORDS = frozenset({"the", "of", "and"})


def name_word_nearby(article: Article, start: int, end: int, person: Speaker) -> str | None:
    """A capitalised word of the person's name (not the whole name) in the sentences
    [start, end) touches or the two before them, as the article writes it; None if none."""
    window = normalize(_window(article, start, end))
    found: list[tuple[int, str]] = []
    for word in dict.fromkeys(normalize(person.name).split()):
        if len(word) < 2 or not word[0].isupper() or word.casefold() in _SMALL_WORDS:
            continue
        match = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", window)
        if match is not None:
            found.append((match.start(), match.group()))
    return min(found)[1] if found else None
