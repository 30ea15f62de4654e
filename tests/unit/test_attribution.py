"""Attribution checks: quotation pairing, `direct` quotes, the speaker named nearby, and
the basis of a position, on made-up texts and on the archived seeds."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import ROOT
from tui.evidence.attribution import (
    Basis,
    EvidenceAttribution,
    Finding,
    Speaker,
    Voice,
    basis,
    basis_findings,
    check_direct,
    check_evidence,
    check_quoted_words,
    check_speaker,
)
from tui.evidence.quotations import Article, quotations
from tui.evidence.source_text import SourceText
from tui.evidence.speech import Speech, named_nearby

SEEDS = ROOT / "seeds"
GUARDIAN = (SEEDS / "trump-warns-putin-severe-consequences-guardian-report.txt").read_text(
    encoding="utf-8"
)
BILATERAL = (SEEDS / "russia-eyes-bilateral-talks-us-warns-sanctions.txt").read_text(
    encoding="utf-8"
)


def check_basis(
    party: str, evidence: list[tuple[str, str | None, str | None, str | None]]
) -> list[Finding]:
    """The basis of the position, and the warning the checks give for it."""
    return basis_findings(basis(party, evidence), party, evidence)


TRUMP = Speaker("trump", "Donald Trump", ("Trump", "the US president"))
FADEYEV = Speaker("fadeyev", "Alexei Fadeyev", ("Fadeyev", "Alexey Fedeyev", "Fedeyev"))
FADEYEV_SPOKESPERSON = Speaker("fadeyev", "Alexei Fadeyev", ("Fadeyev", "the spokesperson"))
MERZ = Speaker("merz", "Friedrich Merz", ("Merz",))


def shown(text: str) -> list[str]:
    """The outermost quotations of `text`, as the text they cover."""
    return [text[q.start : q.end] for q in quotations(text)]


def span(text: str, quote: str) -> tuple[int, int]:
    """Where `quote` is in `text`, as `summit check` finds it (typography forgiven)."""
    found = SourceText(text).find(quote)
    assert found is not None, quote
    return found


def direct(text: str, quote: str) -> list[Finding]:
    return check_direct(Article(text), *span(text, quote))


def speaker(text: str, quote: str, person: Speaker) -> list[Finding]:
    return check_speaker(Article(text), *span(text, quote), person)


# --- Quotation pairing ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and "no".', ['"yes"', '"no"']),
        ("He said \u201cyes\u201d and \u201cno\u201d.", ["\u201cyes\u201d", "\u201cno\u201d"]),
        ('Mixed \u201ctypography" works.', ['\u201ctypography"']),
        ("Guillemets \u00abare\u00bb quotes.", ["\u00abare\u00bb"]),
        ('"Why?" he asked.', ['"Why?"']),
        ('A ("bracketed") word.', ['"bracketed"']),
        ('He said\u2014"now"\u2014and left.', ['"now"']),
        ("He said \u2018never\u2019 again.", ["\u2018never\u2019"]),
        ("He said 'never' again.", ["'never'"]),
    ],
)
def test_quotation_marks_pair(text: str, expected: list[str]) -> None:
    assert shown(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We don't know; it's Europe\u2019s call.",  # between letters: apostrophes
        "The Europeans\u2019 main objective.",  # a closing mark with nothing open
        "The Europeans' main objective.",
        "Back in the \u201990s it was so.",  # \u2019 never opens
        "'Twas the night, and nothing more.",  # a single mark left open: an apostrophe
        "Rock \u2019n\u2019 roll.",
        "5'10\" tall.",  # feet and inches: nothing opens
    ],
)
def test_apostrophes_are_not_quotations(text: str) -> None:
    assert quotations(text) == ()


def test_a_quotation_inside_another_is_part_of_it() -> None:
    text = "\"He told me 'never', and left,\" she said. \u201cWell \u2018no\u2019.\u201d"
    assert shown(text) == ["\"He told me 'never', and left,\"", "\u201cWell \u2018no\u2019.\u201d"]


def test_an_apostrophe_inside_a_single_quotation_does_not_close_it() -> None:
    assert shown("She said \u2018we don\u2019t agree\u2019 twice.") == [
        "\u2018we don\u2019t agree\u2019"
    ]


def test_a_single_quotation_left_open_does_not_hide_a_double_one() -> None:
    # The stray 'em opens nothing that lasts: the double quotation inside stays outermost.
    assert shown('Tell \'em "now" today.') == ['"now"']


def test_a_straight_mark_between_spaces_closes_what_is_open() -> None:
    assert shown('He said " yes " and went.') == ['" yes "']


def test_an_odd_paragraph_does_not_poison_the_next() -> None:
    text = 'He said "yes and left.\nThen "no" she said, and "maybe".\n'
    # Paired across the whole text, the first mark of line 2 would close line 1's quotation.
    assert shown(text) == ['"yes and left.', '"no"', '"maybe"']
    first = quotations(text)[0]
    assert not first.closed
    assert text[first.end - 1] == "."  # runs to the end of its paragraph, no further


def test_a_long_quotation_continues_into_a_paragraph_that_reopens_it() -> None:
    text = '"We will go on.\n"And on, and on," he said.\nNo quotation here.\n'
    assert shown(text) == ['"We will go on.\n"And on, and on,"']
    assert quotations(text)[0].closed
    # So a direct quote may run from one paragraph into the next.
    assert direct(text, 'We will go on. "And on') == []


def test_a_quotation_left_open_stops_at_a_paragraph_that_does_not_reopen_it() -> None:
    text = '"We will go on.\nHe said no more.\n"Fine," she said.\n'
    assert shown(text) == ['"We will go on.', '"Fine,"']


def test_blank_lines_between_continued_paragraphs_are_skipped() -> None:
    text = '"We will go on.\n\n  \n"And on," he said.'
    assert shown(text) == [text[: text.index(',"') + 2]]


def test_crlf_line_breaks() -> None:
    text = 'He said "yes and left.\r\nThen "no".\r\n'
    assert shown(text) == ['"yes and left.', '"no"']


def test_every_quotation_in_the_seeds_pairs() -> None:
    guardian = shown(GUARDIAN)
    assert len(guardian) == 10
    assert all(q.closed for q in quotations(GUARDIAN))
    assert guardian[1] == '"If the first one goes OK, we\'ll have a quick second one,"'
    assert shown(BILATERAL) == [
        '"severe consequences"',
        '"if things don\'t go well, then sanctions or secondary tariffs could go up."',
        '"very severe consequences"',
        '"goes okay,"',
    ]


@given(st.text(alphabet="ab .,\n\"'\u201c\u201d\u2018\u2019(-", max_size=80))
def test_quotations_are_ordered_disjoint_and_start_at_a_mark(text: str) -> None:
    found = quotations(text)
    previous_end = 0
    for q in found:
        assert previous_end <= q.start < q.end <= len(text)
        # Curly double marks go by their surroundings (a misturned mark still works);
        # single ones never turn: \u2019 never opens and \u2018 never closes.
        assert text[q.start] in "\"'\u201c\u201d\u2018"
        if q.closed:
            assert text[q.end - 1] in "\"'\u201c\u201d\u2019"
        previous_end = q.end


# --- direct -----------------------------------------------------------------------------

TEXT = (
    "The talks went badly, officials said.\n"
    '"If the first one goes OK, we\'ll have a quick second one," Trump told reporters. '
    '"I would like to do it almost immediately."\n'
    "He appeased the leaders with reassurances.\n"
    '"We will go on and on\n'
)


@pytest.mark.parametrize(
    "quote",
    [
        "we'll have a quick second one",  # a fragment inside one quotation
        '"If the first one goes OK, we\'ll have a quick second one,"',  # marks included
        '"If the first one goes OK',  # the opening mark only
        'a quick second one,"',  # the closing mark only
        "\u201cIf the first one goes OK, we\u2019ll have a quick second one,\u201d Trump told",
        '"If the first one goes OK, we\'ll have a quick second one," Trump told reporters. '
        '"I would like to do it almost immediately."',
        # Starts inside one quotation, but holds a whole one after the narration.
        'a quick second one," Trump told reporters. "I would like to do it almost immediately."',
        "We will go on and on",  # a quotation left open runs to its paragraph's end
        '"We will go on and on',
    ],
)
def test_direct_quotes_that_pass(quote: str) -> None:
    assert direct(TEXT, quote) == []


def test_direct_without_quoted_words_is_an_error_that_suggests_the_other_voices() -> None:
    [finding] = direct(TEXT, "He appeased the leaders with reassurances.")
    assert finding.severity == "error"
    assert finding.part == "voice"
    assert "no words in quotation marks" in finding.message
    assert "'reported'" in finding.message and "'article'" in finding.message


def test_direct_that_opens_a_quotation_and_cuts_it_is_an_error() -> None:
    [finding] = direct(TEXT, 'Trump told reporters. "I would like to do it')
    assert (finding.severity, finding.part) == ("error", "quote")
    assert "opens a quotation" in finding.message
    assert "stops before it closes" in finding.message
    assert "after '… like to do it almost immediately.\"'" in finding.message


def test_direct_that_opens_a_quotation_after_a_whole_one_and_cuts_it_is_an_error() -> None:
    quote = 'a quick second one," Trump told reporters. "I would like'
    [finding] = direct(TEXT, "\"If the first one goes OK, we'll have " + quote)
    assert "stops before it closes" in finding.message


def test_direct_that_opens_a_paragraph_long_quotation_and_cuts_it_names_the_paragraph() -> None:
    [finding] = direct(TEXT, 'He appeased the leaders with reassurances. "We will go')
    assert "to the end of its paragraph" in finding.message


def test_direct_that_starts_inside_and_runs_into_narration_is_an_error() -> None:
    [finding] = direct(TEXT, "we'll have a quick second one,\" Trump told reporters.")
    assert (finding.severity, finding.part) == ("error", "quote")
    assert "starts inside a quotation" in finding.message
    assert "before '\"If the first one goes OK, …'" in finding.message


def test_direct_on_the_guardian_seed() -> None:
    assert (
        direct(
            GUARDIAN,
            '"If the first one goes OK, we\'ll have a quick second one," Trump told reporters '
            "in Washington.",
        )
        == []
    )
    fadeyev = (
        '"We consider the consultations requested by the Europeans to be politically and '
        "practically insignificant actions. Verbally, the Europeans support the diplomatic "
        "efforts of Washington and Moscow to resolve the Ukrainian crisis, but in reality the "
        'European Union is sabotaging them."'
    )
    assert direct(GUARDIAN, fadeyev) == []
    assert direct(GUARDIAN, fadeyev.strip('"')) == []
    [finding] = direct(
        GUARDIAN,
        "He appeased Europe's leadership by giving reassurances that a ceasefire was his priority",
    )
    assert (finding.severity, finding.part) == ("error", "voice")


def test_direct_on_the_bilateral_seed() -> None:
    for quote in (
        'Trump warned on Wednesday that there will be "very severe consequences" if Putin '
        "doesn't agree to a ceasefire with Ukraine during their meeting in Alaska.",
        'said that "if things don\'t go well, then sanctions or secondary tariffs could go up."',
        "if things don\u2019t go well",
    ):
        assert direct(BILATERAL, quote) == [], quote
    [finding] = direct(BILATERAL, "Bessent also called on European countries")
    assert finding.part == "voice"


def test_direct_with_a_sentence_of_narration_is_an_error_naming_it() -> None:
    # The case: the reporter's sentence, then Trump's one quoted word.
    quote = (
        "Zelenskyy and European leaders have been excluded from the summit and fear that "
        "Trump, intent on fulfilling his election campaign promise that he could easily end "
        "the bloodshed in Ukraine, will make concessions that compromise Ukraine's future "
        "sovereignty. But Trump underlined his promise that the summit was not in itself a "
        'substantive negotiation and was what he described as a "feel-out"'
    )
    [finding] = direct(GUARDIAN, quote)
    assert (finding.severity, finding.part) == ("error", "voice")
    assert finding.message == (
        "voice is 'direct' but the quote's sentence 'Zelenskyy and European leaders have "
        "been …' has no words in quotation marks: the article's words, not the speaker's; "
        "split the evidence: that sentence as evidence of its own with voice 'reported' (the "
        "article's account of what the speaker said) or 'article' (its own account), and the "
        "quotation as 'direct'"
    )


def test_direct_names_every_sentence_of_narration() -> None:
    text = 'One said no. Two said no. "Yes," he said. Three said no. Four said no.\n'
    [finding] = direct(text, text.strip())
    assert "the quote's sentences 'One said no.', 'Two said no.' and 2 more have" in (
        finding.message
    )
    assert "those sentences as evidence of their own" in finding.message


@pytest.mark.parametrize(
    "quote",
    [
        # Each sentence holds quoted words; the last only the closing part of a quotation.
        '"If the first one goes OK, we\'ll have a quick second one," Trump told reporters. '
        '"I would like to do it almost immediately."',
        # One quotation over two sentences, quoted from inside.
        "politically and practically insignificant actions. Verbally, the Europeans support",
    ],
)
def test_direct_over_sentences_that_all_hold_quoted_words_passes(quote: str) -> None:
    assert direct(TEXT + GUARDIAN, quote) == []


def _quoted_words(quote: str, person: Speaker) -> list[Finding]:
    article = Article(GUARDIAN)
    return check_quoted_words(Speech(article, GUARDIAN_PEOPLE), *span(GUARDIAN, quote), person)


GUARDIAN_PEOPLE = [
    TRUMP,
    MERZ,
    Speaker("zelenskyy", "Volodymyr Zelenskyy", ("Zelenskyy",)),
    Speaker("putin", "Vladimir Putin", ("Putin",)),
]
FEEL_OUT = (
    "But Trump underlined his promise that the summit was not in itself a substantive "
    'negotiation and was what he described as a "feel-out"'
)


def test_quoted_words_another_person_is_given_are_flagged_at_the_quote() -> None:
    [finding] = _quoted_words(FEEL_OUT, GUARDIAN_PEOPLE[2])
    assert (finding.severity, finding.part) == ("warning", "quote")
    assert finding.message == (
        "the quote's sentence ('But Trump underlined his promise that …') gives its quoted "
        "words to Donald Trump ('trump'): 'Trump underlined', 'he described' (he: Donald "
        "Trump); the speaker is Volodymyr Zelenskyy ('zelenskyy'). If the words are Donald "
        "Trump's, make the speaker 'trump' and the voice 'reported' (no verb of speech "
        "introduces the quoted words: they are a phrase in the article's sentence); if the "
        "article gives them to 'zelenskyy' in another way, keep the speaker and say how in a "
        "comment"
    )


def test_quoted_words_introduced_as_anothers_suggest_only_the_speaker() -> None:
    quote = 'Trump said: "Yes, they will … very severe consequences."'
    [finding] = _quoted_words(quote, GUARDIAN_PEOPLE[3])
    assert "make the speaker 'trump'; if the article" in finding.message
    assert "'Trump said'" in finding.message


@pytest.mark.parametrize(
    ("quote", "person"),
    [
        (FEEL_OUT, TRUMP),  # given to the speaker
        ('Trump said: "Yes, they will … very severe consequences."', TRUMP),
        # No words of the article's own in the sentence: nothing to read (context decides).
        (
            '"President Trump knows this position, he shares it very extensively and '
            "therefore I can say we have had a really exceptionally constructive and good "
            'conversation with each other."',
            MERZ,
        ),
    ],
)
def test_quoted_words_given_to_the_speaker_or_to_nobody_pass(quote: str, person: Speaker) -> None:
    assert _quoted_words(quote, person) == []


def test_check_evidence_reads_quoted_words_only_with_the_files_people() -> None:
    article = Article(GUARDIAN)
    zelenskyy = GUARDIAN_PEOPLE[2]
    at = span(GUARDIAN, FEEL_OUT)
    assert [f.part for f in check_evidence(article, *at, "direct", zelenskyy)] == []
    speech = Speech(article, GUARDIAN_PEOPLE)
    assert [f.part for f in check_evidence(article, *at, "direct", zelenskyy, speech)] == ["quote"]
    assert check_evidence(article, *at, "reported", TRUMP, speech) == []


@given(
    st.text(alphabet="ab .,\n\"'\u201c\u201d\u2018\u2019", max_size=60),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_any_span_of_any_text_gets_at_most_one_verdict(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    article = Article(text)
    findings = check_evidence(article, start, end, "direct", Speaker("a", "a b"))
    assert len([f for f in findings if f.part != "speaker"]) <= 1
    assert all(f.severity == ("warning" if f.part == "speaker" else "error") for f in findings)


# --- The speaker named nearby -----------------------------------------------------------


def test_speaker_named_in_the_quotes_sentence() -> None:
    quote = '"If the first one goes OK, we\'ll have a quick second one," Trump told reporters'
    assert speaker(GUARDIAN, quote, TRUMP) == []


def test_speaker_named_in_the_sentence_before() -> None:
    quote = (
        "Verbally, the Europeans support the diplomatic efforts of Washington and Moscow to "
        "resolve the Ukrainian crisis"
    )
    assert speaker(GUARDIAN, quote, FADEYEV) == []
    # ...and only there: the quote's own sentence does not name him.
    article = Article(GUARDIAN)
    first, last = article.sentence_range(*span(GUARDIAN, quote))
    assert first == last
    assert "Fadeyev" not in GUARDIAN[slice(*article.sentences[first])]
    assert "Fadeyev" in GUARDIAN[slice(*article.sentences[first - 1])]


def test_the_spokesperson_needs_the_alias() -> None:
    quote = (
        '"We hope that this meeting will allow the leaders to focus on the full range of '
        "issues, from the crisis in Ukraine to the obstacles that hinder normal and "
        "constructive dialogue, which is crucial to ensuring international peace and "
        'stability," the spokesperson said.'
    )
    [finding] = speaker(GUARDIAN, quote, FADEYEV)
    assert (finding.severity, finding.part) == ("warning", "speaker")
    assert "Alexei Fadeyev ('fadeyev') is not named" in finding.message
    assert "'\"We hope that this meeting will …'" in finding.message
    assert "aliases of 'fadeyev'" in finding.message
    assert speaker(GUARDIAN, quote, FADEYEV_SPOKESPERSON) == []


def test_the_warning_names_a_word_of_the_name_and_how_to_accept_it() -> None:
    text = 'The harbour was quiet. "We will not move," said Della.\n'
    [finding] = speaker(text, '"We will not move," said Della.', Speaker("della", "Della Fry"))
    assert finding.message == (
        "the speaker Della Fry ('della') is not named in the quote's sentence ('\"We will not "
        "move,\" said Della.') or the two before it: 'Della' is there, a word of the name, but "
        "only the full name and the aliases count; if 'Della' names them there, add it to the "
        "aliases of 'della'"
    )


def test_a_pronoun_is_not_followed() -> None:
    # Merz is named three sentences before; "He said" in between does not count.
    quote = '"President Trump knows this position, he shares it very extensively'
    [finding] = speaker(GUARDIAN, quote, MERZ)
    assert "Friedrich Merz" in finding.message


def test_a_differently_spelled_name_needs_an_alias() -> None:
    quote = "the goals of the Russian delegation's visit to the United States"
    assert speaker(BILATERAL, quote, FADEYEV) == []  # "Fedeyev" is an alias
    assert speaker(BILATERAL, quote, Speaker("fadeyev", "Alexei Fadeyev", ("Fadeyev",))) != []


WINDOW = "Smith spoke first. One. Two. Three. The quote is here. Four."


@pytest.mark.parametrize(
    ("quote", "named"),
    [
        ("Two.", True),  # Smith two sentences before
        ("Three.", False),  # three before: too far
        ("One. Two. Three.", True),  # the quote's first sentence counts
        ("Smith spoke", True),
    ],
)
def test_the_window_is_the_quotes_sentences_and_two_before(quote: str, named: bool) -> None:
    assert named_nearby(Article(WINDOW), *span(WINDOW, quote), Speaker("s", "Smith")) is named


def test_a_name_in_the_quotes_last_sentence_counts() -> None:
    text = "One. Two. Three. Four. The quote is here. Smith said it. Five."
    quote = "The quote is here. Smith said"
    assert named_nearby(Article(text), *span(text, quote), Speaker("s", "Smith"))


def test_a_name_inside_a_longer_word_does_not_count() -> None:
    text = "Advance talks went on. It is so."
    vance = Speaker("vance", "JD Vance", ("Vance",))
    assert not named_nearby(Article(text), *span(text, "It is so."), vance)
    assert named_nearby(Article("Vance talked. It is so."), 14, 23, vance)


def test_a_name_after_the_quote_does_not_count() -> None:
    text = "Nothing here. The quote is here. Smith said it."
    assert not named_nearby(Article(text), *span(text, "The quote"), Speaker("s", "Smith"))


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("DONALD TRUMP spoke. It is so.", True),  # case
        ("Donald   Trump spoke. It is so.", True),  # runs of spaces
        ("Sean O\u2019Brien spoke. It is so.", True),  # typography
        ("The presidential race. It is so.", False),  # whole words only
        ("The president\u2019s aide. It is so.", True),  # a possessive ends the word
        ("Trump spoke. It is so.", False),  # the surname is not the name
    ],
)
def test_names_match_folded_and_on_word_boundaries(text: str, named: bool) -> None:
    person = Speaker("p", "Donald Trump", ("Sean O'Brien", "the president"))
    assert named_nearby(Article(text), *span(text, "It is so."), person) is named


# --- All checks of one evidence item ----------------------------------------------------


def test_check_evidence_runs_the_checks_each_voice_needs() -> None:
    article = Article(GUARDIAN)
    start, end = span(GUARDIAN, "He appeased Europe's leadership")
    nobody = Speaker("x", "Nobody")
    assert [f.part for f in check_evidence(article, start, end, "direct", nobody)] == [
        "voice",
        "speaker",
    ]
    assert [f.part for f in check_evidence(article, start, end, Voice.REPORTED, nobody)] == [
        "speaker"
    ]
    assert check_evidence(article, start, end, "article", None) == []
    assert [f.part for f in check_evidence(article, start, end, "direct", None)] == ["voice"]


# --- Basis --------------------------------------------------------------------------------

MERZ_SAYS = ("direct", "merz", "e3", "Friedrich Merz")
MACRON_SAYS = EvidenceAttribution("reported", "macron", "e3", "Emmanuel Macron")
TRUMP_SAYS = ("direct", "trump", "us", "Donald Trump")
REPORTER = ("article", None, None, None)


def test_a_position_on_its_own_partys_word() -> None:
    evidence = [MERZ_SAYS, TRUMP_SAYS, REPORTER]
    assert basis("us", evidence) is Basis.OWN
    assert check_basis("us", evidence) == []


def test_a_position_resting_only_on_another_party() -> None:
    evidence = [MERZ_SAYS, MACRON_SAYS, MERZ_SAYS]
    assert basis("us", evidence) is Basis.OTHERS
    [finding] = check_basis("us", evidence)
    assert (finding.severity, finding.part) == ("warning", "evidence")
    assert finding.message.startswith(
        "this position rests only on what Friedrich Merz (e3) and Emmanuel Macron (e3) say:"
    )
    assert finding.message.endswith("none of its evidence gives a speaker of its own party ('us')")


def test_one_other_speaker_with_the_reporter() -> None:
    [finding] = check_basis("us", [REPORTER, MERZ_SAYS])
    assert (
        "rests only on what Friedrich Merz (e3) says and on the reporter's account"
        in finding.message
    )


def test_a_speaker_of_no_party_is_not_the_partys_own() -> None:
    evidence = [("reported", "analyst", None, "A. Analyst")]
    assert basis("us", evidence) is Basis.OTHERS
    assert "what A. Analyst says" in check_basis("us", evidence)[0].message


def test_a_position_resting_only_on_the_reporter() -> None:
    evidence = [REPORTER, REPORTER]
    assert basis("us", evidence) is Basis.REPORTER
    [finding] = check_basis("us", evidence)
    assert finding.message.startswith("this position rests only on the reporter's account")


def test_no_evidence_has_no_basis() -> None:
    assert basis("us", []) is None
    assert check_basis("us", []) == []


def test_basis_values_are_the_marks_the_dashboard_uses() -> None:
    assert [b.value for b in Basis] == ["own", "others", "reporter"]
    assert [v.value for v in Voice] == ["direct", "reported", "article"]


# --- Size -----------------------------------------------------------------------------------

BIG = textwrap.dedent(
    """
    import sys
    from tui.evidence.attribution import Speaker, basis, basis_findings, check_evidence
    from tui.evidence.quotations import Article, quotations

    paragraph = (
        'The minister, Smith, said "we won\\'t give up ' + "an inch " * 20 + '," and left. '
        "It's the Europeans' view, 'tis said, in the \\u201990s. He said \\u2018no\\u2019. "
        'An odd " mark. '
    )
    text = "\\n".join(paragraph for _ in range(1_000_000 // len(paragraph)))
    # One paragraph of a megabyte, full of unpaired and paired marks.
    text += "\\n" + ('" a "b c\\' d\\u2019 \\u201c ' * 40_000)
    assert len(text) > 1_500_000
    article = Article(text)
    found = quotations(text)
    assert len(found) > 5_000
    smith = Speaker("smith", "Smith")
    step = len(paragraph) + 1
    for i in range(0, 1_000_000 // step, 7):
        at = i * step
        assert check_evidence(article, at + 30, at + 60, "direct", smith) == []
    end = len(text)
    check_evidence(article, end - 500, end - 10, "direct", smith)
    evidence = [("direct", "smith", "uk", "Smith")] * 10_000
    basis_findings(basis("us", evidence), "us", evidence)
    print("done", len(found))
    """
)


def test_a_large_article_with_many_quotations_is_checked(tmp_path: Path) -> None:
    """No timing asserted: the check must simply finish (a quadratic pairing would not)."""
    script = tmp_path / "big.py"
    script.write_text(BIG, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("done")


def test_untrusted_text_in_messages_is_escaped() -> None:
    text = "Nothing \x1b[31mhere. It is so."
    [finding] = check_speaker(Article(text), *span(text, "It is so."), Speaker("x\x07", "A\x1bB"))
    assert "\x1b" not in finding.message and "\x07" not in finding.message
    assert "A\\eB ('x\\x07')" in finding.message
    [finding] = check_basis("u\ns", [("direct", "x", "e\x1b", "N\x1b")])
    assert "\x1b" not in finding.message and "\n" not in finding.message
