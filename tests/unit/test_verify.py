"""Quote matching: typography is forgiven, words and case are not, and every match maps
back to the exact stretch of the original article."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import ROOT
from tests.helpers import SEEDS as SEEDS_FOLDER
from tui.evidence.closest import closest_passage
from tui.evidence.source_text import SourceText, _fold, normalize, same_articles

SEEDS = sorted(SEEDS_FOLDER.glob("*.txt"))

TEXT = (
    "The minister said: \u201cWe will not give up an inch.\u201d\n"
    "Talks could resume \u2014 but only after a ceasefire \u2026 officials said.\n"
    "It\u2019s a 2\u20133 day   process,\n  with  \u00abnew\u00bb terms...\n"
    'Plain "straight" quotes and a - hyphen.\n'
)


@pytest.fixture
def source() -> SourceText:
    return SourceText(TEXT)


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        # Straight quotes in the quote, curly in the source...
        ('said: "We will not give up an inch."', "said: \u201cWe will not give up an inch.\u201d"),
        ("It's a", "It\u2019s a"),
        # ...and curly in the quote, straight in the source.
        ("Plain \u201cstraight\u201d quotes", 'Plain "straight" quotes'),
        ("\u00abnew\u00bb", "\u00abnew\u00bb"),
        ('"new"', "\u00abnew\u00bb"),
        # Three dots for the ellipsis character, and the reverse.
        ("ceasefire ... officials", "ceasefire \u2026 officials"),
        ("new\u00bb terms\u2026", "new\u00bb terms..."),
        # Hyphen for en and em dashes, and an em dash for a hyphen.
        ("resume - but", "resume \u2014 but"),
        ("a 2-3 day", "a 2\u20133 day"),
        ("a \u2014 hyphen", "a - hyphen"),
        # Runs of whitespace and newlines are one space.
        (
            "2\u20133 day process, with \u00abnew\u00bb",
            "2\u20133 day   process,\n  with  \u00abnew\u00bb",
        ),
        ("inch.\u201d Talks", "inch.\u201d\nTalks"),
        ("  We will not give up an inch.  ", "We will not give up an inch."),
    ],
)
def test_typography_is_forgiven_and_span_is_the_original(
    source: SourceText, quote: str, passage: str
) -> None:
    span = source.find(quote)
    assert span is not None
    start, end = span
    assert TEXT[start:end] == passage
    assert source.contains(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "we will not give up an inch.",  # case is kept
        "WE WILL NOT",
        "We will never give up an inch.",  # one word changed
        "We will not give up one inch.",
        "We will not give up an inch!",  # punctuation is not typography
        "We will not give up an inch",  # ...but a missing full stop is fine: see below
        "Talks could resume but only",  # a dropped dash is a change, not typography
        "ceasefire .. officials",  # two dots are not an ellipsis
        "",
        "   \n ",
    ],
)
def test_changes_beyond_typography_are_not_found(source: SourceText, quote: str) -> None:
    if quote == "We will not give up an inch":
        # A shorter quote is a substring: found. Only changed words fail.
        assert source.find(quote) is not None
        return
    assert source.find(quote) is None
    assert not source.contains(quote)


def test_spans_around_the_ellipsis_character() -> None:
    text = "a\u2026b and x \u2026 y\u2026"
    source = SourceText(text)
    cases = {
        "a...b": "a\u2026b",
        "a...": "a\u2026",
        "...b": "\u2026b",
        "b and x ... y": "b and x \u2026 y",
        "y...": "y\u2026",
        "...": "\u2026",  # the first one
    }
    for quote, passage in cases.items():
        span = source.find(quote)
        assert span is not None, quote
        assert text[span[0] : span[1]] == passage, quote
    # Text after an ellipsis keeps its place: offsets do not drift by the two extra dots.
    start, end = source.find("and x") or (0, 0)
    assert (start, end) == (text.index("and x"), text.index("and x") + 5)


def test_spans_after_many_shifts() -> None:
    """Offsets stay exact after many length changes (whitespace runs and ellipses)."""
    text = "".join(f"w{i}\u2026  \n\t" for i in range(300)) + "end of the text"
    source = SourceText(text)
    for i in (0, 1, 150, 299):
        span = source.find(f"w{i}...")
        assert span is not None
        assert text[span[0] : span[1]] == f"w{i}\u2026"
    span = source.find("end of the text")
    assert span is not None
    assert text[span[0] : span[1]] == "end of the text"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_random_passages_of_the_seeds_map_back(seed: Path) -> None:
    """Any stretch of a real article, retyped with straight quotes, hyphens, dots and
    reflowed spaces, is found, and its span holds exactly that stretch."""
    text = seed.read_text(encoding="utf-8")
    source = SourceText(text)
    rng = random.Random(seed.name)
    retype = str.maketrans(
        {"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2014": "-", "\u2013": "-"}
    )
    for _ in range(200):
        start = rng.randrange(len(text) - 80)
        while start and not text[start - 1].isspace():
            start -= 1
        end = start + rng.randrange(20, 80)
        while end < len(text) and not text[end].isspace():
            end += 1
        passage = text[start:end]
        if not passage.strip():
            continue
        quote = " ".join(passage.translate(retype).replace("\u2026", "...").split())
        span = source.find(quote)
        assert span is not None, quote
        found = text[span[0] : span[1]]
        assert normalize(found) == normalize(quote)
        # The span is the passage itself (or an identical earlier occurrence).
        assert found == passage.strip() or text.index(found) < start


def test_closest_passage_for_a_typo(source: SourceText) -> None:
    assert closest_passage(source, "We will never give up an inch.") == (
        "\u201cWe will not give up an inch.\u201d"
    )
    assert closest_passage(source, "Talks could resume but only after a cesefire") == (
        "Talks could resume \u2014 but only after a ceasefire"
    )
    # The passage is the original text, typography and all, across a line break.
    assert closest_passage(source, "officals said. Its a 2-3 day") == (
        "officials said.\nIt\u2019s a 2\u20133 day"
    )


def test_closest_passage_in_a_real_article() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    source = SourceText(text)
    start = len(text) // 2
    start = text.index(" ", start) + 1
    end = text.index(" ", start + 120)
    passage = text[start:end]
    words = passage.split()
    words[len(words) // 2] = words[len(words) // 2] + "x"  # one typo in the middle
    quote = " ".join(words)
    assert source.find(quote) is None
    assert normalize(closest_passage(source, quote)) == normalize(passage)


def test_closest_of_nothing_is_empty() -> None:
    assert closest_passage(SourceText("some text"), "") == ""
    assert closest_passage(SourceText(""), "words") == ""
    # A quote running past the end of the text: the passage stops at the text's end.
    assert (
        closest_passage(SourceText("alpha beta gamma"), "gamma delta epsilon zeta eta") == "gamma"
    )


def test_line_of() -> None:
    source = SourceText("one\ntwo three\nfour")
    offset = source.text.index("three")
    start, end = source.line_of(offset)
    assert source.text[start:end] == "two three"
    start, end = source.line_of(len(source.text) - 1)
    assert source.text[start:end] == "four"


def _article(size: int) -> str:
    """A long article: the seeds, repeated until `size` characters."""
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in SEEDS)
    return (text + "\n\n") * (size // (len(text) + 2) + 1)


def test_closest_compares_bounded_lengths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the lengths of quote and article, each comparison sees at most a few hundred
    characters of the quote and a bounded stretch of the article, and there are few of them
    (the unbounded search compared the whole quote with the whole article, and windows as
    long as the quote, dozens of times: minutes for a quote of 2,000 characters)."""
    from rapidfuzz import fuzz

    import tui.evidence.closest as closest

    seen: list[tuple[int, int]] = []  # (characters of the text, of the quote) compared
    real_matcher, real_align = closest.difflib.SequenceMatcher, fuzz.partial_ratio_alignment

    def matcher(junk: object, a: str, b: str, **kwargs: object) -> object:
        seen.append((len(a), len(b)))
        return real_matcher(junk, a, b, **kwargs)

    def align(a: str, b: str, **kwargs: object) -> object:
        seen.append((len(b), len(a)))  # (text, quote), as for the matcher
        return real_align(a, b, **kwargs)

    monkeypatch.setattr(closest.difflib, "SequenceMatcher", matcher)
    monkeypatch.setattr(fuzz, "partial_ratio_alignment", align)
    article = _article(2_000_000)
    words = article.split()
    quote = " ".join(words[i * 7919 % len(words)] for i in range(60_000))  # 300 KB or so
    assert len(quote) > 250_000
    passage = closest_passage(SourceText(article), quote)
    assert passage
    assert seen
    assert len(seen) <= 2 * closest._MAX_EDGES + closest._MAX_EDGES + 1
    assert all(quoted <= closest._QUOTE_CAP for quoted in (b for _, b in seen))
    limit = closest._QUOTE_CAP + 2 * closest._WORD_CAP
    assert all(a <= max(limit, closest._REGION) for a, _ in seen)


def test_closest_of_a_long_misquote_is_placed_by_both_ends() -> None:
    """A long quote (past the compared length) with a typo at each end still gets the
    passage it was copied from, start and end."""
    text = SEEDS[1].read_text(encoding="utf-8")
    words = text.split()
    passage = " ".join(words[40:200])
    assert len(passage) > 2 * 256
    typo = passage.split()
    typo[1] += "x"
    typo[-2] += "x"
    source = SourceText(_article(3_000_000))
    assert normalize(closest_passage(source, " ".join(typo))) == normalize(passage)


_HANG_CHECK = """
import sys
from tui.evidence.closest import closest_passage
from tui.evidence.source_text import SourceText
article = open(sys.argv[1], encoding="utf-8").read()
quote = open(sys.argv[2], encoding="utf-8").read()
print(len(closest_passage(SourceText(article), quote)) > 0)
"""


@pytest.mark.parametrize(
    ("article_size", "quote_size"),
    [(8_000, 2_000), (8_000, 300_000), (16_000_000, 300_000), (16_000_000, 100)],
)
def test_closest_answers_for_any_lengths(
    tmp_path: Path, article_size: int, quote_size: int
) -> None:
    """No hang: the search answers for quotes and articles of any size (a 2,000-character
    misquote took minutes before, 300 KB never finished). The generous timeout only turns
    a hang into a failure; it measures nothing."""
    import subprocess
    import sys

    article = _article(article_size)[:article_size]
    words = article.split()
    rng = random.Random(article_size + quote_size)
    quote, size = [], 0
    while size < quote_size:  # the article's words shuffled: nothing lines up
        word = rng.choice(words)
        quote.append(word)
        size += len(word) + 1
    (tmp_path / "article.txt").write_text(article, encoding="utf-8")
    (tmp_path / "quote.txt").write_text(" ".join(quote)[:quote_size], encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _HANG_CHECK,
            str(tmp_path / "article.txt"),
            str(tmp_path / "quote.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"


# Every character Python's regex `\s` matches, and a few that look like spaces but are not.
_SPACES = [chr(c) for c in range(0x3001) if chr(c).isspace()] + ["\u200b", "\ufeff", "\u2060"]


@given(
    st.text(alphabet=st.sampled_from(["a", "b", ".", "\u2026", "\u201c", *_SPACES]), max_size=40)
)
def test_whitespace_folds_as_the_regex_defines_it(text: str) -> None:
    """Whitespace is folded by split and join (fast), and must fold exactly as `\\s+` does,
    for every kind of space: one space per run, the ends stripped for a quote and kept
    for an article (whose offsets map back to its text)."""
    folded = _fold(text)
    assert normalize(text) == re.sub(r"\s+", " ", folded).strip()
    source = SourceText(text)
    assert source.normalized == re.sub(r"\s+", " ", folded)
    if normalize(text):
        assert source.find(text) is not None


# --- one article under several ids (the single-source warning, issue 19) ----------------


def test_same_articles_by_text_and_by_url_and_from_one_to_the_next() -> None:
    same = same_articles(
        [
            ("a", "Some text.", None),
            ("b", "Other text.", "https://example.org/x"),
            ("c", " Some text. ", "https://example.org/x/"),  # a's text and b's url
            ("d", "Unrelated.", "https://example.org/y"),
            ("e", None, "https://example.org/y"),  # unread, but at d's url
        ]
    )
    assert same == {
        "a": ("a", ""),
        "b": ("a", "the same url"),  # as c, which is a's text
        "c": ("a", "the same archived text"),
        "d": ("d", ""),
        "e": ("d", "the same url"),
    }
