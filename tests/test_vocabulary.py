"""The rules' word tables joined into one set (lintkit.vocabulary) only skip work: a table
is asked the document's words it may hold, and a warmed linter (tables joined) finds
exactly what a cold one does."""

from __future__ import annotations

from lintkit.api import build_linter
from lintkit.check import make_document
from lintkit.linter import _JOIN_AFTER
from lintkit.vocabulary import Vocabulary

from .conftest import ROOT


def test_a_joined_table_is_asked_only_the_words_of_the_union() -> None:
    fruit, tools = frozenset({"apple", "pear"}), frozenset({"hammer", "saw"})
    vocabulary = Vocabulary()
    doc = make_document("An apple and a saw lay by the pear tree, beside a drill.", "a.txt")
    assert vocabulary.words(doc, fruit) == doc.tokens  # nothing joined yet: every word
    vocabulary.build([(fruit, fruit), (tools, tools)])
    assert vocabulary.words(doc, fruit) == frozenset({"apple", "pear", "saw"})
    assert vocabulary.words(doc, tools) & tools == doc.tokens & tools
    other = frozenset({"drill"})
    assert vocabulary.words(doc, other) == doc.tokens  # a table not joined: every word
    vocabulary.build([(other, other)])  # joined anew: a document's narrowed words too
    assert vocabulary.words(doc, other) == frozenset({"drill"})
    assert vocabulary.words(doc, fruit) == doc.tokens


def _texts() -> list[tuple[str, str]]:
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "fixtures").rglob("*"))
           if p.suffix in (".txt", ".md", ".html") and p.is_file()]  # fmt: skip
    for rule in build_linter().rules:
        for example in (*rule.meta.examples.bad, *rule.meta.examples.good):
            out.append(("example.txt", example.text))
    return out


def test_a_warmed_linter_finds_what_a_cold_one_does() -> None:
    cold, warmed = build_linter(), build_linter()
    warmed.warm()
    assert len(warmed.context.vocabulary._owners) >= 5  # the rules' word tables are joined
    texts = _texts()
    assert len(texts) > 100
    for path, text in texts:
        expected = [(f.rule, f.start, f.end) for f in cold.check(make_document(text, path)).findings]
        found = [(f.rule, f.start, f.end) for f in warmed.check(make_document(text, path)).findings]
        assert found == expected, path


def test_a_linter_joins_its_tables_after_checking_some_documents() -> None:
    linter = build_linter()
    doc = make_document("The envoys met in Geneva on Monday.", "a.txt")
    for _ in range(_JOIN_AFTER - 1):
        linter.check(doc)
    assert not linter.context.vocabulary._owners
    linter.check(doc)
    assert linter.context.vocabulary._owners


def test_phrase_indexes_are_joined_with_the_word_tables() -> None:
    """A phrase index filed by words (the capital-and-country, name and swap rules) is
    narrowed like a table: asked only the document's words the union holds."""
    linter = build_linter()
    linter.warm()
    joined = {type(t).__name__ for t in linter.context.vocabulary._owners.values()}
    assert {"KeyTable", "PhraseIndex"} <= joined
