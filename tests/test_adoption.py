"""Adopting lintkit on an archive: baselines, inline suppressions, --changed-since, and
parallel runs with stable output."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from lintkit.cli import main

from .conftest import ROOT

BAD = "Talks resume\n\nThe talks resumed in the world. the air was cold.\n"


def cli(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_baseline_reports_only_new_findings_and_survives_edits(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BAD, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    code, _, err = cli("check", "--write-baseline", str(baseline), str(article))
    assert code == 0 and "recorded 1 findings" in err
    assert cli("check", "--baseline", str(baseline), str(article))[0] == 0
    # unrelated edits above move the finding to another line: still known
    article.write_text(
        "Talks resume\n\nA new first paragraph.\n\nAnother one.\n\n"
        "The talks resumed in the world. the air was cold.\n\n"
        "Mr Lavrov left. Mr. Lavrov spoke. Mr. Lavrov sat.\n",
        encoding="utf-8",
    )
    code, out, _ = cli("check", "--format", "json", "--baseline", str(baseline), str(article))
    assert [f["rule"] for f in json.loads(out)] == ["ST001"]


def test_bad_baseline_file_is_a_clear_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BAD, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{not json", encoding="utf-8")
    code, _, err = cli("check", "--baseline", str(baseline), str(article))
    assert code == 2 and "not a lintkit baseline" in err


def test_inline_suppressions_in_markdown(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "Talks resume\n\n"
        "<!-- lintkit: disable=MT001 -->\nThe talks resumed in the world. the air was cold.\n"
        "<!-- lintkit: enable -->\n\n"
        "<!-- lintkit: disable-next-line=MT -->\nThe envoy spoke in the world. the sea was calm.\n\n"
        "The minister came back from the world. the desert was hot.\n",
        encoding="utf-8",
    )
    out = json.loads(cli("check", "--format", "json", "--select", "MT001", str(article))[1])
    assert [f["text"] for f in out] == ["world. the desert"]


def test_plain_text_has_no_inline_suppressions(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    text = "Talks\n\n<!-- lintkit: disable --> The talks resumed in the world. the air was cold.\n"
    article.write_text(text, encoding="utf-8")
    assert json.loads(cli("check", "--format", "json", "--select", "MT001", str(article))[1])


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_since_reports_only_touched_lines(tmp_path: Path, monkeypatch) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    article = tmp_path / "a.txt"
    article.write_text(BAD, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    article.write_text(BAD + "\nThe envoy spoke in the world. the sea was calm.\n", encoding="utf-8")
    (tmp_path / "new.txt").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = json.loads(cli("check", "--format", "json", "--select", "MT001", "--changed-since", "HEAD", ".")[1])
    assert sorted((Path(f["path"]).name, f["line"]) for f in out) == [("a.txt", 5), ("new.txt", 3)]
    code, _, err = cli("check", "--changed-since", "no-such-rev", ".")
    assert code == 2 and "--changed-since" in err


def test_parallel_run_gives_the_same_stable_output() -> None:
    folder = str(ROOT / "fixtures")
    one = cli("check", "--format", "json", "--jobs", "1", folder)[1]
    many = cli("check", "--format", "json", "--jobs", "4", folder)[1]
    assert one == many
    files = list(
        dict.fromkeys(Path(f["path"]).relative_to(ROOT / "fixtures").as_posix() for f in json.loads(many))
    )
    assert len(files) > 20
    assert files == sorted(files)
