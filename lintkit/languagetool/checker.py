"""Grammar and spelling from a LanguageTool server, as ordinary lintkit findings.

lintkit's own rules target translation artifacts; LanguageTool adds general grammar. It is
off by default, so a pre-commit run stays fast. lintkit talks to an existing server
(`--languagetool-url`, a newsroom's shared server) with its own small client (`http.py`),
which validates every answer; only starting a local server needs the GPL-3.0 client
language-tool-python (`pip install 'lintkit[languagetool]'`). Text goes in batches of whole
paragraphs; matches come back as findings coded `LT:<RULE_ID>`, category grammar,
replacements as unsafe fixes, positions mapped back to the source through Markdown and HTML.
Where a lintkit rule flags an overlapping span, lintkit's finding is kept and LanguageTool's
dropped: it has the better message and fix.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from ..findings import Applicability, Category, Finding, Severity
from ..meta import BadExample, Examples, GoodExample, RuleMeta
from ..rule import Rule
from ..structure import Part
from . import LTSettings, http

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
# How someone who installed lintkit with pip gets a LanguageTool (no repository scripts).
HOW_TO_START = (
    "to check grammar, install Java and `pip install 'lintkit[languagetool]'` and use --languagetool "
    "(it downloads and starts LanguageTool), or run a LanguageTool server "
    "(https://dev.languagetool.org/http-server) and pass --languagetool-url URL"
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
    """One connection to LanguageTool for a run (per process). Once it has failed, or the
    run's time budget for it is spent, it fails at once with the same message for the rest
    of the process instead of trying again for every file."""

    def __init__(self, settings: LTSettings) -> None:
        self.settings = settings
        self._endpoint: http.Endpoint | None = None
        self._local: Any = None  # language-tool-python's local server, when no URL is given
        self._rules: dict[str, _LTRule] = {}
        self._failure: str | None = None
        self._spent = 0.0  # seconds waited on the server in this process

    def connect(self) -> None:
        """Reach (or start) LanguageTool now; raises LanguageToolUnavailable with one line
        saying what was tried and how to fix it."""
        if self._failure is not None:
            raise LanguageToolUnavailable(self._failure)
        if self._endpoint is not None:
            return
        try:
            self._endpoint = self._open()
        except LanguageToolUnavailable as exc:
            self._failure = str(exc)
            raise

    def _open(self) -> http.Endpoint:
        s = self.settings
        if not s.url:
            return self._start_local()
        try:
            endpoint = http.Endpoint.parse(s.url)
            languages = http.get(endpoint, "languages", min(s.timeout, 30.0))
        except http.ServerError as exc:
            raise LanguageToolUnavailable(
                f"could not reach the LanguageTool server at {s.url} ({exc})"
            ) from None
        if not isinstance(languages, list):
            raise LanguageToolUnavailable(
                f"the server at {s.url} does not answer like LanguageTool (/v2/languages)"
            )
        return endpoint

    def _start_local(self) -> http.Endpoint:
        """language-tool-python's own local server (it downloads and starts LanguageTool)."""
        try:
            import language_tool_python as ltp
        except ImportError:
            raise LanguageToolUnavailable(
                "a local LanguageTool needs its client (pip install 'lintkit[languagetool]')"
            ) from None
        try:
            self._local = ltp.LanguageTool(self.settings.language)
            return http.Endpoint.parse(str(self._local._url))
        except Exception as exc:  # requests' ConnectionError is not a LanguageToolError: catch all
            raise LanguageToolUnavailable(
                f"could not start a local LanguageTool ({_reason(exc)})"
            ) from None

    def check(self, doc: Document) -> tuple[list[Finding], list[str]]:
        """LanguageTool's findings for a document, and warnings (matches dropped as invalid).
        Raises LanguageToolUnavailable when the server fails or time runs out."""
        self.connect()
        assert self._endpoint is not None
        s = self.settings
        disabled = set(NEWS_DISABLED_RULES - set(s.enabled_rules)) | set(s.disabled_rules)
        categories = set(s.disabled_categories) | (set() if s.spelling else {"TYPOS"})
        findings: list[Finding] = []
        dropped = 0
        for text, bases, starts in self._batches(doc):
            budget = s.run_timeout - self._spent
            if budget <= 0:
                self._failure = (
                    f"LanguageTool used its {s.run_timeout:g} s for this run (run-timeout); checking "
                    "the remaining files without it"
                )
                raise LanguageToolUnavailable(self._failure)
            form = http.check_form(text, s.language, sorted(disabled), s.enabled_rules, sorted(categories))
            began = time.monotonic()
            try:
                answer = http.post(self._endpoint, "check", form, min(s.timeout, budget))
                matches, bad = http.parse_matches(answer, text)
            except http.ServerError as exc:
                self._failure = f"LanguageTool failed on {doc.path} ({exc}); checking without it"
                raise LanguageToolUnavailable(self._failure) from None
            finally:
                self._spent += time.monotonic() - began
            dropped += bad
            ends = [*(st - 2 for st in starts[1:]), len(text)]  # pieces are joined by "\n\n"
            for m in matches:
                i = bisect.bisect_right(starts, m.start) - 1
                if i < 0 or m.end > ends[i]:  # between pieces, or across two: not one paragraph's
                    continue
                start = bases[i] + (m.start - starts[i])
                findings.append(self._finding(doc, m, start, start + (m.end - m.start)))
        warnings = []
        if dropped:
            warnings.append(
                f"{doc.path}: LanguageTool answered {dropped} invalid match{'es' if dropped > 1 else ''} "
                "(offsets outside the text or wrong types); dropped"
            )
        return findings, warnings

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

    def _finding(self, doc: Document, m: http.Match, start: int, end: int) -> Finding:
        rule = self._rules.get(m.rule_id)
        if rule is None:
            rule = self._rules[m.rule_id] = _LTRule(
                rule_id=m.rule_id, description=m.description or m.message, issue_type=m.issue_type
            )
        fixes = [(Applicability.UNSAFE, f'replace with "{r}"', [(start, end, r)]) for r in m.replacements[:3]]
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
    """A short cause: language-tool-python wraps failures in long messages."""
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
    keep = http.clear_of([(f.start, f.end) for f in own], [(g.start, g.end) for g in grammar])
    return [g for g, kept in zip(grammar, keep, strict=True) if kept]
