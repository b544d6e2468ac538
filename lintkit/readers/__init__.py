"""Readers for markup formats, chosen by file extension: they turn a source file into the
prose the rules read plus a map back to the source. Plain text needs no reader."""

from __future__ import annotations

from collections.abc import Callable

from ..structure import Part
from .builder import OffsetMap

Reader = Callable[[str], tuple[str, OffsetMap, list[tuple[int, int]], list[Part | None]]]

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def reader_for(path: str) -> Reader | None:
    kind = SUFFIXES.get(path[path.rfind(".") :].lower()) if "." in path else None
    if kind == "markdown":
        from .markdown_reader import read_markdown

        return read_markdown
    if kind == "html":
        from .html_reader import read_html

        return read_html
    return None
