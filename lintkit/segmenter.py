"""Where sentences end, and where a period looks like one.

Two questions, two answers from one scan of the punctuation:

- `sentences`: where sentences really end, as a reader (or a segmentation test suite such
  as the Pragmatic Segmenter's golden rules) would split them. A period followed by a
  lowercase word is not an end ("Jane and co. at the party"), nor is one inside a
  parenthesis or a quotation that the sentence goes on after ('"This is great." she said'),
  a list label ("1.", "a.", "2.)"), or a spaced ellipsis (". . .").
- `splits`: every period after an ordinary word, whatever case the next word has. A
  lowercase continuation after a period ("in the world. the air") is exactly the artifact
  lintkit looks for, so the sentence-break rules read these and must not have it hidden by
  a guess. What both know is the tokens that are not sentence ends: abbreviations and
  initials ("U.S. officials", "Wendy R. Sherman", "p.m. on", "No. 10", "Jan. 12",
  "St. Petersburg"), ellipses followed by a lowercase word, decimals and domains (no space
  after the period), and "?" or "!" inside a quotation followed by its attribution ("Why?"
  she asked).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import regex

from . import native
from .cache import compiled as _compiled
from .paths import knowledge_dir
from .yamlfile import DataError, Node, load_yaml

# Sentence punctuation, closing quotes or brackets, whitespace, then the next word with any
# opening marks: one pass gives everything a boundary decision needs.
_END = _compiled(
    r"(?P<punct>(?:\.[ \u00a0]){2,}\.|\.{2,}|…|[.!?]+)(?P<close>[”’\"'»)\]]*)"
    r"(?=\s+(?P<open>[“\"‘'«(\[•⁃]*)(?P<word>\w[\w'’.\-]*)?|$)"
)
# its groups by number (a name is looked up on every call; a sentence end makes five)
_PUNCT, _CLOSE, _OPEN, _WORD = (_END.groupindex[g] for g in ("punct", "close", "open", "word"))
_LABEL_AHEAD = _compiled(r"\d{1,2}[.)]\)?\s+\p{Lu}")
_LIST_LABEL = _compiled(r"[•⁃\-]?(?:\d{1,2}|[a-z])\.?\)?")
_OPENERS = "“\"‘'«([—–-"
# the whitespace-delimited token that ends where a match begins, read backwards from there
# (one call in C; it stops at the token's first character, so a paragraph is read once)
_TOKEN_BACK = _compiled(r"(?r)[^ \n\t\u00a0]*")
_DOTTED = _compiled(r"(?:\p{L}\.)+\p{L}\.?")
_INITIAL = _compiled(r"\p{Lu}")


class Opener(enum.Enum):
    """What ended the previous sentence (how this one was opened)."""

    PARAGRAPH = "paragraph"
    PERIOD = "period"
    QUESTION = "question"  # ? or !
    ELLIPSIS = "ellipsis"
    DOUBLED = "doubled"  # two periods


class Sentence(NamedTuple):
    """A stretch of one paragraph (a tuple: documents make thousands of them)."""

    start: int
    end: int
    paragraph: int
    opener: Opener
    # Offset of the punctuation that ended the previous sentence (-1 at a paragraph start)
    # and the token it was attached to ("world" in "world. the air").
    break_at: int = -1
    previous_token: str = ""


# A Sentence made from all its fields at once: the class's own constructor is a Python
# function (defaults, keywords) and costs twice as much, for the 20,000 of a corpus.
_new = tuple.__new__


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """Token lists from `rules/knowledge/abbreviations.yaml` (see the comments there)."""

    prefix: frozenset[str]
    numeric: frozenset[str]
    terminal: frozenset[str]
    starters: frozenset[str]
    # every token the first three list: a period after any other word of two or more
    # letters without a period in it ends the sentence, and most periods follow such a word
    listed: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "listed", self.prefix | self.numeric | self.terminal)

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
    from .cache import cached

    path = knowledge_dir() / "abbreviations.yaml"

    def build() -> tuple[list[str], ...]:
        a = Abbreviations.load(path)
        return sorted(a.prefix), sorted(a.numeric), sorted(a.terminal), sorted(a.starters)

    lists = cached("abbreviations", [path], build)
    return Abbreviations(*(frozenset(x) for x in lists))


def all_splits(
    text: str,
    paragraphs: Sequence[tuple[int, int, int]],
    abbreviations: Abbreviations,
    *,
    use_native: bool | None = None,
) -> list[Sentence]:
    """`segment(text, start, end, index, abbreviations)` for each paragraph (start, end,
    index), in order: by lintkit's native scanner (native/, the same results several times
    faster) where it is installed and not turned off with LINTKIT_NO_NATIVE=1, else here.
    `use_native`: the caller's answer to whether lintkit.native is in use (None: ask it)."""
    if use_native is None:
        scanner = _native_for(abbreviations)
    else:
        scanner = _native_scanner(abbreviations) if use_native else None
    if scanner is not None:
        found: list[Sentence] = scanner.splits(text, paragraphs)
        return found
    out: list[Sentence] = []
    for start, end, index in paragraphs:
        out.extend(segment(text, start, end, index, abbreviations))
    return out


_WORD_AT = _compiled(r"\w[\w'’.\-]*")  # _END's `word` group, where the native scan's lookahead left off


def _native_for(abbreviations: Abbreviations) -> Any:
    """The native scanner for these abbreviations, or None (lintkit.native: not installed,
    another protocol, or turned off)."""
    return None if native.module() is None else _native_scanner(abbreviations)


@cache
def _native_scanner(abbreviations: Abbreviations) -> Any:
    boundary = _boundary_at(abbreviations)
    return native.module().Segmenter(
        abbreviations.listed, boundary, Opener.PARAGRAPH, Opener.PERIOD, Sentence, _new
    )


def _boundary_at(abbreviations: Abbreviations) -> Callable[[str, str, str, int, int, bool], Opener | None]:
    """`_boundary` as the native scan calls it: with the offset where the next word may
    start, read here with `_END`'s own `word` pattern."""

    def boundary(punct: str, token: str, text: str, at: int, end: int, quoted: bool) -> Opener | None:
        m = _WORD_AT.match(text, at, end)
        return _boundary(punct, token, m.group() if m is not None else "", quoted, abbreviations)

    return boundary


def segment(
    text: str, start: int, end: int, paragraph: int, abbreviations: Abbreviations, *, splits: bool = True
) -> list[Sentence]:
    """Split text[start:end] (one paragraph): at every period that looks like a sentence end
    (`splits`, for the sentence-break rules), or where sentences really end."""
    sentences: list[Sentence] = []
    while start < end and text[start].isspace():
        start += 1
    if start >= end:
        return sentences
    sent_start, opener, break_at, prev_token = start, Opener.PARAGRAPH, -1, ""
    labels: list[str] = []  # list labels seen in this paragraph ("1.", "a.")
    listed = abbreviations.listed
    for m in _END.finditer(text, start, end):
        opens_at = m.start(_OPEN)
        if opens_at < 0 or m.end() >= end:
            break
        at = m.start()
        punct, opening, word = m.group(_PUNCT, _OPEN, _WORD)
        word = word or ""
        token_start = _TOKEN_BACK.match(text, start, at).start()  # type: ignore[union-attr]  # (it matches "" at least)
        token = text[token_start:at].lstrip(_OPENERS)
        if punct == "." and len(token) > 1 and "." not in token and token not in listed:
            kind: Opener | None = Opener.PERIOD  # an ordinary word: what `_boundary` says, at once
        else:
            kind = _boundary(punct, token, word, bool(opening), abbreviations)
        if not splits:
            if _next_label(token, labels) and text[sent_start:token_start].strip(" \t•⁃-"):
                # "1. The first item 2. The second": the next label starts the next item
                label_at = token_start - (
                    len(text[sent_start:token_start]) - len(text[sent_start:token_start].rstrip(" \t•⁃-"))
                )
                sentences.append(Sentence(sent_start, label_at, paragraph, opener, break_at, prev_token))
                sent_start, opener = (
                    label_at + (len(text[label_at:token_start]) - len(text[label_at:token_start].lstrip())),
                    Opener.PERIOD,
                )
            if _LIST_LABEL.fullmatch(token):
                labels.append(token)
            kind = _sentence_end(kind, text, sent_start, token_start, m, token, word, abbreviations)
        if kind is None:
            continue
        sentences.append(_new(Sentence, (sent_start, m.end(_CLOSE), paragraph, opener, break_at, prev_token)))
        sent_start, opener, break_at, prev_token = opens_at, kind, at, token
        if sent_start >= end:
            break
    if sent_start < end:
        stop = end
        while stop > sent_start and text[stop - 1].isspace():
            stop -= 1
        sentences.append(_new(Sentence, (sent_start, stop, paragraph, opener, break_at, prev_token)))
    return sentences


def _sentence_end(
    kind: Opener | None,
    text: str,
    sent_start: int,
    token_start: int,
    m: regex.Match[str],
    token: str,
    word: str,
    abbreviations: Abbreviations,
) -> Opener | None:
    """A period that `splits` would break at, judged as a reader would: whether the sentence
    really ends there (`kind`, or None), and, after a terminal abbreviation such as "P.M."
    followed by a title ("Mr."), that it does."""
    punct, close, first = m.group("punct"), m.group("close"), word[:1]
    word = word.rstrip(".")
    if first.isdigit() and _LABEL_AHEAD.match(text, m.start("word")):
        return kind  # "the first item. 2) The second item"
    if first.islower() or first.isdigit():
        return None  # "Jane and co. at the party", '"It is." she said', "(… 5 years.) at"
    if "[" in text[max(0, m.start() - 1) : m.start()] or close.endswith("]"):
        return None  # "[...]": an omission inside a quotation
    if _LIST_LABEL.fullmatch(token) and text[sent_start:token_start].strip(" \t•⁃-") == "":
        return None  # "1. The first item": a list label opens its item
    if (
        kind is None
        and punct == "."
        and word in abbreviations.prefix
        and _DOTTED.fullmatch(token)
        and token.isupper()
    ):
        return Opener.PERIOD  # "at 6 P.M. Mr. Smith then went" (lower-case "at 5 a.m. Mr. Smith" goes on)
    if kind is None and _INITIAL.fullmatch(token) and token == "I":
        return Opener.PERIOD if word in abbreviations.starters or word in _AUXILIARIES else None
    return kind


def _next_label(token: str, labels: list[str]) -> bool:
    """Whether `token` is the label that follows the last one seen ("2." after "1.")."""
    if not labels or not _LIST_LABEL.fullmatch(token):
        return False
    core, last = token.strip("•⁃-.)"), labels[-1].strip("•⁃-.)")
    if core.isdigit() and last.isdigit():
        return int(core) == int(last) + 1
    return len(core) == len(last) == 1 and ord(core) == ord(last) + 1


_AUXILIARIES = frozenset({"Did", "Do", "Does", "Is", "Are", "Was", "Were", "Can", "Could", "Will", "Would"})


def _boundary(punct: str, token: str, word: str, quoted: bool, abbreviations: Abbreviations) -> Opener | None:
    """Whether a token ending in `punct` ends a sentence, and how the next one opens."""
    first = word[:1]
    if "?" in punct or "!" in punct:
        # "Why?" she asked / "Stop!" he shouted: attribution continues the sentence.
        return None if first.islower() else Opener.QUESTION
    if punct == "..":
        return Opener.DOUBLED
    if len(punct) > 1 or punct == "…":  # ellipsis (". . ." too): ends only if a capital follows
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
    # (the patterns need a period inside the token, or one letter: most tokens have neither)
    if token in abbreviations.terminal or ("." in token and _DOTTED.fullmatch(token)):
        return Opener.PERIOD if starts_sentence else None
    if len(token) == 1 and _INITIAL.fullmatch(token):  # "Wendy R. Sherman", "J. K. Rowling"
        return Opener.PERIOD if word in abbreviations.starters else None
    return Opener.PERIOD
