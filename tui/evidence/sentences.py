"""A sentence splitter good enough for news text, with offsets into the original.

`summit coverage` needs sentence spans (not just strings) to tell which
sentences a quote touches, so every sentence is a (start, end) pair into the
text it came from. Rules, in order:

- A newline always ends a sentence: archived articles keep one paragraph per
  line, and headlines and captions have no final full stop.
- Inside a paragraph a sentence ends at `.`, `!` or `?` (optionally followed
  by closing quotes or brackets: `."`, `.”`, `?)`), when whitespace follows and
  the next word looks like a sentence start (a capital, a digit or an opening
  quote). So `"Why?" he asked` and `3.5` never split.
- An ellipsis (`…` or `...`) ends a sentence only when a closing quote follows
  it; otherwise it is taken as an omission inside the sentence ("Yes, they
  will … very severe consequences.").
- Before a full stop, these never end a sentence: titles (Mr., Dr., Gen.,
  St., ...), e.g./i.e./etc./vs., single-letter initials (J. D. Vance, Donald
  J. Trump), and months or No. before a number (Jan. 5, No. 10).
- Dotted abbreviations such as U.S., U.K., a.m. end a sentence only when the
  next word is a common sentence opener ("... in the U.S. The president"), so
  "U.S. Treasury Secretary Scott Bessent" stays whole.
"""

from __future__ import annotations

import re

# Titles and words that precede a name or a continuation, never end a sentence.
_NEVER_END = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cmdr",
        "adm",
        "brig",
        "gov",
        "sen",
        "rep",
        "rev",
        "fr",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "pres",
        "amb",
        "hon",
        "atty",
        "supt",
        "insp",
        "messrs",
        "mme",
        "mlle",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "cf",
        "approx",
        "ca",
        "al",
    }
)
# Abbreviations that stand before a number: "Jan. 5", "No. 10", "p. 3".
_BEFORE_NUMBER = frozenset(
    {
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "p",
        "pp",
        "vol",
        "art",
        "fig",
        "ch",
    }
)
# After a dotted abbreviation (U.S., U.K., a.m.), these words start a new sentence.
_OPENERS = frozenset(
    """a an and as at after but by for he her his however i if in it its meanwhile
    moreover nor on or our she so that the their there these they this those though
    thus to we what when where while who why yet you""".split()
)
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_INITIAL = re.compile(r"[A-Z]")
_CLOSERS = "\"'”’»)]"
_OPENING = "\"'“‘«(["
# A terminator with its closing quotes, then the whitespace before the next sentence.
# It starts only at the first mark of a run (the look-behind): otherwise a long run of
# dots with no space after it is tried again from every dot, in quadratic time.
_BOUNDARY = re.compile(
    r"(?<![.!?…])(\.\.\.|…|[.!?]+)([" + re.escape(_CLOSERS) + r"]*)[ \t\f\v]+(?=\S)"
)
_WORD = re.compile(r"[\w'’-]+")


def split_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in `text`, in order, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[^\n]+", text):
        para_start, para_end = match.span()
        start = para_start
        for boundary in _BOUNDARY.finditer(text, para_start, para_end):
            if _ends_sentence(text, boundary, para_start):
                _add(spans, text, start, boundary.start(2) + len(boundary.group(2)))
                start = boundary.end()
        _add(spans, text, start, para_end)
    return spans


def split(text: str) -> list[str]:
    """The sentences of `text`, as strings."""
    return [text[a:b] for a, b in split_spans(text)]


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _ends_sentence(text: str, boundary: re.Match[str], para_start: int) -> bool:
    terminator, closers = boundary.group(1), boundary.group(2)
    after = boundary.end()
    first = text[after]
    word_match = _WORD.match(text, after + (1 if first in _OPENING else 0))
    next_word = word_match.group() if word_match else ""
    starts = first.isupper() or first.isdigit() or first in _OPENING
    if not starts:
        return False
    if terminator in ("...", "…"):
        return bool(closers)
    if terminator != "." or closers:
        return True
    # A single full stop with no closing quote: look at the word before it.
    token_start = boundary.start(1)
    while token_start > para_start and not text[token_start - 1].isspace():
        token_start -= 1
    token = text[token_start : boundary.start(1)].lstrip(_OPENING)
    lowered = token.lower()
    if lowered in _NEVER_END or _INITIAL.fullmatch(token):
        return False
    if lowered in _BEFORE_NUMBER and first.isdigit():
        return False
    if _DOTTED.fullmatch(token):
        return next_word.lower() in _OPENERS
    return True
