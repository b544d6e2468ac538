"""`--format json`: one JSON array, one object per finding (schema: docs/findings.schema.json).

Offsets are code-point offsets into the decoded file, end exclusive, a byte-order mark not
counted. This is a contract other tools rely on: add fields, never change or remove them.
"""

from __future__ import annotations

import json
from typing import Any

from ..findings import Finding
from ..textsafe import printable
from . import Report


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "path": printable(f.path),
        "rule": f.rule,
        "name": f.name,
        "category": str(f.category),
        "severity": str(f.severity),
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "offset": f.start,
        "end_offset": f.end,
        "text": f.text,
        "fixes": [
            {
                "applicability": str(fix.applicability),
                "description": fix.description,
                "edits": [
                    {"offset": e.start, "end_offset": e.end, "replacement": e.replacement} for e in fix.edits
                ],
            }
            for fix in f.fixes
        ],
    }


def render(report: Report) -> str:
    results = report.results
    items = [finding_to_dict(f) for r in results for f in r.findings]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
