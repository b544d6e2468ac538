"""`pattern`: a regular expression, exceptions, and a replacement template for the fix.

`pattern` is one expression or a list of alternatives (joined with `|`).

A named group `mark` narrows the reported span; the fix replaces the whole match.
Exceptions are regular expressions too: a match that overlaps an exception's match is not
reported (LanguageTool's antipatterns).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..document import Document
from ..findings import Finding
from ..rule import Context, RuleMeta
from ..yamlfile import DataError, Node
from .base import DataRule, FixSpec, SpanSet, compile_regex, parse_fix


class PatternRule(DataRule):
    KEYS = {"pattern", "ignore-case", "exceptions", "fix"}
    REQUIRED = {"pattern"}

    def __init__(self, meta: RuleMeta, pattern: Any, exceptions: Any | None,
                 fix: FixSpec | None) -> None:
        self.meta = meta
        self.pattern = pattern
        self.exceptions = exceptions
        self.fix = fix

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> PatternRule:
        what = f"rule {meta.code}"
        ignore_case = bool(spec.get("ignore-case", False))
        source = spec["pattern"]
        if isinstance(source, list):  # alternatives, one per line, for readability
            source = "|".join(f"(?:{alt})" for alt in source)
        pattern = compile_regex(str(source), what, spec.line_of("pattern"),
                                ignore_case=ignore_case)
        exceptions = None
        if spec.get("exceptions"):
            items = spec["exceptions"]
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise DataError("", spec.line_of("exceptions"), f"{what}: 'exceptions' must be a list of regexes")
            exceptions = compile_regex("|".join(f"(?:{i})" for i in items), what,
                                       spec.line_of("exceptions"), ignore_case=ignore_case)
        fix = parse_fix(spec, what, replacement=True)
        if fix is not None:
            try:
                pattern.sub(fix.replacement, "")  # validates group references
            except Exception as exc:  # noqa: BLE001 - regex raises several types here
                raise DataError("", spec.line_of("fix"), f"{what}: invalid replacement: {exc}") from None
        return cls(meta, pattern, exceptions, fix)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        matches = list(self.pattern.finditer(text, timeout=ctx.regex_timeout))
        if not matches:
            return
        excluded = None
        if self.exceptions is not None:
            excluded = SpanSet([m.span() for m in
                                self.exceptions.finditer(text, timeout=ctx.regex_timeout)])
        has_mark = "mark" in self.pattern.groupindex
        for m in matches:
            start, end = m.span("mark") if has_mark and m.start("mark") >= 0 else m.span()
            if excluded is not None and excluded.overlaps(start, end):
                continue
            fields = {k: v or "" for k, v in m.groupdict().items()}
            fixes = []
            if self.fix is not None and self.fix.replacement is not None:
                replacement = m.expand(self.fix.replacement)
                fields["replacement"] = replacement
                description = self.fix.description.format(replacement=replacement,
                                                          text=m.group())
                fixes.append((self.fix.applicability, description,
                              [(m.start(), m.end(), replacement)]))
            yield self.finding(doc, start, end, fixes=fixes, **fields)
