"""The one small interface every rule follows, YAML-defined or Python.

A rule has metadata (`RuleMeta`: code, name, category, default severity, one-line message,
explanation, executable examples, the article parts it looks at) and a `check` method that
reads a `Document` and yields `Finding`s. Rules never print, read files or format output.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from .edits import delete_line
from .findings import Applicability, Edit, Finding, Fix
from .meta import RuleMeta
from .vocabulary import Vocabulary, WordTable

if TYPE_CHECKING:
    from .document import Document
    from .knowledge import KnowledgeBase


class GrammarChecker(Protocol):
    """An outside checker (LanguageTool) whose findings join lintkit's own."""

    def check(self, doc: Document) -> tuple[list[Finding], list[str]]: ...


@dataclass
class Context:
    """What a run knows beyond the document: knowledge bases, the article date given on the
    command line, house style and limits."""

    knowledge: KnowledgeBase
    date: dt.date | None = None
    house_style: dict[str, str] = field(default_factory=dict)
    regex_timeout: float = 2.0
    grammar: GrammarChecker | None = None  # LanguageTool, when enabled
    allows: Callable[[str], bool] = field(default=lambda code: True)  # selection, for LT codes
    # the rules' large word tables as one set, once the linter is warmed (lintkit.vocabulary)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    def article_date(self, doc: Document) -> dt.date | None:
        return self.date or doc.date


class Rule(abc.ABC):
    """Base class of all rules. Subclasses set `meta` and implement `check`."""

    meta: RuleMeta
    # True for a rule with a multi-pattern prefilter (`prefilter_scan`) that finds nothing
    # in a document where the prefilter rules out all its patterns: the linter then reads
    # that from the one pass it makes for all rules and does not call the rule.
    quiet_without_prefilter_hits: ClassVar[bool] = False

    def prepare(self, ctx: Context) -> None:  # noqa: B027 - optional hook
        """Compile whatever depends on the run's knowledge bases; called once per run."""

    def warm(self) -> None:  # noqa: B027 - optional hook
        """Compile what is otherwise compiled on first use (before worker processes fork)."""

    def word_tables(self) -> Iterable[WordTable]:
        """The word tables and phrase indexes the rule asks a document's words of, through
        `ctx.vocabulary.words(doc, table)`: the linter joins their words into one set
        (lintkit.vocabulary)."""
        return ()

    @abc.abstractmethod
    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        """Yield the findings of this rule in one document."""

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        *,
        message: str | None = None,
        fixes: Sequence[tuple[Applicability, str, Sequence[tuple[int, int, str]]]] = (),
        **fields: Any,
    ) -> Finding:
        """A finding for doc.text[start:end], mapped to source positions. `fixes` are
        (applicability, description, [(start, end, replacement), ...]) in text offsets."""
        s, e = _map_span(doc, start, end)
        line, column = doc.lines.position(s)
        end_line, end_column = doc.lines.position(e)
        text = doc.source[s:e]
        template = message if message is not None else self.meta.message
        return Finding(
            path=doc.path,
            rule=self.meta.code,
            name=self.meta.name,
            category=self.meta.category,
            severity=self.meta.severity,
            message=template.format(text=_one_line(text), **fields),
            start=s,
            end=e,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=text,
            artifact_class=self.meta.artifact_class,
            prose_start=start,
            prose_end=end,
            fixes=tuple(
                Fix(applicability, description, tuple(Edit(*_map_edit(doc, a, b, r), r) for a, b, r in edits))
                for applicability, description, edits in fixes
            ),
        )


def _map_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    s = doc.to_source(start)
    e = doc.to_source_end(end - 1) if end > start else s
    return s, e


def _map_edit(doc: Document, start: int, end: int, replacement: str) -> tuple[int, int]:
    """An edit's source span. A deletion of whole paragraphs of a markup file takes the
    elements that hold them (`<p>Picture</p>`, and the line break after it), so no empty
    element is left behind; any other edit maps character by character."""
    elements = getattr(doc.offset_map, "elements", None)
    if not elements or replacement:
        return _map_span(doc, start, end)
    covered = [p for p in doc.paragraphs if start <= p.start and p.end <= end]
    if not covered or any(p.index not in elements for p in covered):
        return _map_span(doc, start, end)
    touched = [p for p in doc.paragraphs if p.start < end and start < p.end]
    if len(touched) != len(covered):  # part of another paragraph is deleted too: not whole elements
        return _map_span(doc, start, end)
    start_at, end_at = elements[covered[0].index][0], elements[covered[-1].index][1]
    source = doc.source
    line_start = max(source.rfind("\n", 0, start_at), source.rfind("\r", 0, start_at)) + 1
    line_end = end_at
    while line_end < len(source) and source[line_end] not in "\r\n":
        line_end += 1
    if not source[line_start:start_at].strip() and not source[end_at:line_end].strip():
        return delete_line(source, start_at, end_at)  # the elements fill their lines: take the lines
    return start_at, end_at


def _one_line(text: str) -> str:
    return " ".join(text.split()) if ("\n" in text or "\r" in text) else text
