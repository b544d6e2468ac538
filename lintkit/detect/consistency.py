"""`consistency`: groups of variants (Mr/Mr., US/U.S., Kyiv/Kiev); when one article mixes
them, the minority form is flagged with the majority form (or the house style) as the fix.

Each variant has a pattern and a `form` template; all variants of a group capture the same
groups, so the preferred form can be rebuilt from a minority match ("Mr" -> "Mr.").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, NamedTuple

from ..document import Document
from ..findings import Finding
from ..meta import RuleMeta
from ..multiscan import Prefilter
from ..rule import Context
from ..yamlfile import DataError, Node, check_keys
from .base import DataRule, FixSpec, can_match_empty, compile_regex, is_builtin, parse_fix


class Variant(NamedTuple):
    name: str
    pattern: Any
    form: str


class Group(NamedTuple):
    name: str
    variants: tuple[Variant, ...]


class ConsistencyRule(DataRule):
    KEYS: ClassVar[set[str]] = {"groups", "fix"}
    REQUIRED: ClassVar[set[str]] = {"groups"}
    quiet_without_prefilter_hits: ClassVar[bool] = True  # no variant that may occur: no group to judge

    def __init__(self, meta: RuleMeta, groups: list[Group], fix: FixSpec | None) -> None:
        self.meta = meta
        self.groups = groups
        self.fix = fix
        # which variants may occur in a document, in one pass (lintkit.multiscan)
        sources = [v.pattern.pattern for g in groups for v in g.variants]
        self.prefilter_scan = Prefilter(sources, caseless=False, name=meta.code)

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> ConsistencyRule:
        what = f"rule {meta.code}"
        groups = []
        items = spec["groups"]
        if not isinstance(items, list) or not items:
            raise DataError("", spec.line_of("groups"), f"{what}: 'groups' must be a non-empty list")
        for g in items:
            if not isinstance(g, Node):
                raise DataError("", spec.line_of("groups"), f"{what}: each group must be a mapping")
            check_keys("", g, {"name", "variants"}, {"name", "variants"}, f"{what} group")
            variants = []
            for v in g["variants"] or []:
                if not isinstance(v, Node):
                    raise DataError("", g.line, f"{what}: each variant must be a mapping")
                check_keys("", v, {"name", "pattern", "form"}, {"name", "pattern", "form"}, f"{what} variant")
                pattern = compile_regex(str(v["pattern"]), what, v.line_of("pattern"))
                if not is_builtin(meta.origin) and can_match_empty(pattern):
                    problem = f"{what}: variant {v['name']!r}: pattern can match empty text"
                    raise DataError("", v.line_of("pattern"), problem)
                variants.append(Variant(str(v["name"]), pattern, str(v["form"])))
            if len(variants) < 2:
                raise DataError("", g.line, f"{what}: group {g['name']!r} needs two or more variants")
            groups.append(Group(str(g["name"]), tuple(variants)))
        return cls(meta, groups, parse_fix(spec, what, replacement=False))

    @property
    def prefilter_patterns(self) -> list[Any]:
        """The variants' compiled patterns, in the order the prefilter numbers them."""
        return [v.pattern for g in self.groups for v in g.variants]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        timeout = self.timeout(ctx)
        may = self.prefilter_scan.matching(doc.text, doc.memo)
        index = 0
        for group in self.groups:
            first, index = index, index + len(group.variants)
            if may is not None:
                # a group is only ever reported when two of its variants occur, or one
                # other than the house style's
                possible = sum(1 for i in range(first, index) if i in may)
                if possible == 0 or (possible == 1 and self._house_style(group, ctx) is None):
                    continue
            found = []
            for i, variant in enumerate(group.variants, first):
                matches = (
                    [
                        m
                        for m in variant.pattern.finditer(doc.text, timeout=timeout)
                        if m.end() > m.start() and doc.part_at(m.start()) in self.meta.parts
                    ]
                    if may is None or i in may
                    else []
                )
                found.append((variant, matches))
            used = [(v, ms) for v, ms in found if ms]
            house = self._house_style(group, ctx)
            if len(used) < 2 and (house is None or not used or used[0][0] is house):
                continue
            preferred = house or self._majority(group, used)
            count = next(len(ms) for v, ms in found if v is preferred)
            for variant, matches in used:
                if variant is preferred:
                    continue
                for m in matches:
                    replacement = m.expand(preferred.form)
                    fixes = []
                    if self.fix is not None:
                        fixes.append(
                            (
                                self.fix.applicability,
                                self.fix.description.format(replacement=replacement, text=m.group()),
                                [(m.start(), m.end(), replacement)],
                            )
                        )
                    yield self.finding(
                        doc,
                        m.start(),
                        m.end(),
                        fixes=fixes,
                        preferred=preferred.name,
                        count=count,
                        times=_times(count),
                        replacement=replacement,
                        group=group.name,
                    )

    @staticmethod
    def _house_style(group: Group, ctx: Context) -> Variant | None:
        """The variant the configured house style names for this group, if any: with a
        house style, any other variant is flagged even when the article is consistent."""
        style = ctx.house_style.get(group.name)
        return next((v for v in group.variants if v.name == style), None)

    @staticmethod
    def _majority(group: Group, used: list[tuple[Variant, list[Any]]]) -> Variant:
        """The variant used most; ties go to the one listed first."""
        order = {v.name: i for i, v in enumerate(group.variants)}
        return max(used, key=lambda vm: (len(vm[1]), -order[vm[0].name]))[0]


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")
