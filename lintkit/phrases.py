"""Matching fixed phrases the way news copy varies them: any case, hyphen or space.

Knowledge-base forms and substitution tables are compiled into one alternation per rule, so
a document is scanned once per rule, not once per phrase.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, Generic, TypeVar

import regex

from .cache import compiled as _compiled

_SEPARATORS = _compiled(r"[\s\-‐‑–]+")
# what words are split at, besides Python's whitespace (`tokens`)
WORD_SEPARATORS = " .,;:!?\"'()[]{}“”‘’«»—–-‐‑…/\\|*&%$#@+=<>^~`_\t\r\n\f\v\u00a0"

K = TypeVar("K", bound=Hashable)


class Blanker:
    """Some characters of a text made spaces (the text keeps its length and offsets), as
    `str.translate` would, about twice as fast: str.translate leaves its fast path at a
    text's first non-ASCII character (a curly quote in the first line of most articles),
    bytes.translate has none to leave. UTF-8 spells a non-ASCII character with bytes of
    0x80 and above only, so mapping ASCII bytes changes no other character; the few
    non-ASCII characters to blank are replaced first."""

    __slots__ = ("_narrow", "_wide")

    def __init__(self, chars: str) -> None:
        self._narrow = bytes(32 if b < 128 and chr(b) in chars else b for b in range(256))
        self._wide = tuple(dict.fromkeys(c for c in chars if not c.isascii()))

    def __call__(self, text: str) -> str:
        if not text.isascii():
            for c in self._wide:
                if c in text:
                    text = text.replace(c, " ")
        return text.encode("utf-8", "surrogatepass").translate(self._narrow).decode("utf-8", "surrogatepass")


_BLANK_SEPARATORS = Blanker(WORD_SEPARATORS)


def tokens(text: str) -> list[str]:
    """Lower-cased words, split at spaces, punctuation and hyphens (as
    `str.translate` with every separator mapped to a space would give)."""
    return lowered_tokens(text.lower())


def lowered_tokens(lowered: str) -> list[str]:
    """`tokens` of a text already lower-cased (a Document lower-cases its text once)."""
    return _BLANK_SEPARATORS(lowered).split()


class PhraseIndex(Generic[K]):
    """Entries keyed by phrases, shortlisted per document by the words they need.

    Scanning a document for hundreds of phrases with one alternation is slow (no
    Aho-Corasick in the regex engines), so each rule first asks which entries can occur at
    all — every word of the phrase is among the document's words, a set intersection in C —
    and compiles a pattern for just those (cached, since documents repeat combinations).
    """

    def __init__(self, phrases: Mapping[str, K]) -> None:
        needs: dict[K, list[frozenset[str]]] = {}
        by_word: dict[str, list[K]] = {}
        for phrase, key in phrases.items():
            words = frozenset(tokens(phrase))
            if not words:
                continue
            needs.setdefault(key, []).append(words)
            by_word.setdefault(max(words, key=len), []).append(key)
        # per word, the entries filed under it with the word sets of all their phrases
        self._by_word: dict[str, list[tuple[K, list[frozenset[str]]]]] = {
            word: [(key, needs[key]) for key in keys] for word, keys in by_word.items()
        }
        self._words = frozenset(by_word)

    def __bool__(self) -> bool:
        return bool(self._by_word)

    def load_keys(self) -> frozenset[str]:
        """The words entries are filed under: a rule names the index to the vocabulary
        (lintkit.vocabulary), which then narrows a document's words to those it may hold."""
        return self._words

    def candidates(self, doc_tokens: frozenset[str], among: frozenset[str] | None = None) -> frozenset[K]:
        """Entries with at least one phrase whose words all occur in the document (its
        `doc_tokens`, of which the index may hold only those `among`)."""
        found: set[K] = set()
        for word in self._words & (doc_tokens if among is None else among):
            for key, needs in self._by_word[word]:
                if key in found:
                    continue
                for n in needs:  # (a loop, not any(): most entries have one phrase)
                    if n <= doc_tokens:
                        found.add(key)
                        break
        return frozenset(found)


class Patterns(Generic[K]):
    """One compiled pattern per entry, compiled the first time a document needs it.

    Compiling is the expensive part of a large alternation, and documents need few entries
    each, so patterns are kept per entry (not per combination of entries, which would be
    compiled again for almost every document)."""

    def __init__(self, source: Callable[[K], str], flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: dict[K, regex.Pattern[str]] = {}

    def __getitem__(self, key: K) -> regex.Pattern[str]:
        pattern = self._compiled.get(key)
        if pattern is None:
            pattern = self._compiled[key] = _compiled(self._source(key), self._flags)
        return pattern

    def finditer(self, keys: Iterable[K], text: str, timeout: float | None = None) -> list[Any]:
        """Matches of several entries' patterns in text order, without overlaps (an earlier
        and then longer match wins)."""
        found = sorted(
            (m for key in keys for m in self[key].finditer(text, timeout=timeout)),
            key=lambda m: (m.start(), -m.end()),
        )
        kept: list[Any] = []
        for m in found:
            if not kept or m.start() >= kept[-1].end():
                kept.append(m)
        return kept


def normalize(phrase: str) -> str:
    """Case-folded, with runs of spaces and hyphens collapsed to one space; typographic
    apostrophes made straight."""
    return _SEPARATORS.sub(" ", phrase.replace("’", "'")).strip().casefold()


def phrase_regex(phrase: str) -> str:
    """A regex source matching `phrase` with any space/hyphen between words and ' or ’."""
    words = _SEPARATORS.split(phrase.strip())
    parts = [regex.sub(r"['’]", "['’]", regex.escape(w)) for w in words if w]
    return r"[\s\-‐‑–]+".join(parts)


def alternation(phrases: Iterable[str]) -> str:
    """One alternation of phrases, longest first so the longest phrase wins at a position."""
    unique = {normalize(p): p for p in phrases if p.strip()}
    ordered = sorted(unique.values(), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(phrase_regex(p) for p in ordered) + ")" if ordered else "(?!)"


def trie(phrases: Iterable[str]) -> str:
    """One regex for many phrases, factored word by word ("deputy (?:foreign minister|prime
    minister)"): compiles and matches far faster than a flat alternation of hundreds of
    phrases, and prefers the longest phrase at a position. Words are matched as
    `phrase_regex` does (any space or hyphen between them, ' or ’)."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = root
        for word in _SEPARATORS.split(phrase.strip()):
            if word:
                node = node.setdefault(word, {})
        if node is not root:
            node[""] = {}

    def build(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        alternatives = []
        for word in sorted((w for w in node if w), key=lambda w: (-len(w), w)):
            child = node[word]
            rest = build(child) if any(child) else ""
            head = regex.sub(r"['’]", "['’]", regex.escape(word))
            if rest:
                tail = rf"[\s\-‐‑–]+{rest}"
                head += f"(?:{tail})?" if "" in child else tail
            alternatives.append(head)
        if not alternatives:
            return ""
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return build(root) or "(?!)"


def word_bounded(source: str) -> str:
    """`source` as a whole-word match: not inside a longer word or hyphenated compound."""
    return r"(?<![\w\-])" + source + r"(?![\w]|-\w)"
