"""`proper-noun`: names that must be capitalised ("Cold War", "White House", "Kremlin").

Names with a generic sense ("a cold war between rivals", "a white house on the hill") take
context conditions: `when-before` / `when-after` must match right before / after the name,
`unless-before` / `unless-after` must not. Only names whose words occur in a document are
searched for in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import regex

from ..document import Document
from ..findings import Finding
from ..phrases import PhraseIndex, phrase_regex
from ..rule import Context, RuleMeta
from ..yamlfile import DataError, Node, check_keys
from .base import DataRule, FixSpec, parse_fix

_ENTRY_KEYS = {"name", "when-before", "when-after", "unless-before", "unless-after"}


class ProperNounRule(DataRule):
    KEYS: ClassVar[set[str]] = {"names", "fix"}
    REQUIRED: ClassVar[set[str]] = {"names"}

    def __init__(self, meta: RuleMeta, names: list[str], branches: list[str], fix: FixSpec | None) -> None:
        self.meta = meta
        self.names = names
        # One pattern per name: each starts with its literal, which the engine scans for
        # quickly; an alternation would make every letter a candidate position.
        self.patterns = [regex.compile(rf"\b{b}(?![\w\-])") for b in branches]
        self.index = PhraseIndex({name: i for i, name in enumerate(names)})
        self.fix = fix

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
            # Only the all-lowercase spelling is an error; contexts ignore case.
            # Literal first, lookbehinds after it: the engine then scans for the literal.
            literal = phrase_regex(name.lower())
            branch = literal + rf"(?<![\w/@#.\-]{literal})"
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
        return cls(meta, names, branches, parse_fix(spec, what, replacement=False))

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        present = self.index.candidates(doc.tokens)
        if not present:
            return
        for i in sorted(present):
            yield from self._check_name(doc, ctx, i)

    def _check_name(self, doc: Document, ctx: Context, i: int) -> Iterator[Finding]:
        name = self.names[i]
        for m in self.patterns[i].finditer(doc.text, timeout=ctx.regex_timeout):
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
