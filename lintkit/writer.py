"""Writing files without ever losing one: fixed articles, baselines, reports.

New bytes go to a temporary file with a short name in the same folder (so a long file name
still works and the rename stays on one file system), are flushed to disk, and replace the
file in one rename. If anything fails (a full disk, an encoding error), the old file is left
as it was and the temporary file is removed. A fixed article is also re-read first: if it
changed on disk since lintkit read it, nothing is written.

What `--fix` keeps of the file it fixes (`docs/fixing.md` says the same for users):

- a symbolic link stays a link: the file it points to is fixed;
- a file with several hard links is rewritten in place, so every name sees the fix (the
  one case without the atomic rename; the old bytes are put back if the write fails);
- a read-only file (no write permission bit, or not writable by this user) is not fixed,
  even by root: read-only says "do not change me";
- permissions, owner and group are kept (when this user may not give a file to its owner,
  it is rewritten in place instead);
- the encoding, byte-order mark and byte order (UTF-16 big- or little-endian) are kept.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .source import Decoded


class WriteError(OSError):
    pass


def encode(text: str, decoded: Decoded) -> bytes:
    if decoded.encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    if decoded.encoding in ("utf-16", "utf-16-le"):
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if decoded.bom else data


def write_atomic(path: Path, text: str, decoded: Decoded, original: bytes) -> None:
    """Replace the article `path` with `text`, unless its bytes are no longer `original`."""
    try:
        target = path.resolve(strict=True)  # through symbolic links: the link stays a link
        info = target.stat()
        current = target.read_bytes()
    except (OSError, RuntimeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise WriteError(f"{path}: cannot re-read before writing: {reason}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(f"{path}: not a regular file; not written")
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteError(f"{path}: read-only; not fixed (make it writable to fix it)")
    if current != original:
        raise WriteError(f"{path}: changed on disk since it was read; not written (run again)")
    data = encode(text, decoded)
    if info.st_nlink > 1:
        _write_in_place(target, data, original)
    else:
        replace_file(target, data, info)


def _write_in_place(path: Path, data: bytes, original: bytes) -> None:
    """Overwrite `path` itself (every hard link sees it); on failure put `original` back."""
    with open(path, "r+b") as fh:
        try:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
        except BaseException:
            fh.seek(0)
            fh.write(original)
            fh.truncate()
            fh.flush()
            raise


def replace_file(path: Path, data: bytes, info: os.stat_result | None = None) -> None:
    """Put `data` in `path` atomically, keeping an existing file's permissions, owner and
    group (a new file gets the usual ones). Raises OSError; the old file is untouched when
    it does."""
    if info is None:
        try:
            info = path.stat()
        except FileNotFoundError:
            info = None
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=".lk", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if info is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        else:
            if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, info.st_uid, info.st_gid)
                except PermissionError:  # we may write it but not give it away: keep its inode
                    os.unlink(tmp)
                    _write_in_place(path, data, path.read_bytes())
                    return
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    """A report or data file as UTF-8, atomically. A lone surrogate (an undecodable byte of
    a file name) is written as its escape, so the file stays valid UTF-8."""
    replace_file(path, text.encode("utf-8", "backslashreplace"))
