"""Markdown articles, parsed with markdown-it-py (CommonMark plus tables).

Front matter, code blocks, inline code, URLs and link targets, HTML comments and raw HTML
are not prose. Emphasis markers disappear from the text, so they cannot break a sentence;
headings, list items, block quotes and table cells are their own blocks. Every character of
the text maps back to its place in the source, through entities and backslash escapes.
"""

from __future__ import annotations

import html
from array import array
from collections.abc import Sequence
from functools import cache

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..source import split_lines
from ..structure import Part
from .builder import OffsetMap, TextBuilder

_FRONT_MATTER = regex.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", regex.S | regex.M
)
_ENTITY = regex.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);")
CODE_PLACEHOLDER = "CODE"  # stands for inline code, so a sentence around it stays a sentence
LINK_PLACEHOLDER = "LINK"  # stands for a bare URL


# markdown-it stops at 20 levels of nesting (block quotes, lists) and drops what is deeper,
# silently. 100 levels costs nothing on real copy; deeper than that the file gets a warning.
MAX_NESTING = 100


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")


def _mask_front_matter(source: str) -> str:
    """The source with front matter blanked out, line breaks kept, so line maps still hold."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return source
    blanked = regex.sub(r"[^\r\n]", " ", m.group())
    return blanked + source[m.end() :]


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.lines = split_lines(source)
        self.line_starts = array("q", [0])
        for line in self.lines:
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.builder = TextBuilder(len(source))
        self.cursor: dict[int, int] = {}  # per line: where the previous inline ended (tables)
        self.seen_heading = False
        self.notes: list[str] = []  # what the reader could not read, for the file's warnings

    def read(self) -> tuple[str, OffsetMap, list[tuple[int, int]], list[Part | None]]:
        tokens = _parser().parse(_mask_front_matter(self.source))
        if tokens and max(t.level for t in tokens) >= MAX_NESTING - 1:  # markdown-it stopped there
            deep = f"Markdown nested {MAX_NESTING} or more levels deep; the deepest parts are not checked"
            self.notes.append(deep)
        part: Part | None = None
        for i, t in enumerate(tokens):
            if t.type == "heading_open":
                first = not self.seen_heading and t.tag == "h1" and not self.builder.blocks
                part = Part.HEADLINE if first else Part.SUBHEAD
                self.seen_heading = True
            elif t.type == "heading_close":
                part = None
            elif t.type == "inline" and t.map is not None:
                if tokens[i - 1].type in ("th_open", "td_open"):
                    part_here: Part | None = Part.BODY
                else:
                    part_here = part
                before = len(self.builder.blocks)
                self._inline(t, part_here)
                if len(self.builder.blocks) == before + 1 and tokens[i - 1].type == "paragraph_open":
                    top, bottom = t.map  # the paragraph's source lines, for deleting it whole
                    end = self.line_starts[min(bottom, len(self.lines))]
                    while end > 0 and self.source[end - 1] in "\r\n":
                        end -= 1
                    self.builder.elements[before] = (self.line_starts[top], end)
        return self.builder.build()

    def _raw_positions(self, content: str, line_map: Sequence[int]) -> array[int]:
        """Source offset of each character of an inline token's raw content (its lines,
        container markers stripped, joined by line breaks)."""
        positions: array[int] = array("q")
        for k, line in enumerate(content.split("\n")):
            n = line_map[0] + k
            if n >= len(self.lines):
                break
            src = self.lines[n].rstrip("\r\n")
            at = src.find(line, self.cursor.get(n, 0)) if line else 0
            if at < 0:
                at = max(src.find(line.strip()), 0)
            self.cursor[n] = at + len(line)
            base = self.line_starts[n] + at
            positions.extend(range(base, base + len(line)))
            positions.append(self.line_starts[n] + len(src))  # the line break
        return positions

    def _inline(self, token: Token, part: Part | None) -> None:
        raw = token.content
        if not raw.strip():
            return
        pos = self._raw_positions(raw, token.map or (0, 0))
        if len(pos) < len(raw):
            pos.extend([pos[-1] if pos else 0] * (len(raw) - len(pos)))
        b = self.builder
        b.begin_block()
        rp = 0
        skip_text = False
        for child in token.children or []:
            kind = child.type
            if kind == "text":
                if skip_text:
                    continue
                rp = self._text(child.content, raw, pos, rp)
            elif kind == "code_inline":
                at = raw.find(child.content, rp)
                at = rp if at < 0 else at
                end = at + len(child.content)
                b.mapped(CODE_PLACEHOLDER, pos[at], pos[max(end - 1, at)] + 1)
                rp = end
                while rp < len(raw) and raw[rp] == "`":
                    rp += 1
            elif kind in ("softbreak", "hardbreak"):
                nl = raw.find("\n", rp)
                if nl >= 0:
                    b.space(pos[nl])
                    rp = nl + 1
            elif kind == "link_open":
                if child.markup in ("autolink", "linkify"):
                    skip_text = True
                    at = raw.find(child.attrs.get("href", "") or "", rp)  # type: ignore[arg-type]
                    b.mapped(LINK_PLACEHOLDER, pos[max(at, rp)], pos[max(at, rp)] + 1)
            elif kind == "link_close":
                if skip_text:
                    skip_text = False
                    close = raw.find(">", rp)
                    rp = close + 1 if close >= 0 else rp
                else:
                    rp = _skip_link_target(raw, rp)
            elif kind == "image":
                rp = _skip_link_target(raw, raw.find("]", rp) if "]" in raw[rp:] else rp)
            elif kind == "html_inline":
                at = raw.find(child.content, rp)
                rp = at + len(child.content) if at >= 0 else rp
        b.end_block(part)

    def _text(self, text: str, raw: str, pos: array[int], rp: int) -> int:
        """Align a decoded text run with the raw source and copy it; returns the new raw
        position. Markup characters between runs are skipped; entities and escapes map to
        their whole source."""
        b = self.builder
        at = raw.find(text, rp)
        if at >= 0 and "&" not in raw[rp:at] and "\\" not in raw[rp:at]:
            b.copied_at(text, pos[at : at + len(text)])
            return at + len(text)
        for ch in text:
            while rp < len(raw):
                c = raw[rp]
                if c == "&" and (m := _ENTITY.match(raw, rp)) and html.unescape(m.group()).startswith(ch):
                    b.mapped(ch, pos[rp], pos[m.end() - 1] + 1)
                    rp = m.end()
                    break
                if c == ch:
                    b.copied_at(ch, pos[rp : rp + 1])
                    rp += 1
                    break
                if c == "\\" and rp + 1 < len(raw) and raw[rp + 1] == ch:
                    b.mapped(ch, pos[rp], pos[rp + 1] + 1)
                    rp += 2
                    break
                rp += 1
        return rp


def _skip_link_target(raw: str, rp: int) -> int:
    """Past `](target "title")` or `][ref]` after a link's text."""
    if raw[rp : rp + 1] == "]":
        rp += 1
    if raw[rp : rp + 1] == "(":
        depth = 0
        for i in range(rp, len(raw)):
            if raw[i] == "(":
                depth += 1
            elif raw[i] == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
        return len(raw)
    if raw[rp : rp + 1] == "[":
        close = raw.find("]", rp)
        return close + 1 if close >= 0 else rp
    return rp


def read_markdown(source: str) -> tuple[str, OffsetMap, list[tuple[int, int]], list[Part | None], list[str]]:
    reader = _Reader(source)
    return (*reader.read(), reader.notes)
