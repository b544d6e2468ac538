"""Matching fixed phrases the way news copy varies them: any case, hyphen or space.

Knowledge-base forms and substitution tables are compiled into one alternation per rule, so
a document is scanned once per rule, not once per phrase.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

_SEPARATORS = regex.compile(r"[\s\-‐‑–]+")


def normalize(phrase: str) -> str:
    """Case-folded, with runs of spaces and hyphens collapsed to one space; typographic
    apostrophes made straight."""
    return _SEPARATORS.sub(" ", phrase.replace("’", "'")).strip().casefold()


def phrase_regex(phrase: str) -> str:
    """A regex source matching `phrase` with any space/hyphen between words and ' or ’."""
    words = _SEPARATORS.split(phrase.strip())
    parts = [regex.escape(w).replace("'", "['’]").replace("’", "['’]") for w in words if w]
    return r"[\s\-‐‑–]+".join(parts)


def alternation(phrases: Iterable[str]) -> str:
    """One alternation of phrases, longest first so the longest phrase wins at a position."""
    unique = {normalize(p): p for p in phrases if p.strip()}
    ordered = sorted(unique.values(), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(phrase_regex(p) for p in ordered) + ")" if ordered else "(?!)"


def word_bounded(source: str) -> str:
    """`source` as a whole-word match: not inside a longer word or hyphenated compound."""
    return r"(?<![\w\-])" + source + r"(?![\w]|-\w)"
