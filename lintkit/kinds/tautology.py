"""`tautology-pair`: a capital or government metonym coordinated with its own country
("between Moscow and Russia", "the Kremlin and Russia", "Washington and the United States").

Machine translation produces this when it loses the second party ("Moscow and the West").
Driven by the places knowledge base; city-states have no capital there, so "Singapore and
Singapore" cannot arise. Contrasts with a preposition ("in Moscow and across Russia") and
possessives ("Moscow and Russia's allies") do not match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import regex

from ..document import Document
from ..findings import Finding
from ..phrases import alternation, normalize
from ..rule import Context, RuleMeta
from ..yamlfile import DataError, Node
from .base import DataRule

_TAIL = r"(?![\w\-])(?!\s*['’]s\b)(?!\s+(?:state|State|region|Oblast|oblast|province|Province)\b)"


class TautologyRule(DataRule):
    KEYS = {"connectors"}
    REQUIRED: set[str] = set()

    def __init__(self, meta: RuleMeta, connectors: list[str]) -> None:
        self.meta = meta
        self.connectors = connectors
        self.pattern: regex.Pattern[str] | None = None
        self.city_country: dict[str, set[str]] = {}
        self.country_of_name: dict[str, set[str]] = {}

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> TautologyRule:
        connectors = spec.get("connectors", ["and", "&"])
        if not isinstance(connectors, list) or not connectors:
            raise DataError("", spec.line_of("connectors"), f"rule {meta.code}: 'connectors' must be a list")
        return cls(meta, [str(c) for c in connectors])

    def prepare(self, ctx: Context) -> None:
        cities: dict[str, set[str]] = defaultdict(set)
        names: dict[str, set[str]] = defaultdict(set)
        for place in ctx.knowledge.places:
            for c in (*place.capitals, *place.metonyms):
                cities[normalize(c)].add(place.country)
            for n in place.names:
                names[normalize(n)].add(place.country)
        self.city_country, self.country_of_name = dict(cities), dict(names)
        if not cities:
            self.pattern = None
            return
        city = alternation(cities)
        country = alternation(names)
        conj = "(?:" + "|".join(regex.escape(c) for c in self.connectors) + ")"
        self.pattern = regex.compile(
            rf"(?<![\w\-])(?:the\s+)?(?P<a>{city}){_TAIL}\s+{conj}\s+(?:the\s+)?(?P<b>{country}){_TAIL}"
            rf"|(?<![\w\-])(?:the\s+)?(?P<b2>{country}){_TAIL}\s+{conj}\s+(?:the\s+)?(?P<a2>{city}){_TAIL}"
        )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if self.pattern is None:
            return
        for m in self.pattern.finditer(doc.text, timeout=ctx.regex_timeout):
            city = m.group("a") or m.group("a2")
            country_name = m.group("b") or m.group("b2")
            shared = self.city_country[normalize(city)] & self.country_of_name[normalize(country_name)]
            if not shared:
                continue
            yield self.finding(doc, m.start(), m.end(), city=city, country=sorted(shared)[0])
