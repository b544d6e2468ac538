"""Applying fixes: choose non-overlapping fixes, apply them, lint again, repeat.

The loop is bounded, so a pair of rules that undo each other cannot spin forever, and it
stops as soon as nothing more is fixable: fixing a fixed text changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from .findings import Applicability, Edit, Finding, Fix

MAX_PASSES = 10


class _Linted(Protocol):
    @property
    def findings(self) -> list[Finding]: ...


L = TypeVar("L", bound=_Linted)


@dataclass(frozen=True, slots=True)
class FixOutcome(Generic[L]):
    text: str
    applied: int  # fixes applied over all passes
    last: L  # what linting the final text gave
    converged: bool  # False when the pass limit stopped the loop
    first: L | None = None  # what linting the original text gave
    looping: tuple[str, ...] = ()  # rules still fixable when the pass limit stopped the loop

    @property
    def remaining(self) -> list[Finding]:
        """The findings of the final text."""
        return self.last.findings


def allowed(fix: Fix, unsafe: bool) -> bool:
    return fix.applicability is Applicability.SAFE or unsafe


def valid(fix: Fix, length: int) -> bool:
    """Whether every edit of a fix lies inside a text of `length` characters and replaces
    with a string: a fix from anywhere (a user pack, a LanguageTool server, a decisions
    file) is checked before it touches a file."""
    return all(
        isinstance(e.start, int) and isinstance(e.end, int) and 0 <= e.start <= e.end <= length
        and isinstance(e.replacement, str)
        for e in fix.edits
    )  # fmt: skip


def choose(findings: Sequence[Finding], unsafe: bool, length: int) -> list[Fix]:
    """For each finding its first allowed fix, keeping only fixes that lie inside the text
    (`length` characters) and whose edits overlap no fix already chosen (earlier findings
    first). Touching edits count as overlapping, so two insertions at one place are never
    combined."""
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(findings, key=lambda f: (f.start, f.end, f.rule)):
        fix = next((x for x in f.fixes if allowed(x, unsafe)), None)
        if fix is None or not valid(fix, length):
            continue
        if any(e.start <= end and start <= e.end for e in fix.edits for start, end in taken):
            continue
        chosen.append(fix)
        taken.extend((e.start, e.end) for e in fix.edits)
    return chosen


def apply(text: str, fixes: Sequence[Fix]) -> str:
    """The text with the fixes' edits applied; they must lie inside the text and not overlap
    (what `choose` returns), anything else is a ValueError, never a corrupted text."""
    edits: list[Edit] = sorted((e for fix in fixes for e in fix.edits), key=lambda e: (e.start, e.end))
    pos = 0
    for e in edits:
        if not (pos <= e.start <= e.end <= len(text)):
            raise ValueError(f"edit {e.start}-{e.end} is outside the text or overlaps another")
        pos = e.end
    out = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def fix_text(text: str, lint: Callable[[str], L], unsafe: bool = False) -> FixOutcome[L]:
    """Fix `text` until nothing more is fixable; `lint` checks a text (its result has the
    text's `findings`)."""
    applied = 0
    first = linted = lint(text)
    for _ in range(MAX_PASSES):
        fixes = choose(linted.findings, unsafe, len(text))
        if not fixes:
            return FixOutcome(text, applied, linted, True, first)
        text = apply(text, fixes)
        applied += len(fixes)
        linted = lint(text)
    left = choose(linted.findings, unsafe, len(text))
    rules = {f.rule for f in linted.findings if any(allowed(x, unsafe) for x in f.fixes)} if left else set()
    return FixOutcome(text, applied, linted, not left, first, tuple(sorted(rules)))
