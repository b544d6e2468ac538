"""`--format github`: GitHub Actions workflow commands, one line per finding, which the runner
turns into annotations on the pull request:

    ::error title=FN001 wrong-title,file=PATH,line=27,endLine=27,col=1,endColumn=17::message

Severity error is `::error`, warning `::warning`, info `::notice`. Properties come in the order
@actions/core writes them (the runner does not care about order) and are escaped as it escapes
them: in the message `%`, CR and LF become `%25`, `%0D`, `%0A`; in property values `:` and `,`
also become `%3A` and `%2C`. Columns are 1-based code points, and sent only for a finding on one
line (GitHub refuses them otherwise); `endColumn` is inclusive, as @actions/core documents it
(it defaults to the start column), so a one-character finding has `col == endColumn`. A file
that could not be read is an `::error` on that file.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from . import Report
from .sarif import report_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message, escaped as @actions/core's escapeData does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value, escaped as @actions/core's escapeProperty does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str | int | None], message: str) -> str:
    """`::name key=value,...::message`; properties whose value is empty or None are left out."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(f: Finding) -> str:
    one_line = f.end_line == f.line
    return command(
        COMMANDS[f.severity],
        {
            "title": f"{f.rule} {f.name}",
            "file": report_path(f.path),
            "line": f.line,
            "endLine": f.end_line,
            "col": f.column if one_line else None,
            "endColumn": max(f.column, f.end_column - 1) if one_line else None,
        },
        f.message,
    )


def render(report: Report) -> str:
    results = report.results
    lines: list[str] = []
    for r in results:
        if r.error:
            path = report_path(r.path)
            lines.append(command("error", {"title": "lintkit", "file": path}, f"{path}: {r.error}"))
            continue
        lines.extend(annotation(f) for f in r.findings)
    return "".join(line + "\n" for line in lines)
