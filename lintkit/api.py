"""lintkit's Python API: lint a text, lint a path. The CLI is a thin layer over this.

>>> from lintkit import lint_text
>>> [f.rule for f in lint_text("They met in the world. the air was cold.")]
['MT001']
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import suppressions
from .config import Config, check_codes
from .discovery import articles
from .document import Document
from .engine import Linter
from .findings import Finding
from .knowledge import KnowledgeBase
from .languagetool import LTSettings, checker_for
from .readers import reader_for
from .registry import load_rules
from .rule import Context
from .selection import enabled, select
from .source import DecodeError, decode


@dataclass(frozen=True)
class Options:
    """Everything that shapes how articles are checked, as resolved from the command line
    and configuration. Hashable, so a run builds one linter per distinct set of options."""

    select: Sequence[str] | None = None
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    date: dt.date | None = None
    knowledge: Sequence[str | Path] = ()
    rule_packs: Sequence[str | Path] = ()
    house_style: Mapping[str, str] = field(default_factory=dict)
    regex_timeout: float = 2.0
    config: Config | None = None
    languagetool: LTSettings | None = None

    def __hash__(self) -> int:
        selection = (None if self.select is None else tuple(self.select), tuple(self.ignore),
                     tuple(self.extend_select))  # fmt: skip
        files = (tuple(map(str, self.knowledge)), tuple(map(str, self.rule_packs)))
        return hash((selection, files, self.date, tuple(sorted(self.house_style.items())),
                     self.regex_timeout, self.config, self.languagetool))  # fmt: skip


@dataclass
class FileResult:
    """The outcome for one file: findings, or an error that kept it from being checked."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    words: int = 0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    source: str = ""  # the decoded text (after fixing, the fixed text)
    fixed: int = 0  # fixes applied
    original: str | None = None  # the text before fixing, when fixes were computed


def make_document(text: str, path: str) -> Document:
    """The Document for a file's decoded text; Markdown and HTML are read by their own
    readers, which keep a map from the prose back to the source."""
    reader = reader_for(path)
    if reader is None:
        return Document(text, path)
    prose, offset_map, paragraphs, parts = reader(text)
    return Document(prose, path, source=text, offset_map=offset_map, paragraphs=paragraphs, parts=parts)


def build_linter(options: Options | None = None) -> Linter:
    """Load, select and prepare the rules once; reuse the linter for many documents."""
    options = options or Options()
    available = load_rules(options.rule_packs)
    if options.config is not None:
        check_codes(options.config, {r.meta.code for r in available})
    rules = select(available, options.select, options.ignore, options.extend_select)
    kb = KnowledgeBase(options.knowledge)
    lt = options.languagetool
    context = Context(
        knowledge=kb,
        date=options.date,
        house_style=dict(options.house_style),
        regex_timeout=options.regex_timeout,
        grammar=checker_for(lt) if lt is not None and lt.enabled else None,
        allows=partial(
            enabled, select=options.select, ignore=options.ignore, extend_select=options.extend_select
        ),
    )
    return Linter(rules, context)


def lint_text(
    text: str, path: str = "<text>", *, linter: Linter | None = None, options: Options | None = None
) -> list[Finding]:
    """Findings for one article given as text."""
    linter = linter or build_linter(options)
    return linter.check(Document(text, path)).findings


def lint_path(
    path: str | Path, *, linter: Linter | None = None, options: Options | None = None
) -> FileResult:
    """Read, decode and check one file; errors are returned, not raised."""
    linter = linter or build_linter(options)
    name = str(path)
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(path).read_bytes()
    except OSError as exc:
        return FileResult(name, error=f"cannot read: {exc.strerror or exc}")
    return lint_bytes(data, name, linter)


def lint_bytes(data: bytes, path: str, linter: Linter) -> FileResult:
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return FileResult(path, error=str(exc))
    findings, words, warnings = check_text(linter, decoded.text, path)
    return FileResult(path, findings, words, None, warnings, decoded.text)


def check_text(
    linter: Linter, text: str, path: str, ignored: Sequence[str] = ()
) -> tuple[list[Finding], int, list[str]]:
    """(findings, words, warnings) for one file's decoded text: the reader its name calls
    for, then per-file ignored codes and inline suppressions taken out."""
    doc = make_document(text, path)
    outcome = linter.check(doc)
    kept = [f for f in outcome.findings if not any(f.rule.startswith(c) for c in ignored)]
    return suppressions.apply(kept, doc.source, path), doc.words, outcome.warnings


def lint_paths(
    paths: Iterable[str], *, linter: Linter | None = None, options: Options | None = None
) -> list[FileResult]:
    """Check every article under `paths`, in a stable order."""
    linter = linter or build_linter(options)
    results = []
    for path, error in articles(paths):
        results.append(FileResult(path, error=error) if error else lint_path(path, linter=linter))
    return results
