"""Direct quotations and quotation-mark problems.

Knows the newsroom convention that a quotation running over several paragraphs leaves every
paragraph but the last unclosed and opens the next one with a quote mark, and tells
apostrophes ("Russia’s", "allies’", "’90s", "rock ’n’ roll") from single quotation marks.
"""

from __future__ import annotations

import bisect
import enum
from typing import Any, NamedTuple

from .cache import compiled as _compiled
from .structure import Paragraph

_MARKS = "“”\"‘’"
_OPENING_CONTEXT = " \t\n\r([{—–-/«“‘"
_SENTENCE_END = _compiled(r"[.!?…][”’\"']?\s+$")


class QuoteProblem(enum.Enum):
    UNCLOSED = "unclosed"  # an opening mark with no closing one in its paragraph
    STRAY_CLOSE = "stray-close"  # a closing mark with nothing open
    UNCLOSED_SINGLE = "unclosed-single"  # a lone ‘ before a word
    MISORIENTED = "misoriented"  # “ used as a closer or ” as an opener


class QuoteIssue(NamedTuple):
    offset: int
    problem: QuoteProblem
    continued: bool = False  # an unclosed quotation whose next paragraph opens with a mark


class Quotations(NamedTuple):
    spans: list[tuple[int, int]]  # sorted, non-overlapping, marks included
    issues: list[QuoteIssue]


# the problems as lintkit.native's `quotations` numbers them
_PROBLEMS = (
    QuoteProblem.UNCLOSED,
    QuoteProblem.STRAY_CLOSE,
    QuoteProblem.UNCLOSED_SINGLE,
    QuoteProblem.MISORIENTED,
)


def find_quotations(text: str, paragraphs: list[Paragraph], extension: Any = None) -> Quotations:
    """The direct quotations (spans, marks included) and the quotation-mark problems of the
    paragraphs; with `extension` (lintkit.native's module), found by it: the same, without a
    Python step per mark."""
    if extension is not None:
        bounds = [(p.start, p.end) for p in paragraphs]
        merged, found = extension.quotations(text, bounds, _SENTENCE_END.search, _OPENING_CONTEXT)
        return Quotations(merged, [QuoteIssue(at, _PROBLEMS[code], more) for at, code, more in found])
    spans: list[tuple[int, int]] = []
    issues: list[QuoteIssue] = []
    marks = _marks(text)
    for i, para in enumerate(paragraphs):
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        first, last = bisect.bisect_left(marks, para.start), bisect.bisect_left(marks, para.end)
        if first < last:
            _scan(text, para, nxt, marks[first:last], spans, issues)
    return Quotations(_merge(spans), issues)


def _marks(text: str) -> list[int]:
    """Where the text's quotation marks and apostrophes are, in order: each of the five
    characters looked for with str.find (a tenth of the time of a pattern run over every
    paragraph)."""
    found = []
    for mark in _MARKS:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    found.sort()
    return found


def _scan(
    text: str,
    para: Paragraph,
    nxt: Paragraph | None,
    marks: list[int],
    spans: list[tuple[int, int]],
    issues: list[QuoteIssue],
) -> None:
    """The quotations and quotation-mark problems of one paragraph, from its marks."""
    open_double = -1
    open_single = -1
    start, end = para.start, para.end
    for pos in marks:
        ch = text[pos]
        before = text[pos - 1] if pos > start else " "
        after = text[pos + 1] if pos + 1 < end else " "
        if ch in '“”"':
            if ch == '"' and before.isdigit() and open_double < 0:
                continue  # an inch mark: 5" screen
            opening = _opens(ch, before, after, open_double >= 0)
            turned = (ch == "“" and not opening) or (ch == "”" and opening)
            if turned:
                issues.append(QuoteIssue(pos, QuoteProblem.MISORIENTED))
            if opening:
                if open_double >= 0:
                    if _SENTENCE_END.search(text, max(start, pos - 4), pos):
                        # paragraphs joined into one line: the continued-quotation convention
                        spans.append((open_double, pos))
                    else:
                        issues.append(QuoteIssue(open_double, QuoteProblem.UNCLOSED))
                open_double = pos
            elif open_double >= 0:
                spans.append((open_double, pos + 1))
                open_double = -1
            elif not turned:  # a turned mark is reported once, as turned
                issues.append(QuoteIssue(pos, QuoteProblem.STRAY_CLOSE))
        elif ch == "‘":
            if before.isalnum() or not (after.isalpha() or after in '“"'):
                continue  # "rock ‘n’ roll" typed wrongly, "‘ " : not an opening quote
            if open_single >= 0:
                issues.append(QuoteIssue(open_single, QuoteProblem.UNCLOSED_SINGLE))
            open_single = pos
        else:  # ’: an apostrophe unless it closes an open single quotation
            if after.isalnum() or open_single < 0 or before.isspace():
                continue
            spans.append((open_single, pos + 1))
            open_single = -1
    if open_single >= 0:
        issues.append(QuoteIssue(open_single, QuoteProblem.UNCLOSED_SINGLE))
    if open_double >= 0:
        continued = nxt is not None and text[nxt.start : nxt.start + 1] in ("“", '"')
        issues.append(QuoteIssue(open_double, QuoteProblem.UNCLOSED, continued))
        spans.append((open_double, end))


def _opens(ch: str, before: str, after: str, inside: bool) -> bool:
    """Whether a double quotation mark opens a quotation. Its neighbours decide: a mark
    followed by a space or punctuation closes; a mark between a space and a word opens; a
    straight mark glued to words on both sides opens only when no quotation is open."""
    if after.isspace() or after in ",.;:!?)]}":
        return False
    if before in _OPENING_CONTEXT:
        return True
    if ch == "“":
        return not before.isalnum() and before not in ",.;:!?"
    if ch == '"':
        return not inside
    return False


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged
