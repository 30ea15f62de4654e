"""A word diff whose time grows with the text, not with its square or cube.

difflib's SequenceMatcher is exact and fine on a summary of a few dozen words, but it
grows about as the cube of the words when they repeat (prose: "the", "of", "a"): two
versions of a 20,000-word summary with 50 words changed took 144 s. Here the common
start and end are taken first, then words that occur once on each side anchor the rest
(the longest run of them in the same order, as patience diff does; where no word is
found only once, runs of words that are), and SequenceMatcher
sees only the small stretches between anchors. All of it draws on a budget proportional
to the words: once spent, or when a stretch is too big and holds no anchor, that stretch
is said as removed and added whole (still a true diff, only a coarser one).
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import Literal

Op = Literal["equal", "delete", "insert"]

SMALL = 40_000
"""A stretch of at most this many word pairs (200 by 200) goes to SequenceMatcher."""
WORK_PER_WORD = 40
"""The budget: this many steps per word of the two texts, plus SMALL."""
ANCHOR_LENGTHS = (1, 3, 8)
"""Anchors are single words found once on each side; where there are none (a text of
few words, repeated), runs of 3 words, then of 8."""


@dataclass(frozen=True)
class WordOp:
    """One piece of a word diff."""

    op: Op
    text: str


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """A word-level diff; whitespace is normalised to single spaces."""
    a, b = old.split(), new.split()
    pieces: list[tuple[Op, list[str]]] = []
    budget = WORK_PER_WORD * (len(a) + len(b)) + SMALL
    # Stretches to compare, or pieces already decided, in order (the stack's top first).
    todo: list[tuple[int, int, int, int] | tuple[Op, list[str]]] = [(0, len(a), 0, len(b))]
    while todo:
        item = todo.pop()
        if len(item) == 2:
            _add(pieces, *item)
            continue
        i1, i2, j1, j2 = item
        start = i1
        while i1 < i2 and j1 < j2 and a[i1] == b[j1]:
            i1, j1 = i1 + 1, j1 + 1
        _add(pieces, "equal", a[start:i1])
        end = i2
        while i2 > i1 and j2 > j1 and a[i2 - 1] == b[j2 - 1]:
            i2, j2 = i2 - 1, j2 - 1
        tail: list[str] = a[i2:end]
        budget -= (i2 - i1) + (j2 - j1) + (end - start)
        if tail:
            todo.append(("equal", tail))
        size = (i2 - i1) * (j2 - j1)
        if size == 0 or budget <= 0:
            _replace(pieces, a[i1:i2], b[j1:j2])
        elif size <= SMALL and size <= budget:
            budget -= size
            _small(pieces, a[i1:i2], b[j1:j2])
        else:
            anchors: list[tuple[int, int, int]] = []
            for length in ANCHOR_LENGTHS:
                budget -= length * ((i2 - i1) + (j2 - j1))
                anchors = _anchors(a, i1, i2, b, j1, j2, length)
                if anchors or budget <= 0:
                    break
            if not anchors:
                _replace(pieces, a[i1:i2], b[j1:j2])
                continue
            # The stretches between anchors, last first (the stack pops the first).
            ends = [*anchors, (i2, j2, 0)]
            for k in range(len(ends) - 1, -1, -1):
                ai, bj, length = ends[k]
                pi, pj = (
                    (i1, j1)
                    if k == 0
                    else (ends[k - 1][0] + ends[k - 1][2], ends[k - 1][1] + ends[k - 1][2])
                )
                if length:
                    todo.append(("equal", a[ai : ai + length]))
                todo.append((pi, ai, pj, bj))
    return tuple(WordOp(op, " ".join(words)) for op, words in pieces)


def _add(pieces: list[tuple[Op, list[str]]], op: Op, words: list[str]) -> None:
    """Append `words` as `op`, joined to the last piece when it is the same op."""
    if not words:
        return
    if pieces and pieces[-1][0] == op:
        pieces[-1][1].extend(words)
    else:
        pieces.append((op, list(words)))


def _replace(pieces: list[tuple[Op, list[str]]], old: list[str], new: list[str]) -> None:
    _add(pieces, "delete", old)
    _add(pieces, "insert", new)


def _small(pieces: list[tuple[Op, list[str]]], a: list[str], b: list[str]) -> None:
    """A small stretch, exactly, by SequenceMatcher (as every diff was before)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(pieces, "equal", a[i1:i2])
        else:
            _replace(pieces, a[i1:i2], b[j1:j2])


def _anchors(
    a: list[str], i1: int, i2: int, b: list[str], j1: int, j2: int, length: int
) -> list[tuple[int, int, int]]:
    """Runs of `length` words found once in a[i1:i2] and once in b[j1:j2], the longest
    sequence of them in the same order on both sides, none overlapping (patience
    sorting: n log n): (where in a, where in b, length)."""
    grams_a = [tuple(a[i : i + length]) for i in range(i1, i2 - length + 1)]
    grams_b = [tuple(b[j : j + length]) for j in range(j1, j2 - length + 1)]
    in_a, in_b = Counter(grams_a), Counter(grams_b)
    where_b = {gram: j1 + n for n, gram in enumerate(grams_b) if in_b[gram] == 1}
    pairs = [
        (i1 + n, where_b[gram])
        for n, gram in enumerate(grams_a)
        if in_a[gram] == 1 and gram in where_b
    ]
    # The longest increasing run of b's positions, in a's order.
    tops: list[int] = []  # the smallest last b-position of a run of each length
    top_at: list[int] = []  # which pair holds it
    before: list[int] = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tops, j)
        before[n] = top_at[k - 1] if k else -1
        if k == len(tops):
            tops.append(j)
            top_at.append(n)
        else:
            tops[k], top_at[k] = j, n
    run: list[tuple[int, int]] = []
    n = top_at[-1] if top_at else -1
    while n >= 0:
        run.append(pairs[n])
        n = before[n]
    anchors: list[tuple[int, int, int]] = []
    for i, j in reversed(run):
        if not anchors or (i >= anchors[-1][0] + length and j >= anchors[-1][1] + length):
            anchors.append((i, j, length))
    return anchors
