"""`substitution`: a table of wrong -> right phrases, matched as whole words, compiled into
one pattern; fixes keep the letter case of what they replace."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

import regex

from ..document import Document
from ..findings import Finding
from ..meta import RuleMeta
from ..phrases import Patterns, PhraseIndex, normalize, phrase_regex, word_bounded
from ..rule import Context
from ..vocabulary import WordTable
from ..yamlfile import DataError, Node
from .base import DataRule, FixSpec, match_case, parse_fix


class SubstitutionRule(DataRule):
    KEYS: ClassVar[set[str]] = {"swap", "ignore-case", "fix"}
    REQUIRED: ClassVar[set[str]] = {"swap"}

    def __init__(self, meta: RuleMeta, swap: dict[str, str], ignore_case: bool, fix: FixSpec | None) -> None:
        self.meta = meta
        self.swap = {normalize(k): v for k, v in swap.items()}
        self.index = PhraseIndex({k: k for k in swap})
        flags = regex.IGNORECASE if ignore_case else 0
        self.patterns: Patterns[str] = Patterns(_source, flags)
        self.fix = fix

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> SubstitutionRule:
        what = f"rule {meta.code}"
        swap = spec["swap"]
        if (
            not isinstance(swap, Node)
            or not swap
            or not all(isinstance(v, str) and v.strip() for v in swap.values())
        ):
            raise DataError(
                "", spec.line_of("swap"), f"{what}: 'swap' must map each wrong phrase to its replacement"
            )
        return cls(
            meta, dict(swap), bool(spec.get("ignore-case", True)), parse_fix(spec, what, replacement=False)
        )

    def word_tables(self) -> Iterable[WordTable]:
        return [self.index]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        present = self.index.candidates(doc.tokens, ctx.vocabulary.words(doc, self.index))
        if not present:
            return
        for m in self.patterns.finditer(sorted(present), doc.text):
            found = m.group()
            replacement = match_case(found, self.swap[normalize(found)])
            fixes = []
            if self.fix is not None:
                fixes.append(
                    (
                        self.fix.applicability,
                        self.fix.description.format(replacement=replacement, text=found),
                        [(m.start(), m.end(), replacement)],
                    )
                )
            yield self.finding(doc, m.start(), m.end(), fixes=fixes, replacement=replacement)


def _source(phrase: str) -> str:
    return word_bounded(phrase_regex(phrase))
