"""Running rules over one Document: part scoping, the quotation policy, LanguageTool's
findings joined in, ordering.

A `Linter` is built once per run (rules selected and prepared against the run's knowledge
bases) and then checks any number of documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .document import Document
from .findings import Finding
from .knowledge import collector_paused
from .meta import QuotePolicy
from .rule import Context, Rule

if TYPE_CHECKING:
    from .multiscan import Combined


@dataclass
class Outcome:
    """What checking one document produced: findings, and notes for the user (e.g. a rule
    whose pattern ran past its time limit)."""

    findings: list[Finding]
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # rules that failed on this document


class Linter:
    def __init__(self, rules: Sequence[Rule], context: Context) -> None:
        self.rules = list(rules)
        self.context = context
        with collector_paused():  # indexes of large knowledge bases: see collector_paused
            for rule in self.rules:
                rule.prepare(context)
        # the rules' multi-pattern prefilters share one pass over each document
        self._prefilters = [p for r in self.rules if (p := getattr(r, "prefilter_scan", None)) is not None]
        self._group: Combined | None = None
        if len(self._prefilters) > 1:
            from .multiscan import Combined

            self._group = Combined(self._prefilters)
        self._slotted = self._slotted_rules()
        self._unjoined = _JOIN_AFTER  # documents to check before the word tables are joined

    def _slotted_rules(self) -> list[tuple[Rule, int | None]]:
        """Each rule with its place in the one prefilter pass when the rule finds nothing
        where its prefilter rules out every pattern (most pattern rules on most articles):
        the linter does not call it there. None: the rule always runs."""
        return [
            (r, p.slot
             if r.quiet_without_prefilter_hits and (p := getattr(r, "prefilter_scan", None)) is not None
             and p.group is self._group is not None
             else None)
            for r in self.rules
        ]  # fmt: skip

    def warm(self) -> None:
        """Compile lazily compiled patterns, load the multi-pattern databases and the rules'
        word tables, and join the tables into one set (lintkit.vocabulary) now, so forked
        workers inherit them."""
        for rule in self.rules:
            rule.warm()
        for prefilter in self._prefilters:
            prefilter.prepare()
        self._join_word_tables()

    def _join_word_tables(self) -> None:
        """Join the rules' word tables into one set (lintkit.vocabulary): in `warm`, or
        once this linter has checked enough documents for it to pay (a few milliseconds,
        saved again by every hundred documents after)."""
        self._unjoined = 0
        tables = (table for rule in self.rules for table in rule.word_tables())
        self.context.vocabulary.build((table, table.load_keys()) for table in tables)

    def check(self, doc: Document) -> Outcome:
        if self._unjoined:
            self._unjoined -= 1
            if not self._unjoined:
                self._join_word_tables()
        findings: list[Finding] = []
        warnings: list[str] = []
        errors: list[str] = []
        context = self.context
        hits = self._group.hits(doc.text, doc.memo) if self._group is not None else None
        if isinstance(hits, list):  # the rules whose prefilter rules out every pattern are not run
            rules = [rule for rule, slot in self._slotted if slot is None or hits[slot]]
        else:  # every pattern runs (no database yet, or none)
            rules = self.rules
        for rule in rules:
            try:
                produced = list(rule.check(doc, context))
            except TimeoutError:  # only a user pack's own patterns run under the time limit
                meta = rule.meta
                warnings.append(
                    f"{doc.path}: rule {meta.code} ({meta.name}) stopped after "
                    f"{context.regex_timeout:g}s on this file and reports nothing in it; "
                    f"its pattern is too slow (see {meta.origin})"
                )
                continue
            except Exception as exc:  # one rule's failure must not lose the file or the run
                meta = rule.meta
                errors.append(f"rule {meta.code} ({meta.name}) failed: {type(exc).__name__}: {exc}"[:300])
                continue
            if produced:
                meta = rule.meta
                for f in produced:
                    if doc.part_at(f.prose_start) not in meta.parts:
                        continue
                    if doc.in_quote(f.prose_start):
                        if meta.quotes is QuotePolicy.SKIP:
                            continue
                        f = f.with_unsafe_fixes()  # never change a quotation silently
                    findings.append(f)
        if context.grammar is not None:
            findings += self._grammar(doc, findings, warnings)
        return Outcome(_dedupe(findings) if len(findings) > 1 else findings, warnings, errors)

    def _grammar(self, doc: Document, own: list[Finding], warnings: list[str]) -> list[Finding]:
        """LanguageTool's findings, selected like rules and dropped where a lintkit rule
        flags an overlapping span. If it fails, say so once and go on without it."""
        checker = self.context.grammar
        if checker is None:
            return []
        from .languagetool.checker import LanguageToolUnavailable, drop_overlapping

        try:
            found, problems = checker.check(doc)
        except LanguageToolUnavailable as exc:  # the checker gives up for the rest of the run
            warnings.append(str(exc))
            return []
        warnings.extend(problems)
        allows = self.context.allows
        return drop_overlapping(own, [f for f in found if allows(f.rule)])


_JOIN_AFTER = 64  # documents a linter checks before it joins its rules' word tables


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in sorted(findings, key=lambda f: (f.start, f.end, f.rule)):
        key = (f.rule, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
