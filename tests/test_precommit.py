"""The pre-commit hooks, for real: a temporary git repository whose .pre-commit-config.yaml
points at this checkout; committing an article with artifacts fails and prints findings,
committing a clean one passes, and the fix hook repairs what it safely can."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BAD = "Talks resume\n\nThe ministers flew home. . The talks resumed in the world. the air was cold.\n"
CLEAN = "Talks resume\n\nThe ministers flew home on Tuesday. Officials said little.\n"


def _run(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _snapshot(dest: Path) -> str:
    """This checkout as it is now (uncommitted changes included) as a one-commit repository
    for pre-commit to clone, like `pre-commit try-repo` does; returns its commit."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.email=t@example.com", "-c", "user.name=t",
                                                  "commit", "-qm", "snapshot"]):  # fmt: skip
        subprocess.run(["git", *args], cwd=dest, check=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=dest, capture_output=True, text=True,
                          check=True).stdout.strip()  # fmt: skip


@pytest.fixture()
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    source = tmp_path / "lintkit-src"
    source.mkdir()
    rev = _snapshot(source)
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = str(ROOT / ".cache" / "pre-commit")
    env.pop("GIT_DIR", None)
    repo = tmp_path / "newsroom"
    repo.mkdir()
    for args in (
        ["init", "-q"],
        ["config", "user.email", "desk@example.com"],
        ["config", "user.name", "Desk"],
    ):
        subprocess.run(["git", *args], cwd=repo, check=True)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: lintkit\n",
        encoding="utf-8",
    )
    install = _run(repo, sys.executable, "-m", "pre_commit", "install", env=env)
    assert install.returncode == 0, install.stderr
    return repo, env


def _commit(repo: Path, env: dict[str, str], name: str, text: str) -> subprocess.CompletedProcess[str]:
    (repo / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", name, ".pre-commit-config.yaml"], cwd=repo, check=True)
    return _run(repo, "git", "commit", "-m", f"add {name}", env=env)


def test_commit_with_artifacts_fails_and_clean_commit_passes(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    failed = _commit(path, env, "bad.txt", BAD)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0, output
    assert "bad.txt:3:" in output and "PU001" in output and "MT001" in output
    subprocess.run(["git", "reset", "-q"], cwd=path, check=True)
    (path / "bad.txt").unlink()
    passed = _commit(path, env, "clean.txt", CLEAN)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "lintkit" in passed.stderr + passed.stdout and "Passed" in passed.stderr + passed.stdout


def test_fix_hook_repairs_safe_problems(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    config = path / ".pre-commit-config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("id: lintkit\n", "id: lintkit-fix\n"),
                      encoding="utf-8")  # fmt: skip
    first = _commit(path, env, "bad.txt", BAD)
    assert first.returncode != 0  # files were modified by the hook (and MT001 remains)
    assert (path / "bad.txt").read_text(encoding="utf-8") == BAD.replace("home. . The", "home. The")


def test_one_summary_per_commit(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    for i in range(12):  # more files than one CPU's share: without require_serial, several runs
        (path / f"story{i}.txt").write_text(BAD, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=path, check=True)
    result = _run(path, "git", "commit", "-m", "a batch", env=env)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and output.count("Found ") == 1, output
    assert "in 12 files checked" in output


def test_the_documented_rev_is_a_release_tag() -> None:
    """docs/ci.md and the hooks file show a `rev:` that exists: a tag of this version."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    for doc in ("docs/ci.md", ".pre-commit-hooks.yaml"):
        assert f"rev: v{version}" in (ROOT / doc).read_text(encoding="utf-8"), doc
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    if not subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True).stdout.strip():
        pytest.skip("this checkout carries no tags (CI fetches commits without them)")
    tags = subprocess.run(["git", "tag", "--list", f"v{version}"], cwd=ROOT, capture_output=True, text=True)
    assert tags.stdout.split() == [f"v{version}"], "tag the release: git tag v" + version
    hooks = subprocess.run(["git", "show", f"v{version}:.pre-commit-hooks.yaml"], cwd=ROOT,
                           capture_output=True, text=True)  # fmt: skip
    assert "id: lintkit-fix" in hooks.stdout
