"""Writing files without ever losing one: fixed articles, baselines, reports.

New bytes go to a temporary file with a short name in the same folder (so a long file name
still works and the rename stays on one file system), are flushed to disk, and replace the
file in one rename. If anything fails (a full disk, an encoding error), the old file is left
as it was and the temporary file is removed. A fixed article is also re-read first: if it
changed on disk since lintkit read it, nothing is written.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from pathlib import Path

from .source import Decoded


class WriteError(OSError):
    pass


def encode(text: str, decoded: Decoded) -> bytes:
    if decoded.encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if decoded.bom else data


def write_atomic(path: Path, text: str, decoded: Decoded, original: bytes) -> None:
    """Replace the article `path` with `text`, unless its bytes are no longer `original`."""
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise WriteError(f"{path}: cannot re-read before writing: {exc.strerror or exc}") from exc
    if current != original:
        raise WriteError(f"{path}: changed on disk since it was read; not written (run again)")
    replace_file(path, encode(text, decoded))


def replace_file(path: Path, data: bytes) -> None:
    """Put `data` in `path` atomically, keeping an existing file's permissions (a new file
    gets the usual ones). Raises OSError; the old file is untouched when it does."""
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=".lk", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    """A report or data file as UTF-8, atomically. A lone surrogate (an undecodable byte of
    a file name) is written as its escape, so the file stays valid UTF-8."""
    replace_file(path, text.encode("utf-8", "backslashreplace"))
