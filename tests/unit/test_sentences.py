"""The sentence splitter on the archived seeds and on small made-up texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SEEDS
from tui.evidence.sentences import split, split_spans

GUARDIAN = SEEDS / "trump-warns-putin-severe-consequences-guardian-report.txt"
BILATERAL = SEEDS / "russia-eyes-bilateral-talks-us-warns-sanctions.txt"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_ellipsis_inside_a_quoted_sentence_stays_whole() -> None:
    sentences = split(_read(GUARDIAN))
    assert (
        "Asked if Russia would face consequences if Putin did not agree to stop the war after "
        'the Alaska meeting, Trump said: "Yes, they will … very severe consequences."'
    ) in sentences


def test_us_abbreviation_does_not_end_a_sentence() -> None:
    sentences = split(_read(BILATERAL))
    assert (
        "In an interview with U.S. media on Wednesday, U.S. Treasury Secretary Scott Bessent "
        'said that "if things don\'t go well, then sanctions or secondary tariffs could go up."'
    ) in sentences
    assert any(s.startswith("AS the one-on-one meeting between U.S. President") for s in sentences)


def test_each_line_of_a_seed_is_at_least_one_sentence() -> None:
    text = _read(BILATERAL)
    sentences = split(text)
    # Headlines, captions and bullet lines have no full stop but are still sentences.
    assert sentences[0] == (
        "Russian eyes talks on bilateral ties with US in Alaska, US warns Russia of "
        "intensified sanctions"
    )
    assert "AI Brief" in sentences
    assert "Must-Watch Video" in sentences
    assert not any("\n" in s for s in sentences)


def test_two_sentences_on_one_line_of_a_seed_are_split() -> None:
    sentences = split(_read(GUARDIAN))
    assert "Trump did not provide a timeframe for a second meeting." in sentences
    assert "He is to meet Putin at Anchorage, in the US state of Alaska, on Friday." in sentences


def test_spans_point_into_the_text_without_surrounding_space() -> None:
    text = _read(GUARDIAN)
    spans = split_spans(text)
    assert spans == sorted(spans)
    for start, end in spans:
        piece = text[start:end]
        assert piece == piece.strip() and piece
    # Together the spans cover every non-space character exactly once.
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones in St. Louis. They talked.",
            ["Mr. Smith met Dr. Jones in St. Louis.", "They talked."],
        ),
        (
            "J. D. Vance spoke. Donald J. Trump agreed.",
            ["J. D. Vance spoke.", "Donald J. Trump agreed."],
        ),
        (
            "Gen. Mark Milley, e.g. here, left. Then rain.",
            ["Gen. Mark Milley, e.g. here, left.", "Then rain."],
        ),
        ("Prices rose 3.5 percent. Nobody cared.", ["Prices rose 3.5 percent.", "Nobody cared."]),
        ('He said: "We stop." Then he left.', ['He said: "We stop."', "Then he left."]),
        ("He said: “We stop.” Then he left.", ["He said: “We stop.”", "Then he left."]),
        ('"Why?" he asked. "Because!" she said.', ['"Why?" he asked.', '"Because!" she said.']),
        ("We will … see. Fine.", ["We will … see.", "Fine."]),
        ("We will ... Never mind.", ["We will ... Never mind."]),
        ('"We wait…" He left.', ['"We wait…"', "He left."]),
        ("On Jan. 5 they met. It rained.", ["On Jan. 5 they met.", "It rained."]),
        ("They flew to the U.S. The talks failed.", ["They flew to the U.S.", "The talks failed."]),
        ("The U.K. Prime Minister spoke.", ["The U.K. Prime Minister spoke."]),
        (
            "A headline\nFirst line. Second line.\n\nLast",
            ["A headline", "First line.", "Second line.", "Last"],
        ),
        ("It is 10 a.m. now. Go.", ["It is 10 a.m. now.", "Go."]),
        ("", []),
        ("   \n\n ", []),
    ],
)
def test_made_up_texts(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_a_long_run_of_full_stops_is_split_in_linear_time() -> None:
    """200,000 dots with no space after them: tried from every dot, the boundary pattern
    took minutes (quadratic); a hang fails here through the subprocess timeout."""
    import subprocess
    import sys

    code = (
        "from tui.evidence.sentences import split_spans\n"
        "text = 'a' + '.' * 200_000 + 'b. Next one.'\n"
        "print(len(split_spans(text)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.strip() == "2"
