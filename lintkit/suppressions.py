"""Inline suppressions, in the comments of the formats that have them (`lintkit.formats`):
Markdown and HTML.

    <!-- lintkit: disable=MT001,PU -->  ... <!-- lintkit: enable -->   (or enable=MT001)
    <!-- lintkit: disable-next-line=FN001 -->
    <!-- lintkit: disable -->  (every rule, until enable)

Codes are codes or prefixes, as on the command line. Plain text has no comment syntax a
newsroom would accept in copy, so plain-text articles rely on the baseline and
`per-file-ignores` instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

import regex

from .findings import Finding
from .formats import format_of
from .selection import matches


@cache
def _directive(comment: tuple[str, str]) -> regex.Pattern[str]:
    opener, closer = (regex.escape(c) for c in comment)
    return regex.compile(
        rf"{opener}\s*lintkit:\s*(?P<verb>disable-next-line|disable|enable)"
        rf"(?:\s*=\s*(?P<codes>[A-Za-z:_0-9,\s-]*?))?\s*{closer}"
    )


class _Range(NamedTuple):
    start: int
    end: int
    codes: tuple[str, ...]  # empty: every rule

    def covers(self, f: Finding) -> bool:
        return self.start <= f.start < self.end and (
            not self.codes or any(matches(c, f.rule, f.name) for c in self.codes)
        )


def ranges(source: str, comment: tuple[str, str] = ("<!--", "-->")) -> list[_Range]:
    """The suppressed ranges a source declares."""
    out: list[_Range] = []
    open_at: dict[str, int] = {}  # code ("" = all) -> where its disable began
    for m in _directive(comment).finditer(source):
        codes = tuple(c.strip() for c in (m.group("codes") or "").split(",") if c.strip())
        verb = m.group("verb")
        if verb == "disable-next-line":
            line_end = source.find("\n", m.end())
            start = len(source) if line_end < 0 else line_end + 1
            end = source.find("\n", start)
            out.append(_Range(start, len(source) if end < 0 else end, codes))
        elif verb == "disable":
            for c in codes or ("",):
                open_at.setdefault(c, m.end())
        else:
            for c in codes or list(open_at):
                if c in open_at:
                    out.append(_Range(open_at.pop(c), m.start(), (c,) if c else ()))
    out += [_Range(start, len(source), (c,) if c else ()) for c, start in open_at.items()]
    return out


def apply(findings: Sequence[Finding], source: str, path: str) -> list[Finding]:
    """Findings that no inline directive suppresses (formats with comments only)."""
    comment = format_of(path).comment
    if comment is None or "lintkit:" not in source:
        return list(findings)
    suppressed = ranges(source, comment)
    return [f for f in findings if not any(r.covers(f) for r in suppressed)]
