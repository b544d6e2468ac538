"""Where the word rules (MT033 foreign words, PU006 glued words, FN021 lower-case proper
nouns) find their words in a text: whole words only, never inside an address, a handle or a
file name, and at the very start and the very end of a text too."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.api import Options, build_linter
from lintkit.check import check_text
from lintkit.detect.words import _occurrences


@pytest.mark.parametrize(
    ("code", "text", "word"),
    [
        ("MT033", "The talks ended, the ministro", "ministro"),
        ("PU006", "The envoys left fromthe", "fromthe"),
        ("FN021", "The talks resume on monday", "monday"),
        ("FN021", "monday is the day the talks resume.", "monday"),
    ],
)
def test_a_word_is_found_where_the_text_begins_or_ends(code: str, text: str, word: str) -> None:
    linter = build_linter(Options(select=(code,)))
    found = [text[f.start : f.end] for f in check_text(linter, text, "a.txt").findings]
    assert found == [word]


def _plain(text: str, words: list[str]) -> list[tuple[str, int, int]]:
    """The definition, one position at a time: a whole word is neither preceded by a letter,
    a digit or one of @#/.-_'’& nor followed by a letter, a digit, one of /@_-'’, a period
    and a letter, or ":/"; occurrences of one word do not overlap (each search starts where
    the last occurrence ended)."""
    out = []
    for word in words:
        at = 0
        while (at := text.find(word, at)) >= 0:
            end = at + len(word)
            before, after = text[at - 1 : at], text[end : end + 2]
            glued_before = before != "" and (before.isalnum() or before in "@#/.-_'’&")
            glued_after = after != "" and (
                after[0].isalnum()
                or after[0] in "/@_-'’"
                or (after[0] == "." and after[1:].isalpha())
                or after == ":/"
            )
            if not glued_before and not glued_after:
                out.append((word, at, end))
            at = end
    return sorted(out, key=lambda hit: hit[1])


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab .:/@#-_'’&1é\n")), max_size=30),
    st.lists(st.sampled_from(["a", "ab", "ba", "b", "aa", "é"]), unique=True, max_size=4),
)
def test_occurrences_are_the_whole_words_the_definition_gives(text: str, words: list[str]) -> None:
    assert _occurrences(text, words) == _plain(text, words)
