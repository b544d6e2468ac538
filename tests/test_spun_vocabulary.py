"""MT023 (spun vocabulary) reports an article whose thesaurus-swapped forms reach the
density gate, and nothing else; its cheap bound before the exact count (counted in the
text for a few forms, over the article's words for many) never changes which."""

from __future__ import annotations

import pytest

from lintkit.api import Options, build_linter
from lintkit.check import check_text
from lintkit.detect.spun_vocabulary import _WORD, GATE_PER_1000, _forms

LINTER = build_linter(Options(select=["MT023"]))
FILLER = ("officials said on monday that the talks would go on in geneva next week as planned").split()  # noqa: SIM905


def _article(forms: list[str], every: int) -> str:
    """A lowercase article of 240 words with one of `forms` after every `every` words."""
    words: list[str] = []
    for i in range(240):
        words.append(forms[i // every % len(forms)] if i % every == every - 1 else FILLER[i % len(FILLER)])
    return "Talks\n\n" + " ".join(words) + "."


@pytest.mark.parametrize("distinct", [1, 5, 16, 17, 40])
@pytest.mark.parametrize("every", [3, 10, 30])
def test_reported_exactly_when_the_forms_reach_the_gate(distinct: int, every: int) -> None:
    forms = sorted(_forms().load_keys())[2000 : 2000 + 300 : 7][:distinct]
    text = _article(forms, every)
    found = [f.text for f in check_text(LINTER, text, "a.txt").findings]
    table = _forms()
    exact = [m.group() for m in _WORD.finditer(text) if m.group() in table]
    words = len(text.split())
    expected = exact if 1000 * len(exact) / words >= GATE_PER_1000 else []
    assert found == expected
    assert (found != []) == (every <= 10)  # 1 in 3 and 1 in 10 pass the gate; 1 in 30 does not
