"""Hostile input and faults: a LanguageTool server that lies or hangs, a decisions file that
points outside the project, a disk that fills while a baseline is written, a rule or a
reader that fails on one file. Nothing is corrupted, nothing is written where it should not
be, and no run is lost to one bad file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.findings import Applicability, Category, Edit, Finding, Fix, Severity
from lintkit.fingerprint import fingerprints
from lintkit.fixer import apply, choose
from lintkit.languagetool.http import Utf16Offsets
from lintkit.run import lint_file_text

from .conftest import ROOT

CLEAN = "Talks resume\n\nThe ministers met in Geneva on Monday and agreed to talk again.\n"

Answer = Callable[[str], Any]  # the text sent -> the JSON to answer with (or a callable action)


class FakeLanguageTool:
    """A LanguageTool look-alike on 127.0.0.1 whose /v2/check answer a test chooses."""

    def __init__(self, answer: Answer, delay: float = 0.0, trickle: bool = False) -> None:
        self.answer, self.delay, self.trickle = answer, delay, trickle
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, body: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if fake.trickle:
                    for byte in body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.5)
                else:
                    self.wfile.write(body)

            def do_GET(self) -> None:
                self._send(json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}]).encode())

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                from urllib.parse import parse_qs

                form = parse_qs(self.rfile.read(length).decode("utf-8"))
                if fake.delay:
                    time.sleep(fake.delay)
                self._send(json.dumps(fake.answer(form["text"][0])).encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def fake_lt() -> Iterator[Callable[..., FakeLanguageTool]]:
    servers: list[FakeLanguageTool] = []

    def start(answer: Answer, **kw: Any) -> FakeLanguageTool:
        servers.append(FakeLanguageTool(answer, **kw))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def match(offset: Any, length: Any, replacements: Any = ("X",), rule: Any = "FAKE_RULE") -> dict[str, Any]:
    reps = [{"value": r} for r in replacements] if isinstance(replacements, tuple) else replacements
    return {"offset": offset, "length": length, "message": "m", "replacements": reps,
            "rule": {"id": rule, "description": "d", "issueType": "grammar"}}  # fmt: skip


def test_languagetool_matches_outside_the_text_or_of_wrong_types_are_dropped(tmp_path: Path, fake_lt) -> None:
    hostile = [
        match(-50_000, 10), match(10**9, 5), match(0, 10**9), match("3", 2), match(True, 1), match(3, -1),
        match(3, 2, replacements=[{"value": 7}]), match(3, 2, replacements="XYZ"), match(3, 2, rule=None),
        match(3, 2, rule="../../etc"), "not a match", None,
    ]  # fmt: skip
    good = "The ministers"  # a valid match, to show the rest of the answer still counts

    def answer(text: str) -> dict[str, Any]:
        return {"matches": [*hostile, match(text.index(good), len(good))]}

    server = fake_lt(answer)
    article = tmp_path / "a.txt"
    article.write_text(CLEAN, encoding="utf-8")
    before = article.read_bytes()
    r = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", "--languagetool-url", server.url,
                                  str(article)])  # fmt: skip
    found = json.loads(r.stdout)
    assert [(f["rule"], f["text"]) for f in found] == [("LT:FAKE_RULE", good)]
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert lines[0] == f"lintkit: article text was sent to the LanguageTool server at {server.url}"
    assert len(lines) == 2 and "12 invalid matches" in lines[1] and "dropped" in lines[1]
    r = CliRunner().invoke(main, ["check", "--isolated", "--fix", "--unsafe-fixes", "--languagetool-url",
                                  server.url, str(article)])  # fmt: skip
    fixed = article.read_bytes()
    assert len(fixed) < len(before) + 10  # one replacement "X" for "The ministers", nothing appended
    assert fixed == before.replace(good.encode(), b"X")


def test_languagetool_offsets_count_utf16_code_units(tmp_path: Path, fake_lt) -> None:
    """LanguageTool counts in UTF-16: an emoji before the match is two units, one character."""
    article = tmp_path / "a.txt"
    article.write_text("Talks\n\nFans 😀😀 cheered as the the team won.\n", encoding="utf-8")

    def answer(text: str) -> dict[str, Any]:
        units = text.encode("utf-16-le")
        at = units.index("the the".encode("utf-16-le")) // 2
        return {"matches": [match(at, 7), match(text.index("😀") + 1, 1)]}  # the second splits a pair

    server = fake_lt(answer)
    r = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", "--ignore", "MT005",
                                  "--languagetool-url", server.url, str(article)])  # fmt: skip
    found = [f for f in json.loads(r.stdout) if f["rule"].startswith("LT:")]
    assert [f["text"] for f in found] == ["the the"]
    assert "1 invalid match " in r.stderr


def test_utf16_offsets_never_split_a_character() -> None:
    units = Utf16Offsets("a😀b")
    assert [units.to_code_point(i) for i in range(units.units + 1)] == [0, 1, None, 2, 3]


def test_a_languagetool_server_that_hangs_or_trickles_is_abandoned(tmp_path: Path, fake_lt) -> None:
    article = tmp_path / "a.txt"
    article.write_text(CLEAN, encoding="utf-8")
    (tmp_path / "lintkit.toml").write_text("[languagetool]\ntimeout = 1\n", encoding="utf-8")
    for server in (
        fake_lt(lambda t: {"matches": []}, delay=60),
        fake_lt(lambda t: {"matches": []}, trickle=True),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "lintkit", "check", "--languagetool-url", server.url, str(article)],
            capture_output=True, text=True, timeout=60, cwd=tmp_path,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        lines = [line for line in proc.stderr.splitlines() if line.strip() and "was sent to" not in line]
        assert len(lines) == 1 and "no complete answer within 1 s" in lines[0], proc.stderr


def _finding(start: int, end: int, replacement: str = "x") -> Finding:
    fix = Fix(Applicability.SAFE, "d", (Edit(start, end, replacement),))
    return Finding(
        "p", "XX001", "n", Category.MT, Severity.WARNING, "m", start, end, 1, 1, 1, 1, "t", None, (fix,)
    )


def test_the_fixer_never_applies_a_fix_outside_the_text() -> None:
    text = "0123456789"
    bad = [_finding(-5, 2), _finding(8, 50), _finding(12, 12)]
    assert choose(bad, unsafe=True, length=len(text)) == []
    ok = choose([*bad, _finding(2, 3, "-")], unsafe=True, length=len(text))
    assert apply(text, ok) == "01-3456789"
    with pytest.raises(ValueError):
        apply(text, [_finding(2, 5).fixes[0], _finding(4, 6).fixes[0]])


# --- decisions files are untrusted -------------------------------------------------------------

ARTICLE = "Talks resume\n\nThe ministers flew home. . The talks resumed on Monday.\n"


def _decision(path: str, fingerprint: str, decision: str = "accept", **extra: Any) -> dict[str, Any]:
    return {
        "path": path,
        "rule": "PU001",
        "fingerprint": fingerprint,
        "decision": decision,
        "fix": 0,
        **extra,
    }


def _apply(tmp_path: Path, decisions: list[Any], *args: str) -> Any:
    (tmp_path / "decisions.json").write_text(
        json.dumps({"version": 1, "decisions": decisions}), encoding="utf-8"
    )
    return CliRunner().invoke(main, ["apply-decisions", str(tmp_path / "decisions.json"), "--baseline",
                                     str(tmp_path / "base.json"), *args])  # fmt: skip


def test_decisions_never_write_outside_the_root(tmp_path: Path, monkeypatch) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    victim = outside / "v.txt"
    victim.write_text(ARTICLE, encoding="utf-8")
    (project / "link.txt").symlink_to(victim)
    (f,) = [f for f in lint_file_text(ARTICLE, str(victim)) if f.rule == "PU001"]
    fp = fingerprints([f], ARTICLE)[0]
    monkeypatch.chdir(project)
    r = _apply(
        tmp_path, [_decision("../outside/v.txt", fp), _decision(str(victim), fp), _decision("link.txt", fp)]
    )
    assert victim.read_text(encoding="utf-8") == ARTICLE
    assert r.exit_code == 2
    assert r.stderr.count("refused: outside the root") == 3
    assert "Applied 0 fixes" in r.stdout
    # the same decision is carried out when the root holds the file
    r = _apply(tmp_path, [_decision("v.txt", fp)], "--root", str(outside))
    assert r.exit_code == 0, r.stderr
    assert ". ." not in victim.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "bad",
    [
        {"path": None, "fingerprint": "f", "decision": "accept"},
        {"path": "a.txt", "fingerprint": ["f"], "decision": "accept"},
        {"path": "a.txt", "fingerprint": "f", "decision": "accept", "fix": "0"},
        {"path": "a.txt", "fingerprint": "f", "decision": "accept", "fix": True},
        {"path": "a\ud800.txt", "fingerprint": "f", "decision": "dismiss"},
        {"path": "a.txt", "fingerprint": "f", "decision": "maybe"},
        "accept everything",
    ],
)
def test_invalid_decisions_are_named_not_internal_errors(tmp_path: Path, monkeypatch, bad: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = _apply(tmp_path, [bad])
    assert r.exit_code == 2
    assert "invalid decision" in r.stderr and "internal error" not in r.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == ARTICLE


def test_fix_index_out_of_range_and_contradictions_are_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    (f,) = [f for f in lint_file_text(ARTICLE, str(article)) if f.rule == "PU001"]
    fp = fingerprints([f], ARTICLE)[0]
    r = _apply(tmp_path, [_decision("a.txt", fp, fix=7)])
    assert r.exit_code == 2 and "invalid decision: fix 7 of PU001" in r.stderr
    r = _apply(tmp_path, [_decision("a.txt", fp), _decision("a.txt", fp, "dismiss")])
    assert r.exit_code == 2 and "both accepted and dismissed" in r.stderr
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert not (tmp_path / "base.json").exists()


# --- writes that cannot complete leave the old file whole ---------------------------------------


def test_a_baseline_write_that_fails_keeps_the_old_baseline(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "base.json"
    assert CliRunner().invoke(main, ["check", "--write-baseline", str(baseline), str(article)]).exit_code == 0
    old = baseline.read_bytes()
    article.write_text(ARTICLE + "\nThe the end.\n", encoding="utf-8")
    # a full disk, simulated: every write of the new file's bytes fails half way
    code = (
        "import io, sys\n"
        "import lintkit.writer as w\n"
        "class Full(io.FileIO):\n"
        "    def write(self, b):\n"
        "        raise OSError(28, 'No space left on device')\n"
        "w.os.fdopen = lambda fd, mode: Full(fd, 'wb')\n"
        "from lintkit.cli import main\n"
        "sys.argv = ['lintkit', 'check', '--write-baseline', sys.argv[1], sys.argv[2]]\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(baseline), str(article)], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "No space left on device" in proc.stderr
    assert baseline.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".lk")] == []  # no temporary left


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_goes_into_the_baseline(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "base.json"
    r = CliRunner().invoke(main, ["check", "--write-baseline", str(baseline), str(tmp_path)])
    assert r.exit_code == 0, r.stderr
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert recorded and recorded[0]["path"] == name
    r = CliRunner().invoke(main, ["check", "--format", "json", "--baseline", str(baseline), str(tmp_path)])
    assert json.loads(r.stdout) == []


def test_a_report_never_overwrites_an_article(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    for option in ("-o", "--write-baseline"):
        r = CliRunner().invoke(main, ["check", option, str(article), str(article)])
        assert r.exit_code == 2 and "one of the articles being checked" in r.stderr
        assert article.read_text(encoding="utf-8") == ARTICLE


# --- one bad file, or one failing rule, does not lose the run -----------------------------------


def test_an_officials_name_split_across_lines_or_spaces(tmp_path: Path) -> None:
    text = (ROOT / "fixtures" / "examples" / "geneva-talks.txt").read_text(encoding="utf-8")
    expected = {f.rule for f in lint_file_text(text, "a.txt")}
    for gap in ("\n", "  ", "\t", "\u00a0"):
        variant = text.replace("Sergei A. Ryabkov", f"Sergei{gap}A. Ryabkov").replace(
            "Antony Blinken", f"Antony{gap}Blinken"
        )
        assert {f.rule for f in lint_file_text(variant, "a.txt")} == expected


def test_a_rule_that_fails_on_one_file_costs_that_rule_on_that_file_only(tmp_path: Path) -> None:
    for i in range(10):  # enough files for worker processes
        (tmp_path / f"a{i}.txt").write_text(
            "Talks\n\nOfficials met. . The the talks ended.\n", encoding="utf-8"
        )
    (tmp_path / "a3.txt").write_text(
        "Talks\n\nOfficials met. . The the talks ended in Boomtown.\n", encoding="utf-8"
    )
    code = (
        "import sys\n"
        "from lintkit.detect.sentence_breaks import BrokenSentence\n"
        "real = BrokenSentence.check\n"
        "def check(self, doc, ctx):\n"
        "    if 'Boomtown' in doc.text: raise KeyError('boom')\n"
        "    return real(self, doc, ctx)\n"
        "BrokenSentence.check = check\n"
        "from lintkit.cli import main\n"
        "sys.argv = ['lintkit', 'check', '--fix', '-j', '2', sys.argv[1]]\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if "error" in line]
    assert len(errors) == 2, proc.stderr  # the rule's failure, and "not fixed" for that file
    assert all("a3.txt" in line for line in errors) and "MT001" in errors[0] and "KeyError" in errors[0]
    assert ". ." in (tmp_path / "a3.txt").read_text(encoding="utf-8")  # not written
    for i in (0, 1, 2, 4, 9):
        assert ". ." not in (tmp_path / f"a{i}.txt").read_text(encoding="utf-8")  # fixed


def test_markup_the_reader_cannot_parse_is_that_files_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "odd.html").write_text("<p>Talks <![x resumed.</p>\n<p>Officials met. . Talks ended.</p>\n")
    r = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path / "odd.html")])
    assert r.exit_code == 1 and "error" not in r.stderr  # a broken marked section is skipped, not fatal
    assert [f["rule"] for f in json.loads(r.stdout)] == ["PU001"]

    def broken(source: str) -> None:
        raise AssertionError("the parser gave up")

    import lintkit.readers.html_reader as html_reader

    monkeypatch.setattr(html_reader, "read_html", broken)
    (tmp_path / "good.txt").write_text("Talks\n\nOfficials met. . The talks ended.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    assert r.exit_code == 2
    assert "odd.html: error: cannot read as html: AssertionError: the parser gave up" in r.stderr
    assert [f["rule"] for f in json.loads(r.stdout)] == ["PU001"]


# --- output hygiene --------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_in_every_format(tmp_path: Path) -> None:
    from lintkit.reporters import FORMATS

    name = os.fsdecode(b"caf\xe9\x1b[31m.txt")
    (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        r = CliRunner().invoke(main, ["check", "--format", fmt, "-o", str(out), str(tmp_path / name)])
        assert r.exit_code == 1, (fmt, r.stderr)
        data = out.read_bytes()
        text = data.decode("utf-8")  # valid UTF-8 whatever the name
        assert "\x1b" not in text and "\udce9" not in text
        assert any(shown in text for shown in ("caf\\xe9", "caf\\\\xe9", "caf%E9")), fmt
        if fmt in ("json", "sarif", "gitlab", "rdjson"):
            json.loads(text)


def test_terminal_escapes_in_text_and_names_are_shown_escaped(tmp_path: Path) -> None:
    article = tmp_path / "a\x1b]0;owned\x07.txt"
    article.write_text("Talks\n\nThe envoys met\x1b[2J in the world. the air was cold.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(article)])
    assert r.exit_code == 1
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "\\x1b]0;owned\\x07.txt" in r.stdout and "met\\x1b[2J in the" in r.stdout
    line = next(x for x in r.stdout.splitlines() if "| The envoys" in x or ("world. the" in x and "|" in x))
    carets = r.stdout.splitlines()[r.stdout.splitlines().index(line) + 1]
    assert line[carets.index("^") : carets.rindex("^") + 1] == "world. the air"


def test_a_nul_byte_anywhere_makes_a_file_binary(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(("Talks\n\n" + "The talks went on. " * 1000).encode() + b"\x00 tail\n")
    r = CliRunner().invoke(main, ["check", "--format", "json", str(article)])
    assert r.exit_code == 2
    assert "binary file (NUL byte at byte offset" in r.stderr
    assert json.loads(r.stdout) == []


BREAKS = ["\u2028", "\u2029", "\x1c", "\x1d", "\x1e", "\x85", "\x0b", "\x0c"]


@pytest.mark.parametrize("name", ["a.md", "a.txt", "a.html"])
@pytest.mark.parametrize("brk", BREAKS)
def test_characters_python_breaks_lines_at_keep_positions(tmp_path: Path, name: str, brk: str) -> None:
    from lintkit.check import make_document

    body = f"The envoys{brk}met the the world. the air{brk}{brk}was cold.\n\n"
    body += f"Kyiv and Ukraine. . West said{brk}again."
    src = {"a.md": f"# Talks\n\n{body}\n", "a.html": f"<h1>Talks</h1><p>{body}</p>"}.get(name, body)
    doc = make_document(src, name)
    for i, ch in enumerate(doc.text):
        if not ch.isspace():
            assert src[doc.to_source(i)] == ch, (i, ch)
    article = tmp_path / name
    article.write_bytes(src.encode("utf-8"))
    r = CliRunner().invoke(main, ["check", "--format", "json", str(article)])
    findings = json.loads(r.stdout)
    assert findings
    for f in findings:
        assert (f["line"], f["column"]) <= (f["end_line"], f["end_column"])
        assert 0 <= f["offset"] <= f["end_offset"] <= len(src)
    r = CliRunner().invoke(main, ["check", "--fix", "--unsafe-fixes", str(article)])
    assert r.exit_code in (0, 1), r.output
    assert abs(len(article.read_text(encoding="utf-8")) - len(src)) < 40


def _pack(tmp_path: Path, message: str, description: str = "keep one") -> Path:
    pack = tmp_path / "ours.yaml"
    pack.write_text(
        "rules:\n"
        "  - code: XH001\n"
        "    name: house-rule\n"
        "    kind: pattern\n"
        "    category: style\n"
        "    severity: warning\n"
        f"    message: {json.dumps(message)}\n"
        "    explanation: A house rule.\n"
        "    pattern: '(?P<mark>colour)'\n"
        "    fix:\n"
        "      replacement: 'color'\n"
        "      applicability: safe\n"
        f"      description: {json.dumps(description)}\n"
        "    examples:\n"
        "      bad:\n"
        "        - text: 'The colour.'\n"
        "          finds: 'colour'\n"
        "      good:\n"
        "        - text: 'The color.'\n",
        encoding="utf-8",
    )
    return pack


@pytest.mark.parametrize(
    ("message", "description", "line"),
    [
        ("Write color, not {text:>9999999999}", "keep one", 7),
        ("Write color, not {text.__class__.__mro__}", "keep one", 7),
        ("Write color, not {text!r}", "keep one", 7),
        ("Write color, not {0}", "keep one", 7),
        ("Write color, not {text", "keep one", 7),
        ("Write color", "write {replacement:*^99999999}", 13),
    ],
)
def test_message_templates_are_checked_when_the_pack_loads(
    tmp_path: Path, message: str, description: str, line: int
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(CLEAN, encoding="utf-8")
    pack = _pack(tmp_path, message, description)
    r = CliRunner().invoke(main, ["check", "--rules", str(pack), str(article)])
    assert r.exit_code == 2
    assert f"ours.yaml:{line}: rule XH001:" in r.stderr
    assert "placeholder" in r.stderr or "expected '}'" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_plain_placeholders_and_literal_braces_still_work(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Talks\n\nThe colour of the flag was chosen on Monday.\n", encoding="utf-8")
    pack = _pack(tmp_path, "Write color, not {text} {{house}}", "use {replacement}")
    r = CliRunner().invoke(main, ["check", "--format", "json", "--rules", str(pack), str(article)])
    [found] = [f for f in json.loads(r.stdout) if f["rule"] == "XH001"]
    assert found["message"] == "Write color, not colour {house}"
    assert found["fixes"][0]["description"] == "use color"


def test_a_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    bomb = tmp_path / "knowledge.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(CLEAN, encoding="utf-8")
    for option in ("--rules", "--knowledge"):
        r = CliRunner().invoke(main, ["check", option, str(bomb), str(article)])
        assert r.exit_code == 2 and "alias" in r.stderr and "knowledge.yaml" in r.stderr


def test_a_few_anchors_are_still_fine(tmp_path: Path) -> None:
    from lintkit.yamlfile import load_yaml

    data = tmp_path / "d.yaml"
    data.write_text("base: &b {severity: warning, tags: [a, b]}\none: *b\ntwo: {<<: *b, note: x}\n")
    assert load_yaml(data)["two"] == {"severity": "warning", "tags": ["a", "b"], "note": "x"}


def test_data_nested_too_deeply_is_one_line(tmp_path: Path) -> None:
    from lintkit.config import load_config
    from lintkit.yamlfile import DataError, load_yaml, read_json

    deep = tmp_path / "deep.yaml"
    for text in ("[" * 50_000 + "]" * 50_000, "- " * 50_000 + "x"):  # crashed the interpreter
        deep.write_text(text, encoding="utf-8")
        with pytest.raises(DataError, match=r"deep\.yaml:1: nested more than"):
            load_yaml(deep)
    deep_json = tmp_path / "decisions.json"
    deep_json.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(DataError, match="nested too deeply"):
        read_json(deep_json, "a decisions file")
    deep_toml = tmp_path / ".lintkit.toml"
    deep_toml.write_text("select = " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(DataError, match="nested too deeply"):
        load_config(deep_toml)


ARTICLE_WITH_FINDING = "Talks\n\nThe the envoys met in Geneva on Monday.\n"


def _run_cli(*args: str, stdin: Any = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """lintkit in a child process, bounded in time: a hang fails the test instead of CI."""
    return subprocess.run([sys.executable, "-m", "lintkit", *args], capture_output=True, text=True,
                          stdin=stdin, timeout=120, cwd=cwd or ROOT, check=False)  # fmt: skip


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_special_files_are_reported_and_skipped_never_read(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE_WITH_FINDING, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)  # a folder loop: not followed
    proc = _run_cli("check", str(folder), "/dev/zero", str(folder / "loop.txt"))
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()
    assert any("pipe.txt: error: not a regular file (a FIFO)" in e for e in errors), errors
    assert any("/dev/zero: error: not a regular file (a character device)" in e for e in errors)
    assert sum("loop.txt: error:" in e for e in errors) == 2  # found in the folder and named
    assert "good.txt:3:1: MT005" in proc.stdout and "1 file checked" in proc.stdout


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "desk"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "a.txt").write_text(ARTICLE_WITH_FINDING, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_WITH_FINDING, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:  # as an unprivileged user sees a 0700 folder of another
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = CliRunner().invoke(main, ["check", "--jobs", "1", str(folder)])
    assert r.exit_code == 2
    assert f"{folder / 'locked'}: error: cannot read this folder: Permission denied" in r.stderr
    assert "b.txt:3:1: MT005" in r.stdout


def test_articles_larger_than_the_limit_are_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE_WITH_FINDING + "The talks went on. " * 60_000, encoding="utf-8")  # 1.1 MB
    small = tmp_path / "small.txt"
    small.write_text(ARTICLE_WITH_FINDING, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--max-size", "1", str(big), str(small)])
    assert r.exit_code == 2
    assert "big.txt: error: 1,140,0" in r.stderr and "maximum article size (1 MB)" in r.stderr
    assert "small.txt:3:1: MT005" in r.stdout
    (tmp_path / ".lintkit.toml").write_text("max-size = 2\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(big)])
    assert r.exit_code == 1 and "big.txt:3:1: MT005" in r.stdout
    (tmp_path / ".lintkit.toml").write_text("max-size = 'big'\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(big)])
    assert r.exit_code == 2 and "'max-size' must be a positive number of megabytes" in r.stderr


def test_standard_input_that_never_ends_is_cut_at_the_limit() -> None:
    with open("/dev/zero", "rb") as zero:
        proc = _run_cli("check", "--max-size", "0.5", "-", stdin=zero)
    assert proc.returncode == 2
    assert "-: error: more than 500,000 bytes, larger than the maximum article size (0.5 MB)" in proc.stderr


def test_only_the_projects_own_configuration_may_send_text(tmp_path: Path, fake_lt, monkeypatch) -> None:
    received: list[str] = []
    server = fake_lt(lambda text: received.append(text) or {"matches": []})
    shared = tmp_path / "shared"  # a shared temp folder or network drive above the project
    project = shared / "desk"
    (project / ".git").mkdir(parents=True)
    article = project / "a.txt"
    article.write_text(CLEAN, encoding="utf-8")
    planted = shared / ".lintkit.toml"
    planted.write_text(f'[languagetool]\nurl = "{server.url}"\n', encoding="utf-8")
    monkeypatch.chdir(project)

    r = CliRunner().invoke(main, ["check", "a.txt"])
    assert received == [] and r.exit_code == 0
    assert f"{planted}: [languagetool] ignored: this configuration is outside the project ({project})" in (
        r.stderr
    )
    assert "was sent" not in r.stderr

    for args in (["--config", str(planted)], ["--languagetool-url", server.url]):  # said explicitly: sent
        r = CliRunner().invoke(main, ["check", "-q", *args, "a.txt"])
        assert len(received) == 1 and "ministers met" in received.pop()
        assert r.stderr.count(f"article text was sent to the LanguageTool server at {server.url}") == 1

    (project / ".lintkit.toml").write_text(f'[languagetool]\nurl = "{server.url}"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "a.txt", "a.txt"])  # the project's own file: sent, said once
    assert len(received) == 2 and "ignored" not in r.stderr
    assert r.stderr.count("article text was sent to the LanguageTool server") == 1


def test_configuration_values_are_checked(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(CLEAN, encoding="utf-8")
    cases = {
        '[house-style]\nhonorific-perod = "Mr"\n': "'honorific-perod' (did you mean 'honorific-period'?)",
        '[house-style]\nhonorific-period = "M"\n': "honorific-period must be one of 'Mr.', 'Mr', not 'M'",
        "[house-style]\nus = 1\n": "'house-style' must be a table of group = variant",
        "[languagetool]\nspelling = 'no'\n": "'spelling' must be true or false, not 'no'",
        "[languagetool]\ntimeout = -1\n": "'timeout' must be a positive number of seconds",
        "[languagetool]\nurl = 'file:///etc/passwd'\n": "'url' must be an http(s):// address",
        "max-size = true\n": "'max-size' must be a positive number of megabytes",
    }
    for config, problem in cases.items():
        (tmp_path / ".lintkit.toml").write_text(config, encoding="utf-8")
        r = CliRunner().invoke(main, ["check", str(article)])
        line = 1 if config.startswith(("max-size", "[house-style]\nus")) else 2
        assert r.exit_code == 2 and f".lintkit.toml:{line}: " in r.stderr and problem in r.stderr, r.stderr
    (tmp_path / ".lintkit.toml").write_text('[house-style]\nhonorific-period = "Mr"\n', encoding="utf-8")
    article.write_text("Talks\n\nMr. Lavrov met Mr Blinken, and Mr. Wang came later.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--format", "json", str(article)])
    assert [f["text"] for f in json.loads(r.stdout) if f["rule"] == "ST001"] == ["Mr.", "Mr."]


@pytest.mark.parametrize("value", ["'no'", "'false'", "0", "'yes'"])
def test_a_quoted_no_in_a_pack_is_not_read_as_yes(tmp_path: Path, value: str) -> None:
    pack = _pack(tmp_path, "Write color")
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text.replace("    kind: pattern\n", f"    kind: pattern\n    ignore-case: {value}\n"))
    article = tmp_path / "a.txt"
    article.write_text(CLEAN, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--rules", str(pack), str(article)])
    assert r.exit_code == 2
    assert "ours.yaml:5: rule XH001: 'ignore-case' must be true or false, not" in r.stderr


def test_markdown_nested_deeper_than_markdown_it_reads_is_checked_or_said(tmp_path: Path) -> None:
    quotes = tmp_path / "quotes.md"
    quotes.write_text("# Talks\n\n" + "> " * 40 + "The the envoys met.\n", encoding="utf-8")  # dropped at 20
    r = CliRunner().invoke(main, ["check", str(quotes)])
    assert r.exit_code == 1 and "MT005" in r.stdout and "warning" not in r.stderr
    deep = tmp_path / "deep.md"
    body = "> " * 150 + "The the envoys met.\n\nKyiv and Ukraine. . Talks went on.\n"
    deep.write_text("# Talks\n\n" + body, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(deep)])
    assert "deep.md: Markdown nested 100 or more levels deep; the deepest parts are not checked" in r.stderr
    assert "PU001" in r.stdout  # the rest of the file is still checked


def test_real_paths_through_links_match_the_operating_system(tmp_path: Path) -> None:
    """lintkit.paths.real remembers folders' real paths: a file through a linked folder,
    a linked file, '..' after a link, a loop of links and a missing file all resolve as
    os.path.realpath resolves them."""
    from lintkit.paths import forget, real

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "flink.txt").symlink_to(tmp_path / "a" / "b" / "f.txt")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    cases = ["link/b/f.txt", "a/flink.txt", "link/b/../b/f.txt", "loop1", "a/b/missing.txt", "link/", "."]
    for case in cases:
        forget()
        first = real(tmp_path / case)
        again = real(tmp_path / case)  # from the remembered folder
        assert str(first) == str(again) == os.path.realpath(tmp_path / case), case


def test_the_real_folder_of_an_ordinary_file_is_its_real_parent(tmp_path: Path) -> None:
    """find_config reads an ordinary file's folder from one lstat and the remembered
    folders; a folder, a link, a missing file or a path through '..' gets no answer there
    (real() resolves those), and configurations are found the same either way."""
    from lintkit.config import find_config, forget
    from lintkit.paths import real, real_folder_of_file

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / ".lintkit.toml").write_text('ignore = ["MT005"]\n', encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    (tmp_path / "flink.txt").symlink_to(tmp_path / "a" / "b" / "f.txt")
    forget()
    for case in ["a/b/f.txt", "link/b/f.txt"]:
        expected = os.path.dirname(os.path.realpath(tmp_path / case))
        assert real_folder_of_file(tmp_path / case) == expected, case
        assert real_folder_of_file(str(tmp_path / case)) == str(real(tmp_path / case).parent), case
    for case in ["a/b", "flink.txt", "link", "a/b/missing.txt", "link/b/../b/f.txt"]:
        assert real_folder_of_file(tmp_path / case) is None, case
    for case in ["a/b/f.txt", "link/b/f.txt", "flink.txt", "a/b", "link/b/../b/f.txt"]:
        forget()
        assert find_config(tmp_path / case).ignore == ("MT005",), case
    forget()
    assert find_config(tmp_path / "a" / "b" / "f.txt") is find_config(tmp_path / "a" / "b")


def test_a_timeout_is_reported_alike_whichever_clock_runs_out_first(fake_lt, monkeypatch) -> None:
    """The socket's own time limit and the overall deadline are the same seconds; on a
    loaded machine either can run out first, and the user reads one message either way."""
    import http.client

    from lintkit.languagetool import http as lt_http

    server = fake_lt(lambda t: {"matches": []})
    endpoint = lt_http.Endpoint.parse(server.url)

    def stalls(self: http.client.HTTPConnection) -> http.client.HTTPResponse:
        raise TimeoutError("timed out")  # the socket's limit, at once

    monkeypatch.setattr(http.client.HTTPConnection, "getresponse", stalls)
    with pytest.raises(lt_http.ServerError, match=r"^no complete answer within 1 s$"):
        lt_http.post(endpoint, "/v2/check", {"text": "x"}, timeout=1.0)
