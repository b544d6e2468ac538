"""`lintkit.literals.find_all`: every occurrence `str.find` gives, and the whole-word test,
whichever implementation runs (the native one where it is built, else Python's; both are
compared in tests/test_native.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.literals import find_all


def _plain(text: str, needle: str, before: str | None, after: str | None) -> list[int]:
    """The reference, written out the slow way: each place the needle starts, left to
    right, skipping those inside an occurrence already taken."""
    out: list[int] = []
    free = 0
    for at in range(len(text) - len(needle) + 1):
        if at < free or text[at : at + len(needle)] != needle:
            continue
        free = at + len(needle)
        prev = text[at - 1] if at else ""
        nxt = text[free] if free < len(text) else ""
        if before is not None and prev and (prev.isalnum() or prev in before):
            continue
        if after is not None and nxt and (nxt.isalnum() or nxt in after):
            continue
        out.append(at)
    return out


def test_occurrences_of_one_needle_do_not_overlap() -> None:
    assert find_all("aaaaa", ["aa", "a"]) == [[0, 2], [0, 1, 2, 3, 4]]


def test_whole_words_by_the_rule_s_own_joiners() -> None:
    text = "Ali met Alina, O'Ali and Ali-Baba; Ali."
    assert find_all(text, ["Ali"]) == [[0, 8, 17, 25, 35]]
    assert find_all(text, ["Ali"], before="'", after="") == [[0, 25, 35]]
    assert find_all(text, ["Ali"], before="", after="-") == [[0, 17, 35]]


def test_letters_beyond_ascii_join_words_and_punctuation_does_not() -> None:
    text = "Éric, Ericé, “Eric” and ²Eric Eric½ Eric٣"
    assert find_all(text, ["Eric"], before="", after="") == [[14]]


def test_text_python_can_index_but_not_encode() -> None:
    text = "a\ud800Zelensky\udfff Zelensky 😀Zelensky"
    assert find_all(text, ["Zelensky", "\ud800"]) == [[2, 12, 22], [1]]
    assert find_all(text, ["Zelensky"], before="", after="") == [[2, 12, 22]]


def test_bytes_across_two_code_points_are_no_occurrence() -> None:
    """U+4141 then U+0100 hold the bytes of "A" as UTF-32 between them (the native search
    reads code points as bytes)."""
    assert find_all("\u4141\u0100A\u4141\u0100", ["A", "\u0100A"]) == [[2], [1]]


def test_an_empty_needle_is_refused() -> None:
    with pytest.raises(ValueError):
        find_all("text", ["a", ""])


ALPHABET = "aAbé’'-.  \n😀\ud800Ω٣²_"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=ALPHABET, max_size=40),
    st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=4), max_size=5),
    st.sampled_from([None, "", "'’-", "@#/.-_'’&"]),
    st.sampled_from([None, "", "'’-", "/@_-'’"]),
)
def test_the_same_as_the_slow_way(
    text: str, needles: list[str], before: str | None, after: str | None
) -> None:
    assert find_all(text, needles, before, after) == [_plain(text, n, before, after) for n in needles]
