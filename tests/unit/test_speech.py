"""Who says what, as `tui.evidence.speech` reads it: the subject of a verb of speech, a
pronoun followed back, and a quotation given as someone's words (issue 19). The `direct`
checks and the viewer's guess both rest on these readings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.test_attribution import BILATERAL, GUARDIAN
from tui.evidence.quotations import Article
from tui.evidence.speech import Speaker, Speech, name_word_nearby, named_nearby

PEOPLE = [
    Speaker("trump", "Donald Trump", ("Trump", "the US president", "the president")),
    Speaker("putin", "Vladimir Putin", ("Putin",)),
    Speaker("merz", "Friedrich Merz", ("Merz", "the German chancellor")),
    Speaker("macron", "Emmanuel Macron", ("Macron",)),
    Speaker("fadeyev", "Alexei Fadeyev", ("Fadeyev", "Alexey Fedeyev", "the spokesperson")),
    Speaker("vell", "Tomas Vell"),
    Speaker("della", "Della Fry"),
    Speaker("brisk", "Ada Brisk"),
]


def speech(text: str) -> Speech:
    return Speech(Article(text), PEOPLE)


def speakers(text: str) -> list[list[str]]:
    """Each sentence's speakers."""
    read = speech(text)
    return [read.speakers(k) for k in range(len(read.article.sentences))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Trump said the talks would go on.", ["trump"]),
        ("The US president also said the talks would go on.", ["trump"]),
        ("Trump had anyway underlined that talks would go on.", ["trump"]),
        ("Alexey Fedeyev, deputy director of the press office, said talks go on.", ["fadeyev"]),
        ("The German chancellor, Friedrich Merz, said talks would go on.", ["merz"]),
        ('"Talks will go on," said Della Fry.', ["della"]),
        ('"Talks will go on," said its envoy, Tomas Vell.', ["vell"]),
        ('"Talks will go on," the spokesperson said.', ["fadeyev"]),
        ("Talks will go on, according to Macron.", ["macron"]),
        ("The plan, as described by France's Emmanuel Macron, was bold.", ["macron"]),
        ("Merz called for a ceasefire, insisting that talks go on.", ["merz"]),
        # Not subjects: a possessive, a name before a clause break, a question asked.
        ("Trump's spokesman said talks would go on.", []),
        ("Putin met Trump and then the spokesman said talks would go on.", []),
        ("Asked about Putin, nobody answered.", []),
        # A name inside the quotation is not the article's: nobody is named as speaker.
        ('"Trump knows this," a diplomat said.', []),
    ],
)
def test_the_subject_of_a_verb_of_speech(sentence: str, expected: list[str]) -> None:
    assert speakers(sentence) == [expected]


def test_a_pronoun_stands_for_the_nearest_person_before_it_in_its_sentence() -> None:
    text = 'But Trump underlined his promise and was what he described as a "feel-out".'
    [cue, described] = speech(text).cues(0)
    assert (cue.words, cue.subject) == ("Trump underlined", "trump")
    assert (described.words, described.subject, described.pronoun) == (
        "he described",
        "trump",
        True,
    )


def test_a_pronoun_opening_its_sentence_is_the_previous_speaker() -> None:
    # Putin is named last, but Merz is the one who spoke (the Guardian-based article).
    text = (
        "Merz called for a 30-day ceasefire. Putin has resisted a ceasefire for months.\n"
        "He said that there could not be any Russian legal ownership of Ukrainian territory.\n"
        "Moreover, Macron said no serious discussions had taken place, and Trump had anyway "
        "underlined that they could only be negotiated with Kyiv.\n"
        "He said Trump would fight for a trilateral meeting.\n"
    )
    assert speakers(text) == [["merz"], [], ["merz"], ["macron", "trump"], ["macron"]]


def test_the_previous_speaker_is_looked_for_two_sentences_back_only() -> None:
    text = "Merz spoke first. It rained. It rained again. He said it would stop.\n"
    assert speakers(text)[-1] == []


def test_a_sentence_all_quotation_goes_on_with_the_previous_speaker() -> None:
    text = (
        '"If the first one goes OK, we\'ll have a quick second one," Trump told reporters.\n'
        '"I would like to do it almost immediately."\n'
    )
    assert speakers(text) == [["trump"], ["trump"]]


def test_an_alias_two_people_share_names_nobody() -> None:
    people = [
        Speaker("a", "Ann Ames", ("the minister",)),
        Speaker("b", "Bo Barr", ("the minister",)),
    ]
    read = Speech(Article("The minister said no.\n"), people)
    assert read.speakers(0) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Trump said: "Yes, they will."', True),
        ('Bessent said that "if things go badly, sanctions go up."', True),
        ('"If the first one goes OK, we\'ll have a quick second one," Trump told reporters.', True),
        ('"We want peace," the Northland foreign minister, Ada Brisk, told reporters.', True),
        ('"Never," said Della Fry.', True),
        ('"Never."', True),  # it fills its sentence
        # A phrase of the article's own sentence.
        ('It was what he described as a "feel-out" to test Putin.', False),
        ('Putin will face "very severe consequences" if he refuses, the US president said.', False),
        ('The so-called "coalition of the willing" met.', False),
    ],
)
def test_a_quotation_given_as_someones_words(text: str, expected: bool) -> None:
    read = speech(text + "\n")
    [quotation] = read.article.quotations
    assert read.introduced(quotation) is expected


def test_the_seeds_read_as_the_curated_file_attributes_them() -> None:
    guardian = speech(GUARDIAN)
    said = {
        " ".join(guardian.article.text[s:e].split()[:4]): guardian.speakers(k)
        for k, (s, e) in enumerate(guardian.article.sentences)
    }
    assert said["He said that there"] == ["merz"]
    assert said["He said Trump would"] == ["macron"]
    assert said["Verbally, the Europeans support"] == ["fadeyev"]
    assert said["Zelenskyy and European leaders"] == []  # fear is not speech
    bilateral = speech(BILATERAL)
    first_words = [
        " ".join(bilateral.article.text[s:e].split()[:3]) for s, e in bilateral.article.sentences
    ]
    k = first_words.index("He also said")
    assert bilateral.speakers(k) == ["fadeyev"]


def test_named_nearby_and_a_word_of_the_name() -> None:
    text = 'The harbour was quiet. "We will not move," said Della.\n'
    article = Article(text)
    start = text.index('"We')
    end = len(text) - 1
    della = Speaker("della", "Della Fry")
    assert not named_nearby(article, start, end, della)
    assert name_word_nearby(article, start, end, della) == "Della"
    assert name_word_nearby(article, start, end, Speaker("x", "Mary della Rosa")) is None


@given(
    st.lists(
        st.sampled_from(
            [
                "Trump",
                "He",
                "he",
                "she",
                "said",
                "told",
                "described",
                "as",
                "and",
                ",",
                ".",
                '"',
                "\u201c",
                "\u201d",
                "Putin's",
                "according to",
                "by",
                "the",
                "spokesperson",
                "insisting",
                "\u2026",
                "\u2014",
                "\u2019s",
                "\n",
                "Merz",
                "that",
                ":",
            ]
        ),
        max_size=40,
    )
)
def test_any_text_is_read_without_error_and_subjects_are_people(words: list[str]) -> None:
    text = " ".join(words)
    read = speech(text)
    assert len(read._folded) == len(text)  # offsets in the folded text are the article's
    ids = {person.id for person in PEOPLE}
    for k in range(len(read.article.sentences)):
        assert set(read.speakers(k)) <= ids
        for cue in read.cues(k):
            assert cue.subject is None or cue.subject in ids
    for quotation in read.article.quotations:
        read.introduced(quotation)
