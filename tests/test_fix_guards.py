"""What `--fix` keeps of a file (docs/fixing.md): links, owners, permissions, byte order;
and fixes that never settle are not written."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintkit.cli import main

ARTICLE = "Talks resume\n\nThe ministers flew home. . The the envoy will return in May.\n"
FIXED = "Talks resume\n\nThe ministers flew home. The envoy will return in May.\n"


def fix(*paths: Path, extra: tuple[str, ...] = ()) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["check", "--fix", "--jobs", "1", *extra, *map(str, paths)])
    return r.exit_code, r.output


def test_a_symbolic_link_stays_a_link_and_its_target_is_fixed(tmp_path: Path) -> None:
    target = tmp_path / "store" / "a.txt"
    target.parent.mkdir()
    target.write_text(ARTICLE, encoding="utf-8")
    link = tmp_path / "a.txt"
    link.symlink_to(target)
    fix(link)
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"]


def test_hard_links_stay_linked(tmp_path: Path) -> None:
    one = tmp_path / "a.txt"
    one.write_text(ARTICLE, encoding="utf-8")
    two = tmp_path / "copy-desk.txt"
    os.link(one, two)
    fix(one)
    assert one.read_text(encoding="utf-8") == FIXED == two.read_text(encoding="utf-8")
    assert one.stat().st_ino == two.stat().st_ino and one.stat().st_nlink == 2


def test_a_read_only_file_is_not_fixed_even_by_root(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0o444)
    code, out = fix(path)
    assert path.read_text(encoding="utf-8") == ARTICLE
    assert code == 2 and "read-only" in out and str(path) in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_utf16_big_endian_comes_back_big_endian(tmp_path: Path) -> None:
    for bom, codec in ((b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(bom + ARTICLE.replace("\n", "\r\n").encode(codec))
        fix(path)
        assert path.read_bytes() == bom + FIXED.replace("\n", "\r\n").encode(codec)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown a file")
def test_owner_group_and_mode_are_kept_when_root_fixes_another_users_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    os.chown(path, 65534, 65534)
    path.chmod(0o640)
    fix(path)
    info = path.stat()
    assert path.read_text(encoding="utf-8") == FIXED
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o640)


def test_a_file_this_user_may_write_but_not_give_away_keeps_its_owner(tmp_path: Path, monkeypatch) -> None:
    """What an unprivileged user gets on a shared, group-writable file: chown is refused, so
    the file is rewritten in place and stays its owner's."""
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    inode = path.stat().st_ino
    real_stat = Path.stat

    def foreign(self: Path, **kw: object) -> os.stat_result:  # the file looks like someone else's
        info = real_stat(self, **kw)  # type: ignore[arg-type]
        fields = list(info)
        fields[stat.ST_UID] = os.getuid() + 1
        return os.stat_result(fields)

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(Path, "stat", foreign)
    monkeypatch.setattr(os, "chown", refuse)
    fix(path)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == FIXED
    assert path.stat().st_ino == inode  # the same file, not a new one owned by this user
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def _as_nobody() -> bool:
    """Whether this test run can start lintkit as an unprivileged user (root in a container)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    try:
        probe = subprocess.run([sys.executable, "-c", "import lintkit.cli"], user=65534, group=65534,
                               capture_output=True, check=False, timeout=60)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


@pytest.mark.skipif(not _as_nobody(), reason="needs root and a Python an unprivileged user can run")
def test_an_unprivileged_user_keeps_the_owner_and_cannot_fix_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    folder.chmod(0o777)
    shared = folder / "shared.txt"  # root's file, writable by everyone
    shared.write_text(ARTICLE, encoding="utf-8")
    shared.chmod(0o666)
    locked = folder / "locked.txt"  # root's file, read-only to others
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0o644)
    run = subprocess.run(
        [sys.executable, "-m", "lintkit", "check", "--fix", "--jobs", "1", str(shared), str(locked)],
        user=65534, group=65534, capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert shared.read_text(encoding="utf-8") == FIXED
    assert (shared.stat().st_uid, stat.S_IMODE(shared.stat().st_mode)) == (0, 0o666)
    assert locked.read_text(encoding="utf-8") == ARTICLE
    assert run.returncode == 2 and "locked.txt: read-only" in run.stdout + run.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["locked.txt", "shared.txt"]


def test_fixes_that_never_settle_are_not_written(tmp_path: Path) -> None:
    pack = tmp_path / "grow.yaml"
    pack.write_text(
        "rules:\n"
        "  - code: XG001\n"
        "    name: grows\n"
        "    kind: pattern\n"
        "    category: style\n"
        "    severity: warning\n"
        "    message: 'Add a word'\n"
        "    explanation: A rule whose fix always triggers it again.\n"
        "    pattern: '(?P<mark>\\bmore\\b)'\n"
        "    fix:\n"
        "      replacement: 'more more'\n"
        "      applicability: safe\n"
        "      description: add a word\n"
        "    examples:\n"
        "      bad:\n"
        "        - text: 'They want more.'\n"
        "          finds: 'more'\n"
        "      good:\n"
        "        - text: 'They want less.'\n",
        encoding="utf-8",
    )
    path = tmp_path / "a.txt"
    path.write_text("Talks\n\nThe envoys want more time.\n", encoding="utf-8")
    before = path.read_bytes()
    code, out = fix(path, extra=("--rules", str(pack)))
    assert path.read_bytes() == before
    assert code == 2 and "did not settle" in out and "XG001" in out and "nothing written" in out
    # the other files of the run are still fixed
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    fix(path, other, extra=("--rules", str(pack)))
    assert other.read_text(encoding="utf-8") == FIXED and path.read_bytes() == before
