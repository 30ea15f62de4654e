"""Quotations and sentences of an archived article, found once for every quote checked.

`tui.evidence.attribution` checks a quote's voice against the quotations found here;
`tui.authoring.citing` and the dashboard's article viewer use the same `Article`.

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
    - Only the outermost quotations are kept: a quotation inside another
      (``"he told me 'never'"``) is part of it.

Everything here is pure (no I/O). An `Article` finds its quotations (in one pass
over its quotation marks and line breaks, so in linear time) and its sentences
once; a quote is then placed among them by binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from tui.evidence.sentences import split_spans


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


_DOUBLE_MARKS = frozenset(mark for mark, kind in _KIND.items() if kind == _DOUBLE)


def without_dangling_marks(text: str) -> tuple[int, int]:
    """Where `text` starts and ends once a double quotation mark at either end whose
    partner is not in `text` is left out (with the spaces next to it).

    A passage cut from a quotation that runs over sentences keeps the mark of one end
    and not the other (`"When people say ...`, or `... sabotaging them."`); quoted as
    it is, it reads `“"When people say …”`. Without the lone mark it is a fragment of the
    quotation, which is what it shows."""
    start, end = 0, len(text)
    if not text:
        return start, end
    found = quotations(text)
    if text[0] in _DOUBLE_MARKS and not any(q.start == 0 and q.closed for q in found):
        start = 1
    if text[-1] in _DOUBLE_MARKS and end - 1 >= start and not any(q.end == end for q in found):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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
