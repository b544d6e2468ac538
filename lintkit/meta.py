"""What a rule is, as data: code, name, category, severity, message, explanation and
examples. Reporters, documentation and the selection read this and nothing of the engine."""

from __future__ import annotations

import datetime as dt
import enum
import re
import string
from dataclasses import dataclass
from typing import NamedTuple

from .findings import Category, Severity
from .structure import Part

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def template_problem(template: str) -> str | None:
    """Why a message or fix-description template cannot be used, or None. Only bare
    `{name}` placeholders are allowed: a format spec (`{text:>9999999999}`), a conversion or
    an attribute or index (`{text.__class__}`) in a user pack could exhaust memory or reach
    into lintkit, so they are refused when the pack loads."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        return f"{exc} (write a literal brace as {{{{ or }}}})"
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier():
            return f"placeholder {{{name}}} must be a plain name like {{text}}"
        if spec or conversion:
            shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            return f"placeholder {{{shown}}} takes no conversion or format: write {{{name}}}"
    return None


class QuotePolicy(str, enum.Enum):
    CHECK = "check"  # report inside direct quotations too (fixes there are never safe)
    SKIP = "skip"  # a speaker's words are theirs: do not report inside quotations


BODY_PARTS = frozenset({Part.BODY, Part.DATELINE})


class BadExample(NamedTuple):
    """Text the rule must flag: `finds` lists the matched texts, in order; `fixed` is the
    text after applying the first fix of the first finding."""

    text: str
    finds: tuple[str, ...]
    fixed: str | None = None
    date: dt.date | None = None
    article: bool = False


class GoodExample(NamedTuple):
    """Text the rule must leave alone."""

    text: str
    date: dt.date | None = None
    article: bool = False


class Examples(NamedTuple):
    bad: tuple[BadExample, ...]
    good: tuple[GoodExample, ...]


@dataclass(frozen=True, slots=True)
class RuleMeta:
    code: str
    name: str
    category: Category
    severity: Severity
    message: str  # one line; `{text}` and rule-specific fields are filled per finding
    explanation: str
    examples: Examples
    parts: frozenset[Part] = BODY_PARTS
    quotes: QuotePolicy = QuotePolicy.CHECK
    artifact_class: str | None = None
    fixable: bool = False
    default_enabled: bool = True
    origin: str = ""  # the pack file or module that defines the rule

    @property
    def summary(self) -> str:
        """The message with its placeholders shown as "…", for rule listings."""
        return _PLACEHOLDER.sub("…", self.message)
