"""Fixing: safe and unsafe tiers, --diff, convergence, and writes that never lose a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.findings import Applicability, Category, Edit, Finding, Fix, Severity
from lintkit.fixer import choose, conflicts
from lintkit.source import decode
from lintkit.writer import WriteError, write_atomic

ARTICLE = (
    "Talks resume\n\n"
    "The ministers flew home. . The next round is in May.\n\n"
    "The envoy will return, and the the report was published on Tuesday.The vote follows.\n"
)
SAFE_FIXED = (
    "Talks resume\n\n"
    "The ministers flew home. The next round is in May.\n\n"
    "The envoy will return, and the report was published on Tuesday.The vote follows.\n"
)


def cli(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_fix_applies_safe_fixes_and_reports_what_remains(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == SAFE_FIXED
    assert code == 1  # the unsafe one (missing space) remains
    assert "PU004" in out and "PU001" not in out and "MT005" not in out
    assert "2 fixed" in out


def test_unsafe_fixes_too(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    cli("check", "--fix", "--unsafe-fixes", str(path))
    assert "on Tuesday. The vote follows." in path.read_text(encoding="utf-8")


def test_fixing_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    cli("check", "--fix", "--unsafe-fixes", str(path))
    once = path.read_bytes()
    cli("check", "--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == once


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = cli("check", "--diff", str(path))
    assert code == 1
    assert path.read_text(encoding="utf-8") == ARTICLE
    assert f"--- a/{path}" in out and "-The ministers flew home. . The next round is in May." in out
    assert "+The ministers flew home. The next round is in May." in out
    path.write_text(SAFE_FIXED, encoding="utf-8")
    assert cli("check", "--diff", str(path))[0:2] == (0, "")


def test_the_loop_fixes_what_a_fix_uncovers(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Talks resume\n\nThe envoy met the the the minister.\n", encoding="utf-8")
    cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == "Talks resume\n\nThe envoy met the minister.\n"


def test_encoding_bom_line_endings_and_permissions_are_kept(tmp_path: Path) -> None:
    crlf = ARTICLE.replace("\n", "\r\n")
    utf8 = tmp_path / "bom.txt"
    utf8.write_bytes(b"\xef\xbb\xbf" + crlf.encode("utf-8"))
    os.chmod(utf8, 0o640)
    utf16 = tmp_path / "wide.txt"
    utf16.write_bytes("\ufeff".encode("utf-16-le") + crlf.encode("utf-16-le"))
    cli("check", "--fix", str(utf8), str(utf16))
    assert utf8.read_bytes() == b"\xef\xbb\xbf" + SAFE_FIXED.replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(utf8.stat().st_mode) == 0o640
    assert decode(utf16.read_bytes()).text == SAFE_FIXED.replace("\n", "\r\n")
    assert utf16.read_bytes().startswith(b"\xff\xfe")


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    original = path.read_bytes()
    path.write_text(ARTICLE + "A late edit.\n", encoding="utf-8")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(path, SAFE_FIXED, decode(original), original)
    assert path.read_text(encoding="utf-8") == ARTICLE + "A late edit.\n"


def test_a_write_failing_half_way_leaves_the_original_intact(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    original = path.read_bytes()
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh) -> None:
            self.fh = fh

        def write(self, data: bytes) -> int:
            self.fh.write(data[: len(data) // 2])
            self.fh.flush()
            raise OSError(28, "No space left on device")

        def __getattr__(self, name: str):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, SAFE_FIXED, decode(original), original)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left behind


def test_cli_reports_a_failed_write_and_keeps_the_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(5, "Input/output error")))
    code, _, err = cli("check", "--fix", "--jobs", "1", str(path))
    assert code == 2 and "not fixed" in err
    assert path.read_text(encoding="utf-8") == ARTICLE


def _finding(start: int, end: int, applicability: Applicability, rule: str = "XX001") -> Finding:
    fix = Fix(applicability, "d", (Edit(start, end, "x"),))
    return Finding(
        "p", rule, "n", Category.MT, Severity.WARNING, "m", start, end, 1, 1, 1, 1, "t", None, (fix,)
    )


def test_overlapping_fixes_are_never_applied_together() -> None:
    a = _finding(0, 5, Applicability.SAFE, "AA001")
    b = _finding(3, 8, Applicability.SAFE, "BB001")
    c = _finding(5, 6, Applicability.SAFE, "CC001")  # touches a
    d = _finding(9, 10, Applicability.UNSAFE, "DD001")
    chosen = choose([b, d, c, a], unsafe=False, length=100)
    assert [f.edits[0].start for f in chosen] == [0]
    assert [f.edits[0].start for f in choose([a, d], unsafe=True, length=100)] == [0, 9]


def test_fixing_standard_input_prints_the_fixed_text() -> None:
    r = CliRunner().invoke(main, ["check", "--fix", "--stdin-filename", "a.txt", "-"], input=ARTICLE)
    assert r.exit_code == 0
    assert r.stdout == SAFE_FIXED


def _span_finding(rule: str, start: int, end: int, edit: tuple[int, int, str]) -> Finding:
    fix = Fix(Applicability.UNSAFE, "d", (Edit(*edit),))
    return Finding("p", rule, "n", Category.MT, Severity.WARNING, "m", start, end, 1, start + 1, 1, end + 1,
                   "t", None, (fix,))  # fmt: skip


def test_fixes_whose_findings_overlap_are_never_combined() -> None:
    text = "The company reported a 10% increase. Overall. sales rose."
    fragment = _span_finding("MT002", 27, 45, (35, 36, ""))  # "increase. Overall.": delete the first period
    broken = _span_finding("MT001", 37, 56, (44, 45, ""))  # "Overall. sales rose": delete the second
    far = _span_finding("PU001", 56, 57, (56, 57, "!"))  # touches the second finding's span: also apart
    assert choose([fragment, broken, far], unsafe=True, length=len(text)) == [fragment.fixes[0], far.fixes[0]]
    found = conflicts([fragment, broken, far])
    assert found[id(fragment)] == [broken] and found[id(broken)] == [fragment, far]


def test_the_report_says_which_fixes_cannot_go_together(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Talks\n\nThe Russian side was led by Deputy. Foreign Minister Sergei A. Ryabkov.\n",
                    encoding="utf-8")  # fmt: skip
    _, out, _ = cli("check", "--isolated", "--date", "2022-01-10", str(path))
    assert "(conflicts with the fix of FN001 at 3:37: apply one, then check again)" in out
    assert "(conflicts with the fix of MT003 at 3:29: apply one, then check again)" in out
    cli("check", "--isolated", "--date", "2022-01-10", "--fix", "--unsafe-fixes", str(path))
    assert "Deputy Deputy" not in path.read_text(encoding="utf-8")
