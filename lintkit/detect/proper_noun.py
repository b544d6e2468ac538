"""`proper-noun`: names that must be capitalised ("Cold War", "White House", "Kremlin").

Names with a generic sense ("a cold war between rivals", "a white house on the hill") take
context conditions: `when-before` / `when-after` must match right before / after the name,
`unless-before` / `unless-after` must not. Only names whose words occur in a document are
searched for in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

import regex

from ..cache import compiled as _compiled
from ..document import Document
from ..findings import Finding
from ..knowledge import KnowledgeBase
from ..meta import RuleMeta
from ..phrases import PhraseIndex, phrase_regex
from ..rule import Context
from ..vocabulary import WordTable
from ..yamlfile import DataError, Node, check_keys
from .base import DataRule, FixSpec, parse_fix

_ENTRY_KEYS = {"name", "when-before", "when-after", "unless-before", "unless-after"}


class ProperNounRule(DataRule):
    KEYS: ClassVar[set[str]] = {"names", "fix", "known-names", "place-words"}
    REQUIRED: ClassVar[set[str]] = {"names"}

    def __init__(
        self,
        meta: RuleMeta,
        names: list[str],
        branches: list[str],
        fix: FixSpec | None,
        known_names: bool = False,
        place_words: frozenset[str] = frozenset(),
    ) -> None:
        self.meta = meta
        self.own = (list(names), list(branches))
        self.known_names = known_names
        self.place_words = place_words
        self.fix = fix
        self._use(names, branches)

    def _use(self, names: list[str], branches: list[str]) -> None:
        self.names = names
        # One pattern per name, compiled when first needed: each starts with its literal,
        # which the engine scans for quickly; an alternation would make every letter a
        # candidate position.
        self.branches = branches
        self.patterns: dict[int, regex.Pattern[str]] = {}
        self.index = PhraseIndex({name: i for i, name in enumerate(names)})

    def prepare(self, ctx: Context) -> None:
        """With `known-names: true`, the accepted forms of the canonical names in the
        knowledge base join the list when they name a place ("Bank of England", "European
        Central Bank"): in lower case those are never generic. Worked out once into
        lintkit's cache (per knowledge base and list of names)."""
        if not self.known_names:
            return
        settings = repr((self.own, sorted(self.place_words)))
        name = f"proper-noun-{self.meta.code}"
        names, branches = ctx.knowledge.derived(name, self._known, extra=(settings,))
        self._use(names, branches)

    def _known(self, kb: KnowledgeBase) -> tuple[list[str], list[str]]:
        places = {w.casefold() for p in kb.places for w in (*p.names, *p.capitals, *p.demonyms)}
        places |= {w.casefold() for w in self.place_words}
        names, branches = list(self.own[0]), list(self.own[1])
        seen = {n.lower() for n in names}
        for entry in kb.names:
            for form in entry.forms:
                words = form.split()
                if (
                    len(words) >= 2
                    and form.lower() not in seen
                    and any(w.casefold() in places for w in words)
                    and sum(w[:1].isupper() for w in words) >= 2
                ):
                    seen.add(form.lower())
                    names.append(form)
                    branches.append(_branch(form))
        return names, branches

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> ProperNounRule:
        what = f"rule {meta.code}"
        entries = spec["names"]
        if not isinstance(entries, list) or not entries:
            raise DataError("", spec.line_of("names"), f"{what}: 'names' must be a non-empty list")
        names, branches = [], []
        for _i, e in enumerate(entries):
            if isinstance(e, str):
                e = Node(name=e)
                e.line, e.key_lines = spec.line_of("names"), {}
            if not isinstance(e, Node):
                raise DataError("", spec.line_of("names"), f"{what}: each name is text or a mapping")
            check_keys("", e, _ENTRY_KEYS, {"name"}, f"{what} name")
            name = str(e["name"])
            branch = _branch(name)
            literal = phrase_regex(name.lower())
            if e.get("when-before"):
                branch += f"(?<=(?i:{e['when-before']}){literal})"
            if e.get("unless-before"):
                branch += f"(?<!(?i:{e['unless-before']}){literal})"
            if e.get("when-after"):
                branch += f"(?=(?i:{e['when-after']}))"
            if e.get("unless-after"):
                branch += f"(?!(?i:{e['unless-after']}))"
            try:
                regex.compile(branch)
            except regex.error as exc:
                raise DataError("", e.line, f"{what}: invalid context pattern for {name!r}: {exc}") from None
            names.append(name)
            branches.append(branch)
        place_words = spec.get("place-words") or []
        if not isinstance(place_words, list):
            raise DataError("", spec.line_of("place-words"), f"{what}: 'place-words' must be a list")
        return cls(
            meta, names, branches, parse_fix(spec, what, replacement=False),
            bool(spec.get("known-names", False)), frozenset(str(w) for w in place_words),
        )  # fmt: skip

    def word_tables(self) -> Iterable[WordTable]:
        return [self.index]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        present = self.index.candidates(doc.tokens, ctx.vocabulary.words(doc, self.index))
        if not present:
            return
        for i in sorted(present):
            yield from self._check_name(doc, ctx, i)

    def _check_name(self, doc: Document, ctx: Context, i: int) -> Iterator[Finding]:
        name = self.names[i]
        pattern = self.patterns.get(i)
        if pattern is None:
            pattern = self.patterns[i] = _compiled(rf"\b{self.branches[i]}(?![\w\-])")
        for m in pattern.finditer(doc.text, timeout=self.timeout(ctx)):
            found = m.group()
            if found == name:
                continue  # a name that is lower case by nature
            fixes = []
            if self.fix is not None:
                fixes.append(
                    (
                        self.fix.applicability,
                        self.fix.description.format(replacement=name, text=found),
                        [(m.start(), m.end(), name)],
                    )
                )
            yield self.finding(doc, m.start(), m.end(), fixes=fixes, replacement=name)


def _branch(name: str) -> str:
    """The pattern of a name's all-lowercase spelling (the only spelling that is an error),
    literal first and lookbehind after, so the engine scans for the literal."""
    literal = phrase_regex(name.lower())
    return literal + rf"(?<![\w/@#.\-]{literal})"
