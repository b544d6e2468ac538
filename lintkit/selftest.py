"""Running a rule's own examples: every bad example must produce exactly the listed
findings (and fix), every good example none. The test suite runs this for every rule, and
`lintkit verify-rules` runs it for a user's own packs."""

from __future__ import annotations

from .document import Document
from .findings import Finding
from .knowledge import KnowledgeBase
from .linter import Linter
from .meta import BadExample, GoodExample
from .rule import Context, Rule


def run_example(rule: Rule, example: BadExample | GoodExample, kb: KnowledgeBase) -> list[Finding]:
    """The findings of `rule` alone on an example's text (a body paragraph unless the
    example is marked as a whole article)."""
    linter = Linter([rule], Context(knowledge=kb, date=example.date))
    doc = Document(example.text, "<example>", detect_headline=example.article)
    return linter.check(doc).findings


def verify(rule: Rule, kb: KnowledgeBase) -> list[str]:
    """Problems with a rule's examples, as sentences; empty when all examples hold."""
    problems = []
    code = rule.meta.code
    for ex in rule.meta.examples.bad:
        found = run_example(rule, ex, kb)
        texts = tuple(f.text for f in found)
        if texts != ex.finds:
            problems.append(
                f"{code}: bad example {ex.text!r}: expected {list(ex.finds)}, found {list(texts)}"
            )
            continue
        if ex.fixed is not None:
            if not found[0].fixes:
                problems.append(f"{code}: bad example {ex.text!r}: expected a fix, found none")
            else:
                fixed = found[0].fixes[0].apply(ex.text)
                if fixed != ex.fixed:
                    problems.append(
                        f"{code}: bad example {ex.text!r}: fix gives {fixed!r}, expected {ex.fixed!r}"
                    )
    for good in rule.meta.examples.good:
        found = run_example(rule, good, kb)
        if found:
            problems.append(f"{code}: good example {good.text!r} is flagged: {[f.text for f in found]}")
    return problems
