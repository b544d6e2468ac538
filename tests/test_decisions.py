"""`lintkit apply-decisions`: a copy editor's accept/dismiss marks from the HTML report."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
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


# --- the report's root, and what a failed run leaves alone ------------------------------------

STORY = (
    "Envoys Meet Near the Lake\n\n"
    "The delegations met on Monday. . The talks resumed in the world. the air was cold.\n\n"
    "Officials said the next round would follow in March.\n"
)


def _report_data(page: Path) -> dict[str, Any]:
    block = re.search(r'<script type="application/json" id="lintkit-data">(.*?)</script>',
                      page.read_text(encoding="utf-8"), re.S)  # fmt: skip
    assert block is not None
    data: dict[str, Any] = json.loads(block.group(1))
    return data


def _export(data: dict[str, Any], choices: dict[str, str]) -> dict[str, Any]:
    """The decisions file the page exports (report.js buildDecisions; the browser test holds
    the page to it) for {rule: "accept" | "dismiss"}."""
    keys = ("path", "rule", "offset", "end_offset", "text", "fingerprint")
    decisions = [
        {**{k: f[k] for k in keys}, "decision": choices[f["rule"]], "fix": 0}
        for f in data["findings"]
        if f["rule"] in choices
    ]
    return {"version": 1, "tool": "lintkit", "report": data["report"], "root": data["root"],
            "decisions": decisions}  # fmt: skip


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    """A folder of copy with its report made there, and a downloads folder elsewhere."""
    desk = tmp_path / "desk"
    (desk / "wire").mkdir(parents=True)
    (desk / "wire" / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "downloads").mkdir()
    monkeypatch.chdir(desk)
    r = CliRunner().invoke(main, ["check", "--isolated", "--format", "html", "-o", "report.html", "wire"])
    assert r.exit_code == 1, r.stderr
    data = _report_data(desk / "report.html")
    assert data["root"] == str(desk.resolve())
    assert {f["path"] for f in data["findings"]} == {"wire/story.txt"}
    monkeypatch.chdir(tmp_path / "downloads")  # where the browser saved the decisions
    return desk, data


def _apply(path: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["apply-decisions", str(path), *args])


def test_the_decisions_find_the_articles_from_anywhere(desk: tuple[Path, dict[str, Any]]) -> None:
    folder, data = desk
    exported = Path("lintkit-decisions.json")
    exported.write_text(json.dumps(_export(data, {"PU001": "accept", "MT001": "dismiss"})), encoding="utf-8")
    r = _apply(exported, "--baseline", str(folder / "base.json"))
    assert r.exit_code == 0, r.stderr
    assert "Applied 1 fixes; added 1 dismissed findings" in r.stdout
    assert "on Monday. The talks" in (folder / "wire" / "story.txt").read_text(encoding="utf-8")
    assert json.loads((folder / "base.json").read_text(encoding="utf-8"))["findings"][0]["rule"] == "MT001"


def test_root_overrides_the_recorded_one(desk: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    folder, data = desk
    moved = tmp_path / "archive"
    shutil.copytree(folder, moved)  # the copy moved after the report
    exported = Path("d.json")
    exported.write_text(json.dumps(_export(data, {"PU001": "accept"})), encoding="utf-8")
    r = _apply(exported, "--root", str(moved), "--baseline", "b.json")
    assert r.exit_code == 0, r.stderr
    assert "on Monday. The talks" in (moved / "wire" / "story.txt").read_text(encoding="utf-8")
    assert (folder / "wire" / "story.txt").read_text(encoding="utf-8") == STORY  # the recorded one: untouched


def test_a_recorded_root_that_is_not_a_folder_here(desk: tuple[Path, dict[str, Any]]) -> None:
    _, data = desk
    for root in ("relative/folder", "/no/such/folder", 7, "\x1b]0;owned\x07"):
        exported = Path("d.json")
        decisions = {**_export(data, {"PU001": "accept"}), "root": root}
        exported.write_text(json.dumps(decisions), encoding="utf-8")
        r = _apply(exported)
        assert r.exit_code == 2 and "is not a folder here; give --root FOLDER" in r.stderr, root
        assert "\x1b" not in r.stderr
    assert not Path("lintkit-baseline.json").exists()


def test_paths_outside_the_root_are_still_refused(desk: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    folder, data = desk
    outside = tmp_path / "outside.txt"
    outside.write_text(STORY, encoding="utf-8")
    (folder / "wire" / "link.txt").symlink_to(outside)
    base = _export(data, {"PU001": "accept"})["decisions"][0]
    names = ["../outside.txt", str(outside), "wire/link.txt", "wire/../../outside.txt"]
    decisions = {**_export(data, {}), "decisions": [{**base, "path": name} for name in names]}
    exported = Path("d.json")
    exported.write_text(json.dumps(decisions), encoding="utf-8")
    r = _apply(exported, "--baseline", "b.json")
    assert r.exit_code == 2
    assert r.stderr.count("refused: outside the root") == len(names), r.stderr
    assert outside.read_text(encoding="utf-8") == STORY


def test_a_changed_file_applies_only_what_is_found_again(desk: tuple[Path, dict[str, Any]]) -> None:
    folder, data = desk
    story = folder / "wire" / "story.txt"
    # an editor added a paragraph (every offset moved) and rewrote the broken sentence
    changed = STORY.replace("Envoys Meet Near the Lake\n\n", "Envoys Meet Near the Lake\n\nA new lead.\n\n")
    story.write_text(changed.replace("in the world. the air", "in the city and the air"), encoding="utf-8")
    exported = Path("d.json")
    exported.write_text(json.dumps(_export(data, {"PU001": "accept", "MT001": "accept"})), encoding="utf-8")
    r = _apply(exported, "--baseline", "b.json")
    assert r.exit_code == 0, r.stderr
    assert "MT001 'world. the air' is no longer found" in r.stderr
    assert "Applied 1 fixes" in r.stdout
    assert story.read_text(encoding="utf-8") == changed.replace(". . The talks", ". The talks").replace(
        "in the world. the air", "in the city and the air"
    )


def test_a_failed_run_writes_no_baseline(desk: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    _, data = desk
    exported = Path("d.json")
    # every file refused (the wrong --root): nothing to add, no baseline created
    exported.write_text(json.dumps(_export(data, {"MT001": "dismiss"})), encoding="utf-8")
    r = _apply(exported, "--root", str(tmp_path / "downloads"), "--baseline", "b.json")
    assert r.exit_code == 2 and "no such file under" in r.stderr
    assert not Path("b.json").exists()
    # an error beside a dismissal: the dismissal is reported, the baseline left as it is
    decisions = _export(data, {"MT001": "dismiss"})
    decisions["decisions"].append({**decisions["decisions"][0], "path": "wire/gone.txt"})
    exported.write_text(json.dumps(decisions), encoding="utf-8")
    r = _apply(exported, "--baseline", "b.json")
    assert r.exit_code == 2
    assert "wire/gone.txt: no such file under" in r.stderr
    assert "dismissed, but not added to b.json: a run with errors leaves the baseline as it is" in r.stderr
    assert "added 0 dismissed findings to b.json; 2 decisions not carried out" in r.stdout
    assert not Path("b.json").exists()
    Path("b.json").write_text('{"version": 1, "tool": "lintkit", "findings": []}\n', encoding="utf-8")
    before = Path("b.json").read_bytes()
    decisions["decisions"][1] = {"decision": "maybe"}  # an invalid decision is an error too
    exported.write_text(json.dumps(decisions), encoding="utf-8")
    r = _apply(exported, "--baseline", "b.json")
    assert r.exit_code == 2 and "invalid decision" in r.stderr
    assert Path("b.json").read_bytes() == before
    # nothing dismissed: no baseline created
    exported.write_text(json.dumps(_export(data, {"PU001": "accept"})), encoding="utf-8")
    r = _apply(exported, "--baseline", "fresh.json")
    assert r.exit_code == 0 and not Path("fresh.json").exists()
