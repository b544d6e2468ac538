"""Prefilters only skip work: a built-in pattern rule whose `requires` literals or named
`prefilter` rule a document out never had a match in it. Checked by running every pattern
without its filters over every text the repository holds (fixtures, rule examples) and over
generated text, and asserting each document with a match passes the filters."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.api import build_linter
from lintkit.check import make_document
from lintkit.detect.pattern import PatternRule, _present

from .conftest import ROOT

RULES = [r for r in build_linter().rules if isinstance(r, PatternRule)]
FILTERED = [r for r in RULES if r.prefilter is not None or any(r.requires)]


def _texts() -> list[tuple[str, str]]:
    out = [(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "fixtures").rglob("*"))
           if p.suffix in (".txt", ".md", ".html") and p.is_file()]  # fmt: skip
    for r in RULES:
        for b in r.meta.examples.bad:
            out.append(("example.txt", b.text))
        for g in r.meta.examples.good:
            out.append(("example.txt", g.text))
    return out


TEXTS = _texts()


def _unfiltered_match(rule: PatternRule, text: str, index: int) -> bool:
    return any(True for _ in rule.patterns[index].finditer(text))


@pytest.mark.parametrize("rule", FILTERED, ids=lambda r: r.meta.code)
def test_filters_never_skip_a_document_with_a_match(rule: PatternRule) -> None:
    assert len(TEXTS) > 100
    for name, source in TEXTS:
        doc = make_document(source, name)
        text = doc.text
        haystack = text.lower() if rule.ignore_case else text
        for i, literals in enumerate(rule.requires):
            if _unfiltered_match(rule, text, i):
                assert literals is None or _present(literals, haystack), (rule.meta.code, i, name)
                assert rule.prefilter is None or rule.prefilter(doc), (rule.meta.code, name)


WORDS = ["the", "The", "in", "In", "it", "it's", "E.ON", "on", "ON", "had", "for", "For", "a", "A"]
PIECES = [*WORDS, " ", " ", "  ", "\t", ", ", ". ", "-", "\n", "’", "'", "“", "1", "x"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_repeated_word_prefilter_is_never_narrower_than_the_pattern(text: str) -> None:
    [mt005] = [r for r in RULES if r.meta.code == "MT005"]
    doc = make_document(text, "a.txt")
    if any(True for _ in mt005.patterns[0].finditer(doc.text)):
        assert doc.has_repeated_token, text
        assert doc.has_doubled_word, text


def test_the_line_lexicon_gate_lets_every_entry_through() -> None:
    """RS004 normalises only lines that open with a word some entry opens with: every line
    of its lexicon, in any case and with the bullets and punctuation normalisation drops,
    and every teaser prefix, must still be found."""
    from lintkit.detect.line_lexicon import LineLexiconRule
    from lintkit.knowledge import KnowledgeBase
    from lintkit.rule import Context

    [rs004] = [r for r in build_linter().rules if isinstance(r, LineLexiconRule)]
    lexicon = rs004.lexicon
    assert len(lexicon.lines) > 50 and lexicon.prefixes
    for entry in sorted(lexicon.lines):
        for line in (entry, entry.upper(), entry.title(), f"• {entry.capitalize()}:", f"— {entry} …"):
            doc = make_document(f"Talks resume\n\n{line}\n\nThe envoys met on Monday.\n", "a.txt")
            assert list(rs004.check(doc, Context(knowledge=KnowledgeBase(builtin=False)))), line
    for prefix in lexicon.prefixes:
        line = f"{prefix.title()}: Ministers agree on the budget"
        assert rs004._may_open(line), line



def test_the_distorted_name_gate_lets_every_signature_through() -> None:
    """FN010 reads phrases only for the names its gate lets through (`_possible`). A text
    holding the words of one alternative of each of a name's signature items, chosen at
    random among every bundled name, must let that name through; and words of none of its
    first item's alternatives must not."""
    import random

    from lintkit.detect.canonical_name import CanonicalNameRule

    [fn010] = [r for r in build_linter().rules if isinstance(r, CanonicalNameRule)]
    assert fn010._tables is not None
    canonicals = sorted({n.canonical for n in fn010._tables.kb.names})
    assert len(canonicals) > 100
    pick = random.Random(7)
    for canonical in pick.sample(canonicals, 400):
        signature = fn010._detail(canonical).signature
        words = " ".join(pick.choice(item) for item in signature)
        doc = make_document(f"Officials spoke of {words} on Monday.", "a.txt")
        assert canonical in fn010._possible(doc), (canonical, words)
        first = {w for alt in signature[0] for w in alt.split()}
        rest = " ".join(w for item in signature[1:] for alt in item for w in alt.split() if w not in first)
        doc = make_document(f"Officials spoke of {rest} on Monday.", "a.txt")
        assert canonical not in fn010._possible(doc), (canonical, rest)



def test_the_distorted_name_gate_lets_through_exactly_the_names_whose_words_occur() -> None:
    """The gate asks, per signature item, whether every word of one of its alternatives
    occurs: on texts made of some words of a few names' signatures, it lets through exactly
    the names a word-by-word reading of every signature finds."""
    import random

    from lintkit.detect.canonical_name import CanonicalNameRule
    from lintkit.phrases import tokens

    [fn010] = [r for r in build_linter().rules if isinstance(r, CanonicalNameRule)]
    assert fn010._tables is not None
    canonicals = sorted({n.canonical for n in fn010._tables.kb.names})
    signatures = {c: fn010._detail(c).signature for c in canonicals}
    pick = random.Random(11)
    for _ in range(60):
        words = [w for c in pick.sample(canonicals, 3) for item in signatures[c]
                 for w in pick.choice(item).split() if pick.random() < 0.8]  # fmt: skip
        doc = make_document("Officials spoke of " + " ".join(words) + " on Monday.", "a.txt")
        expected = {c for c, sig in signatures.items()
                    if all(any(set(tokens(alt)) <= doc.tokens for alt in item) for item in sig)}  # fmt: skip
        assert fn010._possible(doc) == expected, words


@pytest.mark.parametrize(
    ("text", "doubled"),
    [
        ("Prices rose and and the bank acted.", True),
        ("The the report was late.", True),
        ("It said\tsaid so.", True),
        ("He said that, that was all.", False),  # a word follows itself across a comma only
        ("Why did it end? It ended in May.", False),
        ("The plan\nplan B was dropped.", False),  # across a line break: not the rule's match
        ("No word repeats here.", False),
    ],
)
def test_the_doubled_word_gate_looks_for_the_word_twice_across_one_space(text: str, doubled: bool) -> None:
    doc = make_document(text, "a.txt")
    assert doc.has_doubled_word is doubled
    assert doc.has_repeated_token or not doubled


# -- the exceptions' own prefilter --------------------------------------------------------------

EXCEPTED = [r for r in RULES if r.exception_scan is not None]


def _exception_spans(rule: PatternRule, text: str) -> list[tuple[int, int]]:
    return sorted(m.span() for e in rule.exceptions for m in e.finditer(text))


@pytest.mark.parametrize("rule", EXCEPTED, ids=lambda r: r.meta.code)
def test_an_exception_the_prefilter_passes_over_has_no_match(rule: PatternRule) -> None:
    """Each rule with exceptions scans only those its prefilter says may match: every
    exception with a match in a text (the rule's own examples among them) is one of them."""
    assert rule.exception_scan is not None
    rule.exception_scan.prepare()
    held = 0
    for _, text in TEXTS:
        may = rule.exception_scan.matching(text)
        for i, exception in enumerate(rule.exceptions):
            if exception.search(text):
                held += 1
                assert may is None or i in may, (rule.meta.code, i, text[:200])
    assert held >= 1  # (the good examples hold the exceptions)


_DOUBLES = ["that that", "had had", "one two three", "Walla Walla", "the the", "The the", "no no", "is is"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*_DOUBLES, " ", ". ", "\n", "said", "word"]), max_size=20).map(" ".join))
def test_findings_are_those_of_every_exception_scanned(text: str) -> None:
    linter = build_linter()
    doc = make_document(text, "a.txt")
    for rule in EXCEPTED:
        assert rule.exception_scan is not None
        rule.exception_scan.prepare()  # (else a few first documents go without it)
        scan, rule.exception_scan = rule.exception_scan, None  # every exception scanned
        try:
            plain = [(f.start, f.end) for f in rule.check(doc, linter.context)]
        finally:
            rule.exception_scan = scan
        assert [(f.start, f.end) for f in rule.check(doc, linter.context)] == plain, rule.meta.code
