"""MT002 (a sentence of one word) skips a sentence with a space between its first and last
characters before stripping it: its findings are those of stripping every sentence."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.api import build_linter
from lintkit.check import make_document
from lintkit.detect.sentence_breaks import _FRAGMENT_MARKS, _ONE_WORD_OK, _WORD
from lintkit.segmenter import Opener

LINTER = build_linter()
[MT002] = [r for r in LINTER.rules if r.meta.code == "MT002"]
PIECES = ["Europe", "the", "allies", "Overall", "sales", "rose", "12", "don’t", " ", "  ", ". ", ".",
          "“", "”", "'", ")", "(", "\n\n", "Talks\n", "Sales rose. ", "Europe ."]  # fmt: skip


def _fragments(text: str) -> list[int]:
    """Where MT002 reports, read the plain way: every sentence stripped, then matched."""
    doc = make_document(text, "a.txt")
    out = []
    for s in doc.splits_in(MT002.meta.parts):
        if s.opener is not Opener.PERIOD or doc.text[s.end - 1 : s.end] != ".":
            continue
        body = doc.text[s.start : s.end - 1].strip(_FRAGMENT_MARKS)
        if _WORD.fullmatch(body) and body.lower() not in _ONE_WORD_OK and not body.isdigit():
            out.append(s.end)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "The allies rose. Europe . Overall sales rose.",  # a space before the period only
        "The allies rose. “Europe.” Overall sales rose.",
        "The allies rose. (Europe) . Sales rose.",
        "The allies rose. Western Europe. Sales rose.",  # two words
        "Sales rose. E. Sales rose.",
        "Sales rose. “ Europe. Sales rose.",  # a space after the opening mark only
    ],
)
def test_one_word_sentences_around_marks_and_spaces(text: str) -> None:
    doc = make_document(text, "a.txt")
    assert [f.end for f in MT002.check(doc, LINTER.context)] == _fragments(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_one_word_sentences_are_found_as_by_stripping_every_sentence(text: str) -> None:
    doc = make_document(text, "a.txt")
    assert [f.end for f in MT002.check(doc, LINTER.context)] == _fragments(text)
