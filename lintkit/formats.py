"""The one table of input formats: which file names are articles, which reader turns each
into prose for the rules, and whether it has a comment syntax for inline suppressions.

Folders are searched for these suffixes (the default `include`), the reader is chosen here,
and suppressions are honoured where a format has comments; add a format by adding a row
and a reader in `lintkit/readers/`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .readers import Reader


class InputFormat(NamedTuple):
    name: str
    suffixes: tuple[str, ...]
    reader: str | None  # "module:function", imported when first used; None: plain text
    comment: tuple[str, str] | None  # how an inline suppression is written, e.g. <!-- -->

    def load_reader(self) -> Reader | None:
        if self.reader is None:
            return None
        module, _, function = self.reader.partition(":")
        loaded: Callable[..., object] = getattr(importlib.import_module(module), function)
        return loaded  # type: ignore[return-value]


_HTML_COMMENT = ("<!--", "-->")
TEXT = InputFormat("text", (".txt",), None, None)
FORMATS: tuple[InputFormat, ...] = (
    TEXT,
    InputFormat(
        "markdown", (".md", ".markdown"), "lintkit.readers.markdown_reader:read_markdown", _HTML_COMMENT
    ),
    InputFormat("html", (".html", ".htm"), "lintkit.readers.html_reader:read_html", _HTML_COMMENT),
)
_BY_SUFFIX = {suffix: f for f in FORMATS for suffix in f.suffixes}

# Folders are searched for every suffix above.
DEFAULT_INCLUDE: tuple[str, ...] = tuple(f"*{s}" for f in FORMATS for s in f.suffixes)


def format_of(path: str) -> InputFormat:
    """The format a file name calls for; anything unknown is read as plain text."""
    dot = path.rfind(".")
    if dot < 0 or "/" in path[dot:] or "\\" in path[dot:]:
        return TEXT
    return _BY_SUFFIX.get(path[dot:].lower(), TEXT)
