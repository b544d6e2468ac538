"""Readers for markup formats: they turn a source file into the prose the rules read plus a
map back to the source. Which reader a file gets is decided by `lintkit.formats`; plain
text needs no reader."""

from __future__ import annotations

from collections.abc import Callable

from ..formats import format_of
from ..structure import Part
from .builder import OffsetMap

Reader = Callable[[str], tuple[str, OffsetMap, list[tuple[int, int]], list[Part | None]]]


def reader_for(path: str) -> Reader | None:
    return format_of(path).load_reader()
