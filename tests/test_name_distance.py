"""The name rule's edit distance (FN030): one edit is read off directly, and agrees with the
full optimal-string-alignment table it stands in for."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.detect.people_names import _aligned, distance


def test_one_edit_of_each_kind() -> None:
    assert distance("Zelensky", "Zelensky", 1) == 0
    assert distance("Zelensky", "Zelenski", 1) == 1  # a substitution
    assert distance("Zelensky", "Zelenskyy", 1) == 1  # an insertion
    assert distance("Zelensky", "Zelnsky", 1) == 1  # a deletion
    assert distance("Zelensky", "Zelesnky", 1) == 1  # neighbours swapped
    assert distance("Zelensky", "Zelsneky", 1) == 2  # two letters apart are two edits
    assert distance("Blinken", "Blinkin", 1) == 1
    assert distance("Blinken", "Blanken", 1) == 1
    assert distance("Blinken", "Blankin", 1) == 2


def test_every_pair_of_short_words_agrees_with_the_table() -> None:
    """Every pair over three letters up to five long: near misses of every shape."""
    words = ["".join(w) for n in range(6) for w in itertools.product("abc", repeat=n)]
    for a in words:
        for b in words:
            if abs(len(a) - len(b)) <= 2:
                assert (distance(a, b, 1) <= 1) == (_aligned(a, b, 1) <= 1), (a, b)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abé’-", max_size=9), st.text(alphabet="abé’-", max_size=9))
def test_generated_pairs_agree_with_the_table(a: str, b: str) -> None:
    assert (distance(a, b, 1) <= 1) == (_aligned(a, b, 1) <= 1)
    assert distance(a, b, 2) == _aligned(a, b, 2)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["Mr", "Anna", "O’Neil", "de", "Jean-Claude", "Tom’s", "-", " ", "\n", "x", "É",
                              "2"]), max_size=12).map("".join),
    st.integers(min_value=0, max_value=60),
)  # fmt: skip
def test_the_word_before_a_name_is_read_backwards_as_forwards(text: str, at: int) -> None:
    """The word before a surname is looked for backwards from where the surname starts
    (`(?r)`): the same match a forward search of the 40 characters before finds."""
    import regex

    from lintkit.detect.people_names import _WORD_BEFORE

    at = min(at, len(text))
    forward = regex.compile(_WORD_BEFORE.pattern.removeprefix("(?r)"))

    def span(m: regex.Match[str] | None) -> object:
        return None if m is None else (m.span(), m.span("word"))

    window = (max(0, at - 40), at)
    assert span(_WORD_BEFORE.search(text, *window)) == span(forward.search(text, *window))
