"""Property-based fuzzing of the readers and the whole pipeline (hypothesis), bounded in time
so it runs in CI: whatever the text, no exception escapes, every finding lies inside the
text with its line and column, and every fix changes only its own span and leaves valid
text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.api import build_linter
from lintkit.check import check_text
from lintkit.fixer import apply
from lintkit.source import LineIndex

LINTER = build_linter()

# Characters that break things: every kind of line break Python knows, separators, quotes,
# markup, entities, surrogate-free astral characters, NUL, combining marks, bidi controls.
TRICKY = [
    *"\n\r\t \u00a0\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85\x00\u200b\u202e\u0301",
    *"“”‘’\"'«».,;:!?…—–-()[]{}<>&#*_`~|/\\@%$€0123456789",
    *["<p>", "</p>", "<!--", "-->", "<![x", "&nbsp;", "& nbsp;", "**", "# ", "- ", "> ", "```", "\r\n"],
    *["😀", "𝔘", "Mr.", "U.S.", "the the", ". .", "world. the", "Picture\n", "Credit…", "Leave a Reply\n"],
]
WORDS = ["the", "minister", "said", "Moscow", "Russia", "talks", "Antony", "Blinken", "Kyiv", "on", "Monday"]
WORDS += ["astatine", "connected", "ministro", "usa", "in", "world", "air", "cold", "NATO", "Treaty"]
piece = st.one_of(st.sampled_from(TRICKY), st.sampled_from(WORDS), st.text(max_size=3))
texts = st.lists(piece, max_size=60).map("".join)


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_is_checked_safely(name: str, text: str) -> None:
    checked = check_text(LINTER, text, name)  # readers and rules: nothing may raise
    index = LineIndex(text)
    for f in checked.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert text[f.start : f.end] == f.text
        assert (f.line, f.column) == index.position(f.start)
        assert (f.end_line, f.end_column) == index.position(f.end)
        for fix in f.fixes:
            assert all(0 <= e.start <= e.end <= len(text) for e in fix.edits), fix
            fixed = apply(text, [fix])
            fixed.encode("utf-8")  # no lone surrogates, valid text
            first, last = fix.edits[0].start, fix.edits[-1].end
            assert fixed[:first] == text[:first]  # nothing before the span changed
            assert fixed[len(fixed) - (len(text) - last) :] == text[last:]  # nor after it
