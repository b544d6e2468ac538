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


def claimed(f: Finding, fix: Fix) -> tuple[int, int]:
    """The stretch of text a fix relies on: its finding's span and its own edits. Each fix
    is computed as if the rest of its finding stayed as it is, so two fixes whose findings
    overlap may each be right and together wrong ("increase. Overall. sales": MT002 and
    MT001 each delete one period; together they leave "increase Overall sales")."""
    return min(f.start, *(e.start for e in fix.edits)), max(f.end, *(e.end for e in fix.edits))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlapping or touching (two insertions at one place are never combined)."""
    return a[0] <= b[1] and b[0] <= a[1]


def choose(findings: Sequence[Finding], unsafe: bool, length: int) -> list[Fix]:
    """For each finding its first allowed fix, keeping only fixes that lie inside the text
    (`length` characters) and whose claimed stretch (`claimed`) overlaps or touches no fix
    already chosen (earlier findings first). The fix loop lints again after each pass, so a
    fix left out here is reconsidered on the repaired text, where it may no longer apply.
    This is the one place that decides which fixes go together: `--fix`, `--diff`,
    `apply-decisions` and the report's preview all use it."""
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(findings, key=lambda f: (f.start, f.end, f.rule)):
        fix = next((x for x in f.fixes if allowed(x, unsafe)), None)
        if fix is None or not valid(fix, length) or not fix.edits:
            continue
        region = claimed(f, fix)
        if any(_overlaps(region, t) for t in taken):
            continue
        chosen.append(fix)
        taken.append(region)
    return chosen


def conflicts(findings: Sequence[Finding], unsafe: bool = True) -> dict[int, list[Finding]]:
    """For each finding with an allowed fix (by `id`), the other such findings whose claimed
    stretch overlaps or touches its own: fixes a reader must apply one at a time."""
    items = sorted(
        ((claimed(f, fix), f) for f in findings for fix in f.fixes[:1] if allowed(fix, unsafe) and fix.edits),
        key=lambda item: item[0],
    )
    out: dict[int, list[Finding]] = {}
    for i, (region, f) in enumerate(items):
        for other_region, g in items[i + 1 :]:
            if other_region[0] > region[1]:
                break
            out.setdefault(id(f), []).append(g)
            out.setdefault(id(g), []).append(f)
    return out


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
