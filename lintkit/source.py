"""Decoding article files and mapping offsets to lines and columns.

Offsets everywhere in lintkit are code-point offsets into the decoded text, with a
byte-order mark removed. Columns are 1-based code points; `\\n`, `\\r\\n` and `\\r` all end a line,
and nothing else does: the other characters `str.splitlines` breaks at (U+2028, U+2029,
U+001C-U+001E, U+0085, form feed, vertical tab) are ordinary characters inside a line, as
they are for CommonMark, the HTML parser, editors and the Language Server Protocol. The
Markdown reader and diffs split with `split_lines`, the HTML reader counts `\\n` as its
parser does, and the fixer works on offsets only, so positions agree everywhere.
"""

from __future__ import annotations

import bisect
import codecs
from typing import NamedTuple

from .cache import compiled as _compiled

_LINE_END = _compiled(r"\r\n|\r|\n")


class DecodeError(ValueError):
    """A file that is not text lintkit can read, with a message that says where and why."""


class Decoded(NamedTuple):
    """A decoded file: its text (BOM removed) and what was needed to write it back unchanged."""

    text: str
    encoding: str
    bom: bool


def decode(data: bytes) -> Decoded:
    """Decode UTF-8 (with or without BOM) or UTF-16 with a BOM; reject binary data clearly."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_decode_utf8(data[3:], 3), "utf-8", True)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        order = "utf-16-be" if data.startswith(codecs.BOM_UTF16_BE) else "utf-16-le"
        try:
            return Decoded(data[2:].decode(order), order, True)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid UTF-16: {exc.reason} at byte {exc.start + 2}") from exc
    if b"\x00" in data:  # the whole file: one memchr, cheap at any size
        at = data.index(b"\x00")
        raise DecodeError(f"binary file (NUL byte at byte offset {at}); not a text article")
    return Decoded(_decode_utf8(data, 0), "utf-8", False)


def _decode_utf8(data: bytes, skipped: int) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        index = LineIndex(good)
        line, column = index.position(len(good))
        bad = data[exc.start : exc.end].hex(" ")
        raise DecodeError(
            f"not UTF-8: {exc.reason} (byte {bad}) at line {line}, column {column} "
            f"(byte offset {exc.start + skipped}); convert the file to UTF-8"
        ) from exc


def split_lines(text: str) -> list[str]:
    """The lines of `text` with their endings kept; only `\\r\\n`, `\\r` and `\\n` end one."""
    lines: list[str] = []
    start = 0
    for m in _LINE_END.finditer(text):
        lines.append(text[start : m.end()])
        start = m.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


class LineIndex:
    """Offset <-> (line, column) for one text; built on first use (most articles of a run
    have no finding to place), queried by binary search."""

    __slots__ = ("_built", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._built: list[int] | None = None

    @property
    def _starts(self) -> list[int]:
        if self._built is None:
            self._built = [0] + [m.end() for m in _LINE_END.finditer(self._text)]
        return self._built

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a code-point offset (offset may equal len(text))."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of `position`."""
        return self._starts[line - 1] + column - 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line ending."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        return self._text[start:end].rstrip("\r\n")
