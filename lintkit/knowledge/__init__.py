"""Knowledge bases: facts as YAML under `rules/knowledge/`, extendable with `--knowledge FILE`.

Each file holds one or more sections, recognised by their top-level key: `offices` and
`officials`, `titles`, `names` (canonical names), `places`, `synonyms`, `people`. Files are
parsed on first use, so a run that selects no fact-checking rule never reads them, and
parsed once into lintkit's cache; the loaders are imported only to parse.
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..cache import KeyTable
from ..paths import knowledge_dir

if TYPE_CHECKING:
    from ..yamlfile import Node
    from .names import CanonicalName
    from .officials import Office, Official
    from .people import Person
    from .places import Place

__all__ = ["CanonicalName", "KnowledgeBase", "Office", "Official", "Person", "Place", "collector_paused"]

_TYPES = {"CanonicalName": "names", "Office": "officials", "Official": "officials", "Person": "people",
          "Place": "places"}  # fmt: skip


def __getattr__(name: str) -> Any:
    """The knowledge bases' types, imported on first use (with their loaders)."""
    module = _TYPES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __name__), name)

T = TypeVar("T")

SECTIONS = {"as-of", "offices", "officials", "titles", "names", "places", "synonyms", "people"}
_SEGMENTER_FILE = "abbreviations.yaml"
# Folders of data that rules read directly (lexicons, language tables), not knowledge sections.
_OWN_FOLDERS = ("lexicons", "language")


@dataclass
class _Sections:
    offices: dict[str, Office] = field(default_factory=dict)
    officials: list[Official] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    names: list[CanonicalName] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    synonyms: dict[str, set[str]] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)


class KnowledgeBase:
    def __init__(self, extra_files: Sequence[str | Path] = (), builtin: bool = True) -> None:
        files: list[Path] = []
        if builtin:
            root = knowledge_dir()
            files += sorted(
                p
                for p in root.rglob("*.yaml")
                if p.name != _SEGMENTER_FILE and p.relative_to(root).parts[0] not in _OWN_FOLDERS
            )
        files += [Path(f) for f in extra_files]
        self.files = files
        self._stored: dict[str, bytes] | None = None
        self._groups: dict[str, Any] = {}
        self._key: str | None = None

    def _group(self, name: str) -> Any:
        """One group of sections, read from lintkit's cache: the files are parsed and checked
        once into it (keyed by their contents), and each group is stored on its own, so a
        run that needs only places does not read every official."""
        found = self._groups.get(name)
        if found is None:
            from ..cache import cached

            with collector_paused():
                stored = self._stored
                if stored is None:
                    stored = self._stored = cached("knowledge", self.files, self._parse_groups)
                found = self._groups[name] = pickle.loads(stored[name])
        return found

    def _parse_groups(self) -> dict[str, bytes]:
        out = self._parse()
        groups = {
            "officials": (out.offices, out.officials),  # officials share their Office objects
            "titles": out.titles,
            "names": out.names,
            "places": out.places,
            "synonyms": out.synonyms,
            "people": out.people,
        }
        return {k: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL) for k, v in groups.items()}

    def derived(
        self,
        name: str,
        build: Callable[[KnowledgeBase], T],
        sources: Iterable[Path] = (),
        extra: Sequence[str] = (),
    ) -> T:
        """What a rule builds from the knowledge base (its indexes), built once into lintkit's
        cache, keyed by the contents of the knowledge files (and of `sources`), by `extra`
        (what else the result depends on, such as the rule's own settings) and by lintkit's
        code; `build` may read any section. The result is pickled."""
        from ..cache import cached

        content = self._content()
        with collector_paused():
            if content is None:  # a file that cannot be read: building says which
                return build(self)
            return cached(name, list(sources), lambda: build(self), objects=True, extra=(content, *extra))

    def derived_table(
        self,
        name: str,
        rows: Callable[[KnowledgeBase], Iterable[tuple[str, str]]],
        sources: Iterable[Path] = (),
    ) -> KeyTable:
        """A table a rule builds from the knowledge base and looks up by a document's words
        (lintkit.cache.KeyTable), built once into lintkit's cache like `derived`."""
        from ..cache import KeyTable, key_table

        content = self._content()
        if content is None:  # a file that cannot be read: building says which
            return KeyTable.build(rows(self))
        return key_table(name, list(sources), lambda: rows(self), extra=(content,))

    def _content(self) -> str | None:
        """What the knowledge files hold, as a hash (None if one cannot be read), worked out
        once for this knowledge base: a linter is built anew when a file changes."""
        if self._key is None:
            from ..cache import key

            try:
                self._key = key(self.files)
            except OSError:
                return None
        return self._key

    def _parse(self) -> _Sections:
        from ..yamlfile import DataError, Node, closest, load_yaml
        from .names import load_names
        from .officials import load_offices, load_officials
        from .people import load_people
        from .places import load_places

        docs: list[tuple[Path, Node]] = []
        for path in self.files:
            data = load_yaml(path)
            if not isinstance(data, Node):
                raise DataError(path, None, "a knowledge-base file must be a mapping of sections")
            for key in data:
                if key not in SECTIONS:
                    raise DataError(
                        path,
                        data.line_of(key),
                        f"unknown section {key!r}{closest(key, SECTIONS)}; "
                        f"expected one of {sorted(SECTIONS)}",
                    )
            docs.append((path, data))
        out = _Sections()
        for path, data in docs:  # offices first: officials in any file may refer to them
            if "offices" in data:
                load_offices(path, data["offices"], out.offices)
        for path, data in docs:
            if "officials" in data:
                load_officials(path, data["officials"], out.offices, out.officials)
            if "titles" in data:
                value = data["titles"]
                if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
                    raise DataError(path, data.line_of("titles"), "'titles' must be a list of strings")
                out.titles += value
            if "names" in data:
                load_names(path, data["names"], out.names)
            if "places" in data:
                load_places(path, data["places"], out.places)
            if "synonyms" in data:
                _load_synonyms(path, data, out.synonyms)
            if "people" in data:
                load_people(path, data["people"], out.people)
        return out

    @property
    def offices(self) -> dict[str, Office]:
        offices: dict[str, Office] = self._group("officials")[0]
        return offices

    @property
    def officials(self) -> list[Official]:
        officials: list[Official] = self._group("officials")[1]
        return officials

    @property
    def generic_titles(self) -> list[str]:
        titles: list[str] = self._group("titles")
        return titles

    @property
    def names(self) -> list[CanonicalName]:
        names: list[CanonicalName] = self._group("names")
        return names

    @property
    def places(self) -> list[Place]:
        places: list[Place] = self._group("places")
        return places

    @property
    def synonyms(self) -> dict[str, set[str]]:
        """Word -> the words translation and spinning swap it for inside names."""
        synonyms: dict[str, set[str]] = self._group("synonyms")
        return synonyms

    @property
    def people(self) -> list[Person]:
        """People in the news with the spellings copy uses for them."""
        people: list[Person] = self._group("people")
        return people

    def validate(self) -> None:
        """Parse and check every file now, so a broken file is reported before any article
        is checked."""
        for name in ("officials", "titles", "names", "places", "synonyms", "people"):
            self._group(name)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while millions of small objects are built
    (knowledge files parsed or read from the cache, rules' indexes of them): each full
    collection walks every object built so far, which made loading 50,000 entries several
    times slower than parsing them, and slower with every entry. What is built there is
    kept, so there is nothing for the collector to find."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_synonyms(path: Path, data: Node, into: dict[str, set[str]]) -> None:
    from ..phrases import normalize
    from ..yamlfile import DataError, Node

    table = data["synonyms"]
    if not isinstance(table, Node) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in table.values()
    ):
        raise DataError(path, data.line_of("synonyms"), "'synonyms' must map each word to a list of words")
    for word, others in table.items():
        into.setdefault(normalize(word), set()).update(normalize(w) for w in others)
