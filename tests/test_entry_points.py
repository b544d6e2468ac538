"""Every entry point gives the same findings for the same input and configuration: the
command line, the run, lint_text, lint_path, lint_paths and the text check `apply-decisions`
uses all go through lintkit.check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintkit import lint_path, lint_paths, lint_text, options_for
from lintkit.cli import main
from lintkit.run import RunOptions, lint_file_text, run

TEXT = (
    "Ministers met in Brussels on Tuesday.\n\n"
    "The ministers will will meet again in June. They spoke of the world. the air was cold.\n\n"
    "Officials said the talks went well , and a date was set.\n"
)
MARKDOWN = (
    "# Ministers meet\n\n"
    "The ministers will will meet again in *June*. They spoke of the world. the air was cold.\n\n"
    "<!-- lintkit: disable-next-line=MT001 -->\n"
    "They spoke of the world. the sea was calm.\n\n"
    "Officials said the talks went well , and a [date](https://example.org/a.b) was set.\n"
)
HTML = (
    "<html><body><h1>Ministers meet</h1>\n"
    "<p>The ministers will will meet again in <b>June</b>. They spoke of the world. the air was cold.</p>\n"
    "<!-- lintkit: disable-next-line=MT001 -->\n"
    "<p>They spoke of the world. the sea was calm.</p>\n"
    "<p>Officials said the talks went well , and a date was set.</p>\n"
    "</body></html>\n"
)
CONFIG = """\
ignore = ["PU003", "LT:EN_A_VS_AN"]
[per-file-ignores]
"*.md" = ["MT005", "LT"]
"*.html" = ["MT001"]
[languagetool]
enabled = false
enabled-rules = ["EN_QUOTES"]
"""

Key = tuple[str, int, int]


def keys(findings: list[dict[str, object]] | list[object]) -> set[Key]:
    out = set()
    for f in findings:
        if isinstance(f, dict):
            out.add((str(f["rule"]), int(f["offset"]), int(f["end_offset"])))  # type: ignore[call-overload]
        else:
            out.add((f.rule, f.start, f.end))  # type: ignore[attr-defined]
    return out


def every_entry_point(path: Path) -> dict[str, set[Key]]:
    text = path.read_text(encoding="utf-8")
    cli = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert cli.exit_code in (0, 1), cli.output
    folder = {r.path: r for r in lint_paths([str(path.parent)])}
    return {
        "cli": keys(json.loads(cli.stdout)),
        "run": keys(run(RunOptions(paths=[str(path)], jobs=1)).results[0].findings),
        "lint_path": keys(lint_path(path).findings),
        "lint_paths": keys(folder[str(path)].findings),
        "lint_text": keys(lint_text(text, str(path), options=options_for(path))),
        "decisions": keys(lint_file_text(text, str(path))),
    }


@pytest.mark.parametrize(("name", "content"), [("a.txt", TEXT), ("a.md", MARKDOWN), ("a.html", HTML)])
def test_entry_points_agree_with_and_without_configuration(tmp_path: Path, name: str, content: str) -> None:
    article = tmp_path / "desk" / name
    article.parent.mkdir()
    article.write_text(content, encoding="utf-8")
    plain = every_entry_point(article)
    assert len(set(map(frozenset, plain.values()))) == 1, plain
    assert len(plain["cli"]) >= 2

    (tmp_path / "desk" / "lintkit.toml").write_text(CONFIG, encoding="utf-8")
    configured = every_entry_point(article)
    assert len(set(map(frozenset, configured.values()))) == 1, configured
    assert configured["cli"] < plain["cli"]  # the configuration took something out
    assert not any(rule == "PU003" for rule, _, _ in configured["cli"])


def test_lint_text_reads_markup_and_honours_suppressions() -> None:
    found = lint_text(MARKDOWN, "story.md")
    assert [f.rule for f in found].count("MT001") == 1  # the second is suppressed
    assert all(MARKDOWN[f.start : f.end] == f.text for f in found)  # source offsets
    assert all(f.prose_start >= 0 and f.prose_end >= f.prose_start for f in found)


def test_languagetool_codes_and_keys_in_a_configuration_file(tmp_path: Path) -> None:
    (tmp_path / "lintkit.toml").write_text(CONFIG, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(article)])
    assert result.exit_code == 1, result.stderr
    assert "matches no rule" not in result.stderr and "unknown key" not in result.stderr


def test_configuration_names_a_code_that_matches_nothing(tmp_path: Path) -> None:
    (tmp_path / "lintkit.toml").write_text('ignore = ["MT999"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(article)])
    assert result.exit_code == 2
    assert "lintkit.toml:1: ignore: 'MT999' matches no rule" in result.stderr


def test_reporters_do_not_import_the_engine() -> None:
    """Formatting a report needs the findings and rule metadata, nothing of the rules."""
    code = (
        "import sys, lintkit.reporters as r\n"
        "for name in r.FORMATS: r.reporter(name)([])\n"
        "heavy = [m for m in sys.modules if m.startswith(('lintkit.detect', 'lintkit.linter', "
        "'lintkit.knowledge', 'lintkit.languagetool', 'lintkit.api', 'lintkit.rule', 'lintkit.check'))]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_changed_pack_is_noticed_by_the_next_run(tmp_path: Path) -> None:
    pack = tmp_path / "ours.yaml"
    rule = """rules:
  - code: XX001
    name: ours
    kind: pattern
    category: style
    severity: warning
    message: 'Ours: "{text}"'
    explanation: A house rule.
    pattern: '\\b%s\\b'
    examples:
      bad:
        - text: 'It was %s.'
          finds: '%s'
      good:
        - 'It was fine.'
"""
    article = tmp_path / "a.txt"
    article.write_text("It was sunny. It was windy.\n", encoding="utf-8")
    pack.write_text(rule % ("sunny", "sunny", "sunny"), encoding="utf-8")
    first = run(RunOptions(paths=[str(article)], rules=[str(pack)], jobs=1)).results[0].findings
    pack.write_text(rule % ("windy", "windy", "windy") + "\n", encoding="utf-8")
    second = run(RunOptions(paths=[str(article)], rules=[str(pack)], jobs=1)).results[0].findings
    assert [f.text for f in first] == ["sunny"]
    assert [f.text for f in second] == ["windy"]
