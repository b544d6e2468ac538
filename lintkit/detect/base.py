"""What every YAML rule kind shares: how it is built from its pack entry."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import regex

from ..cache import compiled
from ..findings import Applicability
from ..meta import BODY_PARTS, RuleMeta
from ..rule import Context, Rule
from ..structure import Part
from ..yamlfile import DataError, Node, check_keys


class DataRule(Rule):
    """A rule built from a pack entry. Subclasses declare their keys and parse them."""

    KEYS: ClassVar[set[str]] = set()
    REQUIRED: ClassVar[set[str]] = set()
    DEFAULT_PARTS: ClassVar[frozenset[Part]] = BODY_PARTS

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> DataRule:
        raise NotImplementedError

    @classmethod
    def is_fixable(cls, spec: Node) -> bool:
        return "fix" in spec

    @cached_property
    def builtin(self) -> bool:
        return is_builtin(self.meta.origin)

    def timeout(self, ctx: Context) -> float | None:
        """The time limit for the regular expressions a pack's author wrote: the run's
        `regex_timeout` in a user's pack (a catastrophic pattern costs a warning, not a
        hang), none in lintkit's own, whose patterns are tested and linear, so that a long
        article loses no finding to the clock. Patterns lintkit builds from escaped phrases
        (substitution tables, knowledge bases) are linear and never timed."""
        return None if self.builtin else ctx.regex_timeout


class FixSpec(NamedTuple):
    applicability: Applicability
    description: str
    replacement: str | None = None  # a template (\1, \g<name>) where the kind uses one
    delete_line: bool = False  # `delete: line`: remove the whole line (lintkit.edits.delete_line)
    safe_when: Any = None  # a regex: the fix is safe only for a match it fully matches

    def applicability_for(self, matched: str) -> Applicability:
        """`safe` only where no correct sentence could hold the match: with `safe-when`,
        for the matches that regex describes; the rest are suggestions."""
        if self.safe_when is not None:
            return Applicability.SAFE if self.safe_when.fullmatch(matched) else Applicability.UNSAFE
        return self.applicability


def parse_fix(spec: Node, what: str, *, replacement: bool) -> FixSpec | None:
    if "fix" not in spec:
        return None
    fix = spec["fix"]
    if not isinstance(fix, Node):
        raise DataError("", spec.line_of("fix"), f"{what}: 'fix' must be a mapping")
    required = {"applicability", "description"}
    allowed = required | {"safe-when"} | ({"replacement", "delete"} if replacement else set())
    if replacement and "delete" not in fix:
        required = required | {"replacement"}
    check_keys("", fix, allowed, required, f"{what} fix")
    try:
        applicability = Applicability(str(fix["applicability"]))
    except ValueError:
        raise DataError(
            "", fix.line_of("applicability"), f"{what}: fix applicability must be 'safe' or 'unsafe'"
        ) from None
    delete = fix.get("delete")
    if delete is not None and (delete != "line" or "replacement" in fix):
        problem = f"{what}: fix 'delete' must be 'line', without a replacement"
        raise DataError("", fix.line_of("delete"), problem)
    safe_when = None
    if "safe-when" in fix:
        if applicability is not Applicability.UNSAFE:
            problem = f"{what}: 'safe-when' makes some fixes safe: give applicability 'unsafe'"
            raise DataError("", fix.line_of("safe-when"), problem)
        safe_when = compile_regex(str(fix["safe-when"]), what, fix.line_of("safe-when"))
    text = str(fix["replacement"]) if replacement and "replacement" in fix else ("" if replacement else None)
    return FixSpec(applicability, str(fix["description"]), text, delete == "line", safe_when)


def compile_regex(source: str, what: str, line: int, *, ignore_case: bool = False, lazy: bool = False) -> Any:
    """Compile a pack's regular expression (the `regex` package: Unicode properties,
    variable-length lookbehind, timeouts), naming the rule and line on error; with `lazy`,
    on first use instead (built-in packs)."""
    flags = regex.IGNORECASE if ignore_case else 0
    if lazy:
        return LazyRegex(source, flags | regex.MULTILINE)
    try:
        return compiled(source, flags | regex.MULTILINE)
    except regex.error as exc:
        raise DataError("", line, f"{what}: invalid regular expression: {exc}") from None


# Texts a pattern is tried on when a user's pack loads: together with the pattern's own
# source (which holds the literals its lookarounds ask for) they reveal the patterns that
# match empty text, such as `x*`, `\b`, `^`, `(?=...)` or `(?:...)?`.
_EMPTY_PROBES = ("", " ", "a", "A", "1", ".", "a b", "A b. C d", "a\nb", "a\n\nb", "“a” (b) - c, d; e: f! g?")


def can_match_empty(pattern: Any) -> bool:
    """Whether a compiled pattern matches empty text in a probe text. An empty match has
    nothing to report and is found at every position, so a pack whose pattern can match
    empty text is refused when it loads, and rules drop empty matches that the probes miss
    (a pattern's language is not decided by testing)."""
    for probe in (*_EMPTY_PROBES, pattern.pattern):
        try:
            if any(m.start() == m.end() for m in pattern.finditer(probe, timeout=0.5)):
                return True
        except TimeoutError:  # too slow to tell on a short probe: the run's timeout will say so
            continue
    return False


class LazyRegex:
    """A pattern compiled the first time it is used. Built-in packs are checked by the test
    suite, so their patterns need not be compiled at start-up only to be validated; a run
    pays for the patterns it uses (rebuilt from lintkit's cache of compiled patterns, see
    lintkit.cache.compiled). Pickled as its source, so a cached rule list holds no code."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source, self._flags = source, flags
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy and pickle probe for hooks: not the pattern's
            raise AttributeError(name)
        compiled_ = self._compiled
        if compiled_ is None:
            compiled_ = self._compiled = compiled(self._source, self._flags)
        return getattr(compiled_, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return LazyRegex, (self._source, self._flags)

    @property
    def pattern(self) -> str:
        """The source, as the compiled pattern's `.pattern`, without compiling it (a rule's
        multi-pattern prefilter reads every source when the rule is built)."""
        return self._source


def is_builtin(origin: str) -> bool:
    """Whether a rule comes from one of lintkit's own packs (their patterns are tested)."""
    from ..paths import packs_dir

    return bool(origin) and Path(origin).resolve().parent == packs_dir().resolve()


class SpanSet:
    """Spans (as `finditer` yields them, from one pattern or several) with a fast overlap
    test: spans that overlap are merged, so the test reads one span."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s, e in sorted(spans):
            if self._ends and s < self._ends[-1]:  # inside the last span: merged into it
                self._ends[-1] = max(self._ends[-1], e)
            else:
                self._starts.append(s)
                self._ends.append(e)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a span (an empty range counts as one character)."""
        i = bisect.bisect_left(self._starts, max(end, start + 1)) - 1
        return i >= 0 and self._ends[i] > start


def match_case(source: str, replacement: str) -> str:
    """`replacement` in the letter case of `source`: UPPER, Title Case, or Capitalised."""
    if source.isupper() and len(source) > 1:
        return replacement.upper()
    if source[:1].isupper() and not replacement[:1].isupper():
        if all(w[:1].isupper() for w in source.split()) and len(source.split()) > 1:
            return " ".join(w[:1].upper() + w[1:] for w in replacement.split())
        return replacement[:1].upper() + replacement[1:]
    return replacement
