"""The words of a run's large word tables, as one set: each document's words are looked up
in it once, and each table then sees only the few words it may hold.

Rules ask which of a document's 200-odd distinct words their tables hold (foreign words,
thesaurus swaps, names, officials' titles): seven tables asked the same 200 words, at 50 to
150 ns a probe (the larger the table, the dearer), 70 µs of every article on the corpus.
Looked up once in the union of the tables, a document keeps about 70 words that one of them
holds, and a table is then asked only those. Phrase indexes filed by words
(lintkit.phrases.PhraseIndex: capitals and countries, names, swaps) join the union too: each
was a set operation over all of a document's words.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .document import Document


class WordTable(Protocol):
    """What a rule names to the vocabulary (`Rule.word_tables`): a table of words, or a
    phrase index filed by words (lintkit.phrases.PhraseIndex)."""

    def load_keys(self) -> Collection[str]: ...


class Vocabulary:
    """The union of some word tables (`build`), and a document's words narrowed to it
    (`words`, worked out once per document). A table not built in is given the document's
    words whole, so a rule that names its table here is never told too little."""

    def __init__(self) -> None:
        self._owners: dict[int, object] = {}  # id -> the table (kept, so its id stays its own)
        self._union: frozenset[str] | None = None
        self._key = object()  # where a document keeps its narrowed words (new with each build)

    def build(self, tables: Iterable[tuple[object, Collection[str]]]) -> None:
        """Take in these tables: (the object a rule names the table by, its words)."""
        owners: dict[int, object] = {}
        words: list[Collection[str]] = []
        for owner, keys in tables:
            owners[id(owner)] = owner
            words.append(keys)
        self._owners = owners
        # the largest first: its table is copied whole, presized, and only the others' words
        # are added one by one (half the time of adding every table's to an empty set)
        words.sort(key=len, reverse=True)
        self._union = frozenset(words[0]).union(*words[1:]) if owners else None
        self._key = object()

    def words(self, doc: Document, table: object) -> frozenset[str]:
        """The document's words that `table` may hold: those of the union for a table built
        in, every word of the document for any other."""
        if self._union is None or id(table) not in self._owners:
            return doc.tokens
        found = doc.memo.get(self._key)
        if found is None:
            found = doc.memo[self._key] = self._union.intersection(doc.tokens)
        return found  # type: ignore[return-value]
