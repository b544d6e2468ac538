"""Sentence segmentation tuned for news copy.

The segmenter splits after every period that follows an ordinary word, whatever case the
next word has: a lowercase continuation after a real sentence end is exactly the artifact
lintkit looks for, so the segmenter must not hide it by guessing. What it does know is the
tokens that are not sentence ends: abbreviations and initials ("U.S. officials",
"Wendy R. Sherman", "p.m. on", "No. 10", "Jan. 12", "St. Petersburg"), ellipses followed by a
lowercase word, decimals and domains (no space after the period), and "?" or "!" inside a
quotation followed by its attribution ("Why?" she asked).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from .paths import knowledge_dir
from .yamlfile import DataError, Node, load_yaml

# Sentence punctuation, closing quotes or brackets, whitespace, then the next word with any
# opening marks: one pass gives everything a boundary decision needs.
_END = regex.compile(
    r"(?P<punct>\.{2,}|…|[.!?]+)(?P<close>[”’\"'»)\]]*)"
    r"(?=\s+(?P<open>[“\"‘'«(\[]*)(?P<word>\w[\w'’.\-]*)?|$)"
)
_OPENERS = "“\"‘'«([—–-"
_DOTTED = regex.compile(r"(?:\p{L}\.)+\p{L}\.?")
_INITIAL = regex.compile(r"\p{Lu}")


class Opener(enum.Enum):
    """What ended the previous sentence (how this one was opened)."""

    PARAGRAPH = "paragraph"
    PERIOD = "period"
    QUESTION = "question"  # ? or !
    ELLIPSIS = "ellipsis"
    DOUBLED = "doubled"  # two periods


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    opener: Opener
    # Offset of the punctuation that ended the previous sentence (-1 at a paragraph start)
    # and the token it was attached to ("world" in "world. the air").
    break_at: int = -1
    previous_token: str = ""


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """Token lists from `rules/knowledge/abbreviations.yaml` (see the comments there)."""

    prefix: frozenset[str]
    numeric: frozenset[str]
    terminal: frozenset[str]
    starters: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> Abbreviations:
        data = load_yaml(path)
        keys = {"prefix", "numeric", "terminal", "sentence-starters"}
        if not isinstance(data, Node) or set(data) != keys:
            raise DataError(path, None, f"expected exactly the keys {sorted(keys)}")
        lists = {}
        for key in keys:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise DataError(path, data.line_of(key), f"{key!r} must be a list of words")
            lists[key] = frozenset(value)
        return cls(lists["prefix"], lists["numeric"], lists["terminal"], lists["sentence-starters"])


@cache
def default_abbreviations() -> Abbreviations:
    return Abbreviations.load(knowledge_dir() / "abbreviations.yaml")


def segment(text: str, start: int, end: int, paragraph: int, abbreviations: Abbreviations) -> list[Sentence]:
    """Split text[start:end] (one paragraph) into sentences."""
    sentences: list[Sentence] = []
    while start < end and text[start].isspace():
        start += 1
    if start >= end:
        return sentences
    sent_start, opener, break_at, prev_token = start, Opener.PARAGRAPH, -1, ""
    for m in _END.finditer(text, start, end):
        if m.end() >= end or m.start("open") < 0:
            break
        word = m.group("word") or ""
        token_start = _token_start(text, start, m.start())
        token = text[token_start : m.start()].lstrip(_OPENERS)
        kind = _boundary(m.group("punct"), token, word, bool(m.group("open")), abbreviations)
        if kind is None:
            continue
        sentences.append(Sentence(sent_start, m.end("close"), paragraph, opener, break_at, prev_token))
        sent_start, opener, break_at, prev_token = m.start("open"), kind, m.start(), token
        if sent_start >= end:
            break
    if sent_start < end:
        stop = end
        while stop > sent_start and text[stop - 1].isspace():
            stop -= 1
        sentences.append(Sentence(sent_start, stop, paragraph, opener, break_at, prev_token))
    return sentences


def _token_start(text: str, floor: int, pos: int) -> int:
    """Start of the whitespace-delimited token that ends at `pos`."""
    return (
        max(
            text.rfind(" ", floor, pos),
            text.rfind("\n", floor, pos),
            text.rfind("\t", floor, pos),
            text.rfind("\u00a0", floor, pos),
        )
        + 1
        or floor
    )


def _boundary(punct: str, token: str, word: str, quoted: bool, abbreviations: Abbreviations) -> Opener | None:
    """Whether a token ending in `punct` ends a sentence, and how the next one opens."""
    first = word[:1]
    if "?" in punct or "!" in punct:
        # "Why?" she asked / "Stop!" he shouted: attribution continues the sentence.
        return None if first.islower() else Opener.QUESTION
    if punct == "..":
        return Opener.DOUBLED
    if len(punct) > 1 or punct == "…":  # ellipsis: a sentence ends only if a capital follows
        return Opener.ELLIPSIS if first.isupper() else None
    if not token:
        return Opener.PERIOD  # a lone period: an empty sentence, reported by a rule
    starts_sentence = first.isupper() and (word in abbreviations.starters or quoted)
    if token in abbreviations.prefix:
        return None
    if token in abbreviations.numeric:
        if first.isdigit():
            return None
        return Opener.PERIOD if starts_sentence else None
    if token in abbreviations.terminal or _DOTTED.fullmatch(token):
        return Opener.PERIOD if starts_sentence else None
    if _INITIAL.fullmatch(token):  # "Wendy R. Sherman", "J. K. Rowling"
        return Opener.PERIOD if word in abbreviations.starters else None
    return Opener.PERIOD
