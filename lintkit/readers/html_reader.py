"""HTML articles (CMS exports): only the visible text is linted.

Uses the standard library's HTML parser, which tolerates malformed markup. Scripts, styles,
code, comments and attributes are not prose; block elements separate paragraphs; entities
(`&amp;`, `&nbsp;`, `&#8217;`) are decoded for the rules and mapped back, so positions and
fixes refer to the source file.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from ..structure import Part
from .builder import OffsetMap, TextBuilder

SKIPPED = frozenset({
    "script", "style", "noscript", "template", "head", "svg", "math", "code", "pre", "kbd", "samp",
    "iframe", "object", "select", "option", "textarea", "button",
})  # fmt: skip
BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "article",
    "section", "header", "footer", "main", "aside", "nav", "figure", "figcaption", "table", "tr",
    "td", "th", "thead", "tbody", "tfoot", "caption", "dl", "dt", "dd", "hr", "br", "address",
    "form", "fieldset", "details", "summary", "body", "html",
})  # fmt: skip
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
                  "track", "wbr"})  # fmt: skip
_ENTITY = regex.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
# Elements that only wrap a block: when one holds a single block, deleting the block takes it.
_WRAPPERS = frozenset({"div", "figure", "blockquote", "aside", "li", "dd", "dt"})


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
        self.builder = TextBuilder(len(source))
        self.skip: list[str] = []
        self.part_stack: list[Part] = []
        self.seen_h1 = False
        self.open_blocks: list[tuple[str, int, int]] = []  # (tag, source start, blocks before it)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _block_boundary(self) -> None:
        self.builder.end_block(self.part_stack[-1] if self.part_stack else None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip[-1] and tag not in VOID:
                self.skip.append(tag)
            return
        if tag in SKIPPED:
            self._block_boundary()
            self.skip.append(tag)
            return
        if tag in BLOCKS:
            self._block_boundary()
            if tag not in VOID:
                self.open_blocks.append((tag, self._offset(), len(self.builder.blocks)))
            if tag == "h1":
                self.part_stack.append(Part.SUBHEAD if self.seen_h1 else Part.HEADLINE)
                self.seen_h1 = True
            elif tag in _HEADINGS:
                self.part_stack.append(Part.SUBHEAD)
            elif tag == "figcaption":
                self.part_stack.append(Part.CAPTION)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip and tag in BLOCKS:
            self._block_boundary()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in BLOCKS:
            self._block_boundary()
            self._close_element(tag)
            if tag in ("h1", *_HEADINGS, "figcaption") and self.part_stack:
                self.part_stack.pop()

    def _close_element(self, tag: str) -> None:
        """At `</tag>`: if the element held exactly one block, record its source span (from
        `<tag` to the end of `</tag>`): the innermost element, or a wrapper around it that
        holds nothing else (`<div><p>Picture</p></div>` goes whole)."""
        for k in range(len(self.open_blocks) - 1, -1, -1):
            if self.open_blocks[k][0] == tag:
                _, start, before = self.open_blocks[k]
                del self.open_blocks[k:]
                blocks = self.builder.blocks
                if len(blocks) == before + 1 and (before not in self.builder.elements or tag in _WRAPPERS):
                    at = self._offset()
                    close = self.source.find(">", at)
                    self.builder.elements[before] = (start, close + 1 if close >= 0 else len(self.source))
                return

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """`<![CDATA[...]]>` and the like: skipped as markup. The standard parser asserts on
        an unknown keyword (`<![x`); a broken section is skipped to its end or to `>`."""
        rawdata = self.rawdata
        end = rawdata.find("]]>", i + 3)
        if end >= 0:
            return end + 3
        close = rawdata.find(">", i + 3)
        return close + 1 if close >= 0 else -1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.builder.collapsed(data, self._offset())

    def _entity(self) -> None:
        if self.skip:
            return
        start = self._offset()
        m = _ENTITY.match(self.source, start)
        end = m.end() if m else start + 1
        text = html.unescape(self.source[start:end])
        if text.isspace():
            self.builder.space(start)
        else:
            self.builder.mapped(text, start, end)

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()


def read_html(source: str) -> tuple[str, OffsetMap, list[tuple[int, int]], list[Part | None], list[str]]:
    parser = _Extractor(source)
    parser.feed(source)
    parser.close()
    return (*parser.builder.build(), [])


__all__ = ["read_html"]
