"""`phrase-table`: word sequences looked up in a table of phrase -> replacement.

The table is data built from language resources (e.g. `tortured.tsv`: word pairs one
thesaurus swap away from a common English phrase, "climate modify" -> "climate change"),
so the rule knows phrases nobody listed by hand. The text is read once as words; each run of
two or more words joined only by spaces is one dictionary lookup, so a table of any size
costs the same. A phrase with a capitalised word after its first (a name: "First Minister"),
or whose first word is capitalised in mid-sentence, is left alone.

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
from ..rule import Context
from ..yamlfile import DataError, Node
from .base import DataRule, FixSpec, match_case, parse_fix

_WORD = regex.compile(r"\p{L}[\p{L}'’]*")
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
        self.table, self.longest = load_table(path)

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
        text = doc.text
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        table, longest = self.table, self.longest
        lowered = [text[s:e].casefold().replace("’", "'") for s, e in words]
        i = 0
        while i < len(words) - 1:
            hit = None
            for n in range(min(longest, len(words) - i), 1, -1):
                j = i + n - 1
                if not all(_joined(text, words[k][1], words[k + 1][0]) for k in range(i, j)):
                    continue
                replacement = table.get(" ".join(lowered[i : j + 1]))
                if replacement is not None:
                    hit = (j, replacement)
                    break
            if hit is None:
                i += 1
                continue
            j, replacement = hit
            start, end = words[i][0], words[j][1]
            if self._names_a_thing(text, words, i, j):
                i = j + 1
                continue
            found = text[start:end]
            replacement = match_case(found.split()[0], replacement) if found[:1].isupper() else replacement
            fixes = []
            if self.fix is not None:
                description = self.fix.description.format(replacement=replacement, text=found)
                fixes.append((self.fix.applicability, description, [(start, end, replacement)]))
            yield self.finding(doc, start, end, fixes=fixes, replacement=replacement)
            i = j + 1

    @staticmethod
    def _names_a_thing(text: str, words: list[tuple[int, int]], i: int, j: int) -> bool:
        """A capitalised word after the first, or a capitalised first word in mid-sentence:
        part of a name or title, not a swapped phrase."""
        if any(text[words[k][0]].isupper() for k in range(i + 1, j + 1)):
            return True
        first = words[i][0]
        return text[first].isupper() and not _SENTENCE_START.search(text, max(0, first - 4), first)


def _joined(text: str, end: int, start: int) -> bool:
    """Two words are one phrase when only spaces or tabs stand between them."""
    return start > end and all(c in " \t" for c in text[end:start])


def _resolve(origin: str, name: str) -> Path:
    from ..paths import knowledge_dir

    beside = Path(origin).parent / name if origin else Path(name)
    return beside if beside.is_file() else knowledge_dir() / "language" / name
