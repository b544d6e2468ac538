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
from typing import ClassVar

import regex

from ..document import Document
from ..findings import Applicability, Finding
from ..knowledge import CanonicalName
from ..language import english_frequency
from ..meta import RuleMeta
from ..phrases import normalize, tokens
from ..rule import Context
from ..structure import Part
from ..yamlfile import Node
from .base import DataRule

# A capitalised token: a word, an acronym with dots (U.N.), or a number ("Group of 20").
_TOKEN = r"(?:(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}\p{M}\d'’\-]*|\d+(?:st|nd|rd|th)?)"
# Lowercase connectors may join capitalised tokens ("Treaty on the Non-Proliferation"), and
# so may one other lowercase word right before the next capital (a spinner's "Council
# connected Homelessness"); "and the" / "or the" separate two names, and a verb followed by
# an article ("Societies told the Reuters") ends the name.
_CONNECTOR = r"(?:of|on|the|for|and|in|to|at|by|de|du|des|la|le|against|with|between)"
_JOIN = rf"(?:\s+(?!(?:and|or)\s+the\b){_CONNECTOR})*(?:\s+\p{{Ll}}[\p{{Ll}}'’\-]*)?\s+"
_RUN = regex.compile(rf"\b(?<!-){_TOKEN}(?:{_JOIN}{_TOKEN})*")
_LEADING = regex.compile(r"The|A|An")
_SPLIT = regex.compile(r"\S+")
_POSSESSIVE = regex.compile(r"['’]s?$")


def _word(token: str) -> str:
    """A token of a name as the signatures spell it: normalised, without a possessive."""
    return normalize(_POSSESSIVE.sub("", token))


def _phrase(words: list[tuple[int, int, str]]) -> str:
    return " " + " ".join(w for _, _, w in words) + " "


class CanonicalNameRule(DataRule):
    KEYS: ClassVar[set[str]] = set()
    REQUIRED: ClassVar[set[str]] = set()
    # Not headlines: in title case a whole headline is one capitalised phrase.
    DEFAULT_PARTS: ClassVar[frozenset[Part]] = frozenset(
        {Part.BODY, Part.DATELINE, Part.SUBHEAD, Part.CAPTION}
    )

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
        self.needs: dict[str, tuple[tuple[frozenset[str], ...], ...]] = {}
        synonyms = ctx.knowledge.synonyms
        # Signature items recur across names ("treaty|pact|accord"): each is worked out once.
        expanded: dict[tuple[str, ...], tuple[str, ...]] = {}
        needed: dict[tuple[str, ...], tuple[frozenset[str], ...]] = {}
        for name in ctx.knowledge.names:
            sig = []
            for item in name.signature:
                alts = expanded.get(item)
                if alts is None:
                    alts = expanded[item] = _with_synonyms(item, synonyms)
                    needed[alts] = tuple(frozenset(tokens(a)) for a in alts)
                sig.append(alts)
            self.signatures[name.canonical] = tuple(sig)
            self.forms[name.canonical] = tuple(normalize(f) for f in name.forms)
            self.needs[name.canonical] = tuple(needed[alts] for alts in sig)
            for alt in sig[0]:
                index[alt.split()[0]].append(name)
        self.index = dict(index)
        self.by_key: dict[str, list[str]] = defaultdict(list)
        frequency = english_frequency()
        rarest_of: dict[frozenset[str], str] = {}
        commonness_of: dict[tuple[frozenset[str], ...], float] = {}

        def rarest(words: frozenset[str]) -> str:
            found = rarest_of.get(words)
            if found is None:
                found = rarest_of[words] = min(words, key=lambda w: (frequency.get(w, 0.0), -len(w)))
            return found

        def commonness(alts: tuple[frozenset[str], ...]) -> float:
            """How often an item is satisfied: by its commonest alternative's rarest word."""
            found = commonness_of.get(alts)
            if found is None:
                found = commonness_of[alts] = max(
                    (frequency.get(rarest(a), 0.0) for a in alts if a), default=99.0
                )
            return found

        for canonical, needs in self.needs.items():
            rare = min(needs, key=commonness)  # the item fewest documents satisfy
            for words in rare:
                if words:
                    self.by_key[rarest(words)].append(canonical)
        self.keys = frozenset(self.by_key)
        self._shadows: dict[str, tuple[str, ...]] = {}
        self._form_words: dict[str, list[tuple[str, str]]] | None = None

    def _shadows_of(self, canonical: str) -> tuple[str, ...]:
        """Accepted forms of other names that carry this name's signature: a phrase holding
        one of them is that other name, correctly written. Worked out the first time a
        phrase carries the signature, from the forms that hold the words of the signature
        item fewest forms hold (not from every form of every name: with thousands of names
        that made each distorted name in an article cost a pass over the whole list)."""
        found = self._shadows.get(canonical)
        if found is None:
            sig = self.signatures[canonical]
            found = self._shadows[canonical] = tuple(
                form for other, form in self._forms_with(sig)
                if other != canonical and _carries(sig, f" {form} ")
            )  # fmt: skip
        return found

    def _forms_with(self, sig: tuple[tuple[str, ...], ...]) -> dict[tuple[str, str], None]:
        """(name, form) for the forms that may hold the signature's most selective item: a
        superset of the forms that carry the whole signature."""
        if self._form_words is None:
            self._form_words = defaultdict(list)
            for other, forms in self.forms.items():
                for form in forms:
                    for word in set(form.split()):
                        self._form_words[word].append((other, form))
        index = self._form_words

        def holding(alt: str) -> list[tuple[str, str]]:  # forms holding one word of alt
            return min((index.get(w, []) for w in alt.split()), key=len, default=[])

        item = min(sig, key=lambda alts: sum(len(holding(a)) for a in alts))
        return {pair: None for alt in item for pair in holding(alt)}

    def _possible(self, doc: Document) -> bool:
        """Whether some name's signature words all occur in the document (looked up from
        the words of each name's most distinctive signature item)."""
        words = doc.tokens
        for word in self.keys & words:
            for canonical in self.by_key[word]:
                if all(any(alt <= words for alt in item) for item in self.needs[canonical]):
                    return True
        return False

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not self.index or not self._possible(doc):
            return
        text = doc.text
        for run in _RUN.finditer(text):
            if " " not in run.group():
                continue
            words = [
                (m.start(), m.end(), _word(m.group())) for m in _SPLIT.finditer(text, run.start(), run.end())
            ]
            if words and _LEADING.fullmatch(text, words[0][0], words[0][1]):
                words = words[1:]
            phrase = _phrase(words)
            seen: set[str] = set()
            for word in set(phrase.split()):
                for name in self.index.get(word, ()):
                    if name.canonical in seen:
                        continue
                    seen.add(name.canonical)
                    if self._distorted(name, phrase):
                        start, end = words[0][0], words[-1][1]
                        fix = (
                            Applicability.UNSAFE,
                            f'replace with "{name.canonical}"',
                            [(start, end, name.canonical)],
                        )
                        yield self.finding(
                            doc, start, end, canonical=name.canonical, kind=name.kind, fixes=[fix]
                        )
                        break

    def _distorted(self, name: CanonicalName, phrase: str) -> bool:
        if not _carries(self.signatures[name.canonical], phrase):
            return False
        accepted = (*self.forms[name.canonical], *self._shadows_of(name.canonical))
        return not any(f" {form} " in phrase for form in accepted)


def _with_synonyms(item: tuple[str, ...], synonyms: dict[str, set[str]]) -> tuple[str, ...]:
    """A signature item's alternatives, each also with any one word swapped for a synonym."""
    out = {normalize(a): None for a in item}
    for alt in list(out):
        words = alt.split()
        for i, word in enumerate(words):
            for other in sorted(synonyms.get(word, ())):
                out[" ".join([*words[:i], other, *words[i + 1 :]])] = None
    return tuple(out)


def _carries(signature: tuple[tuple[str, ...], ...], phrase: str) -> bool:
    """Whether a normalised, space-padded phrase holds every signature item."""
    return all(any(f" {alt} " in phrase for alt in item) for item in signature)
