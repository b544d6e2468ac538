"""Where the built-in rule packs and knowledge bases live, and resolving article paths.

A wheel carries the top-level `rules/` folder as `lintkit/_rules`; a source checkout (or an
editable install) reads `rules/` next to the package.
"""

from __future__ import annotations

import os
import stat
from functools import cache, lru_cache
from pathlib import Path


def real(path: str | Path) -> Path:
    """`path` absolute with symbolic links followed. Unlike `Path.resolve()` before Python
    3.13, never raises on a loop of links (a hostile folder must not end the run).

    A run asks this for every file of a folder: a file that is not itself a link is its
    folder's real path and its name, and the folder's is remembered (until `forget`), so
    a file costs one lstat instead of one per part of its path."""
    name = os.fspath(path)
    parts = _folder_and_name(name)
    if parts is not None:
        try:
            linked = os.path.islink(os.path.join(*parts))
        except (OSError, ValueError):
            linked = True
        if not linked:
            return Path(os.path.join(_real_folder(parts[0]), parts[1]))
    return Path(os.path.realpath(name))


def real_folder_of_file(path: str | Path) -> str | None:
    """The real folder of a file that is neither a folder nor a symbolic link (what
    `real(path).parent` is), from one lstat and the remembered folders; None for anything
    else (a folder, a link, a missing file, a path through ".."), which `real` answers."""
    parts = _folder_and_name(os.fspath(path))
    if parts is None:
        return None
    try:
        mode = os.lstat(os.path.join(*parts)).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISDIR(mode) or stat.S_ISLNK(mode):
        return None
    return _real_folder(parts[0])


def _folder_and_name(name: str) -> tuple[str, str] | None:
    """An absolute path's folder and last part, or None when the last part cannot be
    taken as written: there is none, or the path goes through ".." (which must follow
    the links before it, as `os.path.realpath` does)."""
    folder, base = os.path.split(os.path.abspath(name))
    if not base or base in (".", "..") or ".." in name.replace("\\", "/").split("/"):
        return None
    return folder, base


@lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def real_folder(folder: str | Path) -> str:
    """A folder's real path (links followed), remembered until `forget`."""
    return _real_folder(os.path.abspath(folder))


def forget() -> None:
    """Drop the remembered folders (a new run, or a server's next request, looks again)."""
    _real_folder.cache_clear()


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
