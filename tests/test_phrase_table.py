"""The phrase-table index (MT022's kind) files each phrase under its rarest word and keeps
the words it needs apart from its text, grouped by the one other word most need, so a
document decodes a row by splitting it.
Whatever the layout, a document's candidates are exactly the phrases all of whose words it
holds, with their replacements."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.api import build_linter
from lintkit.detect.phrase_table import PhraseTableRule, _build_index, _decode, _phrases
from lintkit.phrases import tokens

PHRASES = {
    "climate modify": "climate change",
    "astatine the": "at the",
    "intensive tutelage unit": "intensive care unit",
    "push conference": "press conference",
    "very very": "very",  # every word is the key: needs nothing else
    "the the the": "the",
    "individual sector": "private sector",
    "sector individual growth": "private sector growth",
}


def _rule(tmp_path: Path) -> PhraseTableRule:
    table = tmp_path / "phrases.tsv"
    table.write_text(
        "# phrase\treplacement\n" + "".join(f"{p}\t{r}\n" for p, r in PHRASES.items()), encoding="utf-8"
    )
    [mt022] = [r for r in build_linter().rules if r.meta.code == "MT022"]
    return PhraseTableRule(mt022.meta, (table,), None)


def test_every_phrase_is_filed_once_with_its_replacement(tmp_path: Path) -> None:
    rule = _rule(tmp_path)
    rows = _build_index(rule.paths)
    assert sorted(p for _, row in rows for p in _phrases(row)) == sorted(PHRASES.items())
    assert rule.table == PHRASES
    for _, row in rows:  # each decoded row tests as many phrases as it holds
        decoded = _decode(row)
        assert decoded.others == frozenset(decoded.by_other)
        assert len(decoded.more) == len(decoded.more_phrases)
        grouped = sum(len(g.split("\x1e")) for g in decoded.by_other.values())
        tested = len(decoded.alone) + grouped + len(decoded.more)
        assert tested == len(list(_phrases(row)))


WORDS = sorted({w for p in PHRASES for w in tokens(p)} | {"change", "press", "weather"})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.frozensets(st.sampled_from(WORDS)))
def test_the_candidates_are_the_phrases_whose_words_a_document_holds(
    tmp_path: Path, words: frozenset[str]
) -> None:
    rule = _rule(tmp_path)
    expected = {p: r for p, r in PHRASES.items() if frozenset(tokens(p)) <= words}
    assert rule._candidates(words) == expected
    assert rule._candidates(words) == expected  # again, from the decoded rows
