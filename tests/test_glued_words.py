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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZbYé ÉßİıǅDŽxX.-1")), max_size=40))
def test_capitals_after_lowercase_are_the_transitions(text: str) -> None:
    """The rule scans for a capital after a lowercase letter (a faster scan); the places are
    those of the lowercase-then-capital pattern the prefilter reads."""
    from lintkit.detect.words import _CAPITAL_AFTER_LOWER, _TRANSITION

    assert [m.start() - 1 for m in _CAPITAL_AFTER_LOWER.finditer(text)] == [
        m.start() for m in _TRANSITION.finditer(text)
    ]
