"""Edits that keep a document's shape: deleting a whole line (scraper residue, CMS furniture)
without leaving a run of blank lines, a doubled final newline or, in HTML, an empty element.

A fix that deletes a line says so (`fix: {delete: line}` in a pack, or `delete_line` in
Python); the span is computed here from the text around it, so every rule that removes
lines leaves paragraphs separated exactly as before.
"""

from __future__ import annotations

_BREAKS = "\r\n"


def _break_at(text: str, i: int) -> int:
    """Length of the line break starting at `i` (0 if none): `\\r\\n`, `\\r` or `\\n`."""
    if text.startswith("\r\n", i):
        return 2
    return 1 if i < len(text) and text[i] in _BREAKS else 0


def delete_line(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to delete so that the line or lines holding `text[start:end]` go, with their
    line break, and the paragraphs around keep their separation: a line that was a paragraph
    of its own takes one blank line with it, and a last line takes the blank lines before
    it (the text keeps one final line break if it had one)."""
    while end > start and text[end - 1] in _BREAKS:
        end -= 1
    first = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    stop = end
    while stop < len(text) and text[stop] not in _BREAKS:
        stop += 1
    after = stop + _break_at(text, stop)  # just past this line's break
    if after >= len(text):  # the last line: take the blank lines before it too
        keep_final = after > stop
        p = first
        while p > 0 and text[p - 1] in _BREAKS:
            p -= 1
        if p == 0:
            return 0, len(text)
        return p + (_break_at(text, p) if keep_final else 0), len(text)
    blank_before = first == 0 or (first >= 2 and text[first - 2 : first] in ("\n\n", "\r\r", "\n\r")) or (
        first >= 4 and text[first - 4 : first] == "\r\n\r\n"
    )
    blank_after = _break_at(text, after) > 0
    if blank_before and blank_after:  # a paragraph of its own: one blank line goes with it
        q = after
        while _break_at(text, q):
            q += _break_at(text, q)
        return first, q
    return first, after
