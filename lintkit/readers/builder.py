"""Building the prose text of a markup file together with its map back to the source.

Every character of the text knows the span of source it came from: copied characters map
to themselves, a decoded entity (`&amp;` -> `&`) to the whole entity, a placeholder or a
collapsed run of whitespace to where it stood. Runs of copied text are mapped with C-level
`array` slices, not character loops.
"""

from __future__ import annotations

import bisect
from array import array

import regex

from ..structure import Part

_SPACE_RUN = regex.compile(r"\s+")
BLOCK_SEPARATOR = "\n\n"


class OffsetMap:
    """Text offset -> source span, and back."""

    def __init__(self, starts: array[int], ends: array[int], source_length: int) -> None:
        self.starts = starts
        self.ends = ends
        self.source_length = source_length
        # block index -> source span of the element that holds exactly that block (HTML:
        # `<p>Picture</p>`), so deleting the block's text deletes the element, not only its text
        self.elements: dict[int, tuple[int, int]] = {}

    def to_source(self, offset: int) -> int:
        """Where the character at `offset` starts in the source (the end of the source
        for an offset at the end of the text)."""
        return self.starts[offset] if offset < len(self.starts) else self.source_length

    def to_source_end(self, offset: int) -> int:
        """Where the character at `offset` ends in the source."""
        return self.ends[offset] if offset < len(self.ends) else self.source_length

    def to_text(self, offset: int) -> int:
        """The text offset of the character that covers a source offset (or precedes it)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return max(i, 0)


class TextBuilder:
    """Collects blocks of prose; each block becomes one paragraph of the Document."""

    def __init__(self, source_length: int) -> None:
        self.chunks: list[str] = []
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")
        self.length = 0
        self.source_length = source_length
        self.blocks: list[tuple[int, int, Part | None]] = []
        self._block_start: int | None = None
        self._last_source = 0
        self.elements: dict[int, tuple[int, int]] = {}  # see OffsetMap.elements

    # -- blocks --------------------------------------------------------------------------------

    def begin_block(self) -> None:
        if self._block_start is None:
            self._block_start = self.length

    def end_block(self, part: Part | None = None) -> None:
        """Close the current block (dropping trailing spaces) and separate it from the next."""
        if self._block_start is None:
            return
        while self.length > self._block_start and self.chunks and self.chunks[-1] == " ":
            self._pop()
        if self.length > self._block_start:
            self.blocks.append((self._block_start, self.length, part))
            self._put(BLOCK_SEPARATOR, self._last_source, self._last_source)
        self._block_start = None

    @property
    def in_block(self) -> bool:
        return self._block_start is not None

    # -- text ---------------------------------------------------------------------------------

    def copied(self, text: str, source_start: int) -> None:
        """Characters that stand in the source exactly as they are, from `source_start`."""
        if not text:
            return
        self.begin_block()
        self.chunks.append(text)
        self.starts.extend(range(source_start, source_start + len(text)))
        self.ends.extend(range(source_start + 1, source_start + len(text) + 1))
        self.length += len(text)
        self._last_source = source_start + len(text)

    def copied_at(self, text: str, positions: array[int]) -> None:
        """Characters copied from scattered source positions (one per character)."""
        if not text:
            return
        self.begin_block()
        self.chunks.append(text)
        self.starts.extend(positions)
        self.ends.extend(p + 1 for p in positions)
        self.length += len(text)
        self._last_source = positions[-1] + 1

    def mapped(self, text: str, source_start: int, source_end: int) -> None:
        """Characters that stand for the source span [source_start, source_end): a decoded
        entity, a placeholder for code."""
        if not text:
            return
        self.begin_block()
        self._put(text, source_start, source_end)

    def space(self, source_pos: int) -> None:
        """One space standing for whitespace (or a line break) at `source_pos`; never two
        in a row, never at the start of a block."""
        if self._block_start is None or self.length == self._block_start:
            return
        if self.chunks and self.chunks[-1].endswith(" "):
            return
        self._put(" ", source_pos, source_pos + 1)

    def collapsed(self, text: str, source_start: int) -> None:
        """Text as a browser shows it: each run of whitespace becomes one space."""
        pos = 0
        for m in _SPACE_RUN.finditer(text):
            self.copied(text[pos : m.start()], source_start + pos)
            self.space(source_start + m.start())
            pos = m.end()
        self.copied(text[pos:], source_start + pos)

    def _put(self, text: str, source_start: int, source_end: int) -> None:
        self.chunks.append(text)
        self.starts.extend([source_start] * len(text))
        self.ends.extend([source_end] * len(text))
        self.length += len(text)
        self._last_source = max(self._last_source, source_end)

    def _pop(self) -> None:
        chunk = self.chunks.pop()
        del self.starts[-len(chunk) :]
        del self.ends[-len(chunk) :]
        self.length -= len(chunk)

    def build(self) -> tuple[str, OffsetMap, list[tuple[int, int]], list[Part | None]]:
        if self.in_block:
            self.end_block()
        text = "".join(self.chunks)
        spans = [(s, e) for s, e, _ in self.blocks]
        parts = [p for _, _, p in self.blocks]
        offsets = OffsetMap(self.starts, self.ends, self.source_length)
        offsets.elements = self.elements
        return text, offsets, spans, parts
