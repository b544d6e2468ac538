"""PU006 (glued words) passes over a word that neither starts nor ends with a glue word
before trying its cuts: that shortcut must never change where a word splits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.api import Options, build_linter
from lintkit.check import check_text
from lintkit.detect.words import _GLUE, _glued_at, _split
from lintkit.language import common_english_words

_PIECES = [*sorted(_GLUE), "press", "talks", "minister", "ment", "ing", "zk", "ov", "ski", "a", "e", "q"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join))
def test_the_shortcut_splits_every_word_where_the_cuts_do(word: str) -> None:
    assert _glued_at(word) == _split(word, common_english_words(), _GLUE)


def test_glued_words_are_found_and_names_left_alone() -> None:
    linter = build_linter(Options(select=("PU006",)))
    text = (
        "The delegates returned fromthe capital on Monday, and Konstantinopoulos said the "
        "ministers would meet again whenthe committee reports.\n"
    )
    found = [text[f.start : f.end] for f in check_text(linter, text, "a.txt").findings]
    assert found == ["fromthe", "whenthe"]
