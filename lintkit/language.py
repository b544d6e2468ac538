"""English and source-language word data, read from the tables under
`rules/knowledge/language/` (built from wordfreq, WordNet and SymSpell by the scripts in
`scripts/knowledge/`; sources and licences in LICENSES.md there).

Each table is read on first use and kept for the process (and parsed once into lintkit's
cache, see lintkit.cache), so a run whose rules need none of them never reads them.

`table(name)` gives a table as a `KeyTable`: loaded in about a millisecond and looked up by
the words a document holds, where the functions below it build a whole set or dict (15-25
ms for the larger tables) and suit code that reads every row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from .cache import KeyTable, cached, key_table
from .paths import knowledge_dir

Rows = Iterable[tuple[str, str]]


def table_path(name: str) -> Path:
    """Where a language table is (`english.tsv` -> rules/knowledge/language/english.tsv)."""
    return knowledge_dir() / "language" / name


def _rows(name: str) -> list[tuple[str, str]]:
    path = table_path(name)
    text = path.read_text(encoding="utf-8")
    return [
        (cells[0], cells[1])
        for cells in (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    ]


@cache
def table(name: str, derive: Callable[[Rows], Rows] | None = None) -> KeyTable:
    """A language table (`english.tsv`, `foreign.tsv`, ...) as first column -> second,
    looked up by key. With `derive`, the table of the rows `derive` makes from the file's
    (such as every inflected form of each word); it is built once into lintkit's cache, so
    `derive` must be a module-level function whose result depends only on the rows."""
    path = table_path(name)
    label = f"table-{path.stem}" + (f"-{derive.__module__}.{derive.__qualname__}" if derive else "")

    def build() -> Rows:
        rows = _rows(name)
        return derive(rows) if derive is not None else rows

    return key_table(label, [path], build)


def _common_rows(rows: Rows) -> Rows:
    return [(w, z) for w, z in rows if float(z) >= COMMON_ZIPF]


def english_words() -> KeyTable:
    """English words (wordfreq, Zipf >= 2) -> their Zipf frequency, as text."""
    return table("english.tsv")


def common_english_words() -> KeyTable:
    """English words with Zipf >= 3.5 (see `common_english`) -> their Zipf frequency."""
    return table("english.tsv", _common_rows)


def zipf(word: str) -> float:
    """A word's Zipf frequency in English (0.0 for a word not in the table)."""
    return float(table("english.tsv").get(word, 0.0))


def _columns(name: str, keep: Callable[[list[str]], bool] = lambda row: True) -> tuple[str, str]:
    """The first two columns of a table's rows, each as one newline-joined string: the form
    that loads fastest from the cache (a set or dict is built from it in a few ms)."""
    path: Path = knowledge_dir() / "language" / name

    def build() -> tuple[str, str]:
        text = path.read_text(encoding="utf-8")
        rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
        kept = [row for row in rows if keep(row)]
        return "\n".join(r[0] for r in kept), "\n".join(r[1] for r in kept)

    return cached(f"language-{name}-{keep.__name__}", [path], build)


def english_frequency() -> dict[str, float]:
    """English words -> Zipf frequency (for building indexes; rules use the sets below)."""
    words, zipf = _columns("english.tsv")
    return dict(zip(words.split("\n"), map(float, zipf.split("\n")), strict=True))


@cache
def english() -> frozenset[str]:
    """Lowercase English words (wordfreq, Zipf >= 2)."""
    return frozenset(_columns("english.tsv")[0].split("\n"))


def _common(row: list[str]) -> bool:
    return float(row[1]) >= COMMON_ZIPF


COMMON_ZIPF = 3.5


@cache
def common_english() -> frozenset[str]:
    """English words with Zipf >= 3.5: about one in 30,000 running words or more often."""
    return frozenset(_columns("english.tsv", _common)[0].split("\n"))


@cache
def foreign() -> dict[str, str]:
    """Words frequent in a source language of translated news and not English -> language."""
    words, languages = _columns("foreign.tsv")
    return dict(zip(words.split("\n"), languages.split("\n"), strict=True))


@cache
def spinner_synonyms() -> dict[str, str]:
    """Rare thesaurus synonyms of common words -> the common word (rare-synonyms.tsv)."""
    words, common = _columns("rare-synonyms.tsv")
    return dict(zip(words.split("\n"), common.split("\n"), strict=True))


@cache
def proper_only() -> dict[str, str]:
    """Names English writes only with capitals (WordNet has no lowercase sense) -> the form
    with capitals ("moscow" -> "Moscow", "usa" -> "USA")."""
    words, forms = _columns("proper-only.tsv")
    return dict(zip(words.split("\n"), forms.split("\n"), strict=True))


@cache
def keys(table: str) -> frozenset[str]:
    """The words of a table as a frozenset: intersecting it with a document's words costs
    the size of the document, where a dict's keys view would cost the size of the table."""
    lookup = {"foreign": foreign, "proper-only": proper_only, "spinner-synonyms": spinner_synonyms}
    return frozenset(lookup[table]())
