"""The multi-pattern prefilter (lintkit.multiscan) only skips work: every pattern of every
built-in pattern and consistency rule that matches a text is among those the one hyperscan pass reports,
on every text the repository holds and on generated text; findings are the same with the
prefilter on and off; and texts hyperscan cannot take fall back to running every pattern."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit import multiscan
from lintkit.api import build_linter
from lintkit.check import make_document
from lintkit.detect.consistency import ConsistencyRule
from lintkit.detect.pattern import PatternRule
from lintkit.document import Document
from lintkit.multiscan import _LETTERS as L
from lintkit.multiscan import Prefilter, available, widen

from .conftest import ROOT

pytestmark = pytest.mark.skipif(available() is None, reason="hyperscan is not installed here")

RULES: list[Any] = [r for r in build_linter().rules if getattr(r, "prefilter_scan", None) is not None]


def _patterns(rule: Any) -> list[Any]:
    """A rule's expressions in the order its prefilter numbers them."""
    return list(rule.prefilter_patterns)


@pytest.fixture(autouse=True)
def _no_deferral(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every prefilter here scans from its first document (a run defers it: see below)."""
    monkeypatch.setattr(multiscan, "DEFER_DOCUMENTS", 0)


def _texts() -> list[tuple[str, str]]:
    out = [(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "fixtures").rglob("*"))
           if p.suffix in (".txt", ".md", ".html") and p.is_file()]  # fmt: skip
    for r in RULES:
        out += [("example.txt", b.text) for b in r.meta.examples.bad]
        out += [("example.txt", g.text) for g in r.meta.examples.good]
    return out


TEXTS = _texts()


def _missed(rule: Any, text: str) -> list[int]:
    """Patterns of `rule` that match `text` but that the prefilter says cannot."""
    may = rule.prefilter_scan.matching(text)
    if may is None:
        return []
    return [
        i
        for i, p in enumerate(_patterns(rule))
        if i not in may and any(m.end() > m.start() for m in p.finditer(text))
    ]


def test_the_rules_with_prefilters() -> None:
    kinds = {type(r) for r in RULES}
    assert {PatternRule, ConsistencyRule} <= kinds and any(r.meta.code == "PU006" for r in RULES)


def test_most_builtin_patterns_are_prefiltered() -> None:
    """A pattern hyperscan cannot take always runs: most must be taken, or the prefilter
    saves nothing."""
    total = taken = 0
    for r in RULES:
        total += len(_patterns(r))
        taken += len(_patterns(r)) - len(r.prefilter_scan.unfiltered())
    assert taken >= 0.9 * total, (taken, total)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_the_prefilter_never_rules_out_a_pattern_that_matches(rule: Any) -> None:
    assert len(TEXTS) > 100
    for name, source in TEXTS:
        text = make_document(source, name).text
        assert _missed(rule, text) == [], (rule.meta.code, name)


def _pieces() -> list[str]:
    """Words and marks the patterns are about (from their examples), and separators."""
    words: set[str] = set()
    for r in RULES:
        for b in r.meta.examples.bad:
            words.update(regex.findall(r"\w+|[^\w\s]", b.text))
    return [*sorted(words), " ", " ", "  ", "\t", "\n", "\n\n", ", ", ". ", "-", "’", "“", "”", "«", "»"]


PIECES = _pieces()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_generated_text_never_loses_a_match(text: str) -> None:
    for rule in RULES:
        assert _missed(rule, text) == [], (rule.meta.code, text)


def test_findings_are_the_same_with_the_prefilter_off(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [(name, source) for name, source in TEXTS if not name.endswith("example.txt")]
    assert len(docs) > 20

    def findings() -> list[str]:
        linter = build_linter()
        return [repr(f) for name, source in docs for f in linter.check(make_document(source, name)).findings]

    on = findings()
    monkeypatch.setenv("LINTKIT_NO_MULTISCAN", "1")
    off = findings()
    assert on == off and len(on) > 50


def test_text_that_is_not_utf8_runs_every_pattern() -> None:
    prefilter = Prefilter([r"a\p{Lu}", "zz"], caseless=False)
    assert prefilter.matching("xx aB yy") == frozenset({0})
    assert prefilter.matching("aB \ud800 zz") is None  # a lone surrogate: hyperscan cannot read it


def test_threads_each_scan_with_their_own_database() -> None:
    prefilter = Prefilter([r"\bquick\b", r"lazy(?=\s+dog)"], caseless=False)
    results: list[frozenset[int] | None] = []

    def work() -> None:
        for _ in range(200):
            results.append(prefilter.matching("the quick fox and the lazy dog"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [frozenset({0, 1})] * 800


W = r"\x{200C}\x{200D}\x{203F}\x{2040}\x{2054}"  # connectors \\w holds in General Punctuation


@pytest.mark.parametrize(
    "source, expected",
    [
        (r"(?P<mark>\p{Lu})x", rf"(?:[A-Z{L}])x"),  # named group, property
        (r"[^\n]{1,40}\.", r"[\x{0}-\x{10FFFF}]{1,}\."),  # negated class, bounded repeat
        (r"\bab\w{,3}", rf"ab[0-9A-Za-z_{L}{W}]{{0,}}"),  # boundary, regex's {,n}
        (r"(?<=,[ \t])(?:He|She)(?=[ \t]\p{Ll})", rf"(?:,[ \t])(?:He|She)(?:[ \t][a-z{L}])"),
        (r"[.!?](?=\p{Lu})(?<=\p{Ll}[.!?])", rf"(?:[a-z{L}][.!?])(?:[A-Z{L}])"),
        (r"x(?<=ax)y|z", r"x(?<=ax)y|z"),  # a top-level alternation: lookarounds stay
        (r"(\w)\1", None),  # backreference
        (r"(?P<w>\w)(?P=w)", None),
        (r"[[:alpha:]]", None),  # nested set
        (r"(?i)ümlaut", None),  # caseless non-ASCII: folding differs between engines
        (r"(?i)sk", r"(?i)[s\x{17F}][k\x{212A}]"),  # regex folds ſ to s and K (Kelvin) to k
        (r"\u2019", None),  # an escape PCRE reads otherwise
    ],
)
def test_widen(source: str, expected: str | None) -> None:
    assert widen(source, caseless=False) == expected


def test_widened_patterns_match_what_the_originals_match() -> None:
    """Each widening step by itself, on texts written for it."""
    cases = [
        (r"(?<=\p{Ll}{2})[.!?](?=\p{Lu})", ["word.Next", "été.Über"]),
        (r"«[^»\n]{1,400}»", ["a «quoted» word"]),
        (r"\bday\s+\d{1,2}\b(?![\d,])", ["on day 14 of", "day\u00a09"]),
        (r"(?i)\bstreet\b", ["Main ſtreet"]),
    ]
    for source, texts in cases:
        prefilter = Prefilter([source], caseless=False)
        for text in texts:
            assert regex.search(source, text), (source, text)
            assert prefilter.matching(text) == frozenset({0}), (source, text)


def test_a_document_shares_its_utf8_form_between_rules() -> None:
    doc = Document("Ceci n’est pas une pipe.", "a.txt")
    first = Prefilter(["pipe"], caseless=False)
    second = Prefilter(["pas"], caseless=False)
    assert first.matching(doc.text, doc.memo) == frozenset({0})
    encoded = [v for v in doc.memo.values() if isinstance(v, bytes)]
    assert second.matching(doc.text, doc.memo) == frozenset({0})
    assert [v for v in doc.memo.values() if isinstance(v, bytes)] == encoded == [doc.text.encode()]


def _ranges(body: str) -> list[tuple[int, int]]:
    """The code point ranges a widened class body names (characters, \\t-style escapes
    and \\x{..}, single or as ranges)."""
    named = {"t": 9, "n": 10, "v": 11, "f": 12, "r": 13}
    points = []
    for m in regex.finditer(r"\\x\{([0-9A-F]+)\}|\\(.)|(.)", body, flags=regex.DOTALL):
        if m.group(1):
            points.append(int(m.group(1), 16))
        elif m.group(2):
            points.append(named.get(m.group(2), ord(m.group(2))))
        else:
            points.append(-1 if m.group(3) == "-" else ord(m.group(3)))
    out, i = [], 0
    while i < len(points):
        if i + 2 < len(points) and points[i + 1] == -1:
            out.append((points[i], points[i + 2]))
            i += 3
        else:
            out.append((points[i], points[i]))
            i += 1
    return out


@pytest.mark.parametrize(
    "escape", [r"\p{L}", r"\p{Lu}", r"\p{Ll}", r"\p{Lt}", r"\p{M}", r"\p{N}", r"\p{Nd}", r"\w", r"\d", r"\s"]
)
def test_widened_classes_hold_every_character_of_the_class(escape: str) -> None:
    """Against the installed regex package's Unicode tables, every code point: a class
    widened for hyperscan must hold each character the class matches, caseless too."""
    body = widen(escape, caseless=False)
    assert body is not None and body.startswith("[") and body.endswith("]")
    ranges = _ranges(body[1:-1])
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for flags in (0, regex.IGNORECASE):
        members = {ord(c) for c in regex.findall(escape, every, flags=flags)}
        if flags:  # caseless: hyperscan folds the ASCII letters itself
            members = {c for c in members if not chr(c).isascii() or not chr(c).isalpha()}
        outside = [hex(c) for c in sorted(members) if not any(lo <= c <= hi for lo, hi in ranges)]
        assert outside == [], (escape, flags, outside[:20])


def test_alternatives_after_a_common_tail_are_focused_one_by_one() -> None:
    """ "P(?:(?<=Y1)R1|(?<=Y2)R2)": each alternative keeps its own lookbehind as text."""
    source = r"ed\b(?:(?<=\bspecified)(?=[ \t]+to)|(?<=\bprecised))"
    assert widen(source, caseless=False) == r"(?:(?:specified)(?:[ \t]+to)|(?:precised))"
    assert widen(r"ab(?:c|d(?=e))", caseless=False) == r"ab(?:c|d(?=e))"  # no lookbehinds: kept whole
    prefilter = Prefilter([source], caseless=False)
    assert prefilter.matching("they specified to the press") == frozenset({0})
    assert prefilter.matching("he was tired") == frozenset()


def test_each_rule_keeps_its_own_cached_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Databases are cached per rule: a run with many pattern rules must find all of them
    next time (a shared name once kept only the newest few, so every run compiled again)."""
    monkeypatch.setenv("LINTKIT_CACHE_DIR", str(tmp_path))
    codes = [f"XX{i:03d}" for i in range(1, 11)]
    for code in codes:
        Prefilter([rf"\b{code}\b", r"\p{Lu}{3}\d"], caseless=False, name=code).prepare()
    assert sorted(p.name.split("-")[1] for p in tmp_path.glob("multiscan-*")) == codes
    compiled: list[object] = []
    monkeypatch.setattr(available(), "Database", lambda: compiled.append("a database built"))
    again = Prefilter([r"\bXX004\b", r"\p{Lu}{3}\d"], caseless=False, name="XX004")
    assert again.matching("rule XX004 and ABC1") == frozenset({0, 1})
    assert compiled == []  # loaded from the cache, not compiled


def test_a_process_defers_the_prefilter_until_it_pays(monkeypatch: pytest.MonkeyPatch) -> None:
    """A few short files run every pattern (loading a database costs more than it saves);
    the 33rd document, a long text, or warming a run loads it."""
    monkeypatch.setattr(multiscan, "DEFER_DOCUMENTS", 32)
    prefilter = Prefilter([r"\bquick\b", "zebra"], caseless=False)
    assert [prefilter.matching("the quick fox") for _ in range(32)] == [None] * 32
    assert prefilter.matching("the quick fox") == frozenset({0})
    long = Prefilter([r"\bquick\b", "zebra"], caseless=False)
    assert long.matching("the quick fox. " * 10_000) == frozenset({0})
    warmed = Prefilter([r"\bquick\b", "zebra"], caseless=False)
    warmed.prepare()
    assert warmed.matching("a zebra") == frozenset({1})


def test_a_damaged_cached_database_means_every_pattern_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import marshal

    from lintkit import cache

    monkeypatch.setenv("LINTKIT_CACHE_DIR", str(tmp_path))
    Prefilter([r"\bquick\b"], caseless=False, name="XX001").prepare()
    [entry] = tmp_path.glob("multiscan-XX001-*")
    cache.write_entry(entry, marshal.dumps(([], b"not a hyperscan database")))
    damaged = Prefilter([r"\bquick\b"], caseless=False, name="XX001")
    assert damaged.matching("the quick fox") is None  # no exception; the pattern runs
    entry.write_bytes(b"truncated")
    rebuilt = Prefilter([r"\bquick\b"], caseless=False, name="XX001")
    assert rebuilt.matching("the quick fox") == frozenset({0})  # built again


def test_one_pass_for_all_rules_answers_as_each_rule_alone() -> None:
    """A linter joins its rules' prefilters into one pass (multiscan.Combined): each rule
    reads the same patterns from it as its own database gives."""
    assert all(r.prefilter_scan._group is not None for r in RULES)
    alone_of = {r.meta.code: Prefilter(r.prefilter_scan._sources, r.prefilter_scan._caseless) for r in RULES}
    for name, source in TEXTS[:80]:
        text = make_document(source, name).text
        memo: dict[object, object] = {}
        for rule in RULES:
            every = frozenset(range(len(_patterns(rule))))  # None: every pattern runs
            alone = alone_of[rule.meta.code].matching(text)
            joined = rule.prefilter_scan.matching(text, memo)
            assert (every if joined is None else joined) == (every if alone is None else alone), (
                rule.meta.code,
                name,
            )


def test_the_linter_does_not_call_a_rule_whose_patterns_cannot_match(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pattern or consistency rule whose prefilter rules out every pattern finds nothing,
    so the linter skips it, reading the one pass it makes for all rules; a rule whose
    patterns may match is called, and so is every rule while there is no database."""
    linter = build_linter()
    [mt004] = [r for r in linter.rules if r.meta.code == "MT004"]
    [pu006] = [r for r in linter.rules if r.meta.code == "PU006"]  # has a prefilter, but more to do
    assert mt004.quiet_without_prefilter_hits and not pu006.quiet_without_prefilter_hits
    called: list[str] = []
    for rule in (mt004, pu006):
        monkeypatch.setattr(rule, "check", lambda doc, ctx, r=rule: called.append(r.meta.code) or iter(()))
    quiet = "The envoys met on Monday and agreed to meet again in May."
    loud = "Officials warned that the rules could tighten In the coming weeks."
    linter.check(make_document(quiet, "a.txt"))
    assert called == ["PU006"]
    called.clear()
    linter.check(make_document(loud, "a.txt"))
    assert called == ["MT004", "PU006"]
    called.clear()
    monkeypatch.setattr(multiscan, "DEFER_DOCUMENTS", 10**9)  # a fresh linter defers: no database yet
    fresh = build_linter()
    [mt004] = [r for r in fresh.rules if r.meta.code == "MT004"]
    monkeypatch.setattr(mt004, "check", lambda doc, ctx: called.append("MT004") or iter(()))
    fresh.check(make_document(quiet, "a.txt"))
    assert called == ["MT004"]
