"""The segmenter on its own, in both its answers: `sentences` (where sentences end, as a
reader would split them) and `splits` (every period that looks like an end, which the
sentence-break rules read)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.check import make_document
from lintkit.document import Document
from lintkit.segmenter import Opener


def sentences(text: str) -> list[str]:
    doc = Document(text, detect_headline=False)
    return [doc.text[s.start : s.end] for s in doc.sentences]


def splits(text: str) -> list[str]:
    doc = Document(text, detect_headline=False)
    return [doc.text[s.start : s.end] for s in doc.splits]


@pytest.mark.parametrize(
    "text",
    [
        "U.S. officials met on Monday.",
        "Wendy R. Sherman led the delegation.",
        "The vote is at 5 p.m. on Tuesday.",
        "He lives at No. 10 Downing Street.",
        "The talks began Jan. 12 in Geneva.",
        "She flew to St. Petersburg on Sunday.",
        "J. K. Rowling spoke to Gen. Mark A. Milley.",
        "Prices rose 3.5 percent, the agency said.",
        "The company, Acme Inc. of Ohio, was fined.",
        "Brown v. Board of Education was decided in 1954.",
        "He paused ... and then went on.",
        "“Why?” she asked.",
        "Visit example.com for the text.",
        "He was born in Fresno, Calif., and moved east.",
        "The U.S. Army and the U.N. Security Council disagreed.",
        "Costs fell approx. five percent, incl. taxes.",
    ],
)
def test_no_false_boundaries(text: str) -> None:
    assert sentences(text) == [text]
    assert splits(text) == [text]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The talks ended. Officials left.", ["The talks ended.", "Officials left."]),
        ("He met U.S. officials. The talks ended.", ["He met U.S. officials.", "The talks ended."]),
        ("The vote is at 5 p.m. The count follows.", ["The vote is at 5 p.m.", "The count follows."]),
        ("It was sold to Acme Inc. It closed in May.", ["It was sold to Acme Inc.", "It closed in May."]),
        ("Did it work? Nobody knew.", ["Did it work?", "Nobody knew."]),
        ("He waited... Then he left.", ["He waited...", "Then he left."]),
        ("“We are done.” The minister left.", ["“We are done.”", "The minister left."]),
        ("The vitamin is C. The dose is small.", ["The vitamin is C.", "The dose is small."]),
        ("They talked until Jan. The deal came later.", ["They talked until Jan.", "The deal came later."]),
    ],
)
def test_true_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
    assert splits(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Were Jane and co. at the party?", ["Were Jane and co. at the party?"]),
        ("She said, “It is over.” she added nothing.", ["She said, “It is over.” she added nothing."]),
        ("He served (he left in 2019.) at the bank.", ["He served (he left in 2019.) at the bank."]),
        ("1. Tariffs rise 2. Quotas fall", ["1. Tariffs rise", "2. Quotas fall"]),
        ("Prices fell . . . and then rose.", ["Prices fell . . . and then rose."]),
        ("He left at 6 P.M. Mr. Lee stayed.", ["He left at 6 P.M.", "Mr. Lee stayed."]),
    ],
)
def test_sentences_are_not_splits(text: str, expected: list[str]) -> None:
    """Where a period looks suspicious is not where a sentence ends."""
    assert sentences(text) == expected


def test_lowercase_continuation_is_a_split_not_a_sentence_end() -> None:
    """A period after an ordinary word is a split even before a lowercase word: that is the
    artifact the rules look for, so the splits must not hide it. A reader reads on."""
    doc = Document("Security in the world. the air was cold.", detect_headline=False)
    assert len(doc.sentences) == 1
    _first, second = doc.splits
    assert doc.text[second.start : second.end] == "the air was cold."
    assert second.opener is Opener.PERIOD
    assert second.previous_token == "world"
    assert doc.text[second.break_at] == "."


def test_lone_period_is_an_empty_sentence() -> None:
    assert splits("Troops massed near Russia. . The talks began.") == [
        "Troops massed near Russia.",
        ".",
        "The talks began.",
    ]


def test_sentences_stay_inside_paragraphs() -> None:
    text = "First paragraph ends here\n\nsecond one starts lower."
    doc = Document(text, detect_headline=False)
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "First paragraph ends here",
        "second one starts lower.",
    ]
    assert doc.sentences[1].opener is Opener.PARAGRAPH


def test_hard_wrapped_paragraph_is_one_paragraph() -> None:
    text = (
        "The ministers met on Tuesday in Geneva to discuss the arms treaty and the\n"
        "troops massed near the border, officials said after the meeting had ended\n"
        "late at night."
    )
    doc = Document(text, detect_headline=False)
    assert len(doc.paragraphs) == 1
    assert len(doc.sentences) == 1


MARKS_AND_LETTERS = ["“", '"', "‘", "'", "«", "(", "[", "a", "B", "é", "É", "1", " ", ". ", "? ", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKS_AND_LETTERS), max_size=40).map("".join))
def test_the_first_letter_after_opening_marks_is_read_without_slicing(text: str) -> None:
    from lintkit.detect.sentence_breaks import _OPEN_MARKS, _first

    doc = make_document(text, "a.txt")
    for s in doc.splits:
        assert _first(doc.text, s) == doc.text[s.start : s.end].lstrip(_OPEN_MARKS)[:1]


TOKEN_PIECES = ["a", "B", "é", "U", "S", "Mr", "Inc", "No", "St", "Jan", "p", "m", ".", "’", "(", "1"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(TOKEN_PIECES), min_size=1, max_size=6).map("".join),
    st.sampled_from(["The", "the", "Officials", "1", "", "Why"]),
    st.booleans(),
)
def test_a_period_after_an_unlisted_word_ends_it_as_the_full_judgement_says(
    token: str, word: str, quoted: bool
) -> None:
    """The segmenter ends a sentence at once after a word of two or more letters that has
    no period and no abbreviation list holds; `_boundary` must agree for every such word."""
    from lintkit.segmenter import _boundary, default_abbreviations

    abbreviations = default_abbreviations()
    if len(token) > 1 and "." not in token and token not in abbreviations.listed:
        assert _boundary(".", token, word, quoted, abbreviations) is Opener.PERIOD


SEPARATED = ["a", "B.", " ", "\n", "\t", "\u00a0", "\u2009", "x", "."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SEPARATED), max_size=30).map("".join), st.data())
def test_the_token_before_a_position_is_read_back_to_a_separator_or_the_floor(
    text: str, data: st.DataObject
) -> None:
    from lintkit.segmenter import _TOKEN_BACK

    pos = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, pos))
    expected = max(floor, *(text.rfind(c, floor, pos) + 1 for c in " \n\t\u00a0"))
    assert _TOKEN_BACK.match(text, floor, pos).start() == expected
