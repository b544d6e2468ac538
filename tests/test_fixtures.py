"""Detection on our own annotated articles (written for this repository, in new sentences),
and silence on our own clean articles. The articles in fixtures/articles/ were written
without sight of the rules, so this measures how the rules generalise."""

from __future__ import annotations

from .conftest import ROOT
from .scoring import score

ARTICLES = ROOT / "fixtures" / "articles" / "annotations.jsonl"
# Written last, blind to the rules, and never used to tune them: the honest figure.
HOLDOUT = ROOT / "fixtures" / "holdout" / "annotations.jsonl"
EXAMPLE = ROOT / "fixtures" / "examples" / "annotations.jsonl"


def test_bundled_example_is_caught() -> None:
    result = score(EXAMPLE)
    assert result.recall >= 0.9, result.missed
    assert len(result.unmatched) <= 2, result.unmatched


def test_annotated_articles() -> None:
    result = score(ARTICLES)
    assert result.total >= 50
    assert result.recall >= 0.8, result.missed
    assert result.precision >= 0.85, result.unmatched


def test_clean_articles_stay_clean() -> None:
    result = score(ARTICLES)
    assert result.clean_words > 1000
    assert result.noise == []


def test_every_rule_finds_an_annotated_artifact() -> None:
    from lintkit.registry import load_rules

    detecting = score(ARTICLES).rules_detecting | score(EXAMPLE).rules_detecting
    assert {r.meta.code for r in load_rules()} - detecting == set()


def test_blind_holdout() -> None:
    """Measured once the rules were written (recall 0.80, precision 0.97 at the time).
    Misses there are kept as they are: fixing them one by one would turn the hold-out into
    a training set."""
    result = score(HOLDOUT)
    assert result.total >= 40
    assert result.recall >= 0.75, result.missed
    assert result.precision >= 0.9, result.unmatched
    assert result.noise == []
