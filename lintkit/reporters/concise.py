"""`--format concise`: one line per finding (`path:line:column: CODE message [name]`, then
`[*]` when `--fix` would fix it), like ruff's concise output and Vale's line output, then the
totals line. For grep, editors' quickfix lists and terminals where excerpts take too much room."""

from __future__ import annotations

from ..findings import Applicability
from ..textsafe import printable
from . import Report
from .text import summary_lines


def render(report: Report) -> str:
    out = [
        f"{printable(f.path)}:{f.line}:{f.column}: {f.rule} {printable(f.message)} [{f.name}]"
        + (" [*]" if any(x.applicability is Applicability.SAFE for x in f.fixes) else "")
        for r in report.results
        if not r.error
        for f in r.findings
    ]
    if report.summary:
        tail = summary_lines(report.results)[-1:]  # the totals line; per-article lines are for `text`
        if out and tail:
            out.append("")
        out.extend(tail)
    return "\n".join(out) + ("\n" if out else "")
