"""A normal (not editable) install carries the rule packs, knowledge bases and the HTML
report's stylesheet and script."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from .conftest import ROOT


def test_wheel_install_works_outside_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
    )
    (wheel,) = wheels.glob("lintkit-*.whl")
    env_dir = tmp_path / "env"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
    )
    article = tmp_path / "article.txt"
    article.write_text(
        "Talks resume\n\nGENEVA, Jan. 10, 2022 — Officials met in the world. the air was cold.\n"
        "Wendy R. Sherman, the Assistant Secretary of State, led them.\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [str(env_dir / "bin" / "lintkit"), "check", str(article)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "MT001" in proc.stdout and "FN001" in proc.stdout
    located = subprocess.run(
        [str(python), "-c", "import lintkit.paths as p; print(p.rules_dir())"],
        capture_output=True, text=True, cwd=tmp_path, check=True,
    )  # fmt: skip
    assert "site-packages" in located.stdout and "_rules" in located.stdout
    report = subprocess.run(
        [str(env_dir / "bin" / "lintkit"), "check", "--format", "html", str(article)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert report.returncode == 1, report.stderr
    assert ":root" in report.stdout and "lintkit-data" in report.stdout  # report.css and report.js
