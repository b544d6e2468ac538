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

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import ClassVar

import regex

from ..cache import cached
from ..document import Document
from ..findings import Finding
from ..language import english_frequency
from ..meta import RuleMeta
from ..phrases import Patterns, tokens
from ..rule import Context
from ..yamlfile import DataError, Node
from .base import DataRule, FixSpec, match_case, parse_fix

_SENTENCE_START = regex.compile(r"(?:^|[.!?:;“\"‘(\n][ \t]*|[.!?][”\"’)][ \t]*)$")


Index = tuple[list[str], list[str], dict[str, list[int]], list[tuple[str, ...]]]


def _build_index(paths: tuple[Path, ...]) -> Index:
    """Phrases, their replacements, phrase numbers by each phrase's longest word, and the
    words each phrase needs (as the Document's word set spells them). The first table that
    lists a phrase gives its replacement."""
    phrases: list[str] = []
    replacements: list[str] = []
    seen: set[str] = set()
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
                raise DataError(path, number, "a phrase table row is: phrase, tab, replacement")
            phrase = " ".join(cells[0].casefold().replace("’", "'").split())
            if phrase not in seen and " " in phrase:
                seen.add(phrase)
                phrases.append(phrase)
                replacements.append(cells[1].strip())
    by_word: dict[str, list[int]] = {}
    needs: list[tuple[str, ...]] = []
    frequency = english_frequency()
    for i, phrase in enumerate(phrases):
        words = tuple(sorted(set(tokens(phrase))))
        needs.append(words)
        # keyed by its rarest word: the fewer documents hold the key, the fewer phrases to test
        by_word.setdefault(min(words, key=lambda w: (frequency.get(w, 0.0), -len(w))), []).append(i)
    return phrases, replacements, by_word, needs


_KEYS: dict[tuple[Path, ...], frozenset[str]] = {}


@cache
def load_index(paths: tuple[Path, ...]) -> Index:
    """The index of some tables, from lintkit's cache when it was built from these files."""
    return cached("phrase-table-" + "-".join(p.stem for p in paths), list(paths), lambda: _build_index(paths))


class PhraseTableRule(DataRule):
    KEYS: ClassVar[set[str]] = {"table", "fix"}
    REQUIRED: ClassVar[set[str]] = {"table"}

    def __init__(self, meta: RuleMeta, paths: tuple[Path, ...], fix: FixSpec | None) -> None:
        self.meta = meta
        self.paths = paths
        self.fix = fix
        self.patterns: Patterns[str] = Patterns(_phrase_source)

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

    @property
    def _keys(self) -> frozenset[str]:
        found = _KEYS.get(self.paths)
        if found is None:
            found = _KEYS[self.paths] = frozenset(load_index(self.paths)[2])
        return found

    @property
    def table(self) -> dict[str, str]:
        phrases, replacements, _, _ = load_index(self.paths)
        return dict(zip(phrases, replacements, strict=True))

    def _candidates(self, words: frozenset[str]) -> dict[str, str]:
        """The phrases (with their replacements) whose words all occur in a document."""
        phrases, replacements, by_word, needs = load_index(self.paths)
        found: dict[str, str] = {}
        for word in self._keys & words:
            for i in by_word[word]:
                if all(w in words for w in needs[i]):
                    found[phrases[i]] = replacements[i]
        return found

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        present = self._candidates(doc.tokens)
        if not present:
            return
        text = doc.text
        for start, end in self._spans(text, frozenset(present)):
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

    def _spans(self, text: str, phrases: frozenset[str]) -> list[tuple[int, int]]:
        """Where the shortlisted phrases occur as whole words, in text order: str.find in the
        lower-cased text (no pattern to compile per phrase), or the phrases' patterns when
        lower-casing changes the text's length (a few letters such as "İ" do)."""
        lowered = text.lower()
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
