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
import pickle
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


def cached(name: str, sources: Sequence[Path], build: Callable[[], T], *, objects: bool = False) -> T:
    """`build()`'s result, from the cache when an entry for exactly these source contents
    exists. Plain data (dicts, lists, tuples, strings, numbers) is stored with marshal;
    `objects` stores lintkit's own data classes with pickle (entries are only ever read from
    the user's own cache folder, which lintkit itself writes)."""
    if os.environ.get("LINTKIT_NO_CACHE"):
        return build()
    from . import __version__

    digest = hashlib.sha1(f"{__version__} {sys.version_info[:2]}".encode())
    for path in sources:
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    kind = "pickle" if objects else "marshal"
    entry = folder() / f"{name}-{digest.hexdigest()[:20]}.{kind}"
    try:
        data = entry.read_bytes()
        loaded: T = pickle.loads(data) if objects else marshal.loads(data)
        return loaded
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    value = build()
    with contextlib.suppress(OSError, ValueError, pickle.PicklingError, TypeError):
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) if objects else marshal.dumps(value)  # type: ignore[arg-type]
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".lk", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    return value
