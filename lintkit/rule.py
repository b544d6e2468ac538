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
from typing import TYPE_CHECKING, Any, Protocol

from .findings import Applicability, Edit, Finding, Fix
from .meta import RuleMeta

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

    def article_date(self, doc: Document) -> dt.date | None:
        return self.date or doc.date


class Rule(abc.ABC):
    """Base class of all rules. Subclasses set `meta` and implement `check`."""

    meta: RuleMeta

    def prepare(self, ctx: Context) -> None:  # noqa: B027 - optional hook
        """Compile whatever depends on the run's knowledge bases; called once per run."""

    def warm(self) -> None:  # noqa: B027 - optional hook
        """Compile what is otherwise compiled on first use (before worker processes fork)."""

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
                Fix(applicability, description, tuple(Edit(*_map_span(doc, a, b), r) for a, b, r in edits))
                for applicability, description, edits in fixes
            ),
        )


def _map_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    s = doc.to_source(start)
    e = doc.to_source_end(end - 1) if end > start else s
    return s, e


def _one_line(text: str) -> str:
    return " ".join(text.split()) if ("\n" in text or "\r" in text) else text
