"""The `Document`: everything rules need to know about one article, built once per file.

Text, line index, paragraphs with their parts (headline, dateline, body...), sentences,
direct quotations, the article date, and, for markup sources, a map from the prose text the
rules see back to offsets in the source file.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Callable
from itertools import islice, pairwise
from typing import Any, Generic, Protocol, TypeVar, overload

from . import native
from .phrases import WORD_SEPARATORS, lowered_tokens
from .quotes import Quotations, find_quotations
from .segmenter import Abbreviations, Sentence, all_splits, default_abbreviations, segment
from .source import LineIndex
from .structure import Dateline, Paragraph, Part, classify, find_dateline, line_spans, split_paragraphs

_T = TypeVar("_T")


class _once(Generic[_T]):
    """`functools.cached_property` without its lock: Python 3.10 and 3.11 take an RLock
    on every first read (1.0 µs against 0.45), and a Document is read by one thread."""

    def __init__(self, make: Callable[[Any], _T]) -> None:
        self._make = make
        self._name = make.__name__
        self.__doc__ = make.__doc__

    @overload
    def __get__(self, doc: None, owner: type | None = None) -> _once[_T]: ...

    @overload
    def __get__(self, doc: object, owner: type | None = None) -> _T: ...

    def __get__(self, doc: object | None, owner: type | None = None) -> _T | _once[_T]:
        if doc is None:
            return self
        value = doc.__dict__[self._name] = self._make(doc)  # read from there from now on
        return value


class OffsetMap(Protocol):
    """Maps offsets between the prose text and the source file (markup readers)."""

    def to_source(self, offset: int) -> int: ...

    def to_source_end(self, offset: int) -> int: ...

    def to_text(self, offset: int) -> int: ...


class Document:
    """One article. `text` is the prose the rules read; `source` is the file as decoded."""

    def __init__(
        self,
        text: str,
        path: str = "<text>",
        *,
        source: str | None = None,
        offset_map: OffsetMap | None = None,
        paragraphs: list[tuple[int, int]] | None = None,
        parts: list[Part | None] | None = None,
        detect_headline: bool = True,
        abbreviations: Abbreviations | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.notes: list[str] = []  # what the reader could not read (a warning for the file)
        self.source = text if source is None else source
        self.offset_map = offset_map
        self.lines = LineIndex(self.source)
        # lintkit.native or None, asked once: LINTKIT_NO_NATIVE is an environment lookup
        # (~1 µs, an exception inside os.environ), and the steps below use the answer
        self._native = native.module()
        spans = split_paragraphs(text, extension=self._native) if paragraphs is None else paragraphs
        self.paragraphs: list[Paragraph] = classify(text, spans, detect_headline, parts, self._native)
        self._para_starts = [p.start for p in self.paragraphs]
        self.dateline: Dateline | None = find_dateline(text, self.paragraphs)
        self._abbreviations = abbreviations or default_abbreviations()
        # Every period that looks like a sentence end: what the sentence-break rules read.
        self.splits: list[Sentence] = self._segment(splits=True)
        self.quotations: Quotations = find_quotations(text, self.paragraphs, self._native)
        self._quote_starts = [s for s, _ in self.quotations.spans]
        # the word count; natively, in the same call, whether a word may follow itself
        # (`has_doubled_word`: the repeated-word rule asks it of every article)
        self._may_double: bool | None = None
        if self._native is None:
            self.words = len(text.split())
        else:
            self.words, self._may_double = self._native.scan_words(text)
        # what rules work out once per document and share (keyed by whoever stores it)
        self.memo: dict[object, object] = {}

    def _segment(self, splits: bool) -> list[Sentence]:
        d = self.dateline
        spans = [(d.end if d and p.start == d.start else p.start, p.end, p.index) for p in self.paragraphs]
        if splits:
            return all_splits(self.text, spans, self._abbreviations, use_native=self._native is not None)
        out: list[Sentence] = []
        for start, end, index in spans:
            out.extend(segment(self.text, start, end, index, self._abbreviations, splits=False))
        return out

    @_once
    def sentences(self) -> list[Sentence]:
        """Where sentences really end (a period before a lowercase word, inside a quotation
        the sentence goes on after, or after a list label is not an end); built when a rule
        first asks."""
        return self._segment(splits=False)

    @_once
    def line_spans(self) -> list[tuple[int, int]]:
        """Where the text's lines are (runs without a line break), for the rules that read
        lines (repeated lines, page furniture)."""
        return line_spans(self.text)

    @_once
    def lowered(self) -> str:
        """The text lower-cased (`str.lower`), made once for the words and for every rule
        that searches it in any case: lower-casing takes the slow path through Unicode's
        tables at a text's first non-ASCII character, and most articles hold one."""
        return self.text.lower()

    @_once
    def token_list(self) -> list[str]:
        """The lower-cased words in order (split at spaces, punctuation, hyphens and
        apostrophes), made once for every rule that needs words."""
        return lowered_tokens(self.lowered)

    @_once
    def has_repeated_token(self) -> bool:
        """Whether some word follows itself ("the the", "in in"): a repeated-word rule has
        nothing to find in the many articles where none does. Compared in C, not per word."""
        words = self.token_list
        return any(map(operator.eq, words, islice(words, 1, None)))  # operator.eq: no method lookup

    @_once
    def has_doubled_word(self) -> bool:
        """Whether some word follows itself across a single space or tab ("the the"), not
        only across punctuation or a line break ("it did. Did it", "that, that"): the
        repeated-word rule can match only then (a sixth as many articles as
        `has_repeated_token` on edited copy). Natively, found by the call that counts the
        words when the Document is made (lintkit.native: never false where the rule's
        pattern matches); else each word that follows itself in the token list is looked for
        doubled in the lower-cased text the tokens come from."""
        if self._may_double is not None:
            return self._may_double
        if not self.has_repeated_token:
            return False
        words = self.token_list
        doubled = {a for a, b in pairwise(words) if a == b}
        lowered = self.lowered
        return any(f"{w} {w}" in lowered or f"{w}\t{w}" in lowered for w in doubled)

    @_once
    def tokens(self) -> frozenset[str]:
        """The set of lower-cased words in the text: a cheap test that lets rules with
        large phrase lists skip documents that cannot contain any of their phrases.
        Natively, made without the list: each distinct word is made once."""
        if self._native is not None:
            found: frozenset[str] = self._native.word_set(self.lowered, WORD_SEPARATORS)
            return found
        return frozenset(self.token_list)

    @property
    def date(self) -> dt.date | None:
        """The article's date from its dateline, if it has a full one."""
        return self.dateline.date if self.dateline else None

    @property
    def headline(self) -> str | None:
        """The first headline paragraph's text on one line, or None: reports name an
        article by it (a desk knows stories by headline, not by file name)."""
        head = next((p for p in self.paragraphs if p.part is Part.HEADLINE), None)
        return " ".join(self.text[head.start : head.end].split()) or None if head else None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect.bisect_right(self._para_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def part_at(self, offset: int) -> Part | None:
        """The part of the article an offset of `text` falls in (None between paragraphs)."""
        d = self.dateline
        if d and d.start <= offset < d.end:
            return Part.DATELINE
        p = self.paragraph_at(offset)
        return p.part if p else None

    def in_quote(self, offset: int) -> bool:
        """Whether an offset of `text` lies inside a direct quotation (marks included)."""
        i = bisect.bisect_right(self._quote_starts, offset) - 1
        return i >= 0 and offset < self.quotations.spans[i][1]

    def to_source(self, offset: int) -> int:
        return offset if self.offset_map is None else self.offset_map.to_source(offset)

    def to_source_end(self, offset: int) -> int:
        """Where the text character at `offset` ends in the source."""
        return offset + 1 if self.offset_map is None else self.offset_map.to_source_end(offset)

    def to_text(self, offset: int) -> int:
        return offset if self.offset_map is None else self.offset_map.to_text(offset)

    def splits_in(self, parts: frozenset[Part]) -> list[Sentence]:
        """The splits (see `splits`) of the paragraphs that belong to `parts` (e.g. body),
        worked out once per set of parts (the sentence-break rules share one)."""
        key = ("splits in", parts)
        found = self.memo.get(key)
        if found is None:
            keep = {p.index for p in self.paragraphs if p.part in parts}
            found = self.memo[key] = [s for s in self.splits if s.paragraph in keep]
        return found  # type: ignore[return-value]
