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


def test_builtin_patterns_compile_and_their_fix_templates_fit() -> None:
    """Built-in packs compile their patterns on first use (start-up stays short), so the
    validation a user pack gets at load time is done here."""
    from lintkit.detect.pattern import PatternRule, _template_problem

    checked = 0
    for rule in RULES:
        if not isinstance(rule, PatternRule):
            continue
        for pattern in rule.patterns:
            assert pattern.groups >= 0  # compiles
            if rule.fix is not None and rule.fix.replacement is not None:
                assert _template_problem(pattern, rule.fix.replacement) is None, rule.meta.code
            checked += 1
        for exception in rule.exceptions:
            assert exception.groups >= 0
    assert checked > 20
