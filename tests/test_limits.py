"""Resource limits (issue 12 items 10 and 11): built-in rules lose no finding on a long
article whatever the regex time limit, user patterns keep the limit, patterns that can match
empty text are refused, and loading a large knowledge file is linear.

Nothing here is timed: independence from the clock is shown with a time limit far too small
for any pattern to finish under, and linearity by counting function calls.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable, Iterator
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
from lintkit.selection import select
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
    text += "\n" + "a" * 60 + "b.\na\n"  # a last line that matches: no prefilter skips the pattern
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
    assert "rule XX001 (catastrophic) stopped after 0.2s on this file and reports nothing in it" in warning
    assert "too slow" in warning
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


# Knowledge: a user file in the documented format, with made-up names that collide with
# nothing, each of which the article below mentions correctly or distorted.


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < count:
        w = "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))
        out[w.capitalize()] = None
    return list(out)


def knowledge(count: int, every: int = 10) -> tuple[str, str, list[str], list[str]]:
    """A knowledge file with `count` canonical names, people and officials (with their
    offices), and an article naming every `every`-th of each: (yaml, article, distorted
    names, misspelt people)."""
    vocab = _words(3 * count + 10, seed=count)
    lines = ['as-of: "2026-01-01"', "names:"]
    sentences, distorted, misspelt = [], [], []
    for i in range(count):
        a, b = vocab[2 * i], vocab[2 * i + 1]
        lines += [
            f"  - canonical: {a} {b} Treaty",
            "    kind: treaty",
            f"    forms: [{a} {b} Treaty, Treaty of {a} {b}]",
            f"    signature: [{a.lower()}, {b.lower()}, treaty|accord]",
            f'    source: "test {i}"',
        ]
        if i % every == 0:
            sentences.append(f"Delegates signed the {a} {b} Treaty. Critics said the {b} {a} Treaty failed.")
            distorted.append(f"{b} {a} Treaty")
    lines.append("people:")
    for i in range(count):
        first, last = vocab[2 * count + i], vocab[(2 * i + 1) % (2 * count)]
        lines += [f"  - name: {first} {last}", f'    source: "test {i}"']
        if i % every == 0:
            sentences.append(f"{first} {last} spoke. Later {first[:-1]}y {last} spoke again.")
            misspelt.append(f"{first[:-1]}y {last}")
    lines += ["offices:", "  zz.envoy:", "    title: Special Envoy", "    organisation: Zedland",
              "    forms: [Special Envoy]", "officials:"]  # fmt: skip
    for i in range(count):
        lines += [
            f"  - name: {vocab[i]} {vocab[count + i]}",
            f"    surname: {vocab[count + i]}",
            "    offices:",
            '      - {office: zz.envoy, start: "2020-01-01"}',
            f'    source: "test {i}"',
        ]
    return "\n".join(lines) + "\n", "\n\n".join(["Treaty talks", *sentences]) + "\n", distorted, misspelt


FACT_RULES = ("FN001", "FN010", "FN020", "FN030")


def _load_and_check(path: Path, article: str) -> list[tuple[str, str]]:
    """Parse a knowledge file, prepare the rules that read it, check an article."""
    rules = select(load_rules(), list(FACT_RULES), [], [])
    linter = Linter(rules, Context(knowledge=KnowledgeBase([path], builtin=False)))
    outcome = linter.check(Document(article, "article.txt"))
    assert outcome.warnings == [] and outcome.errors == []
    return [(f.rule, f.text) for f in outcome.findings]


def test_a_knowledge_file_of_5000_entries_loads_and_its_names_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINTKIT_NO_CACHE", "1")
    data, article, distorted, misspelt = knowledge(5000, every=50)
    path = tmp_path / "ours.yaml"
    path.write_text(data, encoding="utf-8")
    found = _load_and_check(path, article)
    assert sorted(t for r, t in found if r == "FN010") == sorted(distorted)
    assert sorted(t for r, t in found if r == "FN030") == sorted(misspelt)
    assert len(distorted) == len(misspelt) == 100


def _calls(run: Callable[[], object]) -> int:
    """How many Python and built-in functions `run` calls: a measure of work, unlike time
    the same on every machine and under any load."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count


@pytest.fixture
def no_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINTKIT_NO_CACHE", "1")
    yield


def test_loading_and_checking_knowledge_is_linear_in_its_size(tmp_path: Path, no_cache: None) -> None:
    """Twice the entries (and twice the mentions in the article) take about twice the work
    to parse, index and check; anything quadratic would take four times as much."""

    def work(count: int) -> int:
        data, article, _, _ = knowledge(count)
        path = tmp_path / f"k{count}.yaml"
        path.write_text(data, encoding="utf-8")
        return _calls(lambda: _load_and_check(path, article))

    work(50)  # language tables and compiled patterns, loaded once per process
    small, large = work(1000), work(2000)
    assert large < 2.4 * small, (small, large)


@pytest.mark.parametrize(
    ("content", "most", "size"),
    [
        (b"", 10, 0),
        (b"short article", 100, 13),
        (b"x" * 5000, 4001, 5000),  # more than the limit: the limit and a byte more, no further
        (b"y" * 3_000_000, 10_000_000, 100),  # grew since its size was read: read on to the end
        (b"z" * 3_000_000, 2_500_001, 100),  # and still never past the limit
    ],
)
def test_an_article_is_read_up_to_its_limit_whatever_its_size_said(
    tmp_path: Path, content: bytes, most: int, size: int
) -> None:
    from lintkit.check import _read_up_to

    path = tmp_path / "a.txt"
    path.write_bytes(content)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert _read_up_to(fd, most, size) == content[:most]
    finally:
        os.close(fd)
