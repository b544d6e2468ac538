"""`--format rdjson`: reviewdog's Diagnostic Format (one `DiagnosticResult` JSON object), for
`reviewdog -f=rdjson`, which posts findings as review comments and fixes as suggestions.

rdjson positions are 1-based lines and 1-based columns counted in UTF-8 *bytes* (not code
points, as in lintkit), and ranges are end-exclusive; the reporter converts. Each diagnostic
carries the rule as `code`, and the edits of its first fix (the one lintkit prefers) as
`suggestions`, which reviewdog turns into "suggested change" blocks. A file that could not be
read is an ERROR diagnostic with a path and no range.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..findings import FileResult, Finding, Severity
from ..source import LineIndex
from . import Report
from .sarif import INFORMATION_URI, report_path

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _position(source: str, index: LineIndex, offset: int) -> dict[str, int]:
    line, _ = index.position(offset)
    before = source[index.line_start(line) : offset]
    return {"line": line, "column": len(before.encode("utf-8")) + 1}


def _range(source: str, index: LineIndex, start: int, end: int) -> dict[str, Any]:
    return {"start": _position(source, index, start), "end": _position(source, index, end)}


def _source() -> dict[str, str]:
    source = {"name": "lintkit"}
    if INFORMATION_URI:
        source["url"] = INFORMATION_URI
    return source


def _diagnostic(f: Finding, path: str, source: str, index: LineIndex) -> dict[str, Any]:
    diagnostic: dict[str, Any] = {
        "message": f.message,
        "location": {"path": path, "range": _range(source, index, f.start, f.end)},
        "severity": SEVERITIES[f.severity],
        "source": _source(),
        "code": {"value": f.rule},
        "original_output": f"{path}:{f.line}:{f.column}: {f.rule} {f.message} [{f.name}]",
    }
    if f.fixes:
        diagnostic["suggestions"] = [
            {"range": _range(source, index, e.start, e.end), "text": e.replacement} for e in f.fixes[0].edits
        ]
    return diagnostic


def diagnostic_result(results: Sequence[FileResult]) -> dict[str, Any]:
    diagnostics: list[dict[str, Any]] = []
    for r in results:
        path = report_path(r.path)
        if r.error:
            diagnostics.append(
                {
                    "message": f"lintkit could not check this file: {r.error}",
                    "location": {"path": path},
                    "severity": "ERROR",
                    "source": _source(),
                    "code": {"value": "read-error"},
                }
            )
            continue
        index = LineIndex(r.source)
        diagnostics.extend(_diagnostic(f, path, r.source, index) for f in r.findings)
    return {"source": _source(), "diagnostics": diagnostics}


def render(report: Report) -> str:
    results = report.results
    return json.dumps(diagnostic_result(results), ensure_ascii=False, indent=2) + "\n"
