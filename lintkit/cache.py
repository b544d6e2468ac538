"""A cache of data built from lintkit's tables, so a run loads them instead of parsing them.

Entries live in the user's cache folder (`$LINTKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/lintkit`,
else `~/.cache/lintkit`), one file per entry, named by what it was built from: the content
hash of its source files and lintkit's version. A changed table gets a new name, so a stale
entry is never read; entries are written atomically, so two runs building the same entry at
once cannot corrupt it; and an entry that cannot be read (truncated, from another Python) is
rebuilt. If the folder cannot be written, the data is simply built each time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def folder() -> Path:
    explicit = os.environ.get("LINTKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lintkit"


def cached(name: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """`build()`'s result (plain data marshal can store: dicts, tuples, strings, numbers),
    from the cache when an entry for exactly these source contents exists."""
    if os.environ.get("LINTKIT_NO_CACHE"):
        return build()
    from . import __version__

    digest = hashlib.sha1(f"{__version__} {sys.version_info[:2]}".encode())
    for path in sources:
        digest.update(path.read_bytes())
    entry = folder() / f"{name}-{digest.hexdigest()[:20]}.marshal"
    try:
        loaded: T = marshal.loads(entry.read_bytes())
        return loaded
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    with contextlib.suppress(OSError, ValueError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".lk", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(value))  # type: ignore[arg-type]
            os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    return value
