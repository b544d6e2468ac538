"""`--format junit`: JUnit XML, as Jenkins, GitLab and most CI test-report views read it.

One `<testsuite name="lintkit">` in a `<testsuites>`; one `<testcase>` per file given (its
`name` is the path, its `classname` the folder with dots, as Jenkins groups classes into
packages); one `<failure>` per finding (`type` the rule code, `message` "CODE message", the text
`path:line:column: CODE message [name]` and the suggested fix); an `<error>` for a file that
could not be read. `failures` and `errors` count those elements, as junitparser and the Ant
schema's readers do; `tests` counts files. Characters XML 1.0 cannot carry (control
characters) are written as `\\xNN`.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath

from ..findings import Finding
from ..source import LineIndex
from . import Report
from .sarif import report_path

# Everything outside XML 1.0's Char production.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _classname(path: str) -> str:
    parent = PurePosixPath(path).parent
    parts = [p for p in parent.parts if p not in ("/", ".")]
    return ".".join(parts) if parts else "lintkit"


def _failure_text(f: Finding, path: str, source: str, index: LineIndex) -> str:
    lines = [f"{path}:{f.line}:{f.column}: {f.rule} {f.message} [{f.name}]"]
    for fix in f.fixes:
        edits = []
        for e in fix.edits:
            line, column = index.position(e.start)
            old, new = (
                json.dumps(source[e.start : e.end], ensure_ascii=False),
                json.dumps(e.replacement, ensure_ascii=False),
            )
            edits.append(f"{line}:{column} {old} -> {new}")
        lines.append(f"suggested fix ({fix.applicability}): {fix.description}: {'; '.join(edits)}")
    return "\n".join(lines)


def render(report: Report) -> str:
    results = report.results
    suites = ET.Element("testsuites", name="lintkit")
    suite = ET.SubElement(suites, "testsuite", name="lintkit")
    failures = errors = 0
    for r in results:
        path = report_path(r.path)
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_xml_safe(_classname(path)),
            name=_xml_safe(path),
            file=_xml_safe(path),
        )
        if r.error:
            errors += 1
            error = ET.SubElement(case, "error", message=_xml_safe(r.error), type="read-error")
            error.text = _xml_safe(f"{path}: {r.error}")
            continue
        index = LineIndex(r.source)
        for f in r.findings:
            failures += 1
            failure = ET.SubElement(
                case, "failure", message=_xml_safe(f"{f.rule} {f.message}"), type=_xml_safe(f.rule)
            )
            failure.text = _xml_safe(_failure_text(f, path, r.source, index))
    for element in (suites, suite):
        element.set("tests", str(len(results)))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    suite.set("skipped", "0")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
