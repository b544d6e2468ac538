"""`lintkit apply-decisions`: a copy editor's accept/dismiss marks from the HTML report."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lintkit.cli import main
from lintkit.fingerprint import fingerprints
from lintkit.run import lint_file_text

TEXT = (
    "Talks resume\n\n"
    "The ministers flew home. . The talks resumed in the world. the air was cold.\n\n"
    "Mr Lavrov left. Mr. Lavrov spoke. Mr. Lavrov sat.\n"
)


def test_accepted_fixes_are_applied_and_dismissed_findings_baselined(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    findings = lint_file_text(TEXT, str(article))
    prints = fingerprints(findings, TEXT)
    by_rule = {f.rule: (f, fp) for f, fp in zip(findings, prints, strict=True)}
    empty, _ = by_rule["PU001"]
    broken, _ = by_rule["MT001"]
    decisions = {
        "version": 1,
        "tool": "lintkit",
        "decisions": [
            {"path": "a.txt", "rule": "PU001", "offset": empty.start, "end_offset": empty.end,
             "text": empty.text, "fingerprint": by_rule["PU001"][1], "decision": "accept", "fix": 0},
            {"path": "a.txt", "rule": "MT001", "offset": broken.start, "end_offset": broken.end,
             "text": broken.text, "fingerprint": by_rule["MT001"][1], "decision": "dismiss"},
            {"path": "a.txt", "rule": "ST001", "offset": 0, "end_offset": 1, "text": "x",
             "fingerprint": "0" * 20, "decision": "accept", "fix": 0},
        ],
    }  # fmt: skip
    (tmp_path / "decisions.json").write_text(json.dumps(decisions), encoding="utf-8")
    result = CliRunner().invoke(main, ["apply-decisions", "decisions.json", "--baseline", "base.json"])
    assert result.exit_code == 0, result.stderr
    assert "Applied 1 fixes; added 1 dismissed findings to base.json." in result.stdout
    assert "no longer found" in result.stderr
    assert "flew home. The talks" in article.read_text(encoding="utf-8")
    # the dismissed finding is not asked again, although a fix changed its paragraph
    out = CliRunner().invoke(main, ["check", "--format", "json", "--baseline", "base.json", "a.txt"]).stdout
    assert {f["rule"] for f in json.loads(out)} == {"ST001"}


def test_invalid_decisions_file(tmp_path: Path) -> None:
    bad = tmp_path / "d.json"
    bad.write_text('{"version": 2}', encoding="utf-8")
    result = CliRunner().invoke(main, ["apply-decisions", str(bad)])
    assert result.exit_code == 2 and "not a lintkit decisions file" in result.stderr


def test_precision_per_rule(tmp_path: Path) -> None:
    decisions = {
        "version": 1,
        "decisions": [
            {"path": "a.txt", "rule": "MT001", "fingerprint": "1", "decision": "accept"},
            {"path": "a.txt", "rule": "MT001", "fingerprint": "2", "decision": "accept"},
            {"path": "a.txt", "rule": "MT001", "fingerprint": "3", "decision": "dismiss"},
            {"path": "b.txt", "rule": "PU003", "fingerprint": "4", "decision": "dismiss"},
        ],
    }
    path = tmp_path / "d.json"
    path.write_text(json.dumps(decisions), encoding="utf-8")
    out = CliRunner().invoke(main, ["precision", str(path)]).stdout.splitlines()
    assert out[1].split() == ["MT001", "2", "1", "67%"]
    assert out[2].split() == ["PU003", "0", "1", "0%"]
