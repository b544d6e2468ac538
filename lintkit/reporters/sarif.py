"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

One run. `tool.driver` describes every rule that ran (explanation and examples as help); each
finding is a result with its region (lines, columns, character offsets and the matched text),
a fingerprint that survives unrelated edits, and its fixes as SARIF fix objects. Files that
could not be read are tool execution notifications of the run's invocation, not results.

Columns and character offsets count Unicode code points, as everywhere in lintkit, so the run
says `columnKind: unicodeCodePoints` (SARIF's default would be UTF-16 code units). Paths under
the working directory are relative URIs against the `%SRCROOT%` base (the working directory),
percent-encoded as RFC 3986 requires; other paths are absolute `file:` URIs.

The helpers `report_path` and `artifact_uri` are shared by the other CI formats.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..findings import FileResult, Finding, Fix, Severity
from ..fingerprint import fingerprints
from ..meta import RuleMeta
from ..source import LineIndex
from ..textsafe import printable
from . import Report

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# lintkit has no published home page yet; when it has one, put it here (it becomes the
# driver's informationUri and rdjson's source.url). SARIF makes the property optional.
INFORMATION_URI: str | None = None
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "lintkit/v1"
READ_ERROR_ID = "read-error"

_READ_ERROR_HELP = (
    "lintkit could not read this file, or it is not UTF-8 or UTF-16 text (the message says where "
    "the bad byte is); nothing in it was checked. Fix the path or convert the file to UTF-8."
)

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


# --- paths shared by the CI formats ------------------------------------------------------------


def report_path(path: str) -> str:
    """The path as CI systems want it: relative to the working directory with forward
    slashes when the file is under it, otherwise as given (absolute paths stay absolute);
    undecodable bytes and control characters of a file name shown as escapes."""
    return printable(_relative(path))


def _relative(path: str) -> str:
    if path == "-" or not path:
        return path
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:  # another drive on Windows
        return path
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return absolute.replace(os.sep, "/") if os.path.isabs(path) else path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) for a path: a percent-encoded relative reference against %SRCROOT%
    for files under the working directory, else an absolute file URI (no base)."""
    shown = _relative(path)
    # quote() leaves only unreserved characters and "/" as they are: ":" in a first segment
    # would read as a URI scheme, "%" would start an escape, non-ASCII is not allowed raw.
    # The file name's own bytes are quoted, so an undecodable name still names its file.
    if os.path.isabs(shown):
        return "file://" + quote(os.fsencode(PurePosixPath(Path(shown).as_posix())), safe="/"), None
    return quote(os.fsencode(str(PurePosixPath(shown))), safe="/"), SRCROOT


def _srcroot_uri() -> str:
    uri = Path(os.getcwd()).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _location(path: str, index: int | None = None) -> dict[str, Any]:
    uri, base = artifact_uri(path)
    loc: dict[str, Any] = {"uri": uri}
    if base:
        loc["uriBaseId"] = base
    if index is not None:
        loc["index"] = index
    return loc


# --- rules ------------------------------------------------------------------------------------


def _code_span(text: str) -> str:
    """`text` as a Markdown code span, whatever backticks it contains."""
    text = " ".join(text.split())
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md_text(text: str) -> str:
    """Plain text made safe for Markdown (CommonMark backslash escapes)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _help(meta: RuleMeta) -> dict[str, str]:
    """The explanation, then the rule's own examples (what it flags and what it leaves alone)."""
    explanation = meta.explanation.strip() or meta.summary
    text = [explanation]
    markdown = [_md_text(explanation)]
    if meta.examples.bad:
        lines = []
        md = []
        for bad in meta.examples.bad:
            fixed = f" -> {' '.join(bad.fixed.split())}" if bad.fixed else ""
            lines.append(f"  {' '.join(bad.text.split())}{fixed}")
            md_fixed = f" → {_code_span(bad.fixed)}" if bad.fixed else ""
            md.append(f"- {_code_span(bad.text)}{md_fixed}")
        text.append("Flagged:\n" + "\n".join(lines))
        markdown.append("**Flagged:**\n\n" + "\n".join(md))
    if meta.examples.good:
        lines = [f"  {' '.join(good.text.split())}" for good in meta.examples.good]
        md = [f"- {_code_span(good.text)}" for good in meta.examples.good]
        text.append("Left alone:\n" + "\n".join(lines))
        markdown.append("**Left alone:**\n\n" + "\n".join(md))
    return {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)}


def _tags(*tags: str | None) -> list[str]:
    """Distinct tags in order (SARIF wants the elements of `tags` unique)."""
    return list(dict.fromkeys(t for t in tags if t))


def _rule_descriptor(meta: RuleMeta) -> dict[str, Any]:
    tags = _tags(meta.category.value, meta.category.label, meta.artifact_class)
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.explanation.strip() or meta.summary},
        "help": _help(meta),
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"category": str(meta.category), "tags": tags, "fixable": meta.fixable},
    }


def _bare_descriptor(f: Finding) -> dict[str, Any]:
    """For a finding whose rule was not passed in `rules` (a caller of the API)."""
    return {
        "id": f.rule,
        "name": f.name,
        "defaultConfiguration": {"level": LEVELS[f.severity]},
        "properties": {"category": str(f.category), "tags": _tags(f.category.value, f.category.label)},
    }


# --- results ----------------------------------------------------------------------------------


def _region(index: LineIndex, start: int, end: int, snippet: str | None = None) -> dict[str, Any]:
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    region: dict[str, Any] = {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": start,
        "charLength": end - start,
    }
    if snippet is not None:
        region["snippet"] = {"text": snippet}
    return region


def _fix(fix: Fix, path: str, index: LineIndex, artifact: int) -> dict[str, Any]:
    replacements = []
    for edit in fix.edits:
        replacement: dict[str, Any] = {"deletedRegion": _region(index, edit.start, edit.end)}
        if edit.replacement:  # absent insertedContent: a pure deletion (SARIF 3.57.4)
            replacement["insertedContent"] = {"text": edit.replacement}
        replacements.append(replacement)
    return {
        "description": {"text": fix.description},
        "artifactChanges": [{"artifactLocation": _location(path, artifact), "replacements": replacements}],
        "properties": {"applicability": str(fix.applicability)},
    }


def _result(
    f: Finding, rule_index: int, artifact: int, source: str, index: LineIndex, fingerprint: str
) -> dict[str, Any]:
    # The whole lines the finding is on, for viewers that show context.
    context_start = index.line_start(f.line)
    context_end = index.line_start(f.end_line) + len(index.line_text(f.end_line))
    physical: dict[str, Any] = {
        "artifactLocation": _location(f.path, artifact),
        "region": _region(index, f.start, f.end, f.text),
    }
    if (context_start, context_end) != (f.start, f.end):  # must be a proper superset (SARIF1008)
        physical["contextRegion"] = _region(
            index, context_start, context_end, source[context_start:context_end]
        )
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"name": f.name, "category": str(f.category)},
    }
    if f.artifact_class:
        result["properties"]["artifactClass"] = f.artifact_class
    if f.fixes:
        result["fixes"] = [_fix(fix, f.path, index, artifact) for fix in f.fixes]
    return result


def sarif_log(results: Sequence[FileResult], rules: Sequence[RuleMeta] = ()) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    descriptors = [_rule_descriptor(m) for m in rules]
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}
    for r in results:
        for f in r.findings:
            if f.rule not in rule_index:
                rule_index[f.rule] = len(descriptors)
                descriptors.append(_bare_descriptor(f))

    artifacts: list[dict[str, Any]] = []
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in results:
        if r.error:
            notifications.append(
                {
                    "descriptor": {"id": READ_ERROR_ID, "index": 0},
                    "level": "error",
                    "message": {"text": printable(f"{r.path}: {r.error}")},
                    "locations": [{"physicalLocation": {"artifactLocation": _location(r.path)}}],
                }
            )
            continue
        artifact = len(artifacts)
        artifacts.append({"location": _location(r.path), "roles": ["analysisTarget"]})
        if not r.findings:
            continue
        index = LineIndex(r.source)
        for f, fp in zip(r.findings, fingerprints(r.findings, r.source), strict=True):
            sarif_results.append(_result(f, rule_index[f.rule], artifact, r.source, index, fp))

    driver: dict[str, Any] = {"name": "lintkit", "version": __version__, "semanticVersion": __version__}
    if INFORMATION_URI:
        driver["informationUri"] = INFORMATION_URI
    driver["rules"] = descriptors
    driver["notifications"] = [
        {
            "id": READ_ERROR_ID,
            "name": "ReadError",
            "shortDescription": {"text": "A file could not be read or decoded, so it was not checked."},
            "fullDescription": {"text": _READ_ERROR_HELP},
            "help": {"text": _READ_ERROR_HELP},
            "defaultConfiguration": {"level": "error"},
        }
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": _srcroot_uri()}},
        "artifacts": artifacts,
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(report: Report) -> str:
    results, rules = report.results, report.rules
    return json.dumps(sarif_log(results, rules), ensure_ascii=False, indent=2) + "\n"
