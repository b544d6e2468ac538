"""Each YAML rule kind, from packs written here, and pack validation."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lintkit.document import Document
from lintkit.knowledge import KnowledgeBase
from lintkit.linter import Linter
from lintkit.packs import load_pack
from lintkit.rule import Context
from lintkit.yamlfile import DataError

HEAD = """\
rules:
  - code: XX001
    name: test-rule
    category: style
    severity: warning
    explanation: A rule written by the tests.
    examples: {bad: [{text: x, finds: x}], good: [y]}
"""


def pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def check(path: Path, text: str, **ctx: object) -> list[tuple[str, str]]:
    rules = load_pack(path)
    linter = Linter(rules, Context(knowledge=KnowledgeBase(builtin=False), **ctx))  # type: ignore[arg-type]
    doc = Document(text, detect_headline=False)
    out = []
    for f in linter.check(doc).findings:
        fixed = f.fixes[0].apply(text) if f.fixes else ""
        out.append((f.text, fixed))
    return out


def test_pattern_with_mark_exception_and_replacement(tmp_path: Path) -> None:
    path = pack(
        tmp_path,
        """\
    kind: pattern
    message: 'Write "colour": "{text}"'
    pattern: '\\b(?P<mark>colo)r\\b'
    exceptions: ['\\bcolor TV\\b']
    fix: {replacement: '\\g<mark>ur', applicability: safe, description: British spelling}
""",
    )
    assert check(path, "The color of money, not the color TV.") == [
        ("colo", "The colour of money, not the color TV.")
    ]


def test_pattern_exceptions_each_apply_where_their_matches_overlap(tmp_path: Path) -> None:
    # Each listed exception is its own pattern: the second item's match ("red car") starts
    # inside the first's ("big red"), which a joined alternation would have passed over.
    path = pack(
        tmp_path,
        """\
    kind: pattern
    message: 'm'
    pattern: '\\b(?:red|car|blue)\\b'
    exceptions: ['\\bbig red\\b', '\\bred car\\b', '\\bblue sky\\b']
""",
    )
    assert [t for t, _ in check(path, "A big red car, a red bus and a blue sky.")] == ["red"]
    # an exception that starts where the last match does still counts
    assert [t for t, _ in check(path, "A red bus, then a blue sky, then a red car.")] == ["red"]
    assert [t for t, _ in check(path, "A blue car.")] == ["blue", "car"]


def test_pattern_list_runs_each_alternative(tmp_path: Path) -> None:
    path = pack(
        tmp_path,
        """\
    kind: pattern
    message: 'm'
    pattern: ['\\bfoo\\b', '\\bbar\\b']
""",
    )
    assert [t for t, _ in check(path, "They said bar, then foo.")] == ["bar", "foo"]


def test_substitution_keeps_case_and_matches_whole_words(tmp_path: Path) -> None:
    path = pack(
        tmp_path,
        """\
    kind: substitution
    message: '"{text}" -> "{replacement}"'
    swap: {high minister: prime minister}
    fix: {applicability: unsafe, description: 'write "{replacement}"'}
""",
    )
    text = "The High Minister met the high minister; highminister is not a word."
    assert check(path, text) == [
        ("High Minister", "The Prime Minister met the high minister; highminister is not a word."),
        ("high minister", "The High Minister met the prime minister; highminister is not a word."),
    ]


def test_consistency_flags_the_minority_or_the_house_style(tmp_path: Path) -> None:
    path = pack(
        tmp_path,
        """\
    kind: consistency
    message: '"{text}" but "{preferred}" {times}'
    groups:
      - name: us
        variants:
          - {name: 'U.S.', pattern: '\\bU\\.S\\.', form: 'U.S.'}
          - {name: 'US', pattern: '\\bUS\\b', form: 'US'}
    fix: {applicability: unsafe, description: 'write "{replacement}"'}
""",
    )
    text = "US troops and US ships met U.S. allies."
    assert check(path, text) == [("U.S.", "US troops and US ships met US allies.")]
    assert check(path, "US troops and US ships.") == []
    house = check(path, "US troops and US ships.", house_style={"us": "U.S."})
    assert [t for t, _ in house] == ["US", "US"]


def test_proper_noun_contexts(tmp_path: Path) -> None:
    path = pack(
        tmp_path,
        """\
    kind: proper-noun
    message: '"{text}"'
    names:
      - Kremlin
      - name: Cold War
        when-before: '\\bthe[ \\t]+'
        unless-after: '[ \\t]+between\\b'
""",
    )
    text = "The kremlin recalled the end of the cold war, not a cold war between firms."
    assert [t for t, _ in check(path, text)] == ["kremlin", "cold war"]
    assert check(path, "the Kremlin and the Cold War") == []


def test_pattern_timeout_costs_a_warning_not_a_hang(tmp_path: Path) -> None:
    path = pack(
        tmp_path,
        """\
    kind: pattern
    message: 'm'
    pattern: '(?:a|aa)+$'
""",
    )
    rules = load_pack(path)
    linter = Linter(rules, Context(knowledge=KnowledgeBase(builtin=False), regex_timeout=0.2))
    start = time.perf_counter()
    # the last line matches, so no prefilter (lintkit.multiscan) rules the pattern out; the
    # first makes the regex engine backtrack past the limit
    outcome = linter.check(Document("a" * 60 + "b.\na", detect_headline=False))
    assert time.perf_counter() - start < 5
    assert outcome.findings == []
    assert "XX001" in outcome.warnings[0] and "too slow" in outcome.warnings[0]


@pytest.mark.parametrize(
    "body, problem",
    [
        (
            "    kind: patern\n    message: m\n    pattern: x\n",
            "unknown kind 'patern' (did you mean 'pattern'?)",
        ),
        ("    kind: pattern\n    message: m\n    pattern: '(x'\n", "invalid regular expression"),
        ("    kind: pattern\n    message: m\n", "missing required key 'pattern'"),
        ("    kind: pattern\n    message: m\n    pattern: x\n    parts: [bodyy]\n", "unknown part 'bodyy'"),
        (
            "    kind: pattern\n    message: m\n    pattern: x\n    fix: {replacement: '\\g<nope>', "
            "applicability: safe, description: d}\n",
            "invalid replacement",
        ),
        ("    kind: substitution\n    message: m\n    swap: {a: ''}\n", "'swap' must map"),
    ],
)
def test_invalid_packs_name_file_and_line(tmp_path: Path, body: str, problem: str) -> None:
    path = pack(tmp_path, body)
    with pytest.raises(DataError) as info:
        load_pack(path)
    assert str(info.value).startswith(f"{path}:")
    assert problem in str(info.value)


def test_invalid_yaml_syntax(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("rules:\n  - code: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"pack\.yaml:\d+: invalid YAML"):
        load_pack(path)


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("rules: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(DataError):
        load_pack(path)


def test_fixes_inside_quotations_are_never_safe(tmp_path: Path) -> None:
    path = pack(
        tmp_path,
        """\
    kind: pattern
    message: 'm'
    pattern: '\\bteh\\b'
    fix: {replacement: 'the', applicability: safe, description: d}
""",
    )
    rules = load_pack(path)
    linter = Linter(rules, Context(knowledge=KnowledgeBase(builtin=False)))
    doc = Document("He wrote teh memo. “Read teh memo,” she said.", detect_headline=False)
    outside, inside = linter.check(doc).findings
    assert str(outside.fixes[0].applicability) == "safe"
    assert str(inside.fixes[0].applicability) == "unsafe"


def test_span_set_reads_spans_that_overlap_or_nest() -> None:
    from lintkit.detect.base import SpanSet

    spans = SpanSet([(5, 8), (0, 20), (30, 30), (40, 45), (44, 50)])
    assert spans.overlaps(10, 12)  # inside (0, 20), after the nested (5, 8) ends
    assert spans.overlaps(48, 49) and spans.overlaps(20 - 1, 25)
    assert not spans.overlaps(20, 30) and not spans.overlaps(50, 60)
    assert spans.overlaps(29, 31)  # an empty span counts where a range holds it
    assert not spans.overlaps(30, 30)
