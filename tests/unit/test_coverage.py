"""`summit coverage`: sentence and character coverage of each source by the quotes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers import SEEDS, probe, summit
from tui.analysis.coverage import compute, coverage_of, merge_spans
from tui.evidence.sentences import split_spans
from tui.loader.pipeline import load_uncached

GUARDIAN = SEEDS / "trump-warns-putin-severe-consequences-guardian-report.txt"


def test_merge_spans_joins_overlapping_and_touching_spans() -> None:
    assert merge_spans([(5, 8), (0, 3), (2, 4), (8, 9)]) == [(0, 4), (5, 9)]


def test_partial_overlap_cites_the_sentence_and_characters_count_only_the_quote() -> None:
    text = "One two. Three four.\nFive six."
    # A quote of "two" touches only the first sentence.
    start = text.index("two")
    cov = coverage_of(text, [(start, start + 3)])
    assert (cov.sentences, cov.cited_sentences) == (3, 1)
    assert [s.text for s in cov.uncited] == ["Three four.", "Five six."]
    assert [s.index for s in cov.uncited] == [2, 3]
    assert [s.line for s in cov.uncited] == [1, 2]
    # Characters: non-whitespace only ("One two. Three four. Five six." has 25).
    assert cov.chars == 25
    assert cov.cited_chars == 3
    assert cov.char_percent == 12.0
    assert cov.sentence_percent == 33.3


def test_a_quote_spanning_two_sentences_cites_both_and_spaces_are_not_counted() -> None:
    text = "Alpha beta. Gamma delta."
    start, end = text.index("beta"), text.index("Gamma") + len("Gamma")
    cov = coverage_of(text, [(start, end), (start, end)])  # duplicates do not count twice
    assert cov.cited_sentences == 2 and cov.uncited == []
    assert cov.cited_chars == len("beta.Gamma")


def test_no_quotes_and_empty_text() -> None:
    cov = coverage_of("Only one.", [])
    assert (cov.cited_sentences, cov.cited_chars, cov.sentence_percent) == (0, 0, 0.0)
    empty = coverage_of("", [])
    assert (empty.sentences, empty.chars, empty.char_percent) == (0, 0, 0.0)


def test_seed_quote_cites_exactly_its_sentence() -> None:
    text = GUARDIAN.read_text(encoding="utf-8")
    sentence = 'Trump said: "Yes, they will … very severe consequences."'
    start = text.index(sentence)
    cov = coverage_of(text, [(start, start + len(sentence))])
    assert cov.sentences == len(split_spans(text))
    assert cov.cited_sentences == 1
    assert not any("Yes, they will" in s.text for s in cov.uncited)
    assert any(s.text.startswith("Trump did not provide a timeframe") for s in cov.uncited)


def test_compute_on_a_hand_made_file(write_file: Callable[..., Path]) -> None:
    result = load_uncached(write_file())
    assert result.ok, result.diagnostics
    [source] = compute(result)
    assert source.id == "art"
    cov = source.coverage
    # The article: a headline-less quote line, the ceasefire line, a line on sanctions.
    assert (cov.sentences, cov.cited_sentences) == (3, 2)
    assert [s.text for s in cov.uncited] == ["A second paragraph about sanctions and tariffs."]


def test_sources_sharing_a_file_share_their_coverage(write_file: Callable[..., Path]) -> None:
    from tests.helpers import MINIMAL

    text = MINIMAL.replace(
        "parties:",
        "  copy:\n    outlet: Copy\n    title: Same file\n    published: 2025-08-13\n"
        "    published_basis: stated\n    file: article.txt\nparties:",
    )
    result = load_uncached(write_file(text))
    assert result.ok, result.diagnostics
    art, copy = compute(result)
    assert art.coverage == copy.coverage


def test_cli_text_lists_uncited_sentences_wrapped(write_file: Callable[..., Path]) -> None:
    path = write_file()
    proc = summit("coverage", str(path), "--width", "30")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "  sentences cited: 2 of 3\n    (66.7%)\n" in out
    assert "    3  A second paragraph\n       about sanctions" in out
    for line in out.splitlines():
        # Wrapped at spaces; every line holds the width (tests/unit/test_report_width.py).
        assert len(line) <= 30, line
    # Nothing is cut: every word of the uncited sentence is there.
    assert "sanctions and tariffs." in " ".join(out.split())


def test_cli_json_structure(write_file: Callable[..., Path]) -> None:
    proc = summit("coverage", str(write_file()), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    [source] = data["sources"]
    assert source["id"] == "art"
    assert source["sentences"] == {"total": 3, "cited": 2, "percent": 66.7}
    assert set(source["characters"]) == {"total", "cited", "percent"}
    [uncited] = source["uncited"]
    assert uncited["index"] == 3 and uncited["line"] == 3
    assert uncited["text"] == "A second paragraph about sanctions and tariffs."


def test_control_characters_in_the_article_never_reach_the_terminal(
    write_file: Callable[..., Path],
) -> None:
    article = (
        "The minister said: \u201cWe will not give up an inch.\u201d\n"
        "Talks could resume \u2014 but only after a ceasefire \u2026 officials said.\n"
        "Evil \x1b[31mred\x1b[0m [bold]text[/bold] \u202eolleh.\n"
    )
    path = write_file(article=article)
    text = summit("coverage", str(path)).stdout
    assert "\x1b" not in text and "\u202e" not in text
    assert "Evil \\e[31mred\\e[0m [bold]text[/bold] \\u202eolleh." in text
    # JSON keeps the data exact but is pure ASCII: controls arrive as \u escapes.
    out = summit("coverage", str(path), "--format", "json").stdout
    assert out.isascii()
    uncited = json.loads(out)["sources"][0]["uncited"][0]["text"]
    assert uncited == "Evil \x1b[31mred\x1b[0m [bold]text[/bold] \u202eolleh."


def test_invalid_file_gives_diagnostics_and_exit_1(write_file: Callable[..., Path]) -> None:
    path = write_file("summit: [\n")
    proc = summit("coverage", str(path))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert f"{path}:" in proc.stderr and "error:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_shipped_file_runs(shipped: Path) -> None:
    # The shipped file is being curated: check only the shape, not its numbers.
    proc = summit("coverage", str(shipped), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["sources"]
    for source in data["sources"]:
        assert 0 <= source["sentences"]["cited"] <= source["sentences"]["total"]
        assert 0.0 <= source["characters"]["percent"] <= 100.0
    proc = summit("coverage", str(shipped), "--width", "60")
    assert proc.returncode == 0 and "All sources:" in proc.stdout


def test_no_textual_on_the_coverage_path(tmp_path: Path, write_file: Callable[..., Path]) -> None:
    path = str(write_file())
    runs = (["coverage", path], ["coverage", "--format", "json", path])
    assert probe(tmp_path, [], *runs) == {"codes": [0, 0], "loaded": []}
