"""`phrase-table`: word sequences looked up in a table of phrase -> replacement.

The table is data built from language resources (e.g. `tortured.tsv`: word pairs one
thesaurus swap away from a common English phrase, "climate modify" -> "climate change"),
so the rule knows phrases nobody listed by hand. Only phrases whose words all occur in a
document are searched for in it (a set intersection), so a table of any size costs little.
A phrase with a capitalised word after its first (a name: "First Minister"), or whose first
word is capitalised in mid-sentence, is left alone.

`table:` names a tab-separated file (phrase, replacement, other columns ignored; `#` lines
are comments), next to the pack or among lintkit's language tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import ClassVar

import regex

from ..document import Document
from ..findings import Finding
from ..meta import RuleMeta
from ..phrases import Patterns, PhraseIndex
from ..rule import Context
from ..yamlfile import DataError, Node
from .base import DataRule, FixSpec, match_case, parse_fix

_SENTENCE_START = regex.compile(r"(?:^|[.!?:;“\"‘(\n][ \t]*|[.!?][”\"’)][ \t]*)$")


@cache
def load_table(path: Path) -> tuple[dict[str, str], int]:
    """phrase -> replacement, and the most words in a phrase."""
    table: dict[str, str] = {}
    longest = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise DataError(path, number, "a phrase table row is: phrase, tab, replacement")
        phrase = " ".join(cells[0].casefold().replace("’", "'").split())
        table[phrase] = cells[1].strip()
        longest = max(longest, phrase.count(" ") + 1)
    return table, longest


class PhraseTableRule(DataRule):
    KEYS: ClassVar[set[str]] = {"table", "fix"}
    REQUIRED: ClassVar[set[str]] = {"table"}

    def __init__(self, meta: RuleMeta, path: Path, fix: FixSpec | None) -> None:
        self.meta = meta
        self.path = path
        self.fix = fix
        self.table, _ = load_table(path)
        # shortlisted per document by its words, one pattern per phrase compiled on use
        self.index: PhraseIndex[str] = PhraseIndex({p: p for p in self.table})
        self.patterns: Patterns[str] = Patterns(_phrase_source)

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> PhraseTableRule:
        name = spec["table"]
        if not isinstance(name, str) or not name:
            raise DataError("", spec.line_of("table"), f"rule {meta.code}: 'table' must be a file name")
        path = _resolve(meta.origin, name)
        if not path.is_file():
            raise DataError("", spec.line_of("table"), f"rule {meta.code}: no table file {path}")
        return cls(meta, path, parse_fix(spec, f"rule {meta.code}", replacement=False))

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        present = self.index.candidates(doc.tokens)
        if not present:
            return
        text = doc.text
        for start, end in self._spans(text, present, ctx):
            if self._names_a_thing(text, start, end):
                continue
            found = text[start:end]
            replacement = self.table[" ".join(found.casefold().replace("’", "'").split())]
            if found[:1].isupper():
                replacement = match_case(found.split()[0], replacement)
            fixes = []
            if self.fix is not None:
                description = self.fix.description.format(replacement=replacement, text=found)
                fixes.append((self.fix.applicability, description, [(start, end, replacement)]))
            yield self.finding(doc, start, end, fixes=fixes, replacement=replacement)

    def _spans(self, text: str, phrases: frozenset[str], ctx: Context) -> list[tuple[int, int]]:
        """Where the shortlisted phrases occur as whole words, in text order: str.find in the
        lower-cased text (no pattern to compile per phrase), or the phrases' patterns when
        lower-casing changes the text's length (a few letters such as "İ" do)."""
        lowered = text.lower()
        if len(lowered) != len(text):
            return [m.span() for m in self.patterns.finditer(sorted(phrases), text, ctx.regex_timeout)]
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
        spans.sort()
        return spans

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
