"""The article verdict: a score from classes, hits and density."""

from __future__ import annotations

from lintkit.api import build_linter, lint_path
from lintkit.findings import Category, Finding, Severity
from lintkit.verdict import CLEAN_VERDICT, FEW_VERDICT, MT_VERDICT, assess

from .conftest import ROOT


def finding(artifact_class: str | None) -> Finding:
    return Finding("a.txt", "MT001", "x", Category.MT, Severity.WARNING, "m", 0, 1, 1, 1, 1, 2, "x",
                   artifact_class)  # fmt: skip


def test_stats_count_classes_and_density() -> None:
    stats = assess([finding("stray-punctuation"), finding("stray-punctuation"), finding("tautology-pair"),
                    finding(None)], 400)  # fmt: skip
    assert stats.artifacts == 3
    assert stats.classes == ("stray-punctuation", "tautology-pair")
    assert stats.density == 7.5
    assert assess([], 1000).verdict == CLEAN_VERDICT
    assert assess([finding(None)], 1000).verdict == CLEAN_VERDICT  # grammar findings do not count


def test_score_grows_with_evidence() -> None:
    one = assess([finding("stray-punctuation")], 800)
    assert one.verdict == FEW_VERDICT  # one slip in a long article is what edited copy shows
    more_hits = assess([finding("stray-punctuation")] * 3, 800)
    more_kinds = assess([finding("stray-punctuation"), finding("spinner-synonym"), finding("calque")], 800)
    assert one.score < more_hits.score < more_kinds.score
    assert more_kinds.verdict == MT_VERDICT
    # the same findings weigh more in a short excerpt than in a long article
    assert (
        assess([finding("spinner-synonym")] * 2, 300).score
        > assess([finding("spinner-synonym")] * 2, 3000).score
    )


def test_verdicts_separate_our_fixtures() -> None:
    linter = build_linter()
    articles = sorted((ROOT / "fixtures" / "articles").glob("a*.txt"))
    clean = sorted((ROOT / "fixtures" / "articles").glob("c*.txt"))
    assert articles and clean
    for path in articles:
        r = lint_path(path, linter=linter)
        assert assess(r.findings, r.words).verdict == MT_VERDICT, path.name
    for path in clean:
        r = lint_path(path, linter=linter)
        assert assess(r.findings, r.words).verdict == CLEAN_VERDICT, path.name
