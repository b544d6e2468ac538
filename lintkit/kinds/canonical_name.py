"""`canonical-name`: distorted renderings of known proper names (treaties, institutions,
laws). A capitalised phrase that carries all of a name's signature words but none of its
accepted forms is reported, with the canonical form as the fix:
"Treaty Governing Intermediate-Range Nuclear Missiles in Europe" -> "Intermediate-Range
Nuclear Forces Treaty". Lowercase descriptions ("the treaty on intermediate-range missiles")
are not names and are never flagged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import regex

from ..document import Document
from ..findings import Applicability, Finding
from ..knowledge import CanonicalName
from ..phrases import normalize
from ..rule import Context, RuleMeta
from ..structure import Part
from ..yamlfile import Node
from .base import DataRule

# A capitalised token: a word, an acronym with dots (U.N.), or a number ("Group of 20").
_TOKEN = r"(?:(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}\p{M}\d'’\-]*|\d+(?:st|nd|rd|th)?)"
# Up to two lowercase words may join capitalised tokens ("Treaty on the Non-Proliferation",
# or a spinner's "Council connected Homelessness"), but "and the" / "or the" separate names.
_JOIN = r"(?:\s+(?!(?:and|or)\s+the\b)\p{Ll}[\p{Ll}'’\-]*){0,2}\s+"
_RUN = regex.compile(rf"(?<![\w\-]){_TOKEN}(?:{_JOIN}{_TOKEN})*")
_LEADING = regex.compile(r"(?:The|A|An)\s+")


class CanonicalNameRule(DataRule):
    KEYS: set[str] = set()
    REQUIRED: set[str] = set()
    DEFAULT_PARTS = frozenset({Part.BODY, Part.DATELINE, Part.HEADLINE, Part.SUBHEAD, Part.CAPTION})

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta
        self.index: dict[str, list[CanonicalName]] = {}

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> CanonicalNameRule:
        return cls(meta)

    @classmethod
    def is_fixable(cls, spec: Node) -> bool:
        return True

    def prepare(self, ctx: Context) -> None:
        index: dict[str, list[CanonicalName]] = defaultdict(list)
        self.forms: dict[str, tuple[str, ...]] = {}
        self.signatures: dict[str, tuple[tuple[str, ...], ...]] = {}
        for name in ctx.knowledge.names:
            sig = tuple(tuple(normalize(a) for a in item) for item in name.signature)
            self.signatures[name.canonical] = sig
            self.forms[name.canonical] = tuple(normalize(f) for f in name.forms)
            for alt in sig[0]:
                index[alt.split()[0]].append(name)
        self.index = dict(index)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not self.index:
            return
        text = doc.text
        for run in _RUN.finditer(text, timeout=ctx.regex_timeout):
            if " " not in run.group():
                continue
            start = run.start()
            lead = _LEADING.match(text, start, run.end())
            if lead:
                start = lead.end()
            phrase = " " + normalize(text[start : run.end()]) + " "
            words = set(phrase.split())
            seen: set[str] = set()
            for word in words:
                for name in self.index.get(word, ()):
                    if name.canonical in seen:
                        continue
                    seen.add(name.canonical)
                    if self._distorted(name, phrase):
                        yield self.finding(
                            doc, start, run.end(), canonical=name.canonical, kind=name.kind,
                            fixes=[(Applicability.UNSAFE, f'replace with "{name.canonical}"',
                                    [(start, run.end(), name.canonical)])],
                        )
                        break

    def _distorted(self, name: CanonicalName, phrase: str) -> bool:
        signature = self.signatures[name.canonical]
        if not all(any(f" {alt} " in phrase for alt in item) for item in signature):
            return False
        return not any(f" {form} " in phrase for form in self.forms[name.canonical])
