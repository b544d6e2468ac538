"""Text that is safe to write out: JSON that stays valid UTF-8 when a file name is not
(Python keeps undecodable bytes of names as lone surrogates), and names fit for a terminal."""

from __future__ import annotations

import json
from typing import Any

import regex

_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def json_dumps(obj: Any, **kwargs: Any) -> str:
    """`json.dumps` with non-ASCII text kept readable, except lone surrogates, which are
    written as `\\udcXX` escapes: valid JSON and UTF-8 that reads back to the same string."""
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    if not text.isascii():
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text
