"""Every rule carries its own examples; this runs all of them (as LanguageTool does)."""

from __future__ import annotations

import pytest

from lintkit.knowledge import KnowledgeBase
from lintkit.registry import load_rules
from lintkit.selftest import verify

RULES = load_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.code for r in RULES])
def test_examples_hold(rule, kb: KnowledgeBase) -> None:
    assert verify(rule, kb) == []


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.code for r in RULES])
def test_rule_is_documented(rule) -> None:
    meta = rule.meta
    assert meta.examples.bad and meta.examples.good
    assert len(meta.explanation) > 80
    assert "\n" not in meta.message
    if meta.fixable:
        assert any(b.fixed for b in meta.examples.bad), "a fixable rule shows a fix in an example"


def test_codes_are_grouped_by_family() -> None:
    families = {"MT", "PU", "ST", "FN", "RS"}
    assert {r.meta.code[:2] for r in RULES} <= families
