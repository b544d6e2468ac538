"""Readers for markup formats: they turn a source file into the prose the rules read plus a
map back to the source. Which reader a file gets is decided by `lintkit.formats`; plain
text needs no reader."""

from __future__ import annotations

from collections.abc import Callable

from ..formats import format_of
from ..structure import Part
from .builder import OffsetMap

# prose, its map to the source, paragraph spans, the part of each paragraph, and notes on
# what could not be read (each becomes a warning for the file)
ReadResult = tuple[str, OffsetMap, list[tuple[int, int]], list[Part | None], list[str]]
Reader = Callable[[str], ReadResult]


def reader_for(path: str) -> Reader | None:
    return format_of(path).load_reader()
