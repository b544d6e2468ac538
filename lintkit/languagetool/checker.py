"""Grammar and spelling from a LanguageTool server, as ordinary lintkit findings.

lintkit's own rules target translation artifacts; LanguageTool adds general grammar. It is
optional (`pip install 'lintkit[languagetool]'` installs the GPL-3.0 client,
language-tool-python) and off by default, so a pre-commit run stays fast. It talks to an
existing server (`--languagetool-url`, a newsroom's shared server) or starts the client's own
local one. Text goes in batches of whole paragraphs; matches come back as findings coded
`LT:<RULE_ID>`, category grammar, replacements as unsafe fixes, positions mapped back to the
source through Markdown and HTML. Where a lintkit rule flags an overlapping span, lintkit's
finding is kept and LanguageTool's dropped: it has the better message and fix.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from ..findings import Applicability, Category, Finding, Severity
from ..meta import BadExample, Examples, GoodExample, RuleMeta
from ..rule import Rule
from ..structure import Part
from . import LTSettings

# Off by default: they duplicate lintkit's own rules with less news knowledge (unpaired quotes
# ignore the multi-paragraph convention PU010 knows), or flag professional news style (no
# comma before a short coordinated clause, no comma after a sentence-initial adverb).
# `enabled-rules` turns any of them back on.
NEWS_DISABLED_RULES = frozenset({
    "EN_UNPAIRED_QUOTES", "EN_UNPAIRED_BRACKETS", "WHITESPACE_RULE", "COMMA_COMPOUND_SENTENCE",
    "COMMA_COMPOUND_SENTENCE_2", "SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA", "EN_QUOTES", "DASH_RULE",
})  # fmt: skip
PARTS = frozenset({Part.BODY, Part.DATELINE, Part.CAPTION})
_SEVERITY = {"misspelling": Severity.WARNING, "grammar": Severity.WARNING}
_HOW_TO = (
    "checking without it. Start a server with `sh scripts/languagetool-server.sh start` and pass "
    "--languagetool-url, or turn LanguageTool off"
)


class LanguageToolUnavailable(RuntimeError):
    """LanguageTool could not be reached or started; the message says what was tried."""


@dataclass
class _LTRule(Rule):
    """A LanguageTool rule seen at run time, so its findings are built like any other."""

    meta: RuleMeta = field(init=False)
    rule_id: str = ""
    description: str = ""
    issue_type: str = ""

    def __post_init__(self) -> None:
        self.meta = RuleMeta(
            code=f"LT:{self.rule_id}",
            name=self.rule_id.lower().replace("_", "-"),
            category=Category.GRAMMAR,
            severity=_SEVERITY.get(self.issue_type, Severity.INFO),
            message="{detail}",
            explanation=f"LanguageTool rule {self.rule_id}: {self.description}",
            examples=Examples((BadExample("", ()),), (GoodExample(""),)),
            parts=PARTS,
            fixable=True,
            origin="LanguageTool",
        )

    def check(self, doc: Document, ctx: Any) -> Iterator[Finding]:  # pragma: no cover - unused
        return iter(())


class LanguageToolChecker:
    """One connection to LanguageTool for a run (per process). Once it has failed, it fails
    at once with the same message for the rest of the process instead of trying again for
    every file."""

    def __init__(self, settings: LTSettings) -> None:
        self.settings = settings
        self._tool: Any = None
        self._rules: dict[str, _LTRule] = {}
        self._failure: str | None = None

    def connect(self) -> None:
        """Reach (or start) LanguageTool now; raises LanguageToolUnavailable with one line
        saying what was tried and how to fix it."""
        if self._failure is not None:
            raise LanguageToolUnavailable(self._failure)
        if self._tool is not None:
            return
        try:
            self._tool = self._open()
        except LanguageToolUnavailable as exc:
            self._failure = str(exc)
            raise

    def _open(self) -> Any:
        s = self.settings
        try:
            import language_tool_python as ltp
        except ImportError:
            raise LanguageToolUnavailable(
                "LanguageTool needs its client: pip install 'lintkit[languagetool]'"
            ) from None
        where = f"the LanguageTool server at {s.url}" if s.url else "a local LanguageTool"
        try:
            if s.url:
                tool = ltp.LanguageTool(s.language, remote_server=s.url)
            else:
                tool = ltp.LanguageTool(s.language)
            tool.disabled_rules = set(NEWS_DISABLED_RULES - set(s.enabled_rules)) | set(s.disabled_rules)
            tool.disabled_categories = set(s.disabled_categories) | (set() if s.spelling else {"TYPOS"})
        except Exception as exc:  # requests' ConnectionError is not a LanguageToolError: catch all
            raise LanguageToolUnavailable(f"could not reach {where} ({_reason(exc)}); {_HOW_TO}") from None
        return tool

    def check(self, doc: Document) -> list[Finding]:
        self.connect()
        findings: list[Finding] = []
        for text, bases, starts in self._batches(doc):
            try:
                matches = self._tool.check(text)
            except Exception as exc:
                self._failure = f"LanguageTool failed on {doc.path}: {_reason(exc)}; checking without it"
                raise LanguageToolUnavailable(self._failure) from None
            for m in matches:
                i = bisect.bisect_right(starts, m.offset) - 1
                start = bases[i] + (m.offset - starts[i])
                findings.append(self._finding(doc, m, start, start + m.error_length))
        return findings

    def _batches(self, doc: Document) -> Iterator[tuple[str, list[int], list[int]]]:
        """Whole paragraphs, joined by blank lines, up to the batch size (a longer paragraph
        goes alone)."""
        pieces: list[str] = []
        bases: list[int] = []
        starts: list[int] = []
        size = 0
        for p in doc.paragraphs:
            if p.part not in PARTS:
                continue
            start = p.start
            if doc.dateline is not None and p.start == doc.dateline.start:
                start = doc.dateline.end
            piece = doc.text[start : p.end]
            if pieces and size + len(piece) + 2 > self.settings.batch_chars:
                yield "\n\n".join(pieces), bases, starts
                pieces, bases, starts, size = [], [], [], 0
            starts.append(size + (2 if pieces else 0))
            size = starts[-1] + len(piece)
            pieces.append(piece)
            bases.append(start)
        if pieces:
            yield "\n\n".join(pieces), bases, starts

    def _finding(self, doc: Document, m: Any, start: int, end: int) -> Finding:
        rule = self._rules.get(m.rule_id)
        if rule is None:
            rule = self._rules[m.rule_id] = _LTRule(
                rule_id=m.rule_id,
                description=getattr(m, "rule_description", "") or m.message,
                issue_type=getattr(m, "rule_issue_type", "") or "",
            )
        fixes = [
            (Applicability.UNSAFE, f'replace with "{r}"', [(start, end, r)]) for r in list(m.replacements)[:3]
        ]
        return rule.finding(doc, start, end, detail=m.message, fixes=fixes)


_CHECKERS: dict[LTSettings, LanguageToolChecker] = {}


def checker_for(settings: LTSettings) -> LanguageToolChecker:
    """One checker per settings in a process (worker processes inherit the parent's
    connection, so a local server is started once per run)."""
    checker = _CHECKERS.get(settings)
    if checker is None:
        checker = _CHECKERS[settings] = LanguageToolChecker(settings)
    return checker


def _reason(exc: BaseException) -> str:
    """A short cause: the client wraps connection failures in long messages."""
    text = " ".join(str(exc).split())
    causes = (
        ("Connection refused", "connection refused"), ("NewConnectionError", "no connection"),
        ("timed out", "timed out"), ("Name or service not known", "unknown host"),
        ("NameResolutionError", "unknown host"),
    )  # fmt: skip
    for needle, said in causes:
        if needle in text:
            return said
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def drop_overlapping(own: list[Finding], grammar: list[Finding]) -> list[Finding]:
    """LanguageTool findings that no lintkit finding overlaps (lintkit's is kept)."""
    spans = [(f.start, max(f.end, f.start + 1)) for f in own]
    return [g for g in grammar if not any(s < max(g.end, g.start + 1) and g.start < e for s, e in spans)]
