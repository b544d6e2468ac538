"""`pattern`: a regular expression, exceptions, and a replacement template for the fix.

`pattern` is one expression or a list of alternatives. An alternative may be written
`{regex: ..., words: [...]}`: it is tried only in documents that hold one of the words (as
lower-cased words split at spaces, punctuation, hyphens and apostrophes), which lets a rule
with many alternatives skip most of them, as ruff and Vale skip rules whose literals are
absent. Alternatives are compiled and run
separately: a regex engine scans fastest for a pattern that starts with a literal, and
joining alternatives with `|` would make every position a candidate.

A group named `mark` sets the reported span, and a group named `edit` the text the fix
replaces (by default the whole match). Either may capture more than once, or inside a
lookbehind, so a pattern can start with a rare literal and still report the words before
it; the span covers all captures.
Exceptions are regular expressions too: a match that overlaps an exception's match is not
reported (LanguageTool's antipatterns).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar

from ..cache import compiled as _compiled
from ..document import Document
from ..edits import delete_line
from ..findings import Finding
from ..meta import RuleMeta
from ..multiscan import Prefilter
from ..rule import Context
from ..yamlfile import DataError, Node
from .base import DataRule, FixSpec, SpanSet, can_match_empty, compile_regex, is_builtin, parse_fix


def _present(literals: tuple[str, ...], text: str) -> bool:
    """Whether any literal occurs in `text` (one starting with a line break also counts at
    the very start of the text). `str.__contains__` scans at memory speed: a rule whose
    literals are absent costs nothing, as Vale's and ruff's prefilters do."""
    return any(lit in text or (lit[0] == "\n" and text.startswith(lit[1:])) for lit in literals)


# Named prefilters for what literals cannot say: a rule runs only on documents that pass.
PREFILTERS: dict[str, Callable[[Document], bool]] = {
    "repeated-word": lambda doc: doc.has_doubled_word,
}


class PatternRule(DataRule):
    KEYS: ClassVar[set[str]] = {"pattern", "ignore-case", "exceptions", "fix", "requires", "prefilter"}
    REQUIRED: ClassVar[set[str]] = {"pattern"}
    quiet_without_prefilter_hits: ClassVar[bool] = True  # no pattern that may match: nothing to run

    def __init__(
        self,
        meta: RuleMeta,
        patterns: list[Any],
        exceptions: Sequence[Any],
        fix: FixSpec | None,
        triggers: list[frozenset[str] | None] | None = None,
        requires: list[tuple[str, ...] | None] | None = None,
        ignore_case: bool = False,
    ) -> None:
        self.meta = meta
        self.patterns = patterns
        # each listed exception on its own: a joined alternation scans slower than its
        # parts one after another (the `regex` engine optimises each branch only alone)
        self.exceptions = tuple(exceptions)
        self.fix = fix
        # per pattern, literal strings one of which a text must hold for the pattern to be run
        self.requires = requires or [None] * len(patterns)
        self.ignore_case = ignore_case
        self.prefilter: Callable[[Document], bool] | None = None
        # per pattern, words one of which a document must hold for the pattern to be tried
        self.triggers = triggers or [None] * len(patterns)
        # which patterns may match a document at all, in one pass (lintkit.multiscan)
        self.prefilter_scan = Prefilter([p.pattern for p in patterns], caseless=ignore_case, name=meta.code)
        # and which exceptions may match it, in a pass of their own made only where a pattern
        # matched: an exception that cannot match is not scanned for
        sources = [p.pattern for p in self.exceptions]
        self.exception_scan = (
            Prefilter(sources, caseless=ignore_case, name=meta.code + "exceptions") if sources else None
        )

    def warm(self) -> None:
        """Load the exceptions' prefilter (before a run forks its workers, which share it):
        unprepared, a run loads it only after its first few documents with a match."""
        if self.exception_scan is not None:
            self.exception_scan.prepare()

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> PatternRule:
        what = f"rule {meta.code}"
        ignore_case = bool(spec.get("ignore-case", False))
        entries = spec["pattern"]
        if not isinstance(entries, list):
            entries = [entries]
        sources: list[str] = []
        triggers: list[frozenset[str] | None] = []
        requires: list[tuple[str, ...] | None] = []
        rule_literals = _literals(spec, what) if "requires" in spec else None
        for entry in entries:
            words = None
            literals = rule_literals
            if isinstance(entry, Node) and set(entry) <= {"regex", "words", "requires"} and "regex" in entry:
                words = entry.get("words")
                if words is not None and (
                    not isinstance(words, list)
                    or not words
                    or not all(isinstance(w, str) and w == w.lower() and w.isalnum() for w in words)
                ):
                    raise DataError(
                        "", entry.line_of("words"), f"{what}: 'words' must be a list of lowercase words"
                    )
                if "requires" in entry:
                    literals = _literals(entry, what)
                entry = entry["regex"]
            if not isinstance(entry, str) or not entry:
                raise DataError(
                    "", spec.line_of("pattern"),
                    f"{what}: 'pattern' must be a regex, or a list of regexes or of {{regex, words}}",
                )  # fmt: skip
            sources.append(entry)
            triggers.append(frozenset(words) if words else None)
            requires.append(literals)
        lazy = is_builtin(meta.origin)
        line = spec.line_of("pattern")
        patterns = [compile_regex(p, what, line, ignore_case=ignore_case, lazy=lazy) for p in sources]
        if not lazy:  # built-in patterns are held to this by the test suite instead
            for source, pattern in zip(sources, patterns, strict=True):
                if can_match_empty(pattern):
                    raise DataError(
                        "", line, f"{what}: pattern can match empty text ({_short(source)}); an empty "
                        "match has nothing to report and is found at every position",
                    )  # fmt: skip
        exceptions = []
        if spec.get("exceptions"):
            items = spec["exceptions"]
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise DataError(
                    "", spec.line_of("exceptions"), f"{what}: 'exceptions' must be a list of regexes"
                )
            at = spec.line_of("exceptions")
            exceptions = [compile_regex(i, what, at, ignore_case=ignore_case, lazy=lazy) for i in items]
        fix = parse_fix(spec, what, replacement=True)
        if fix is not None and fix.replacement and not lazy:
            for pattern in patterns:
                problem = _template_problem(pattern, fix.replacement)
                if problem:
                    raise DataError("", spec.line_of("fix"), f"{what}: invalid replacement: {problem}")
        if ignore_case:  # literals are looked for in the lower-cased text
            requires = [tuple(x.lower() for x in r) if r else r for r in requires]
        rule = cls(meta, patterns, exceptions, fix, triggers, requires, ignore_case)
        if "prefilter" in spec:
            name = str(spec["prefilter"])
            if name not in PREFILTERS:
                problem = f"{what}: unknown prefilter {name!r}; expected one of {sorted(PREFILTERS)}"
                raise DataError("", spec.line_of("prefilter"), problem)
            rule.prefilter = PREFILTERS[name]
        return rule

    @property
    def prefilter_patterns(self) -> list[Any]:
        """The compiled patterns, in the order the prefilter numbers them."""
        return list(self.patterns)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if self.prefilter is not None and not self.prefilter(doc):
            return
        text = doc.text
        # One multi-pattern pass first (lintkit.multiscan): it rules out most patterns, and
        # those it cannot still meet their words and literals before their own pass.
        may = self.prefilter_scan.matching(text, doc.memo)
        if may is not None and not may:
            return  # no pattern can match: most rules on most articles
        words = doc.tokens
        timeout = self.timeout(ctx)
        haystack = doc.lowered if self.ignore_case and any(self.requires) else text
        matches = [
            m
            for i, (p, trigger, literals) in enumerate(
                zip(self.patterns, self.triggers, self.requires, strict=True)
            )
            if may is None or i in may
            if trigger is None or not trigger.isdisjoint(words)
            if literals is None or _present(literals, haystack)
            for m in p.finditer(text, timeout=timeout)
            if m.end() > m.start()  # an empty match that slipped past loading: nothing to report
        ]
        if not matches:
            return
        if len(self.patterns) > 1:
            matches.sort(key=lambda m: m.span())
        marks = [_group_span(m, "mark") for m in matches]
        excluded = None
        if self.exceptions:
            # an exception that starts after every mark ends cannot overlap one: not scanned
            limit = max(max(end, start + 1) for start, end in marks)
            exceptions = self.exceptions
            may_except = self.exception_scan.matching(text, doc.memo) if self.exception_scan else None
            if may_except is not None:
                exceptions = tuple(e for i, e in enumerate(exceptions) if i in may_except)
            excluded = SpanSet(_spans_before(exceptions, text, limit, timeout))
        for m, (start, end) in zip(matches, marks, strict=True):
            if excluded is not None and excluded.overlaps(start, end):
                continue
            fields = {k: v or "" for k, v in m.groupdict().items()}
            fixes = []
            fix = self.fix
            if fix is not None and fix.delete_line:
                line_start, line_end = delete_line(text, start, end)
                description = fix.description.format(replacement="", text=m.group())
                applicability = fix.applicability_for(text[start:end])
                fixes.append((applicability, description, [(line_start, line_end, "")]))
            elif fix is not None and fix.replacement is not None:
                replacement = m.expand(fix.replacement)
                fields["replacement"] = replacement
                description = fix.description.format(replacement=replacement, text=m.group())
                edit_start, edit_end = _group_span(m, "edit")
                applicability = fix.applicability_for(text[start:end])
                fixes.append((applicability, description, [(edit_start, edit_end, replacement)]))
            yield self.finding(doc, start, end, fixes=fixes, **fields)


def _spans_before(
    patterns: Sequence[Any], text: str, limit: int, timeout: float | None
) -> list[tuple[int, int]]:
    """The spans of each pattern's matches (`finditer`) that start before `limit`."""
    spans = []
    for pattern in patterns:
        for m in pattern.finditer(text, timeout=timeout):
            if m.start() >= limit:
                break
            spans.append(m.span())
    return spans


def _literals(node: Node, what: str) -> tuple[str, ...]:
    value = node["requires"]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        problem = f"{what}: 'requires' must be a list of non-empty strings"
        raise DataError("", node.line_of("requires"), problem)
    return tuple(value)


def _short(source: str) -> str:
    return repr(source) if len(source) <= 60 else repr(source[:57]) + "..."


def _group_span(m: Any, name: str) -> tuple[int, int]:
    """The span covering every capture of group `name` (a group may be named twice, or sit
    inside a lookbehind), or the whole match when the pattern has no such group."""
    if name in m.re.groupindex:
        starts = m.starts(name)
        if starts:
            return int(min(starts)), int(max(m.ends(name)))
    start, end = m.span()
    return int(start), int(end)


_GROUP_REF = _compiled(r"\\g<([^>]*)>|\\(\d+)")


def _template_problem(pattern: Any, template: str) -> str | None:
    """Why a replacement template cannot work with a pattern (a group it does not have)."""
    for m in _GROUP_REF.finditer(template):
        ref = m.group(1) if m.group(1) is not None else m.group(2)
        if ref.isdigit():
            if int(ref) > pattern.groups:
                return f"the pattern has no group {ref}"
        elif ref not in pattern.groupindex:
            return f"the pattern has no group named {ref!r}"
    return None
