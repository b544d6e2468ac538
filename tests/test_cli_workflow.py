"""The command line as a writer and a desk use it (issue 9): selectors by any case or by
name, explain for every rule, what --fix would do, concise output and statistics, checking
the current folder, severity overrides and baselines for plain-text copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lintkit.cli import main

STORY = (
    "Talks resume\n\nThe the envoys met in the world. the air was cold.\n\n"
    "Officials left.. Later they spoke.\n"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def rules_found(result: Result) -> list[str]:
    return [f["rule"] for f in json.loads(result.stdout)]


@pytest.fixture()
def story(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "mt005"], ["MT005"]),
        (["--select", "Mt"], ["MT005", "MT001"]),
        (["--select", "repeated-word,doubled-punctuation"], ["MT005", "PU002"]),
        (["--ignore", "broken-sentence", "--ignore", "pu"], ["MT005"]),
        (["--select", "MT", "--ignore", "repeated-word"], ["MT001"]),  # a name is as specific as a code
        (["--ignore", "MT", "--extend-select", "broken-sentence"], ["MT001", "PU002"]),
    ],
)
def test_codes_in_any_case_and_rule_names_select(story: Path, args: list[str], expected: list[str]) -> None:
    assert sorted(rules_found(run("check", "--format", "json", *args, str(story)))) == sorted(expected)


def test_unknown_selectors_suggest_the_code_or_name(story: Path) -> None:
    r = run("check", "--select", "broken-sentense", str(story))
    assert r.exit_code == 2 and "did you mean 'broken-sentence'?" in r.stderr
    r = run("check", "--ignore", "mt0O5", str(story))
    assert r.exit_code == 2 and "did you mean 'MT005'?" in r.stderr


def test_names_work_in_configuration_and_suppressions(story: Path) -> None:
    Path(".lintkit.toml").write_text(
        '[per-file-ignores]\n"story.txt" = ["repeated-word"]\n', encoding="utf-8"
    )
    assert sorted(rules_found(run("check", "--format", "json", str(story)))) == ["MT001", "PU002"]
    page = Path("page.md")
    page.write_text(
        "# Talks\n\n<!-- lintkit: disable-next-line=broken-sentence,pu002 -->\n"
        "They met in the world. the air was cold. Officials left.. Later.\n",
        encoding="utf-8",
    )
    assert rules_found(run("check", "--isolated", "--format", "json", str(page))) == []


def test_explain_takes_names_and_user_packs_and_wraps(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = run("explain", "broken-sentence")
    assert r.exit_code == 0 and r.stdout.startswith("MT001 broken-sentence")
    assert all(len(line) <= 88 for line in r.stdout.split("Flagged:")[0].splitlines())
    r = run("explain", "fn001")
    assert "(article dated 20" in r.stdout  # examples that depend on the date show it
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "rules:\n  - code: HS001\n    name: house-colour\n    kind: pattern\n    category: style\n"
        "    severity: info\n    message: 'House spelling: {text}'\n"
        "    explanation: Our house spells it colour.\n"
        "    pattern: '\\bcolor\\b'\n    examples:\n      bad:\n        - text: The color.\n"
        "          finds: color\n      good:\n        - The colour.\n",
        encoding="utf-8",
    )
    r = run("explain", "--rules", str(pack), "house-colour")
    assert r.exit_code == 0 and "HS001 house-colour" in r.stdout and "from " in r.stdout
    Path("lintkit.toml").write_text('rules = ["house.yaml"]\n', encoding="utf-8")
    assert "Our house spells it colour." in run("explain", "HS001").stdout
    assert "HS001" in run("rules", "--rules", str(pack)).stdout


def test_the_summary_says_what_fix_would_do(story: Path) -> None:
    r = run("check", str(story))
    assert "(MT 2, PU 1; 2 fixable with --fix, 1 more with --unsafe-fixes)" in r.stdout


def test_concise_is_one_line_per_finding(story: Path) -> None:
    r = run("check", "--format", "concise", str(story))
    lines = r.stdout.splitlines()
    assert lines[0] == f'{story}:3:1: MT005 Repeated word: "The the" [repeated-word] [*]'
    assert lines[1].startswith(f"{story}:3:27: MT001 ") and not lines[1].endswith("[*]")  # unsafe fix only
    assert lines[-1].startswith("Found 3 findings") and len(lines) == 5


def test_statistics_count_by_rule(story: Path) -> None:
    Path("second.txt").write_text("Talks\n\nThe the talks. The the end.\n", encoding="utf-8")
    r = run("check", "--statistics", str(story), "second.txt")
    assert r.stdout.splitlines() == [
        "3  MT005        [*] repeated-word",
        "1  MT001        [-] broken-sentence",
        "1  PU002        [*] doubled-punctuation",
    ]
    data = json.loads(run("check", "--statistics", "--format", "json", str(story)).stdout)
    assert data[0] == {"code": "MT001", "name": "broken-sentence", "count": 1, "fix": "unsafe"}


def test_check_without_a_path_checks_the_current_folder(story: Path) -> None:
    Path("sub").mkdir()
    Path("sub/other.md").write_text("# Talks\n\nThey met. . Later.\n", encoding="utf-8")
    r = run("check", "--format", "json")
    assert {(Path(f["path"]).name, f["rule"]) for f in json.loads(r.stdout)} >= {
        ("story.txt", "MT005"),
        ("other.md", "PU001"),
    }


def test_severity_overrides_by_code_prefix_or_name(story: Path) -> None:
    Path(".lintkit.toml").write_text('[severity]\nMT = "info"\nrepeated-word = "error"\n', encoding="utf-8")
    found = {
        f["rule"]: f["severity"] for f in json.loads(run("check", "--format", "json", str(story)).stdout)
    }
    assert found == {"MT005": "error", "MT001": "info", "PU002": "warning"}
    assert run("check", "--fail-on", "error", str(story)).exit_code == 1
    Path(".lintkit.toml").write_text('[severity]\nMT005 = "severe"\n', encoding="utf-8")
    r = run("check", str(story))
    assert r.exit_code == 2 and "MT005 must be error, warning or info, not 'severe'" in r.stderr


def test_baselining_plain_text_copy_in_one_command(story: Path) -> None:
    other = Path("other.txt")
    other.write_text("Talks\n\nThey met. . The talks went on.\n", encoding="utf-8")
    Path(".lintkit.toml").write_text('baseline = "lintkit-baseline.json"\n', encoding="utf-8")
    r = run("check", "--add-baseline", "lintkit-baseline.json", str(other))
    assert r.exit_code == 0 and "recorded 1 findings of 1 file" in r.stderr
    r = run("check", "--add-baseline", "lintkit-baseline.json", str(story))
    assert "recorded 3 findings of 1 file in lintkit-baseline.json (1 of other files kept)" in r.stderr
    assert (
        run("check", "--format", "json", str(story), str(other)).stdout.strip() == "[]"
    )  # configured baseline
    story.write_text(STORY + "\nThe talks ended. . They left.\n", encoding="utf-8")
    assert rules_found(run("check", "--format", "json", str(story))) == ["PU001"]  # only what is new
    r = run(
        "check", "--add-baseline", "lintkit-baseline.json", str(story)
    )  # re-baselining replaces its entries
    assert "recorded 4 findings" in r.stderr and "(1 of other files kept)" in r.stderr


def test_require_languagetool_is_an_error_with_a_pip_users_hint(story: Path) -> None:
    r = run("check", "--require-languagetool", "--languagetool-url", "http://127.0.0.1:9", str(story))
    assert r.exit_code == 2 and "error" in r.stderr and "checking without it" not in r.stderr
    assert "pip install 'lintkit[languagetool]'" in r.stderr and "scripts/" not in r.stderr


def test_default_jobs_follow_the_cpus_allowed_and_the_input_size(tmp_path: Path, monkeypatch) -> None:
    from lintkit import run as run_module
    from lintkit.api import options_for
    from lintkit.check import Filters

    def tasks(size: int, count: int) -> list[run_module._Task]:
        out = []
        for i in range(count):
            path = tmp_path / f"{size}-{i}.txt"
            path.write_text("x" * size, encoding="utf-8")
            out.append(run_module._Task(str(path), str(path), options_for(path), Filters(), None, 10**9))
        return out

    monkeypatch.setattr(run_module.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert run_module.available_cpus() == 3
    assert run_module._parallel_jobs(tasks(2_000, 20)) == 1  # 40 KB: one process
    assert run_module._parallel_jobs(tasks(200_000, 3)) == 1  # few files
    assert run_module._parallel_jobs(tasks(200_000, 8)) == 3  # 1.6 MB in 8 files
    monkeypatch.setattr(run_module.os, "sched_getaffinity", lambda pid: {0}, raising=False)  # taskset -c 0
    assert run_module._parallel_jobs(tasks(200_000, 8)) == 1


def test_quiet_keeps_the_summary_of_a_report_written_to_a_file(story: Path) -> None:
    r = run("check", "-q", "-o", "report.txt", str(story))
    assert r.stdout == "" and "Found 3 findings" in Path("report.txt").read_text(encoding="utf-8")
    assert "Found" not in run("check", "-q", str(story)).stdout
