"""`tautology-pair`: a capital or government metonym coordinated with its own country
("between Moscow and Russia", "the Kremlin and Russia", "Washington and the United States").

Machine translation produces this when it loses the second party ("Moscow and the West").
Driven by the places knowledge base; city-states have no capital there, so "Singapore and
Singapore" cannot arise. Contrasts with a preposition ("in Moscow and across Russia") and
possessives ("Moscow and Russia's allies") do not match. Only countries whose capital (or
metonym) and name both occur in a document are searched for in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

import regex

from ..cache import compiled as _compiled
from ..document import Document
from ..findings import Finding
from ..meta import RuleMeta
from ..phrases import Patterns, PhraseIndex, alternation, normalize
from ..rule import Context
from ..vocabulary import WordTable
from ..yamlfile import DataError, Node
from .base import DataRule

# After a name: a possessive or a noun it modifies ("the UK government", "the U.S. Congress",
# the state of Washington) means the name does not end its noun phrase.
_NOT_THE_END = _compiled(
    r"[\w\-]|\s*['’]s?\b|\s+(?:\p{Lu}|(?:state|states|region|oblast|province|government|"
    r"officials|authorities|forces|troops|economy|market|markets|team|delegation|side|embassy|"
    r"military|army|navy|leaders?|people|public|capital|border|regime|parliament|administration|"
    r"mission|envoy|ambassador|negotiators?|diplomats?|president|prime|foreign|defen[cs]e)\b)"
)
# Before a name: another capitalised word means it is the tail of a longer name ("Latin
# America", "Northern Ireland").
_LONGER_NAME = _compiled(r"(?r)(?:[\w\-]|(?P<word>\p{Lu}[\p{L}.’'\-]*)\s)$")
_ARTICLES = frozenset({"The", "A", "An"})


class TautologyRule(DataRule):
    KEYS: ClassVar[set[str]] = {"connectors"}
    REQUIRED: ClassVar[set[str]] = set()

    def __init__(self, meta: RuleMeta, connectors: list[str]) -> None:
        self.meta = meta
        self.conj = "(?:" + "|".join(regex.escape(c) for c in connectors) + ")"
        self.cities: dict[str, list[str]] = {}  # country -> capitals and metonyms
        self.names: dict[str, list[str]] = {}  # country -> its names
        self.city_index: PhraseIndex[str] = PhraseIndex({})
        self.name_index: PhraseIndex[str] = PhraseIndex({})
        self.patterns: Patterns[str] = Patterns(self._source)

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> TautologyRule:
        connectors = spec.get("connectors", ["and", "&"])
        if not isinstance(connectors, list) or not connectors:
            raise DataError("", spec.line_of("connectors"), f"rule {meta.code}: 'connectors' must be a list")
        return cls(meta, [str(c) for c in connectors])

    def prepare(self, ctx: Context) -> None:
        self.cities = {p.country: [*p.capitals, *p.metonyms] for p in ctx.knowledge.places}
        self.names = {p.country: list(p.names) for p in ctx.knowledge.places}
        self.city_index = PhraseIndex({c: country for country, cs in self.cities.items() for c in cs})
        self.name_index = PhraseIndex({n: country for country, ns in self.names.items() for n in ns})
        self.patterns = Patterns(self._source)

    def _source(self, country: str) -> str:
        city = alternation(self.cities[country])
        name = alternation(self.names[country])
        return (
            rf"(?P<a>{city})\s+{self.conj}\s+(?:the\s+)?(?P<b>{name})"
            rf"|(?P<b>{name})\s+{self.conj}\s+(?:the\s+)?(?P<a>{city})"
        )

    @staticmethod
    def _whole_names(text: str, m: regex.Match[str]) -> bool:
        """Both names stand as whole noun phrases, not inside longer names or as adjectives."""
        for group in ("a", "b"):
            start, end = m.span(group)
            longer = _LONGER_NAME.search(text, max(0, start - 40), start)
            if (longer and longer.group("word") not in _ARTICLES) or _NOT_THE_END.match(text, end):
                return False
        return True

    def word_tables(self) -> Iterable[WordTable]:
        return [self.city_index, self.name_index]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        words = doc.tokens
        countries = self.city_index.candidates(words, ctx.vocabulary.words(doc, self.city_index))
        if countries:
            countries &= self.name_index.candidates(words, ctx.vocabulary.words(doc, self.name_index))
        if not countries:
            return
        text = doc.text
        for m in self.patterns.finditer(sorted(countries), text):
            if not self._whole_names(text, m):
                continue
            city, name = normalize(m.group("a")), normalize(m.group("b"))
            country = next(
                c for c in sorted(countries)
                if city in map(normalize, self.cities[c]) and name in map(normalize, self.names[c])
            )  # fmt: skip
            yield self.finding(doc, m.start(), m.end(), city=m.group("a"), country=country)
