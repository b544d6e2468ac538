"""`--statistics`: how many findings each rule made, most first, like ruff's `--statistics`
(`[*]`: some have a fix `--fix` applies; `[-]`: only with `--unsafe-fixes`). With
`--format json`, the same counts as a JSON list."""

from __future__ import annotations

import json
from collections import Counter

from ..findings import Applicability, Finding
from . import Report


def _counts(report: Report) -> list[dict[str, object]]:
    findings: list[Finding] = [f for r in report.results if not r.error for f in r.findings]
    by_rule = Counter(f.rule for f in findings)
    names = {f.rule: f.name for f in findings}
    safe = {f.rule for f in findings if any(x.applicability is Applicability.SAFE for x in f.fixes)}
    fixable = {f.rule for f in findings if f.fixes}
    def fix(code: str) -> str | None:
        return "safe" if code in safe else "unsafe" if code in fixable else None

    ranked = sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"code": code, "name": names[code], "count": count, "fix": fix(code)} for code, count in ranked]


def render(report: Report) -> str:
    rows = _counts(report)
    width = max((len(str(r["count"])) for r in rows), default=1)
    marks = {"safe": "[*] ", "unsafe": "[-] ", None: "    "}
    return "".join(f"{r['count']:>{width}}  {r['code']:<12} {marks[r['fix']]}{r['name']}\n" for r in rows)  # type: ignore[index]


def render_json(report: Report) -> str:
    return json.dumps(_counts(report), indent=2) + "\n"
