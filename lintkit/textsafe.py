"""Text that is safe to write out: JSON that stays valid UTF-8 when a file name is not
(Python keeps undecodable bytes of names as lone surrogates), and names fit for a terminal."""

from __future__ import annotations

import json
from typing import Any

import regex

from .cache import compiled as _compiled

_SURROGATE = _compiled(r"[\ud800-\udfff]")


def json_dumps(obj: Any, **kwargs: Any) -> str:
    """`json.dumps` with non-ASCII text kept readable, except lone surrogates, which are
    written as `\\udcXX` escapes: valid JSON and UTF-8 that reads back to the same string."""
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    if not text.isascii():
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


# C0 and C1 controls but the tab, line and paragraph separators, bidirectional overrides and
# isolates, lone surrogates
_UNPRINTABLE = _compiled(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(m: regex.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Text that is safe to show on a terminal or in any report: control characters
    (escape sequences that could retitle or recolour a terminal), bidirectional overrides
    and line separators become visible escapes, and a file name's undecodable bytes their
    `\\xNN` form, so the result is always valid UTF-8. Tabs are kept."""
    if text.isprintable() or not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape, text)
