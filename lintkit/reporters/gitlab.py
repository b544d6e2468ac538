"""`--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`), the
subset of the Code Climate issue format GitLab reads: a JSON array of issues with
`description`, `check_name`, `fingerprint`, `severity` (info, minor, major, critical, blocker),
`location.path` (relative, no `./`) and `location.lines.begin`.

GitLab keeps one issue per fingerprint across the whole report, so the fingerprint hashes the
path with lintkit's per-file fingerprint (which survives unrelated edits of the file). A file
that could not be read is a `critical` issue of check `lintkit/read-error` on line 1, so the
merge request shows it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from ..findings import Category, FileResult, Finding, Severity
from ..fingerprint import fingerprints
from . import Report
from .sarif import report_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
READ_ERROR_SEVERITY = "critical"
# Code Climate's categories (GitLab ignores them; Code Climate requires at least one).
CATEGORIES = {
    Category.MT: "Clarity",
    Category.PUNCTUATION: "Style",
    Category.STYLE: "Style",
    Category.FACTS: "Bug Risk",
    Category.RESIDUE: "Clarity",
    Category.GRAMMAR: "Clarity",
}


def _fingerprint(path: str, key: str) -> str:
    return hashlib.sha256(f"{path}\x1f{key}".encode()).hexdigest()[:32]


def _issue(f: Finding, path: str, fingerprint: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": f.rule,
        "description": f"{f.rule} {f.message}",
        "categories": [CATEGORIES.get(f.category, "Style")],
        "severity": SEVERITIES[f.severity],
        "fingerprint": _fingerprint(path, fingerprint),
        "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line}},
    }


def code_quality(results: Sequence[FileResult]) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    for r in results:
        path = report_path(r.path)
        if r.error:
            issues.append(
                {
                    "type": "issue",
                    "check_name": "lintkit/read-error",
                    "description": f"lintkit could not check this file: {r.error}",
                    "categories": ["Bug Risk"],
                    "severity": READ_ERROR_SEVERITY,
                    "fingerprint": _fingerprint(path, "lintkit/read-error"),
                    "location": {"path": path, "lines": {"begin": 1}},
                }
            )
            continue
        for f, fp in zip(r.findings, fingerprints(r.findings, r.source), strict=True):
            issues.append(_issue(f, path, fp))
    return issues


def render(report: Report) -> str:
    results = report.results
    return json.dumps(code_quality(results), ensure_ascii=False, indent=2) + "\n"
