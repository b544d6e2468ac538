"""Resource limits (issue 12 items 10 and 11): built-in rules lose no finding on a long
article whatever the regex time limit, user patterns keep the limit, and patterns that can
match empty text are refused.

Nothing here is timed: independence from the clock is shown with a time limit far too small
for any pattern to finish under.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from lintkit.api import Options, build_linter
from lintkit.check import check_text
from lintkit.detect.base import can_match_empty
from lintkit.detect.consistency import ConsistencyRule
from lintkit.detect.pattern import PatternRule
from lintkit.document import Document
from lintkit.knowledge import KnowledgeBase
from lintkit.linter import Linter
from lintkit.packs import load_pack
from lintkit.registry import load_rules
from lintkit.rule import Context
from lintkit.yamlfile import DataError

ROOT = Path(__file__).resolve().parent.parent
# Rules whose first bad example is planted in the long article: those that hit the time
# limit on 16-20 MB articles (FN010, PU004, MT005) and others of every kind.
PLANTED = ("FN001", "FN010", "FN030", "MT005", "MT010", "MT022", "PU003", "PU004", "PU006")
NO_TIME = 1e-9  # seconds: no pattern finishes on a long article under this limit


def _filler() -> list[str]:
    """Body paragraphs of the bundled articles (headlines and bylines left out)."""
    out = []
    for path in sorted((ROOT / "fixtures" / "articles").glob("*.txt")):
        for p in path.read_text(encoding="utf-8").split("\n\n"):
            if len(p) > 200 and "\n" not in p.strip():
                out.append(p.strip())
    return out


def long_article(size: int) -> tuple[str, list[tuple[str, int, int]]]:
    """An article of about `size` characters with the first bad example of each PLANTED rule
    as a paragraph at its start, middle and end; and (rule, start, end) of what they find."""
    examples = {r.meta.code: r.meta.examples.bad[0] for r in load_rules() if r.meta.code in PLANTED}
    filler = _filler()
    rng = random.Random(11)
    paragraphs = ["Long article about the talks"]
    expected: list[tuple[str, int, int]] = []
    offset = len(paragraphs[0]) + 2
    for where in (0, size // 2, size):
        while offset < where:
            paragraphs.append(rng.choice(filler))
            offset += len(paragraphs[-1]) + 2
        for code in PLANTED:
            example = examples[code]
            at = 0
            for found in example.finds:
                at = example.text.index(found, at)
                expected.append((code, offset + at, offset + at + len(found)))
                at += len(found)
            paragraphs.append(example.text)
            offset += len(example.text) + 2
    return "\n\n".join(paragraphs) + "\n", expected


@pytest.fixture(scope="module")
def article() -> tuple[str, list[tuple[str, int, int]]]:
    return long_article(2_000_000)


def test_builtin_rules_lose_no_finding_on_a_long_article(
    article: tuple[str, list[tuple[str, int, int]]],
) -> None:
    """Every built-in rule on, under a time limit no pattern could meet: nothing times out,
    and every planted artifact is reported where it is, at the start, middle and end."""
    text, expected = article
    assert len(text) > 2_000_000
    linter = build_linter(Options(regex_timeout=NO_TIME))
    checked = check_text(linter, text, "long.txt")
    assert checked.warnings == []
    assert checked.errors == []
    found = {(f.rule, f.start, f.end) for f in checked.findings}
    assert [e for e in expected if e not in found] == []


def test_a_user_pattern_keeps_the_time_limit_beside_the_builtin_rules(
    tmp_path: Path, article: tuple[str, list[tuple[str, int, int]]]
) -> None:
    text, expected = article
    text += "\n" + "a" * 60 + "b.\n"
    pack = tmp_path / "house.yaml"
    pack.write_text(
        """\
rules:
  - code: XX001
    name: catastrophic
    category: style
    severity: warning
    message: 'm'
    explanation: A pattern that backtracks exponentially on a run of letters.
    kind: pattern
    pattern: '(?:a|aa)+$'
    examples: {bad: [{text: 'a', finds: 'a'}], good: ['b']}
""",
        encoding="utf-8",
    )
    linter = build_linter(Options(rule_packs=(pack,), regex_timeout=0.2, select=(*PLANTED, "XX")))
    checked = check_text(linter, text, "long.txt")
    assert len(checked.warnings) == 1
    warning = checked.warnings[0]
    assert "rule XX001 (catastrophic) stopped after 0.2s" in warning and "too slow" in warning
    assert str(pack) in warning
    found = {(f.rule, f.start, f.end) for f in checked.findings}
    assert [e for e in expected if e not in found] == []


def test_builtin_patterns_cannot_match_empty_text() -> None:
    """Built-in packs are compiled lazily and not probed when they load, so here."""
    checked = 0
    for rule in load_rules():
        patterns = []
        if isinstance(rule, PatternRule):
            patterns = list(rule.patterns)
        elif isinstance(rule, ConsistencyRule):
            patterns = [v.pattern for g in rule.groups for v in g.variants]
        for pattern in patterns:
            assert not can_match_empty(pattern), (rule.meta.code, pattern.pattern)
            checked += 1
    assert checked > 50


HEAD = """\
rules:
  - code: XX001
    name: test-rule
    category: style
    severity: warning
    message: 'm'
    explanation: A rule written by the tests.
    examples: {bad: [{text: x, finds: x}], good: [y]}
"""


@pytest.mark.parametrize(
    "pattern",
    [r"x*", r"\b", r"^", r"(?=foo)", r"(?:abc)?", r"(?<=zebra)", r"(?<!x)", r"[\p{Lu}]{0,3}", r"(?i:the)?"],
)
def test_a_pattern_that_can_match_empty_text_is_refused(tmp_path: Path, pattern: str) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(HEAD + f"    kind: pattern\n    pattern: ['x', '{pattern}']\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_pack(path)
    assert str(info.value).startswith(f"{path}:10: rule XX001: pattern can match empty text")


def test_a_consistency_variant_that_can_match_empty_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    body = """\
    kind: consistency
    groups:
      - name: g
        variants:
          - {name: a, pattern: 'Mr\\.', form: 'Mr.'}
          - {name: b, pattern: '(?:Mr)?', form: 'Mr'}
"""
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_pack(path)
    assert str(info.value).startswith(f"{path}:14: rule XX001: variant 'b': pattern can match empty text")


def test_empty_matches_the_probes_miss_report_nothing(tmp_path: Path) -> None:
    """`\\A(?=The)` matches empty text only before an article's first "The", which no probe
    holds: it loads, and its empty match is dropped when an article is checked."""
    path = tmp_path / "pack.yaml"
    path.write_text(HEAD + "    kind: pattern\n    pattern: ['\\A(?=The)', 'zz']\n", encoding="utf-8")
    rules = load_pack(path)
    linter = Linter(rules, Context(knowledge=KnowledgeBase(builtin=False)))
    outcome = linter.check(Document("The zz talks.\n" * 1000, detect_headline=False))
    assert [f.text for f in outcome.findings] == ["zz"] * 1000
