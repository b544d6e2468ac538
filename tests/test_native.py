"""The native extension (native/, Rust) gives exactly what its Python twins give. The
sentence-end scanner: on every text in the repository, the development corpus where it is
present, and generated text full of what the scan has to decide (punctuation runs, closing
and opening marks, every kind of space, abbreviations, initials, list labels, lone
surrogates). The substring search (lintkit.literals): on those texts with their own words,
and on generated text. The word count, against `len(text.split())`. The repeated-word gate:
true wherever the rule's own pattern matches, there and on generated text.

Skipped where it is not built (scripts/test.sh builds it where cargo is); the Python
segmenter is then the only one, and its own tests cover it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit import literals, quotes, segmenter, structure
from lintkit import native as glue
from lintkit.document import Document
from lintkit.phrases import WORD_SEPARATORS, lowered_tokens, tokens
from lintkit.registry import builtin_rules
from lintkit.rule import Rule
from lintkit.source import decode

from .conftest import ROOT

native = pytest.importorskip(
    "lintkit_native", reason="the native scanner is not built (pip install ./native)"
)
if os.environ.get("LINTKIT_NO_NATIVE"):  # the whole suite run with it off: nothing to compare
    pytest.skip("LINTKIT_NO_NATIVE is set: lintkit does not use the extension", allow_module_level=True)

ABBREVIATIONS = segmenter.default_abbreviations()


def texts_of(pieces: list[str], size: int = 40) -> st.SearchStrategy[str]:
    """Generated texts: up to `size` of `pieces` joined (what each comparison below must
    decide, in many orders)."""
    return st.lists(st.sampled_from(pieces), max_size=size).map("".join)


def compared(examples: int) -> Any:
    """Hypothesis settings for a comparison of the extension with its Python twin."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans(doc: Document) -> list[tuple[int, int, int]]:
    d = doc.dateline
    return [(d.end if d and p.start == d.start else p.start, p.end, p.index) for p in doc.paragraphs]


def _both(text: str) -> tuple[list[segmenter.Sentence], list[segmenter.Sentence]]:
    """(the native scan's splits, the Python segmenter's) for one text."""
    doc = Document(text)
    spans = _spans(doc)
    scanner = segmenter._native_for(ABBREVIATIONS)
    assert scanner is not None
    found = scanner.splits(text, spans)
    python = [s for start, end, i in spans for s in segmenter.segment(text, start, end, i, ABBREVIATIONS)]
    return found, python


def _texts() -> list[str]:
    paths = [
        p
        for p in sorted((ROOT / "fixtures").rglob("*"))
        if p.is_file() and p.suffix in (".txt", ".md", ".html")
    ]
    corpus = ROOT.parent / "shared" / "corpus" / "clean-news"  # (beside the checkout where it is)
    paths += sorted(corpus.rglob("*.txt")) if corpus.is_dir() else []
    texts = [decode(p.read_bytes()).text for p in paths]
    rules: list[Rule] = builtin_rules()
    for r in rules:
        texts += [b.text for b in r.meta.examples.bad] + [g.text for g in r.meta.examples.good]
    return texts


def test_the_native_scanner_is_the_one_in_use() -> None:
    assert native.PROTOCOL == glue.PROTOCOL
    assert glue.module() is native
    assert segmenter._native_for(ABBREVIATIONS) is not None


def test_every_text_here_splits_alike() -> None:
    texts = _texts()
    assert len(texts) > 50
    for text in texts:
        found, python = _both(text)
        assert found == python, text[:200]
        assert all(type(s) is segmenter.Sentence for s in found)


# What the scan decides on: sentence punctuation and runs of it, closing and opening marks,
# every space Python or `regex` treats differently, tokens the abbreviation lists hold,
# initials, list labels, letters and digits of other scripts, and lone surrogates.
PIECES = [
    "Mr", "Dr", "U.S", "No", "Jan", "p.m", "St", "Inc", "vs", "etc", "e.g", "I", "J", "K", "a", "b", "1", "2",
    "10", "the", "said", "Officials", "Moscow", "world", "Why", "Is", "Did", "São", "Ærø", "Łódź", "Москва",
    "東京", "x²", "٣", "_", "co", "Ltd",
    ".", ".", ".", "..", "...", ". . .", ".\u00a0.\u00a0.", "…", "?", "!", "?!", "!?", ".)", ".]", ".”", ".’",
    '."', ".'", ".»", "”", "“", "‘", "’", '"', "'", "«", "»", "(", ")", "[", "]", "•", "⁃", "—", "–", "-",
    " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\u3000", "\u0085", "\x1c", "\x1f", "\u200b",
    "\u180e", "\r\n", "\ud800", "\udfff",
]  # fmt: skip


@compared(400)
@given(texts_of(PIECES))
def test_generated_text_splits_alike(text: str) -> None:
    found, python = _both(text)
    assert found == python, repr(text)


def test_a_lone_surrogate_is_read_as_python_reads_it() -> None:
    """The scan reads code points as Python indexes them (UCS-4), so a text UTF-8 cannot
    hold splits alike too, and tokens keep the surrogate."""
    text = "Officials met\ud800. The talks ended. They left.\udfff Mr. Smith stayed."
    found, python = _both(text)
    assert found == python
    assert "met\ud800" in {s.previous_token for s in found}


def test_lintkit_no_native_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Talks\n\nThe talks ended. in the morning they left. Mr. Smith stayed."
    expected = _both(text)[1]
    found = literals.find_all(text, ["The", "talks"], before="", after="")
    monkeypatch.setenv("LINTKIT_NO_NATIVE", "1")
    assert glue.module() is None
    assert segmenter._native_for(ABBREVIATIONS) is None
    assert Document(text).splits == expected
    assert literals.find_all(text, ["The", "talks"], before="", after="") == found == [[7], [11]]


def test_a_build_of_another_protocol_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    glue._loaded.cache_clear()
    monkeypatch.setattr(native, "PROTOCOL", glue.PROTOCOL + 1)
    try:
        assert glue.module() is None
        assert segmenter._native_for(ABBREVIATIONS) is None
    finally:
        glue._loaded.cache_clear()


def test_findings_are_the_same_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules that read the splits, and the name rule that searches with it, find the
    same things either way."""
    from lintkit.api import build_linter

    texts = _texts()[:400]

    def findings() -> list[str]:
        linter = build_linter()
        return [repr(f) for t in texts for f in linter.check(Document(t)).findings]

    with_native = findings()
    monkeypatch.setenv("LINTKIT_NO_NATIVE", "1")
    assert findings() == with_native
    assert os.environ["LINTKIT_NO_NATIVE"] == "1"


def test_a_build_without_a_function_lintkit_calls_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stale build that answers the right protocol but lacks a function is passed over,
    rather than failing every document."""
    glue._loaded.cache_clear()
    monkeypatch.delattr(native, "scan_words")
    try:
        assert glue.module() is None
        assert Document("Talks\n\nThe talks ended.").words == 4
    finally:
        glue._loaded.cache_clear()


def test_the_crate_and_the_package_agree_on_the_protocol() -> None:
    source = (ROOT / "native" / "src" / "lib.rs").read_text(encoding="utf-8")
    assert f"const PROTOCOL: u32 = {glue.PROTOCOL};" in source
    assert Path(native.__file__).exists()


# -- the substring search ---------------------------------------------------------------------


def _python_find_all(text: str, needles: list[str], before: str | None, after: str | None) -> list[list[int]]:
    return [literals._starts(text, n, before, after) for n in needles]


JOINERS = [(None, None), ("'’-", ""), ("@#/.-_'’&", "/@_-'’"), ("'’-", "'’-")]


def test_every_text_here_searches_alike() -> None:
    """Each text's own words (capitalised too), and pieces of words, as needles."""
    for text in _texts():
        words = sorted(set(text.split()))[:60]
        needles = [*words, *(w.capitalize() for w in words), *(w[:3] for w in words if len(w) > 3)]
        for before, after in JOINERS:
            found = native.find_all(text, needles, before, after)
            assert found == _python_find_all(text, needles, before, after), text[:200]


NEEDLE_PIECES = [
    "a",
    "A",
    "é",
    "’",
    "'",
    "-",
    ".",
    " ",
    "\n",
    "😀",
    "\ud800",
    "ᄀ",
    "\u4141",
    "\u0100",
    "\x00",
    "٣",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(NEEDLE_PIECES), max_size=40).map("".join),
    st.lists(st.lists(st.sampled_from(NEEDLE_PIECES), min_size=1, max_size=4).map("".join), max_size=6),
    st.sampled_from(JOINERS),
)
def test_generated_text_searches_alike(
    text: str, needles: list[str], joiners: tuple[str | None, str | None]
) -> None:
    """Code points whose bytes can meet a needle's across two code points (U+4141 holds
    "AA" in its bytes, U+0100 a NUL) must not pass for an occurrence."""
    before, after = joiners
    assert native.find_all(text, needles, before, after) == _python_find_all(text, needles, before, after)


# -- the word count ---------------------------------------------------------------------------


def test_every_code_point_is_space_or_not_as_python_says() -> None:
    """Each code point between two letters: Python's whitespace splits, nothing else does."""
    text = "a".join(map(chr, range(0x110000)))
    assert native.scan_words(text)[0] == len(text.split())
    joined = "\x1c".join(text.split())  # by a separator only Python calls a space
    assert native.scan_words(joined)[0] == len(text.split())


def test_every_text_here_counts_words_alike() -> None:
    for text in _texts():
        assert native.scan_words(text)[0] == len(text.split()) == Document(text).words, text[:200]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_generated_text_counts_words_alike(text: str) -> None:
    assert native.scan_words(text)[0] == len(text.split())


# -- whether a word may follow itself (Document.has_doubled_word, the gate of MT005) ------


def _doubled() -> Any:
    """The repeated-word rule's own pattern, as the pack holds it."""
    rule = next(r for r in builtin_rules() if r.meta.code == "MT005")
    return rule.patterns[0]  # type: ignore[attr-defined]


DOUBLED = _doubled()


def test_every_text_here_may_double_where_the_rule_matches() -> None:
    texts = _texts()
    matched = [t for t in texts if DOUBLED.search(t)]
    assert len(matched) >= 3  # (the rule's examples at least)
    for text in matched:
        assert native.scan_words(text)[1], text[:200]
        assert Document(text).has_doubled_word


# Words in their cases (and letters other scripts or Unicode's case folding pair with ASCII
# ones: the Kelvin sign, the long s), and what may stand before or after a word.
DOUBLE_PIECES = [
    "the", "The", "THE", "tHe", "he", "then", "été", "Été", "ÉTÉ", "k", "K", "\u212a", "ok", "OK", "o\u212a",
    "s", "S", "\u017f", "is", "i\u017f", "а", "А", "ﬁ", "fi", "a", "A", "x1", "1", "_",
    " ", " ", " ", "\t", "\n", "  ", "’", "'", "-", ".", ",", "“", "”", "«", "(", "\u00a0", "\u0301",
]  # fmt: skip


@compared(600)
@given(texts_of(DOUBLE_PIECES, 30))
def test_generated_text_may_double_where_the_rule_matches(text: str) -> None:
    if DOUBLED.search(text):
        assert native.scan_words(text)[1], repr(text)


def test_a_word_before_its_own_start_is_not_a_double() -> None:
    """The scan is exact where the text is ASCII: a word followed by a longer one that
    begins with it, or by itself after an apostrophe, a period or a hyphen, is not the
    rule's match."""
    singles = ("They would be better off.", "He met an analyst.", "It’s so late.", "in.the the", "a co-op op")
    for text in singles:
        assert not DOUBLED.search(text)
        assert not native.scan_words(text)[1], text
    # (the last four: the Kelvin sign and the long s are a K and an s in another case)
    doubles = ("the the", "The the.", "“the the”", "was\twas", "Été été", "said it it.")
    for text in (*doubles, "o\u212a ok", "ok o\u212a", "i\u017f is", "is i\u017f"):
        assert DOUBLED.search(text), text
        assert native.scan_words(text)[1], text


# -- one text read once for the calls on it --------------------------------------------------


def test_calls_in_any_order_on_many_texts_read_each_text_itself() -> None:
    """The extension keeps the last text it read (a Document hands the same str to each
    call). Calls that alternate between texts, on texts made anew (which may take a freed
    text's address) and on one long text each answer for the text they are given."""
    texts = ["the the cat sat", "a cat\u00a0sat on  it", "Été été", "x", "", "one two three four five"]
    for _ in range(3):
        for text in [*texts, *reversed(texts)]:
            assert native.scan_words(text)[0] == len(text.split()), text
            assert native.scan_words(text)[1] == bool(DOUBLED.search(text)), text
            needles = text.split() or ["x"]
            assert native.find_all(text, needles, "", "") == _python_find_all(text, needles, "", ""), text
    # each str freed after its calls: the next, of the same length, may be made where it was
    for i in range(200):
        text = ("the the " if i % 2 else "abcdefgh") + f"{i:03d}"
        assert native.scan_words(text)[0] == (3 if i % 2 else 1)
        assert native.scan_words(text)[1] == bool(i % 2)
        del text
    long_text = "the cat " * 200_000  # over a million code points: read, not kept
    assert native.scan_words(long_text)[0] == 400_000
    assert not native.scan_words(long_text)[1]
    assert native.scan_words("the the")[0] == 2 and native.scan_words("the the")[1]


# -- quotations (lintkit.quotes.find_quotations) ----------------------------------------------


def _quotations_both(text: str) -> tuple[quotes.Quotations, quotes.Quotations]:
    """(the extension's quotations, the Python twin's) for one text's paragraphs."""
    paragraphs = Document(text).paragraphs
    return quotes.find_quotations(text, paragraphs, native), quotes.find_quotations(text, paragraphs)


def test_every_text_here_finds_the_same_quotations() -> None:
    texts = _texts()
    with_marks = 0
    for text in texts:
        found, python = _quotations_both(text)
        assert found == python, text[:200]
        with_marks += bool(python.spans or python.issues)
    assert with_marks > 20


# marks, and what may stand beside them: letters (ASCII and not), digits (ASCII and not),
# spaces of several kinds, closing punctuation, the characters that open a quotation
QUOTE_PIECES = [
    "“", "”", '"', "‘", "’", "'", "a", "é", "Ж", "5", "٣", "²", " ", "\t", "\u00a0", "\u2003",
    "\n", "\n\n", ".", ",", "!", "?", "…", "(", ")", "—", "-", "/", "«", "said", "He", "\ud800",
]  # fmt: skip


@compared(800)
@given(texts_of(QUOTE_PIECES))
def test_generated_text_finds_the_same_quotations(text: str) -> None:
    found, python = _quotations_both(text)
    assert found == python, repr(text)


def test_a_quotation_opened_again_after_a_sentence_end_is_asked_of_the_pattern() -> None:
    """Paragraphs joined into one line: a quotation left open at a sentence end and opened
    again continues (one span); elsewhere the first is unclosed."""
    joined = "“We will stay. “We will not leave,” he said."
    unclosed = "“We will stay “we will not leave,” he said."
    for text in (joined, unclosed):
        found, python = _quotations_both(text)
        assert found == python
    assert _quotations_both(joined)[0].spans == [(0, len(joined) - len(" he said."))]
    assert [i.problem for i in _quotations_both(unclosed)[0].issues] == [quotes.QuoteProblem.UNCLOSED]


# -- paragraphs (lintkit.structure.split_paragraphs) -------------------------------------------


def test_every_text_here_splits_into_the_same_paragraphs() -> None:
    for text in _texts():
        python = structure.split_paragraphs(text)
        assert structure.split_paragraphs(text, extension=native) == python, text[:200]


# line breaks, blank lines of spaces of every kind (and the separators only str.isspace calls
# spaces), long and short lines, lines that end a sentence and lines that do not
PARAGRAPH_PIECES = [
    "\n", "\n", "\n\n", " \n", "\t\n", "\n\f\n", "\n\v \n", "\n\u00a0\n", "\f", "\v", " ", "\u00a0",
    "\u2003", "\x1c", "\u3000",
    "word", "The ministers met in Geneva on Monday and agreed", " to meet again in May", ".", ",”",
    "x" * 45, "Headline", "é",
]  # fmt: skip


@compared(800)
@given(texts_of(PARAGRAPH_PIECES, 30))
def test_generated_text_splits_into_the_same_paragraphs(text: str) -> None:
    assert structure.split_paragraphs(text, extension=native) == structure.split_paragraphs(text)


def test_lines_of_spaces_of_every_kind_part_hard_wrapped_blocks() -> None:
    """Two long lines that do not end a sentence are one hard-wrapped paragraph, unless a
    line of spaces and tabs, form feeds or vertical tabs parts them; a line holding another
    space (a no-break space) parts them too, as a blank line of the block."""
    line = "x" * 45
    assert structure.split_paragraphs(f"{line}\n{line}", extension=native) == [(0, 91)]
    for blank in (" ", "\t", "\f", "\v", " \f\v\t"):
        text = f"{line}\n{blank}\n{line}"
        assert structure.split_paragraphs(text, extension=native) == [(0, 45), (47 + len(blank), len(text))]
        assert structure.split_paragraphs(text) == structure.split_paragraphs(text, extension=native)
    text = f"{line}\n\u00a0\n{line}"
    assert structure.split_paragraphs(text, extension=native) == structure.split_paragraphs(text)


def test_a_text_with_a_carriage_return_is_read_by_python() -> None:
    text = "Talks\r\n\r\nThe envoys met.\r\nThey left."
    assert structure.split_paragraphs(text, extension=native) == structure.split_paragraphs(text)
    assert structure.split_paragraphs(text) == [(0, 5), (9, 24), (26, 36)]


# -- the parts of the article (lintkit.structure.classify) -------------------------------------


def _parts_both(text: str, detect_headline: bool = True) -> tuple[list[Any], list[Any]]:
    spans = structure.split_paragraphs(text)
    return (
        structure.classify(text, spans, detect_headline, None, native),
        structure.classify(text, spans, detect_headline),
    )


def test_every_text_here_has_the_same_parts() -> None:
    kinds = set()
    for text in _texts():
        found, python = _parts_both(text)
        assert found == python, text[:200]
        kinds |= {p.part for p in python}
    assert len(kinds) >= 5  # (headlines, bylines, credits, subheads and body at least)


# what each part begins or ends with, in and out of ASCII, and the words that make a line long
PART_PIECES = [
    "\n\n", "\n", "By ", "BY ", "From ", "by ", "Jane Roe", "ÉLISE", "Getty Images", "Reuters", "AP",
    "Photo: ", "PHOTO ", "Credit… ", "Photographs by ", "İmage: ", "Ｐhoto: ", "for The New York Times",
    "Pictured: ", "(L-R)", "Above:", "Left ", "word ", "words and more words ", "é ", ".", ",", "!", ":",
    ";", "?", "…", "”", '"', "’", "'", ")", "]", " ", "\u00a0", "\t",
]  # fmt: skip


@compared(1000)
@given(texts_of(PART_PIECES, 30), st.booleans())
def test_generated_text_has_the_same_parts(text: str, detect_headline: bool) -> None:
    found, python = _parts_both(text, detect_headline)
    assert found == python, repr(text)


def test_each_part_is_found_by_the_extension() -> None:
    text = (
        "Talks resume in Geneva\n\nBy Jane Roe\n\nGENEVA — The envoys met on Monday.\n\n"
        "Pictured: the envoys\n\nPhoto: Reuters\n\nWhat comes next\n\nThey left."
    )
    found, python = _parts_both(text)
    assert found == python
    assert [str(p.part) for p in found] == [
        "headline", "byline", "body", "caption", "credit", "subhead", "body",
    ]  # fmt: skip


# -- the set of a document's words (Document.tokens) ------------------------------------------


def test_every_text_here_has_the_same_word_set() -> None:
    for text in _texts():
        lowered = text.lower()
        assert native.word_set(lowered, WORD_SEPARATORS) == frozenset(lowered_tokens(lowered)), text[:200]
        assert Document(text).tokens == frozenset(tokens(text))


# words in their cases, every separator, spaces of every kind (and those only str.isspace
# calls spaces), letters whose lower case is longer (İ), repeated words
WORD_PIECES = [
    "the", "The", "THE", "İstanbul", "État", "état", "ΟΔΟΣ", "x", "x", "1", "\ud800", "😀",
    *WORD_SEPARATORS, "\u2003", "\x1c", "\u3000", "\u200b",
]  # fmt: skip


@compared(800)
@given(texts_of(WORD_PIECES, 30))
def test_generated_text_has_the_same_word_set(text: str) -> None:
    lowered = text.lower()
    assert native.word_set(lowered, WORD_SEPARATORS) == frozenset(lowered_tokens(lowered))
    assert native.word_set(text, " ") == frozenset(text.split())  # other separators: only those
