"""`--format text`: one finding per line (`path:line:column: CODE message [name]`), the
source line with the span marked, the suggested fixes (best first, with any other finding
whose fix cannot be applied together with this one), then per-article artifact density and
a summary line. Colour only when asked (a terminal without NO_COLOR)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import click

from ..findings import Applicability, FileResult, Finding, Severity
from ..fixer import conflicts
from ..source import LineIndex
from ..textsafe import printable
from ..verdict import MT_VERDICT, assess
from . import Report

_CONTEXT = 40  # characters of the source line shown on each side of a finding
_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(report: Report) -> str:
    results, color, summary = report.results, report.color, report.summary

    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    out: list[str] = []
    for r in results:
        if r.error:
            continue
        index = LineIndex(r.source) if r.findings else None
        clashes = conflicts(r.findings)
        for f in r.findings:
            head = style(f"{printable(f.path)}:{f.line}:{f.column}:", bold=True)
            code = style(f.rule, fg=_SEVERITY_COLOUR[f.severity], bold=True)
            out.append(f"{head} {code} {printable(f.message)} {style('[' + f.name + ']', dim=True)}")
            assert index is not None
            out.extend(_excerpt(index, f, style))
            for fix in f.fixes[:1]:
                out.append(f"  suggested fix ({fix.applicability}): {printable(fix.description)}")
                others = clashes.get(id(f), [])
                if others:
                    where = ", ".join(f"{g.rule} at {g.line}:{g.column}" for g in others)
                    out.append(f"  (conflicts with the fix of {where}: apply one, then check again)")
            for fix in f.fixes[1:]:
                out.append(f"  or ({fix.applicability}): {printable(fix.description)}")
    tail = summary_lines(results) if summary else []
    if out and tail:
        out.append("")
    out.extend(style(line, bold=i == len(tail) - 1) for i, line in enumerate(tail))
    return "\n".join(out) + ("\n" if out else "")


def _excerpt(index: LineIndex, f: Finding, style: object) -> list[str]:
    line = index.line_text(f.line)
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    end = max(end, start + 1)
    lo = max(0, start - _CONTEXT)
    hi = min(len(line), end + _CONTEXT)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    before, marked = printable(line[lo:start]), printable(line[start : min(end, hi)])
    shown = prefix + before + marked + printable(line[min(end, hi) : hi]) + suffix
    gutter = str(f.line)
    pad = " " * len(gutter)
    caret_at = len(prefix) + len(before.expandtabs(1))
    carets = "^" * max(1, len(marked.expandtabs(1)))
    return [f"  {gutter} | {shown.expandtabs(1)}", f"  {pad} | {' ' * caret_at}{carets}"]


def summary_lines(results: Sequence[FileResult]) -> list[str]:
    """Per-article artifact lines, then the totals line."""
    lines = []
    checked = [r for r in results if not r.error]
    for r in checked:
        stats = assess(r.findings, r.words)
        if not stats.artifacts:
            continue
        verdict = stats.verdict
        lines.append(
            f"{printable(r.path)}: {stats.artifacts} artifact finding{'s' * (stats.artifacts != 1)} in "
            f"{len(stats.classes)} class{'es' * (len(stats.classes) != 1)} "
            f"({', '.join(stats.classes)}), {stats.density:.1f} per 1,000 words, "
            f"score {stats.score:.2f}: {verdict}"
        )
    findings = [f for r in checked for f in r.findings]
    families = Counter(f.family for f in findings)
    by_family = ", ".join(f"{k} {v}" for k, v in sorted(families.items()))
    safe = sum(1 for f in findings if any(x.applicability is Applicability.SAFE for x in f.fixes))
    unsafe = sum(1 for f in findings if f.fixes) - safe
    mt = sum(1 for r in checked if assess(r.findings, r.words).verdict == MT_VERDICT)
    files = len(checked)
    errors = len(results) - files
    total = f"Found {len(findings)} finding{'s' * (len(findings) != 1)}"
    if findings:
        how = [f"{safe} fixable with --fix"] if safe else []
        if unsafe:
            how.append(f"{unsafe} {'more ' if safe else ''}with --unsafe-fixes")
        total += f" ({by_family}" + (f"; {', '.join(how)})" if how else ")")
    total += f" in {files} file{'s' * (files != 1)} checked"
    fixed = sum(r.fixed for r in checked)
    if fixed:
        total += f"; {fixed} fixed"
    if mt:
        total += f"; {mt} read{'s' * (mt == 1)} as machine translated"
    if errors:
        total += f"; {errors} could not be checked"
    lines.append(total + ".")
    return lines
