"""Where the built-in rule packs and knowledge bases live, and resolving article paths.

A wheel carries the top-level `rules/` folder as `lintkit/_rules`; a source checkout (or an
editable install) reads `rules/` next to the package.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


def real(path: str | Path) -> Path:
    """`path` absolute with symbolic links followed. Unlike `Path.resolve()` before Python
    3.13, never raises on a loop of links (a hostile folder must not end the run)."""
    return Path(os.path.realpath(path))


@cache
def rules_dir() -> Path:
    package = Path(__file__).resolve().parent
    for candidate in (package / "_rules", package.parent / "rules"):
        if (candidate / "packs").is_dir():
            return candidate
    raise FileNotFoundError(
        f"lintkit's rule packs are missing (looked in {package / '_rules'} and "
        f"{package.parent / 'rules'}); reinstall lintkit"
    )


def packs_dir() -> Path:
    return rules_dir() / "packs"


def knowledge_dir() -> Path:
    return rules_dir() / "knowledge"
