"""What rules produce: findings with spans, messages and fixes.

A `Finding` is plain data. Reporters and the fixer consume it; nothing in it knows about
output formats. Spans are code-point offsets into the decoded source file, end exclusive.
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass, field, replace
from typing import NamedTuple


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}; expected one of: error, warning, info") from None


class Applicability(str, enum.Enum):
    """How far a fix can be trusted: `safe` fixes apply without a human; `unsafe` ones are
    suggestions for a copy editor."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


class Category(str, enum.Enum):
    """The families a copy editor sorts findings into (and the report colours by)."""

    MT = "mt-artifact"
    PUNCTUATION = "punctuation"
    STYLE = "style"
    FACTS = "facts"
    RESIDUE = "residue"
    GRAMMAR = "grammar"

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    Category.MT: "machine-translation artifact",
    Category.PUNCTUATION: "punctuation",
    Category.STYLE: "style consistency",
    Category.FACTS: "facts and names",
    Category.RESIDUE: "scraper residue",
    Category.GRAMMAR: "grammar",
}


class Edit(NamedTuple):
    """Replace source[start:end] with `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits that together repair one finding."""

    applicability: Applicability
    description: str
    edits: tuple[Edit, ...]

    def __post_init__(self) -> None:
        ordered = sorted(self.edits, key=lambda e: (e.start, e.end))
        for a, b in itertools.pairwise(ordered):
            if b.start < a.end:
                raise ValueError(f"overlapping edits in fix {self.description!r}")
        object.__setattr__(self, "edits", tuple(ordered))

    def apply(self, text: str) -> str:
        """The text with this fix's edits applied (offsets refer to `text`)."""
        out = []
        pos = 0
        for edit in self.edits:
            out.append(text[pos : edit.start])
            out.append(edit.replacement)
            pos = edit.end
        out.append(text[pos:])
        return "".join(out)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place, with the rule that found it and the fixes it proposes."""

    path: str
    rule: str
    name: str
    category: Category
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    artifact_class: str | None = None
    fixes: tuple[Fix, ...] = field(default=())
    # Where the finding is in the prose the rules read (the Document's `text`); for plain
    # text the same as start/end, for Markdown and HTML the offsets before mapping to the
    # source. Computed once, when the finding is made.
    prose_start: int = -1
    prose_end: int = -1

    @property
    def family(self) -> str:
        """The letter prefix of the rule code (`MT` for `MT001`, `LT` for `LT:...`)."""
        code = self.rule
        i = 0
        while i < len(code) and code[i].isalpha():
            i += 1
        return code[:i]

    @property
    def fixable(self) -> bool:
        return bool(self.fixes)

    def with_unsafe_fixes(self) -> Finding:
        """The same finding with every fix downgraded to `unsafe`."""
        if all(f.applicability is Applicability.UNSAFE for f in self.fixes):
            return self
        fixes = tuple(replace(f, applicability=Applicability.UNSAFE) for f in self.fixes)
        return replace(self, fixes=fixes)


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
    errors: list[str] = field(default_factory=list)  # rules that failed on this file (others ran)
    headline: str | None = None  # the article's headline (first headline paragraph), for reports
