"""The CI output formats, each checked by the real consumer's parser, tool or schema.

Every format is rendered from the same lint results: the bundled example article, three
fixture articles (one of them clean), a file whose path and findings carry `%`, `:`, `,` and
non-ASCII text, and a path that does not exist. The validators are installed, pinned, by
`sh scripts/setup-format-validators.sh` into `.cache/validators/`:

- SARIF: the SARIF 2.1.0 JSON schema that Microsoft's SARIF SDK ships in the npm package
  @microsoft/sarif-multitool-linux, and the SDK's SARIF Multitool `validate` with its SARIF and
  GitHub code scanning rules;
- GitHub: the official @actions/core (npm), whose `error`/`warning`/`notice` must write exactly
  the lines lintkit writes;
- JUnit: junitparser (PyPI) and the standard library's strict XML parser;
- GitLab: see `test_gitlab_code_quality` (no registry package ships GitLab's schema);
- rdjson: reviewdog itself (Go module proxy), which must read back every diagnostic, and the
  rdjson JSON schema from reviewdog's module source.

A test that needs a tool skips, naming the script, only when the script has not been run; once
it has run (its stamp file exists), a missing tool is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

import jsonschema
import pytest

from lintkit import __version__
from lintkit.api import FileResult, Options, build_linter, lint_path
from lintkit.findings import Applicability, Category, Edit, Finding, Fix, Severity
from lintkit.fingerprint import fingerprints
from lintkit.meta import RuleMeta
from lintkit.reporters import reporter
from lintkit.reporters.sarif import INFORMATION_URI

from .conftest import ROOT

SETUP = "sh scripts/setup-format-validators.sh"
VALIDATORS = ROOT / ".cache" / "validators"
STAMP = VALIDATORS / "versions.txt"
NODE_MODULES = VALIDATORS / "npm" / "node_modules"
MULTITOOL_DIR = NODE_MODULES / "@microsoft" / "sarif-multitool-linux"
MULTITOOL = MULTITOOL_DIR / "Sarif.Multitool"
SARIF_SCHEMA = MULTITOOL_DIR / "sarif-2.1.0.json"
ACTIONS_CORE = NODE_MODULES / "@actions" / "core" / "lib" / "core.js"
REVIEWDOG = VALIDATORS / "bin" / "reviewdog"
RDJSON_SCHEMA = VALIDATORS / "reviewdog" / "DiagnosticResult.json"

FORMATS = ("sarif", "github", "junit", "gitlab", "rdjson")

ODD_PATH = "wire/Zürich 100%, day 2: talks.txt"
ODD_TEXT = (
    "Prices in Zürich rose 2,5% on Monday, officials said — “a surprise” .\n"
    "\n"
    "Mr Lavrov arrived late. Mr. Lavrov then left. Mr. Lavrov did not comment.\n"
)
# A rule whose message and matched text carry "%", ":" and ",".
PACK = """\
rules:
  - code: XT001
    name: percent-sign
    kind: pattern
    category: style
    severity: info
    message: 'Per-cent sign, not "percent": "{text}"'
    explanation: |
      House style spells out "percent" in running text.
    pattern: '\\b\\d+(?:,\\d+)?(?P<edit> ?%)'
    fix:
      replacement: ' percent'
      applicability: safe
      description: 'spell out "percent"'
    examples:
      bad:
        - text: 'Prices rose 2,5% on Monday.'
          finds: '2,5%'
          fixed: 'Prices rose 2,5 percent on Monday.'
      good:
        - 'Prices rose 2.5 percent on Monday.'
"""
FIXTURES = (
    "fixtures/examples/geneva-talks.txt",
    "fixtures/articles/a01-eu-budget.txt",
    "fixtures/articles/b08-port-strike.txt",
    "fixtures/articles/c01-allies-brief.txt",  # clean
)
MISSING = "missing/nowhere.txt"
PATHS = (*FIXTURES, ODD_PATH, MISSING)


def tool(path: Path, what: str) -> Path:
    """The installed validator, or a skip (script not run) or failure (script run, tool gone)."""
    if path.exists():
        return path
    if not STAMP.exists():
        pytest.skip(f"{what} is not installed: run `{SETUP}` first (CI runs it)")
    pytest.fail(f"{what} is missing from {path} although {SETUP} ran; run it again")


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not on PATH (scripts/setup-format-validators.sh needs it too)")
    return found


@dataclass
class Run:
    """One lint run rendered in every format, in a work tree laid out like a repository."""

    root: Path
    results: list[FileResult]
    rules: list[RuleMeta]
    out: dict[str, str]

    def result(self, path: str) -> FileResult:
        return next(r for r in self.results if r.path == path)

    def write(self, name: str, text: str) -> Path:
        target = self.root / "out" / name
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target


def render_all(results: list[FileResult], rules: list[RuleMeta]) -> dict[str, str]:
    return {fmt: reporter(fmt)(results, rules=rules) for fmt in FORMATS}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    root = tmp_path_factory.mktemp("formats")
    for rel in FIXTURES:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, root / rel)
    (root / ODD_PATH).parent.mkdir(parents=True)
    (root / ODD_PATH).write_text(ODD_TEXT, encoding="utf-8")
    (root / "pack.yaml").write_text(PACK, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)  # reporters write paths relative to the working directory
        linter = build_linter(Options(rule_packs=["pack.yaml"]))
        results = [lint_path(p, linter=linter) for p in PATHS]
        rules = [r.meta for r in linter.rules]
        yield Run(root, results, rules, render_all(results, rules))


def test_fixture_run_covers_what_the_formats_must_handle(run: Run) -> None:
    odd = run.result(ODD_PATH)
    assert {f.rule for f in odd.findings} == {"XT001", "PU003", "ST001", "MT031"}
    assert {f.severity for r in run.results for f in r.findings} == set(Severity)
    assert run.result(MISSING).error
    assert not run.result(FIXTURES[-1]).findings and not run.result(FIXTURES[-1]).error
    assert any(not e.replacement for r in run.results for f in r.findings for x in f.fixes for e in x.edits)


def source_of(run: Run, path: str) -> str:
    return (run.root / path).read_text(encoding="utf-8")


def all_findings(run: Run) -> list[Finding]:
    return [f for r in run.results for f in r.findings]


# --- SARIF ------------------------------------------------------------------------------------


def test_sarif_valid_against_the_sdk_schema(run: Run) -> None:
    schema = json.loads(
        tool(SARIF_SCHEMA, "the SARIF 2.1.0 schema (@microsoft/sarif-multitool-linux)").read_text()
    )
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    log = json.loads(run.out["sarif"])
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    # The schema is not toothless: a result without a message is refused.
    broken = json.loads(run.out["sarif"])
    del broken["runs"][0]["results"][0]["message"]
    assert list(validator.iter_errors(broken))


_MULTITOOL_LINE = re.compile(
    r"^(?P<file>.+?)\((?P<pos>[\d,]+)\): (?P<level>error|warning|note) (?P<rule>\w+): "
)


def multitool_validate(run: Run, *files: Path) -> dict[str, list[tuple[str, str, str]]]:
    """{file name: [(level, rule id, line)]} from `Sarif.Multitool validate`, which prints its
    findings as text and exits 0 either way."""
    proc = subprocess.run(
        [
            str(tool(MULTITOOL, "the SARIF Multitool (@microsoft/sarif-multitool-linux)")),
            "validate",
            "--rule-kind",
            "Sarif;Gh",
            "--level",
            "Error;Warning",
            "--log",
            "ForceOverwrite",
            "-o",
            str(run.root / "out" / "validation.sarif"),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Analysis completed successfully" in proc.stdout, proc.stdout + proc.stderr
    assert f"{len(files)} files scanned" in proc.stdout, proc.stdout
    found: dict[str, list[tuple[str, str, str]]] = {f.name: [] for f in files}
    for line in proc.stdout.splitlines():
        m = _MULTITOOL_LINE.match(line)
        if m:
            found[Path(m["file"]).name].append((m["level"], m["rule"], line))
    return found


def test_sarif_multitool_validates_with_github_rules(run: Run) -> None:
    ours = run.write("lintkit.sarif", run.out["sarif"])
    # Two controls prove that the tool checks and that its output is read: one breaks the
    # schema, one breaks a GitHub code scanning rule (a rule descriptor without help).
    no_name = json.loads(run.out["sarif"])
    del no_name["runs"][0]["tool"]["driver"]["name"]
    bad_schema = run.write("control-schema.sarif", json.dumps(no_name))
    no_help = json.loads(run.out["sarif"])
    del no_help["runs"][0]["tool"]["driver"]["rules"][0]["help"]
    bad_github = run.write("control-github.sarif", json.dumps(no_help))

    found = multitool_validate(run, ours, bad_schema, bad_github)

    assert ("error", "JSON1002") in {(lv, rule) for lv, rule, _ in found[bad_schema.name]}
    assert ("error", "GH2012") in {(lv, rule) for lv, rule, _ in found[bad_github.name]}
    errors = [line for level, _, line in found[ours.name] if level == "error"]
    assert errors == []
    # The one piece of advice left: lintkit has no home page for `informationUri` yet.
    allowed = set() if INFORMATION_URI else {"SARIF2005"}
    warnings = [line for level, rule, line in found[ours.name] if level == "warning" and rule not in allowed]
    assert warnings == []


def test_sarif_content(run: Run) -> None:
    log = json.loads(run.out["sarif"])
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    sarif_run = log["runs"][0]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "lintkit" and driver["version"] == __version__
    assert [d["id"] for d in driver["rules"]] == [m.code for m in run.rules]
    by_code = {m.code: m for m in run.rules}
    for descriptor in driver["rules"]:
        meta = by_code[descriptor["id"]]
        assert descriptor["name"] == meta.name
        assert descriptor["shortDescription"]["text"] == meta.summary
        assert descriptor["fullDescription"]["text"] == meta.explanation.strip()
        assert descriptor["help"]["text"].startswith(meta.explanation.strip())
        assert (
            descriptor["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[str(meta.severity)]
        )
        assert descriptor["properties"]["category"] == str(meta.category)
    mt003 = next(d for d in driver["rules"] if d["id"] == "MT003")
    assert "**Flagged:**" in mt003["help"]["markdown"] and "`" in mt003["help"]["markdown"]

    base = sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.endswith("/") and Path(url2pathname(urlsplit(base).path)) == run.root

    findings = all_findings(run)
    assert len(sarif_run["results"]) == len(findings)
    expected_fps = [fp for r in run.results if not r.error for fp in fingerprints(r.findings, r.source)]
    for result, f, fp in zip(sarif_run["results"], findings, expected_fps, strict=True):
        assert result["ruleId"] == f.rule
        assert driver["rules"][result["ruleIndex"]]["id"] == f.rule
        assert result["message"]["text"] == f.message
        assert result["partialFingerprints"] == {"lintkit/v1": fp}
        physical = result["locations"][0]["physicalLocation"]
        artifact = physical["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert sarif_run["artifacts"][artifact["index"]]["location"]["uri"] == artifact["uri"]
        # The URI resolves, against the base, to the file that was checked.
        file = Path(url2pathname(urlsplit(urljoin(base, artifact["uri"])).path))
        assert file == run.root / f.path
        text = file.read_text(encoding="utf-8")
        region = physical["region"]
        # Offsets and code-point columns both point at the matched text.
        assert text[region["charOffset"] : region["charOffset"] + region["charLength"]] == f.text
        assert region["snippet"]["text"] == f.text
        lines = text.splitlines(keepends=True)
        if region["startLine"] == region["endLine"]:
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == f.text
        # Applying the SARIF fix gives what lintkit's fix gives.
        for sarif_fix, fix in zip(result.get("fixes", []), f.fixes, strict=True):
            assert sarif_fix["properties"]["applicability"] == str(fix.applicability)
            assert sarif_fix["description"]["text"] == fix.description
            (change,) = sarif_fix["artifactChanges"]
            fixed = text
            for rep in sorted(change["replacements"], key=lambda x: -x["deletedRegion"]["charOffset"]):
                deleted = rep["deletedRegion"]
                start, length = deleted["charOffset"], deleted["charLength"]
                assert lines[deleted["startLine"] - 1][deleted["startColumn"] - 1 :].startswith(
                    text[start : start + length].split("\n")[0]
                )
                fixed = (
                    fixed[:start] + rep.get("insertedContent", {}).get("text", "") + fixed[start + length :]
                )
            assert fixed == fix.apply(text)
        assert len(result.get("fixes", [])) == len(f.fixes)

    # The split phrase of the example article, exactly where the text report puts it.
    mt003_result = next(r for r in sarif_run["results"] if r["ruleId"] == "MT003")
    region = mt003_result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (7, 251, 275)
    assert region["snippet"]["text"] == "Deputy. Foreign Minister"

    # Odd characters are percent-encoded in the URI; columns count code points after "ü", "—".
    odd = [
        r
        for r in sarif_run["results"]
        if unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) == ODD_PATH
    ]
    assert {r["ruleId"] for r in odd} == {"XT001", "PU003", "ST001", "MT031"}
    assert odd[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "wire/Z%C3%BCrich%20100%25%2C%20day%202%3A%20talks.txt"
    )
    pu003 = next(r for r in odd if r["ruleId"] == "PU003")["locations"][0]["physicalLocation"]["region"]
    assert ODD_TEXT.splitlines()[0][pu003["startColumn"] - 1 : pu003["endColumn"] - 1] == " ."

    # The file that could not be read is a notification of the invocation, not a result.
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and MISSING in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == MISSING


# --- GitHub workflow commands ------------------------------------------------------------------

_CORE_SCRIPT = """
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
const core = await import(pathToFileURL(process.argv[2]).href);
for (const [command, message, properties] of JSON.parse(readFileSync(process.argv[3], "utf8"))) {
  core[command](message, properties);
}
"""


def actions_core(run: Run, calls: list[tuple[str, str, dict[str, Any]]]) -> str:
    """What @actions/core writes for core.error/warning/notice(message, properties) calls."""
    script = run.write("annotate.mjs", _CORE_SCRIPT)
    data = run.write("calls.json", json.dumps(calls, ensure_ascii=False))
    proc = subprocess.run(
        [node(), str(script), str(tool(ACTIONS_CORE, "@actions/core")), str(data)],
        capture_output=True,
        timeout=60,
        check=True,
    )
    return proc.stdout.decode("utf-8")


def core_call(f: Finding) -> tuple[str, str, dict[str, Any]]:
    """The annotation for a finding in @actions/core's terms (AnnotationProperties)."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}[f.severity]
    props: dict[str, Any] = {
        "title": f"{f.rule} {f.name}",
        "file": f.path,
        "startLine": f.line,
        "endLine": f.end_line,
    }
    if f.line == f.end_line:  # columns only on one line; endColumn inclusive
        props.update(startColumn=f.column, endColumn=max(f.column, f.end_column - 1))
    return command, f.message, props


def test_github_matches_actions_core(run: Run) -> None:
    calls = []
    for r in run.results:
        if r.error:
            calls.append(("error", f"{r.path}: {r.error}", {"title": "lintkit", "file": r.path}))
        calls.extend(core_call(f) for f in r.findings)
    expected = actions_core(run, calls)
    assert run.out["github"] == expected
    lines = run.out["github"].splitlines()
    assert len(lines) == len(all_findings(run)) + 1
    assert {line.split(" ", 1)[0] for line in lines} == {"::error", "::warning", "::notice"}
    odd = [line for line in lines if "Zürich" in line]
    assert odd and all("file=wire/Zürich 100%25%2C day 2%3A talks.txt," in line for line in odd)
    assert any(line.endswith('::Per-cent sign, not "percent": "2,5%25"') for line in odd)


def test_github_escaping_matches_actions_core(run: Run) -> None:
    message = "100% sure: yes, no\r\nnext line\rold mac\nunix — ü"
    path = "dir:x/a,b%c d é.txt"
    f = Finding(
        path=path,
        rule="XT001",
        name="odd:name,here%",
        category=Category.STYLE,
        severity=Severity.WARNING,
        message=message,
        start=0,
        end=3,
        line=1,
        column=1,
        end_line=1,
        end_column=4,
        text="abc",
    )
    multi = replace(f, rule="XT002", end_line=3, end_column=2, severity=Severity.ERROR)
    results = [
        FileResult(path, [f, multi], source="abc\n\nxyz\n"),
        FileResult("gone:1,2%.txt", error="cannot read: a, b: c%"),
    ]
    ours = reporter("github")(results)
    expected = actions_core(
        run,
        [
            core_call(f),
            core_call(multi),
            ("error", "gone:1,2%.txt: cannot read: a, b: c%", {"title": "lintkit", "file": "gone:1,2%.txt"}),
        ],
    )
    assert ours == expected
    first = ours.splitlines()[0]
    assert first == (
        "::warning title=XT001 odd%3Aname%2Chere%25,file=dir%3Ax/a%2Cb%25c d é.txt,line=1,endLine=1,col=1,"
        "endColumn=3::100%25 sure: yes, no%0D%0Anext line%0Dold mac%0Aunix — ü"
    )
    assert "col=" not in ours.splitlines()[1]  # a finding over several lines has no columns


# --- JUnit XML --------------------------------------------------------------------------------


def test_junit_parses_with_junitparser(run: Run) -> None:
    junitparser = pytest.importorskip("junitparser", reason=f"junitparser is not installed: run `{SETUP}`")
    text = run.out["junit"]
    ET.fromstring(text.encode("utf-8"))  # well-formed for a strict XML parser
    xml = junitparser.JUnitXml.fromfile(str(run.write("lintkit.xml", text)))
    (suite,) = list(xml)
    assert suite.name == "lintkit"
    findings = all_findings(run)
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (len(PATHS), len(findings), 1, 0)
    assert (xml.tests, xml.failures, xml.errors) == (len(PATHS), len(findings), 1)
    suite.update_statistics()  # junitparser's own count agrees with the attributes
    assert (suite.tests, suite.failures, suite.errors) == (len(PATHS), len(findings), 1)

    cases = {case.name: case for case in suite}
    assert set(cases) == set(PATHS)
    assert cases[FIXTURES[0]].classname == "fixtures.examples"
    assert cases[FIXTURES[-1]].is_passed
    for r in run.results:
        entries = cases[r.path].result
        if r.error:
            (error,) = entries
            assert isinstance(error, junitparser.Error) and error.message == r.error
            continue
        assert [e.type for e in entries] == [f.rule for f in r.findings]
        for entry, f in zip(entries, r.findings, strict=True):
            assert isinstance(entry, junitparser.Failure)
            assert entry.message == f"{f.rule} {f.message}"
            assert entry.text.startswith(f"{r.path}:{f.line}:{f.column}: {f.rule} ")
            for fix in f.fixes:
                assert f"suggested fix ({fix.applicability}): {fix.description}" in entry.text


def test_junit_escapes_markup_and_control_characters() -> None:
    junitparser = pytest.importorskip("junitparser", reason=f"junitparser is not installed: run `{SETUP}`")
    message = 'a <b> & "c" \x0c\x00 ü'
    f = Finding(
        path="x&<y>.txt",
        rule="XT001",
        name="n",
        category=Category.STYLE,
        severity=Severity.INFO,
        message=message,
        start=0,
        end=1,
        line=1,
        column=1,
        end_line=1,
        end_column=2,
        text="a",
        fixes=(Fix(Applicability.SAFE, "del <it>", (Edit(0, 1, "]]>"),)),),
    )
    text = reporter("junit")([FileResult("x&<y>.txt", [f], source="a\n")])
    xml = junitparser.JUnitXml.fromstring(text)
    (suite,) = list(xml)
    (case,) = list(suite)
    assert case.name == "x&<y>.txt"
    (failure,) = case.result
    assert failure.message == 'XT001 a <b> & "c" \\x0c\\x00 ü'
    assert '"]]>"' in failure.text


# --- GitLab Code Quality -----------------------------------------------------------------------

# GitLab Code Quality report, as documented at docs.gitlab.com/ci/testing/code_quality/
# ("Code Quality report format"): a JSON array of objects, each with description, check_name,
# fingerprint, severity (info, minor, major, critical or blocker), location.path (relative,
# not prefixed with ./) and location.lines.begin (or location.positions.begin.line). GitLab's
# own server-side check (app/validators/json_schemas/codeclimate.json in its source) requires
# description, fingerprint, severity and location; this schema is stricter than both.
GITLAB_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "type": {"const": "issue"},
            "categories": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^(\\./|/)"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {"type": "integer", "minimum": 1},
                            "end": {"type": "integer", "minimum": 1},
                        },
                    },
                },
            },
        },
    },
}


def test_gitlab_code_quality(run: Run) -> None:
    """Checked with `jsonschema` against GITLAB_SCHEMA, written from GitLab's documentation:
    no npm or PyPI package ships a schema for GitLab's Code Quality report."""
    issues = json.loads(run.out["gitlab"])
    jsonschema.Draft202012Validator.check_schema(GITLAB_SCHEMA)
    jsonschema.validate(issues, GITLAB_SCHEMA, cls=jsonschema.Draft202012Validator)
    findings = all_findings(run)
    assert len(issues) == len(findings) + 1
    # GitLab keeps one issue per fingerprint: they must be unique across the report.
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    severity = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
    checked = [i for i in issues if i["check_name"] != "lintkit/read-error"]
    for issue, f in zip(checked, findings, strict=True):
        assert issue["check_name"] == f.rule and f.message in issue["description"]
        assert issue["severity"] == severity[f.severity]
        assert issue["location"] == {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}}
    (error,) = [i for i in issues if i["location"]["path"] == MISSING]
    assert error["severity"] == "critical" and error["check_name"] == "lintkit/read-error"
    assert any(i["location"]["path"] == ODD_PATH for i in issues)


def test_gitlab_fingerprints_survive_an_edit_above(run: Run) -> None:
    """A paragraph added above moves every finding down but keeps its fingerprint."""
    before = json.loads(reporter("gitlab")([run.result(ODD_PATH)]))
    linter = build_linter(Options(rule_packs=[run.root / "pack.yaml"]))
    moved = run.root / "out" / "moved.txt"
    moved.parent.mkdir(exist_ok=True)
    moved.write_text("An unrelated first paragraph.\n\n" + ODD_TEXT, encoding="utf-8")
    result = lint_path(moved, linter=linter)
    result = replace(result, path=ODD_PATH, findings=[replace(f, path=ODD_PATH) for f in result.findings])
    after = json.loads(reporter("gitlab")([result]))
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in after] == [
        i["location"]["lines"]["begin"] + 2 for i in before
    ]


# --- reviewdog rdjson --------------------------------------------------------------------------


def test_rdjson_schema(run: Run) -> None:
    schema = json.loads(tool(RDJSON_SCHEMA, "reviewdog's rdjson schema").read_text())
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.validate(json.loads(run.out["rdjson"]), schema, cls=jsonschema.Draft4Validator)


def reviewdog(run: Run, rdjson: str) -> dict[str, Any]:
    """reviewdog reads rdjson (protobuf JSON: wrong types and bad values are errors) and writes
    back what it understood, unfiltered."""
    proc = subprocess.run(
        [str(tool(REVIEWDOG, "reviewdog")), "-f=rdjson", "-reporter=rdjson", "-filter-mode=nofilter"],
        input=rdjson.encode("utf-8"),
        capture_output=True,
        cwd=run.root,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    parsed: dict[str, Any] = json.loads(proc.stdout)
    return parsed


def test_rdjson_read_back_by_reviewdog(run: Run) -> None:
    ours = json.loads(run.out["rdjson"])
    back = reviewdog(run, run.out["rdjson"])

    def key(d: dict[str, Any]) -> str:
        kept = {k: d[k] for k in ("message", "location", "severity", "code") if k in d}
        # protobuf JSON leaves out an empty string: a deletion's text comes back absent.
        kept["suggestions"] = [{"text": "", **s} for s in d.get("suggestions", [])]
        return json.dumps(kept, sort_keys=True, ensure_ascii=False)

    # Every field lintkit writes survives reviewdog's parser: none was misnamed or mistyped.
    assert sorted(map(key, back["diagnostics"])) == sorted(map(key, ours["diagnostics"]))
    assert len(ours["diagnostics"]) == len(all_findings(run)) + 1
    # The control: reviewdog does refuse a malformed document.
    bad = subprocess.run(
        [str(REVIEWDOG), "-f=rdjson", "-reporter=rdjson", "-filter-mode=nofilter"],
        input=run.out["rdjson"].replace('"line": 7,', '"line": "seven",', 1).encode(),
        capture_output=True,
        cwd=run.root,
        timeout=120,
    )
    assert bad.returncode != 0 and b"rdjson" in bad.stderr


def test_rdjson_positions_are_utf8_byte_columns(run: Run) -> None:
    diagnostics = json.loads(run.out["rdjson"])["diagnostics"]
    findings = {(f.path, f.line, f.rule, f.text): f for f in all_findings(run)}
    checked = 0
    for d in diagnostics:
        loc = d["location"]
        if "range" not in loc:
            assert loc["path"] == MISSING and d["severity"] == "ERROR"
            continue
        data = (run.root / loc["path"]).read_bytes()
        lines = data.split(b"\n")
        start, end = loc["range"]["start"], loc["range"]["end"]
        if start["line"] == end["line"]:
            span = lines[start["line"] - 1][start["column"] - 1 : end["column"] - 1].decode("utf-8")
            assert (loc["path"], start["line"], d["code"]["value"], span) in findings
            checked += 1
        # The suggestions, applied as byte ranges, make lintkit's first fix.
        f = next(
            f
            for f in all_findings(run)
            if f.path == loc["path"] and f.message == d["message"] and f.line == start["line"]
        )
        if f.fixes:
            offsets = [0]
            for line in lines:
                offsets.append(offsets[-1] + len(line) + 1)
            fixed = data
            for s in sorted(
                d["suggestions"], key=lambda s: (-s["range"]["start"]["line"], -s["range"]["start"]["column"])
            ):
                a = offsets[s["range"]["start"]["line"] - 1] + s["range"]["start"]["column"] - 1
                b = offsets[s["range"]["end"]["line"] - 1] + s["range"]["end"]["column"] - 1
                fixed = fixed[:a] + s["text"].encode("utf-8") + fixed[b:]
            assert fixed.decode("utf-8") == f.fixes[0].apply(data.decode("utf-8"))
        else:
            assert "suggestions" not in d
    assert checked == sum(1 for f in all_findings(run) if f.line == f.end_line)
    odd = [d for d in diagnostics if d["location"]["path"] == ODD_PATH]
    pu003 = next(d for d in odd if d["code"]["value"] == "PU003")
    # " ." follows "ü", "—", "“" and "”": 67 code points, 74 bytes before it.
    assert pu003["location"]["range"]["start"] == {"line": 1, "column": 75}


# --- all formats ------------------------------------------------------------------------------


def test_empty_run_renders_valid_documents() -> None:
    out = render_all([], [])
    assert json.loads(out["sarif"])["runs"][0]["results"] == []
    assert out["github"] == ""
    assert ET.fromstring(out["junit"].encode()).get("tests") == "0"
    assert json.loads(out["gitlab"]) == []
    assert json.loads(out["rdjson"])["diagnostics"] == []
