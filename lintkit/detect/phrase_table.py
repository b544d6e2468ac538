"""`phrase-table`: word sequences looked up in a table of phrase -> replacement.

The table is data built from language resources (e.g. `tortured.tsv`: word pairs one
thesaurus swap away from a common English phrase, "climate modify" -> "climate change"),
so the rule knows phrases nobody listed by hand. Only phrases whose words all occur in a
document are searched for in it (a set intersection), so a table of any size costs little.
A phrase with a capitalised word after its first (a name: "First Minister"), or whose first
word is capitalised in mid-sentence, is left alone.

`table:` names a tab-separated file (phrase, replacement, other columns ignored; `#` lines
are comments), or a list of them, next to the pack or among lintkit's language tables. The
tables are indexed once into lintkit's cache (lintkit.cache) and loaded on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import ClassVar, NamedTuple

import regex

from ..cache import KeyTable, compiled, key_table
from ..document import Document
from ..findings import Finding
from ..language import english_frequency
from ..meta import RuleMeta
from ..phrases import Patterns, tokens
from ..rule import Context
from ..yamlfile import DataError, Node
from .base import DataRule, FixSpec, match_case, parse_fix

_SENTENCE_START = compiled(r"(?:^|[.!?:;“\"‘(\n][ \t]*|[.!?][”\"’)][ \t]*)$")


# separators: of a row's parts, of a part's groups, of a group's items, of an item's phrase
# and replacement
_PART, _GROUP, _PHRASE, _FIELD = "\x1d", "\x1c", "\x1e", "\x1f"


def _build_index(paths: tuple[Path, ...]) -> list[tuple[str, str]]:
    """The index rows: each phrase filed under its rarest word (the key). A row holds, in
    five parts separated by GS: the phrases that need no word besides the key; the words
    that other phrases need one of besides the key; per such word (in that order, groups
    separated by FS), those phrases; the words the remaining phrases need besides the key
    (space-separated, per phrase); and those phrases. Items are separated by RS, each
    phrase written `phrase US replacement`. A document tests a phrase by the words it needs,
    and decoding a row is splitting it, not sorting it. Words are spelt as the Document's
    word set spells them. The first table that lists a phrase gives its replacement."""
    phrases: dict[str, str] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
                raise DataError(path, number, "a phrase table row is: phrase, tab, replacement")
            if any(c in line for c in (_PART, _GROUP, _PHRASE, _FIELD)):
                raise DataError(path, number, "a phrase table row holds no control characters")
            phrase = " ".join(cells[0].casefold().replace("’", "'").split())
            if " " in phrase:
                phrases.setdefault(phrase, cells[1].strip())
    by_word: dict[str, tuple[list[str], dict[str, list[str]], list[str], list[str]]] = {}
    frequency = english_frequency()
    for phrase, replacement in phrases.items():
        words = sorted(set(tokens(phrase)))
        # keyed by its rarest word: the fewer documents hold the key, the fewer phrases to test
        key = min(words, key=lambda w: (frequency.get(w, 0.0), -len(w)))
        others = [w for w in words if w != key]
        alone, by_other, more, more_phrases = by_word.setdefault(key, ([], {}, [], []))
        item = _FIELD.join((phrase, replacement))
        if not others:
            alone.append(item)
        elif len(others) == 1:
            by_other.setdefault(others[0], []).append(item)
        else:
            more.append(" ".join(others))
            more_phrases.append(item)
    return [
        (word, _PART.join((
            _PHRASE.join(alone),
            _PHRASE.join(by_other),
            _GROUP.join(_PHRASE.join(items) for items in by_other.values()),
            _PHRASE.join(more),
            _PHRASE.join(more_phrases),
        )))
        for word, (alone, by_other, more, more_phrases) in by_word.items()
    ]  # fmt: skip


class _Row(NamedTuple):
    """An index row decoded (see _build_index); each phrase as `phrase US replacement`."""

    alone: list[str]  # the phrases that need no other word
    others: frozenset[str]  # the words the next phrases need one of
    by_other: dict[str, str]  # the phrases that need that word (RS-separated: split when used)
    more: list[frozenset[str]]  # the words each of the other phrases needs
    more_phrases: list[str]


def _decode(row: str) -> _Row:
    """A row's words to test (as sets, so a document's words are tested in C), and its
    phrases, once per process."""
    alone, others, groups, more, more_phrases = row.split(_PART)
    words = others.split(_PHRASE) if others else []
    return _Row(
        alone.split(_PHRASE) if alone else [],
        frozenset(words),
        dict(zip(words, groups.split(_GROUP), strict=True)) if words else {},
        [frozenset(w.split(" ")) for w in more.split(_PHRASE)] if more_phrases else [],
        more_phrases.split(_PHRASE) if more_phrases else [],
    )


def _phrases(row: str) -> Iterator[tuple[str, str]]:
    """(phrase, replacement) of every phrase of a row."""
    alone, _, groups, _, more_phrases = row.split(_PART)
    for part in (alone, *groups.split(_GROUP), more_phrases):
        if part:
            for item in part.split(_PHRASE):
                phrase, replacement = item.split(_FIELD)
                yield phrase, replacement


@cache
def load_index(paths: tuple[Path, ...]) -> KeyTable:
    """The index of some tables (rarest word -> phrases), from lintkit's cache when it was
    built from these files: a document looks up its own words in it, so the tables' size
    costs nothing per run."""
    name = "phrase-table-" + "-".join(p.stem for p in paths)
    return key_table(name, list(paths), lambda: _build_index(paths))


class PhraseTableRule(DataRule):
    KEYS: ClassVar[set[str]] = {"table", "fix"}
    REQUIRED: ClassVar[set[str]] = {"table"}

    def __init__(self, meta: RuleMeta, paths: tuple[Path, ...], fix: FixSpec | None) -> None:
        self.meta = meta
        self.paths = paths
        self.fix = fix
        self.patterns: Patterns[str] = Patterns(_phrase_source)
        self._parsed: dict[str, _Row] = {}

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> PhraseTableRule:
        names = spec["table"]
        names = [names] if isinstance(names, str) else names
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
            raise DataError(
                "", spec.line_of("table"), f"rule {meta.code}: 'table' must be a file name or a list of them"
            )
        paths = tuple(_resolve(meta.origin, name) for name in names)
        for path in paths:
            if not path.is_file():
                raise DataError("", spec.line_of("table"), f"rule {meta.code}: no table file {path}")
        return cls(meta, paths, parse_fix(spec, f"rule {meta.code}", replacement=False))

    def warm(self) -> None:
        """Read the index whole (before a run forks its workers, which share it)."""
        load_index(self.paths).load()

    def word_tables(self) -> Iterable[KeyTable]:
        return [load_index(self.paths)]

    @property
    def table(self) -> dict[str, str]:
        """Every phrase -> its replacement (reads the whole index)."""
        rows = load_index(self.paths).items()
        return {phrase: replacement for _, row in rows for phrase, replacement in _phrases(row)}

    def _candidates(self, words: frozenset[str], among: frozenset[str] | None = None) -> dict[str, str]:
        """The phrases (with their replacements) whose words all occur in a document (its
        `words`, of which the index may hold only those `among`). Each index row is
        decoded once per process (rows recur from document to document; the memo is
        bounded by the index)."""
        index = load_index(self.paths)
        parsed = self._parsed
        found: dict[str, str] = {}
        for key in index.present(words if among is None else among):
            row = parsed.get(key)
            if row is None:
                row = parsed[key] = _decode(index[key])
            if row.alone:
                for item in row.alone:
                    phrase, replacement = item.split(_FIELD)
                    found[phrase] = replacement
            if not row.others.isdisjoint(words):  # (most rows: no other word occurs)
                by_other = row.by_other
                for w in row.others.intersection(words):
                    for item in by_other[w].split(_PHRASE):
                        phrase, replacement = item.split(_FIELD)
                        found[phrase] = replacement
            if row.more:  # (most rows have none: no loop set up for them)
                for i, needs in enumerate(row.more):
                    if needs <= words:
                        phrase, replacement = row.more_phrases[i].split(_FIELD)
                        found[phrase] = replacement
        return found

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        present = self._candidates(doc.tokens, ctx.vocabulary.words(doc, load_index(self.paths)))
        if not present:
            return
        text = doc.text
        for start, end in self._spans(text, doc.lowered, frozenset(present)):
            if self._names_a_thing(text, start, end):
                continue
            found = text[start:end]
            replacement = present[" ".join(found.casefold().replace("’", "'").split())]
            if found[:1].isupper():
                replacement = match_case(found.split()[0], replacement)
            fixes = []
            if self.fix is not None:
                description = self.fix.description.format(replacement=replacement, text=found)
                fixes.append((self.fix.applicability, description, [(start, end, replacement)]))
            yield self.finding(doc, start, end, fixes=fixes, replacement=replacement)

    def _spans(self, text: str, lowered: str, phrases: frozenset[str]) -> list[tuple[int, int]]:
        """Where the shortlisted phrases occur as whole words, in text order: str.find in the
        lower-cased text (`lowered`: no pattern to compile per phrase), or the phrases'
        patterns when lower-casing changes the text's length (a few letters such as "İ" do)."""
        if len(lowered) != len(text):
            return [m.span() for m in self.patterns.finditer(sorted(phrases), text)]
        spans = []
        for phrase in phrases:
            probe = phrase.replace("'", "’") if "'" in phrase and "'" not in lowered else phrase
            at = lowered.find(probe)
            while at >= 0:
                end = at + len(probe)
                starts_word = at == 0 or not _in_word(lowered[at - 1])
                if starts_word and (end == len(text) or not _in_word(lowered[end])):
                    spans.append((at, end))
                at = lowered.find(probe, end)
        spans.sort(key=lambda span: (span[0], -span[1]))
        kept: list[tuple[int, int]] = []
        for span in spans:  # overlapping phrases: the earlier, then the longer, wins
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept

    @staticmethod
    def _names_a_thing(text: str, start: int, end: int) -> bool:
        """A capitalised word after the first, or a capitalised first word in mid-sentence:
        part of a name or title, not a swapped phrase."""
        if any(w[:1].isupper() for w in text[start:end].split()[1:]):
            return True
        return text[start].isupper() and not _SENTENCE_START.search(text, max(0, start - 4), start)


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "'’-"


def _phrase_source(phrase: str) -> str:
    """A table phrase as a pattern: its words in any case, joined by spaces or tabs only."""
    words = [regex.escape(w).replace("'", "['’]") for w in phrase.split()]
    return r"(?<![\p{L}\p{N}'’\-])(?i:" + r"[ \t]+".join(words) + r")(?![\p{L}\p{N}'’\-])"


def _resolve(origin: str, name: str) -> Path:
    from ..paths import knowledge_dir

    beside = Path(origin).parent / name if origin else Path(name)
    return beside if beside.is_file() else knowledge_dir() / "language" / name
