"""Per-article artifact density and verdict."""

from __future__ import annotations

from lintkit.api import build_linter, lint_path
from lintkit.density import CLEAN_VERDICT, FEW_VERDICT, MT_VERDICT, article_stats
from lintkit.findings import Category, Finding, Severity

from .conftest import ROOT


def finding(artifact_class: str | None) -> Finding:
    return Finding("a.txt", "MT001", "x", Category.MT, Severity.WARNING, "m", 0, 1, 1, 1, 1, 2, "x",
                   artifact_class)  # fmt: skip


def test_stats_count_classes_and_density() -> None:
    stats = article_stats([finding("a"), finding("a"), finding("b"), finding(None)], 400)
    assert stats.artifacts == 3
    assert stats.classes == ("a", "b")
    assert stats.density == 7.5
    assert stats.verdict == FEW_VERDICT
    assert article_stats([finding("a"), finding("b"), finding("c")], 1000).verdict == MT_VERDICT
    assert article_stats([], 1000).verdict == CLEAN_VERDICT


def test_verdicts_separate_our_fixtures() -> None:
    linter = build_linter()
    articles = sorted((ROOT / "fixtures" / "articles").glob("a*.txt"))
    clean = sorted((ROOT / "fixtures" / "articles").glob("c*.txt"))
    assert articles and clean
    for path in articles:
        r = lint_path(path, linter=linter)
        assert article_stats(r.findings, r.words).verdict == MT_VERDICT, path.name
    for path in clean:
        r = lint_path(path, linter=linter)
        assert article_stats(r.findings, r.words).verdict == CLEAN_VERDICT, path.name
