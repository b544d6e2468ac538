"""The command line: output, exit codes, selection, standard input, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.findings import FileResult

from .conftest import ROOT

BAD = "The talks resumed in the world. the air was cold.\n"
CLEAN = "The talks resumed on Monday. Officials said little.\n"


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD, encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    return {"bad": bad, "clean": clean, "dir": tmp_path}


def test_text_output_and_exit_code(files: dict[str, Path]) -> None:
    code, out, _ = run("check", str(files["bad"]))
    assert code == 1
    first = out.splitlines()[0]
    assert first == (
        f'{files["bad"]}:1:26: MT001 Sentence break inside a phrase: "world. the air" [broken-sentence]'
    )
    assert "^^^^^^^^^^^^^^" in out
    assert 'suggested fix (unsafe): start a new sentence: "The"' in out  # "the air was cold": a clause
    assert "or (unsafe): remove the period" in out
    assert out.rstrip().splitlines()[-1].startswith("Found 1 finding (MT 1;")


def test_clean_file_exits_zero(files: dict[str, Path]) -> None:
    code, out, _ = run("check", str(files["clean"]))
    assert code == 0
    assert "Found 0 findings in 1 file checked." in out


def test_fail_on_levels(files: dict[str, Path]) -> None:
    assert run("check", "--fail-on", "error", str(files["bad"]))[0] == 0  # MT001 is a warning
    assert run("check", "--fail-on", "info", str(files["bad"]))[0] == 1
    assert run("check", "--fail-on", "never", str(files["bad"]))[0] == 0


def test_json_output_matches_schema(files: dict[str, Path]) -> None:
    code, out, _ = run("check", "--format", "json", str(files["bad"]), str(files["clean"]))
    assert code == 1
    data = json.loads(out)
    schema = json.loads((ROOT / "docs" / "findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    (finding,) = data
    assert finding["rule"] == "MT001"
    assert BAD[finding["offset"] : finding["end_offset"]] == finding["text"] == "world. the air"
    capital, join = finding["fixes"]  # ranked: "the air was cold" is a clause of its own
    edit = capital["edits"][0]
    assert BAD[edit["offset"] : edit["end_offset"]] == "t" and edit["replacement"] == "T"
    edit = join["edits"][0]
    assert BAD[edit["offset"] : edit["end_offset"]] == ". "


def test_json_offsets_ignore_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(
        "\ufeffFirst line.\r\nThe talks resumed in the world. the air was cold.\r\n".encode("utf-8")
    )
    _code, out, _ = run("check", "--format", "json", str(path))
    (finding,) = json.loads(out)
    text = path.read_bytes().decode("utf-8-sig")
    assert text[finding["offset"] : finding["end_offset"]] == "world. the air"
    assert (finding["line"], finding["column"]) == (2, 26)


def test_select_ignore_and_prefixes(files: dict[str, Path]) -> None:
    assert run("check", "--select", "PU", str(files["bad"]))[0] == 0
    assert run("check", "--select", "MT001", str(files["bad"]))[0] == 1
    assert run("check", "--ignore", "MT", str(files["bad"]))[0] == 0
    assert run("check", "--select", "MT", "--ignore", "MT001", str(files["bad"]))[0] == 0
    assert run("check", "--ignore", "MT", "--extend-select", "MT001", str(files["bad"]))[0] == 1


def test_unknown_selector_is_a_usage_error(files: dict[str, Path]) -> None:
    code, _, err = run("check", "--select", "MT999", str(files["bad"]))
    assert code == 2
    assert "matches no rule" in err and "Traceback" not in err


def test_stdin_with_a_name() -> None:
    code, out, _ = run("check", "--stdin-filename", "wire.txt", "-", input=BAD)
    assert code == 1
    assert out.startswith("wire.txt:1:26: MT001")


def test_bad_paths_are_reported_and_others_still_checked(files: dict[str, Path]) -> None:
    empty_dir = files["dir"] / "empty"
    empty_dir.mkdir()
    binary = files["dir"] / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    latin = files["dir"] / "latin.txt"
    latin.write_bytes("Caf\xe9 owners met.".encode("latin-1"))
    empty = files["dir"] / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(
        "check",
        str(files["dir"] / "missing.txt"),
        str(empty_dir),
        str(binary),
        str(latin),
        str(empty),
        str(files["bad"]),
    )
    assert code == 2
    assert "missing.txt: error: no such file or folder" in err
    assert "empty: error: no articles" in err
    assert "image.txt: error: binary file" in err
    assert "latin.txt: error: not UTF-8" in err and "line 1, column 4" in err
    assert "MT001" in out  # the good file was still checked
    assert "Traceback" not in err


def test_folder_is_searched_for_articles(files: dict[str, Path]) -> None:
    code, out, _ = run("check", "--format", "json", str(files["dir"]))
    assert code == 1
    assert {Path(f["path"]).name for f in json.loads(out)} == {"bad.txt"}


def test_invalid_rule_pack_names_file_and_line(tmp_path: Path, files: dict[str, Path]) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - code: XX001\n"
        "    name: my-rule\n"
        "    kind: pattern\n"
        "    category: style\n"
        "    severity: warning\n"
        "    message: m\n"
        "    explanation: e\n"
        "    patern: 'x'\n"
        "    examples: {bad: [{text: x, finds: x}], good: [y]}\n",
        encoding="utf-8",
    )
    code, _, err = run("check", "--rules", str(pack), str(files["clean"]))
    assert code == 2
    assert f"{pack}:9: rule XX001: unknown key 'patern' (did you mean 'pattern'?)" in err


def test_bad_date_is_a_usage_error(files: dict[str, Path]) -> None:
    code, _, err = run("check", "--date", "2022-13-40", str(files["clean"]))
    assert code == 2 and "YYYY-MM-DD" in err


def test_rules_and_explain() -> None:
    code, out, _ = run("rules", "--format", "json")
    rules = {r["code"]: r for r in json.loads(out)}
    assert rules["MT001"]["name"] == "broken-sentence"
    assert rules["MT001"]["summary"] == 'Sentence break inside a phrase: "…"'
    assert rules["PU001"]["fixable"] and not rules["MT010"]["fixable"]
    code, out, _ = run("explain", "MT001")
    assert code == 0 and "Flagged:" in out and "writing. next week" in out
    assert run("explain", "MT0001")[0] == 2


def test_python_dash_m_entry_point(files: dict[str, Path]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "lintkit", "check", str(files["bad"])],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 1 and "MT001" in proc.stdout


def test_verify_rules_runs_pack_examples(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - code: XX001\n"
        "    name: colour\n"
        "    kind: pattern\n"
        "    category: style\n"
        "    severity: warning\n"
        "    message: 'British spelling: {text}'\n"
        "    explanation: Our house style is British.\n"
        "    pattern: '\\bcolor\\b'\n"
        "    examples: {bad: [{text: The color changed., finds: color}],\n"
        "               good: [The colour changed., The color TV.]}\n",
        encoding="utf-8",
    )
    code, out, _ = run("verify-rules", str(pack))
    assert code == 1
    assert "XX001: good example 'The color TV.' is flagged" in out
    assert out.rstrip().endswith("1 rules, 3 examples, 1 failing")
    assert run("verify-rules")[0] == 0


def test_rules_reference_page_is_current() -> None:
    """docs/rules.md is generated; regenerate with `lintkit rules --format markdown > docs/rules.md`."""
    code, out, _ = run("rules", "--format", "markdown")
    assert code == 0
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == out
    for code_ in ("MT001", "FN001", "RS001"):
        assert f"### {code_}" in out


def test_colour_only_when_asked_or_on_a_terminal(files: dict[str, Path], monkeypatch) -> None:
    plain = run("check", str(files["bad"]))[1]
    assert "\x1b[" not in plain  # not a terminal
    coloured = run("check", "--color", str(files["bad"]))[1]
    assert "\x1b[" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    assert "\x1b[" not in run("check", str(files["bad"]))[1]


def test_a_large_run_hides_its_long_lived_objects_from_the_collector_while_it_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large run freezes what it has built (rules, tables) while it checks, so full
    collections do not walk it, and collects its young objects less often; afterwards it
    unfreezes them and puts the thresholds back: a process that runs again (a server)
    collects as before."""
    import gc

    from lintkit import run

    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text("Talks\n\nThe envoys met on Monday.\n", encoding="utf-8")
    seen: list[tuple[int, int, bool]] = []
    check = run._check

    def watched(task: run._Task) -> FileResult:
        seen.append((gc.get_freeze_count(), gc.get_threshold()[0], gc.isenabled()))
        return check(task)

    before = gc.get_threshold()
    monkeypatch.setattr(run, "_large", lambda work: True)
    monkeypatch.setattr(run, "_check", watched)
    report = run.run(run.RunOptions(paths=[str(tmp_path)], jobs=1))
    assert len(report.results) == 3
    assert all(frozen > 1000 and young >= run._YOUNG_OBJECTS and on for frozen, young, on in seen)
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before and gc.isenabled()
