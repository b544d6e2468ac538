"""Where literal strings occur in a text, for rules that look a document's candidate words up
themselves rather than compile a pattern for them.

The name rule (FN030) looks for every spelling of the first names and surnames a document
may hold: about eight searches of the whole text per article, each a `str.find` pass, a
third of that rule's time. `find_all` answers for all of them in one call: in lintkit's
native extension where it is built (lintkit.native; SIMD search, all needles against one
copy of the text, the whole-word test beside it), else with `str.find` here. The answers
are the same (tests/test_literals.py and tests/test_native.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from . import native


def find_all(
    text: str, needles: Sequence[str], before: str | None = None, after: str | None = None
) -> list[list[int]]:
    """Per needle (none empty), every start `text.find(needle, at)` gives, from 0 and then
    from the end of each occurrence (so occurrences of one needle do not overlap). With
    `before` (`after`), only those where the character before (after) the occurrence, if
    there is one, is neither alphanumeric (`str.isalnum`) nor one of `before` (`after`):
    whole words, as the rule defines them."""
    extension = native.module()
    if extension is not None and needles:
        found: list[list[int]] = extension.find_all(text, needles, before, after)
        return found
    return [_starts(text, needle, before, after) for needle in needles]


def _starts(text: str, needle: str, before: str | None, after: str | None) -> list[int]:
    if not needle:
        raise ValueError("an empty needle")
    out = []
    n, size = len(needle), len(text)
    at = text.find(needle)
    while at >= 0:
        end = at + n
        if not (
            (before is not None and at and (text[at - 1].isalnum() or text[at - 1] in before))
            or (after is not None and end < size and (text[end].isalnum() or text[end] in after))
        ):
            out.append(at)
        at = text.find(needle, end)
    return out
