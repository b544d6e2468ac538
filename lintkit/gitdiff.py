"""Lines changed since a git revision, for `--changed-since REV`: a pull request is judged
on what it touched. Untracked files count as changed throughout."""

from __future__ import annotations

import subprocess
from pathlib import Path

import regex

from .paths import real

_FILE = regex.compile(r"^\+\+\+ (?:b/(?P<path>.+)|/dev/null)$")
_HUNK = regex.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@")


class GitError(RuntimeError):
    pass


def _git(cwd: Path, *args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from exc
    if proc.returncode != 0:
        raise GitError(
            proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"git {args[0]} failed"
        )
    return proc.stdout


def changed_lines(rev: str, cwd: Path | None = None) -> dict[Path, set[int] | None]:
    """Resolved path -> changed line numbers (None: the whole file is new)."""
    cwd = cwd or Path.cwd()
    top = Path(_git(cwd, "rev-parse", "--show-toplevel").strip())
    _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    out: dict[Path, set[int] | None] = {}
    current: set[int] | None = None
    for line in _git(top, "diff", "--unified=0", "--no-color", "--no-ext-diff", rev, "--").splitlines():
        m = _FILE.match(line)
        if m:
            current = None
            if m.group("path"):
                current = out.setdefault(real(top / m.group("path")), set())
            continue
        m = _HUNK.match(line)
        if m and current is not None:
            start = int(m.group("start"))
            count = int(m.group("count")) if m.group("count") is not None else 1
            current.update(range(start, start + count))
    for name in _git(top, "ls-files", "--others", "--exclude-standard").splitlines():
        out[real(top / name)] = None
    return out
