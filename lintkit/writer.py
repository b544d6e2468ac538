"""Writing fixed files back without ever losing one.

The new text is encoded as the file was (encoding, byte-order mark; line endings are part
of the text and kept as they were), written to a temporary file in the same folder with the
original's permissions, flushed to disk, and renamed over the original in one step. If the
file changed on disk since it was read, nothing is written.
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
    """Replace `path` with `text`, unless its bytes are no longer `original`."""
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise WriteError(f"{path}: cannot re-read before writing: {exc.strerror or exc}") from exc
    if current != original:
        raise WriteError(f"{path}: changed on disk since it was read; not written (run again)")
    data = encode(text, decoded)
    mode = path.stat().st_mode
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".lintkit", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
