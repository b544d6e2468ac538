"""LanguageTool against a REAL server (fetched from Maven Central and started by
scripts/languagetool-server.sh, as CI does): positions in text, Markdown and HTML, batching,
deduplication against lintkit's rules, selection, and the unreachable-server path."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.source import LineIndex


def check(tmp_path: Path, name: str, text: str, *args: str) -> tuple[int, list[dict[str, object]], str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", *args, str(path)])
    return r.exit_code, json.loads(r.stdout or "[]"), r.stderr


def position(text: str, marked: str) -> tuple[int, int]:
    """(line, column) of the part of `marked` between « and » inside `text`."""
    before, rest = marked.split("«")
    inner, after = rest.split("»")
    at = text.index(before + inner + after) + len(before)
    return LineIndex(text).position(at)


@pytest.mark.parametrize(
    "name, text, marked",
    [
        ("a.txt", "Talks\n\nThe minister said he go to Geneva every week.\n", "said he «go» to"),
        ("a.md", "# Talks\n\nThe minister said *he go* to [Geneva](https://example.org) often.\n",
         "*he «go»* to"),
        ("a.html", "<h1>Talks</h1>\n<p>The minister said he&nbsp;<em>go</em> to Geneva &amp; Bern.</p>\n",
         "<em>«go»</em>"),
    ],
)  # fmt: skip
def test_findings_at_source_positions(tmp_path: Path, lt_url: str, name: str, text: str, marked: str) -> None:
    code, found, err = check(tmp_path, name, text, "--languagetool-url", lt_url)
    grammar = [f for f in found if str(f["rule"]).startswith("LT:")]
    assert [f["rule"] for f in grammar] == ["LT:HE_VERB_AGR"], err
    (f,) = grammar
    assert f["text"] == "go" and f["category"] == "grammar"
    assert (f["line"], f["column"]) == position(text, marked)
    assert {"goes", "went"} <= {e["edits"][0]["replacement"] for e in f["fixes"]}
    assert all(e["applicability"] == "unsafe" for e in f["fixes"])
    assert code == 1


def test_lintkit_finding_wins_over_an_overlapping_languagetool_match(tmp_path: Path, lt_url: str) -> None:
    text = "Talks\n\nThe the minister left Geneva on Tuesday.\n"
    _, found, _ = check(tmp_path, "a.txt", text, "--languagetool-url", lt_url)
    assert [f["rule"] for f in found] == ["MT005"]
    _, found, _ = check(tmp_path, "a.txt", text, "--languagetool-url", lt_url, "--ignore", "MT005")
    assert [f["rule"] for f in found] == ["LT:ENGLISH_WORD_REPEAT_RULE"]


def test_batches_of_paragraphs_map_back(tmp_path: Path, lt_url: str, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the configuration is the project's own, so it may send text
    paragraphs = [f"Paragraph {i} is here, and he go to the office at {i} o'clock." for i in range(30)]
    text = "Talks\n\n" + "\n\n".join(paragraphs) + "\n"
    (tmp_path / "lintkit.toml").write_text(
        f'[languagetool]\nurl = "{lt_url}"\nbatch-size = 300\n', encoding="utf-8"
    )
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    out = (
        CliRunner()
        .invoke(main, ["check", "--format", "json", "--select", "LT:HE_VERB_AGR", str(path)])
        .stdout
    )
    found = json.loads(out)
    assert [f["rule"] for f in found] == ["LT:HE_VERB_AGR"] * 30
    assert [f["line"] for f in found] == [3 + 2 * i for i in range(30)]
    assert all(f["text"] == "go" for f in found)


def test_selection_applies_to_languagetool_codes(tmp_path: Path, lt_url: str) -> None:
    text = "Talks\n\nThe minister said he go to Geneva every week.\n"
    _, found, _ = check(tmp_path, "a.txt", text, "--languagetool-url", lt_url, "--ignore", "LT:HE_VERB_AGR")
    assert found == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_is_one_line_and_lintkit_goes_on(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    files = []
    for i in range(3):
        p = tmp_path / f"a{i}.txt"
        p.write_text("Talks\n\nThe talks resumed in the world. the air was cold.\n", encoding="utf-8")
        files.append(str(p))
    r = CliRunner().invoke(main, ["check", "--format", "json", "--languagetool-url", url, *files])
    assert r.exit_code == 1  # lintkit's own findings still decide the exit status
    assert len(json.loads(r.stdout)) == 3
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and url in lines[0] and "checking without it" in lines[0]
    r = CliRunner().invoke(main, ["check", "--languagetool-url", url, "--require-languagetool", files[0]])
    assert r.exit_code == 2 and "Traceback" not in r.stderr
