"""`proper-noun`: names that must be capitalised ("Cold War", "White House", "Kremlin").

Names with a generic sense ("a cold war between rivals", "a white house on the hill") take
context conditions: `when-before` / `when-after` must match right before / after the name,
`unless-before` / `unless-after` must not. All entries compile into one pattern.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..findings import Finding
from ..phrases import phrase_regex
from ..rule import Context, RuleMeta
from ..yamlfile import DataError, Node, check_keys
from .base import DataRule, FixSpec, parse_fix

_ENTRY_KEYS = {"name", "when-before", "when-after", "unless-before", "unless-after"}


class ProperNounRule(DataRule):
    KEYS = {"names", "fix"}
    REQUIRED = {"names"}

    def __init__(self, meta: RuleMeta, names: list[str], pattern: regex.Pattern[str],
                 fix: FixSpec | None) -> None:
        self.meta = meta
        self.names = names
        self.pattern = pattern
        self.fix = fix

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> ProperNounRule:
        what = f"rule {meta.code}"
        entries = spec["names"]
        if not isinstance(entries, list) or not entries:
            raise DataError("", spec.line_of("names"), f"{what}: 'names' must be a non-empty list")
        names, branches = [], []
        for i, e in enumerate(entries):
            if isinstance(e, str):
                e = Node(name=e)
                e.line, e.key_lines = spec.line_of("names"), {}
            if not isinstance(e, Node):
                raise DataError("", spec.line_of("names"), f"{what}: each name is text or a mapping")
            check_keys("", e, _ENTRY_KEYS, {"name"}, f"{what} name")
            name = str(e["name"])
            branch = phrase_regex(name)
            if e.get("when-before"):
                branch = f"(?<=(?:{e['when-before']}))" + branch
            if e.get("unless-before"):
                branch = f"(?<!(?:{e['unless-before']}))" + branch
            if e.get("when-after"):
                branch += f"(?=(?:{e['when-after']}))"
            if e.get("unless-after"):
                branch += f"(?!(?:{e['unless-after']}))"
            names.append(name)
            branches.append(f"(?P<e{i}>{branch})")
        source = r"(?<![\w/@#.\-])(?:" + "|".join(branches) + r")(?![\w\-])"
        try:
            pattern = regex.compile(source, regex.IGNORECASE)
        except regex.error as exc:
            raise DataError("", spec.line_of("names"), f"{what}: invalid context pattern: {exc}") from None
        return cls(meta, names, pattern, parse_fix(spec, what, replacement=False))

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for m in self.pattern.finditer(doc.text, timeout=ctx.regex_timeout):
            name = self.names[int(str(m.lastgroup)[1:])]
            found = m.group()
            if found == name or found == name.upper() or found.lower() != found:
                continue  # correct, or in capitals, or mixed case (a headline, a brand)
            fixes = []
            if self.fix is not None:
                fixes.append((self.fix.applicability,
                              self.fix.description.format(replacement=name, text=found),
                              [(m.start(), m.end(), name)]))
            yield self.finding(doc, m.start(), m.end(), fixes=fixes, replacement=name)
