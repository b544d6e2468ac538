"""Finding the articles to check: files as given, folders searched with the include and
exclude globs of the configuration that applies to each file, '-' for standard input.

Folders are walked without following symbolic links to folders (so a link loop cannot
trap the walk); a folder that cannot be read is reported, not skipped silently. Whether a
file found is a regular file is decided when it is read (`check.read_article`)."""

from __future__ import annotations

import operator
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import Config, find_config


def articles(
    paths: Iterable[str], fixed: Config | None = None, force_exclude: bool = False
) -> Iterator[tuple[str, str | None]]:
    """(path, error) for each article, in the order given (a folder's articles sorted); a
    missing path or a folder without articles yields an error instead."""
    for p in paths:
        if p == "-":
            yield p, None
            continue
        path = Path(p)
        if path.is_dir():
            unreadable: list[tuple[str, str]] = []
            found = sorted(_walk(path, fixed, unreadable), key=_ORDER)
            if not found and not unreadable:
                globs = ", ".join((fixed or find_config(path)).include)
                yield p, f"no articles (include: {globs}) in this folder"
            yield from ((str(f), None) for f in found)
            yield from unreadable
        elif path.exists():
            config = fixed or find_config(path)
            if not (force_exclude and config.excludes(path)):
                yield p, None
        elif os.path.lexists(path):
            yield p, "a symbolic link to nothing (or a loop of links)"
        else:
            yield p, "no such file or folder"


# The order of Paths, compared in C: on POSIX a Path sorts by its parts, and sorting a
# thousand Paths by their own `<` took 10 ms of a run's start (Windows folds case: its own).
_ORDER = operator.attrgetter("parts") if os.name == "posix" else None


def _walk(folder: Path, fixed: Config | None, unreadable: list[tuple[str, str]]) -> Iterator[Path]:
    def report(exc: OSError) -> None:
        unreadable.append((str(exc.filename or folder), f"cannot read this folder: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(folder, onerror=report):
        here = Path(root)
        config = fixed or find_config(here)
        dirs[:] = sorted(d for d in dirs if not config.excludes(here / d))
        selected = config.file_filter(here)
        for name in files:
            f = here / name
            if selected is not None and _plain(os.path.join(root, name)):
                if selected(name):
                    yield f
            elif config.includes(f) and not config.excludes(f):
                yield f


def _plain(path: str) -> bool:
    """Whether `path` is a file that is not a symbolic link (for which the folder's path
    stands in for its own; `Config.file_filter`)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
