"""`tautology-pair`: a capital or government metonym coordinated with its own country
("between Moscow and Russia", "the Kremlin and Russia", "Washington and the United States").

Machine translation produces this when it loses the second party ("Moscow and the West").
Driven by the places knowledge base; city-states have no capital there, so "Singapore and
Singapore" cannot arise. Contrasts with a preposition ("in Moscow and across Russia") and
possessives ("Moscow and Russia's allies") do not match. Only countries whose capital (or
metonym) and name both occur in a document are searched for in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import regex

from ..document import Document
from ..findings import Finding
from ..phrases import PhraseIndex, alternation, cached_compiler, normalize
from ..rule import Context, RuleMeta
from ..yamlfile import DataError, Node
from .base import DataRule

# A name that ends its noun phrase: not a possessive, not an adjective ("the UK government",
# "the U.S. Congress"), not the state of Washington.
_TAIL = (
    r"(?![\w\-])(?!\s*['’]s?\b)(?!\s+(?:\p{Lu}|(?:state|states|region|oblast|province|government|"
    r"officials|authorities|forces|troops|economy|market|markets|team|delegation|side|embassy|"
    r"military|army|navy|leaders?|people|public|capital|border|regime|parliament|administration|"
    r"mission|envoy|ambassador|negotiators?|diplomats?|president|prime|foreign|defen[cs]e)\b))"
)
# Not the tail of a longer name ("Latin America", "Northern Ireland").
_HEAD = r"(?<![\w\-])(?<!\p{Lu}[\p{L}.’'\-]*\s)"


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
        self.pattern_for = cached_compiler(self._source)

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
        self.pattern_for.cache_clear()  # type: ignore[attr-defined]

    def _source(self, countries: frozenset[str]) -> str:
        city = alternation(c for country in countries for c in self.cities[country])
        name = alternation(n for country in countries for n in self.names[country])
        return (
            rf"{_HEAD}(?:[Tt]he\s+)?(?P<a>{city}){_TAIL}\s+{self.conj}\s+(?:the\s+)?(?P<b>{name}){_TAIL}"
            rf"|{_HEAD}(?:[Tt]he\s+)?(?P<b>{name}){_TAIL}\s+{self.conj}\s+(?:the\s+)?(?P<a>{city}){_TAIL}"
        )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        countries = self.city_index.candidates(doc.tokens) & self.name_index.candidates(doc.tokens)
        if not countries:
            return
        for m in self.pattern_for(countries).finditer(doc.text, timeout=ctx.regex_timeout):
            city, name = normalize(m.group("a")), normalize(m.group("b"))
            shared = [
                c for c in sorted(countries)
                if city in map(normalize, self.cities[c]) and name in map(normalize, self.names[c])
            ]  # fmt: skip
            if shared:
                start = min(m.start("a"), m.start("b"))  # not the article before the pair
                yield self.finding(doc, start, m.end(), city=m.group("a"), country=shared[0])
