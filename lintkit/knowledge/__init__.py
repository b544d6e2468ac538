"""Knowledge bases: facts as YAML under `rules/knowledge/`, extendable with `--knowledge FILE`.

Each file holds one or more sections, recognised by their top-level key: `offices` and
`officials`, `titles`, `names` (canonical names), `places`, `synonyms`, `people`. Files are
parsed on first use, so a run that selects no fact-checking rule never reads them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..paths import knowledge_dir
from ..phrases import normalize
from ..yamlfile import DataError, Node, closest, load_yaml
from .names import CanonicalName, load_names
from .officials import Office, Official, load_offices, load_officials
from .people import Person, load_people
from .places import Place, load_places

__all__ = ["CanonicalName", "KnowledgeBase", "Office", "Official", "Person", "Place", "collector_paused"]

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

    @cached_property
    def _sections(self) -> _Sections:
        """Every file's sections, parsed and checked once into lintkit's cache (keyed by the
        files' contents), so a run loads them instead of parsing YAML."""
        from ..cache import cached

        with collector_paused():
            return cached("knowledge", self.files, self._parse, objects=True)

    def _parse(self) -> _Sections:
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
        return self._sections.offices

    @property
    def officials(self) -> list[Official]:
        return self._sections.officials

    @property
    def generic_titles(self) -> list[str]:
        return self._sections.titles

    @property
    def names(self) -> list[CanonicalName]:
        return self._sections.names

    @property
    def places(self) -> list[Place]:
        return self._sections.places

    @property
    def synonyms(self) -> dict[str, set[str]]:
        """Word -> the words translation and spinning swap it for inside names."""
        return self._sections.synonyms

    @property
    def people(self) -> list[Person]:
        """People in the news with the spellings copy uses for them."""
        return self._sections.people

    def validate(self) -> None:
        """Load everything now, so a broken file is reported before any article is checked."""
        _ = self._sections


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
    table = data["synonyms"]
    if not isinstance(table, Node) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in table.values()
    ):
        raise DataError(path, data.line_of("synonyms"), "'synonyms' must map each word to a list of words")
    for word, others in table.items():
        into.setdefault(normalize(word), set()).update(normalize(w) for w in others)
