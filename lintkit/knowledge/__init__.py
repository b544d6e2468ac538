"""Knowledge bases: facts as YAML under `rules/knowledge/`, extendable with `--knowledge FILE`.

Each file holds one or more sections, recognised by their top-level key: `offices` and
`officials`, `titles`, `names` (canonical names), `places`. Files are parsed on first use,
so a run that selects no fact-checking rule never reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from ..paths import knowledge_dir
from ..yamlfile import DataError, Node, load_yaml
from .names import CanonicalName, load_names
from .officials import Office, Official, load_offices, load_officials
from .places import Place, load_places

__all__ = ["CanonicalName", "KnowledgeBase", "Office", "Official", "Place"]

SECTIONS = {"as-of", "offices", "officials", "titles", "names", "places"}
_SEGMENTER_FILE = "abbreviations.yaml"


class KnowledgeBase:
    def __init__(self, extra_files: Sequence[str | Path] = (), builtin: bool = True) -> None:
        files: list[Path] = []
        if builtin:
            root = knowledge_dir()
            files += sorted(p for p in root.rglob("*.yaml") if p.name != _SEGMENTER_FILE)
        files += [Path(f) for f in extra_files]
        self.files = files

    @cached_property
    def _loaded(
        self,
    ) -> tuple[dict[str, Office], list[Official], list[str], list[CanonicalName], list[Place]]:
        docs: list[tuple[Path, Node]] = []
        for path in self.files:
            data = load_yaml(path)
            if not isinstance(data, Node):
                raise DataError(path, None, "a knowledge-base file must be a mapping of sections")
            for key in data:
                if key not in SECTIONS:
                    from ..yamlfile import closest

                    raise DataError(
                        path,
                        data.line_of(key),
                        f"unknown section {key!r}{closest(key, SECTIONS)}; "
                        f"expected one of {sorted(SECTIONS)}",
                    )
            docs.append((path, data))
        offices: dict[str, Office] = {}
        for path, data in docs:
            if "offices" in data:
                load_offices(path, data["offices"], offices)
        officials: list[Official] = []
        titles: list[str] = []
        names: list[CanonicalName] = []
        places: list[Place] = []
        for path, data in docs:
            if "officials" in data:
                load_officials(path, data["officials"], offices, officials)
            if "titles" in data:
                value = data["titles"]
                if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
                    raise DataError(path, data.line_of("titles"), "'titles' must be a list of strings")
                titles += value
            if "names" in data:
                load_names(path, data["names"], names)
            if "places" in data:
                load_places(path, data["places"], places)
        return offices, officials, titles, names, places

    @property
    def offices(self) -> dict[str, Office]:
        return self._loaded[0]

    @property
    def officials(self) -> list[Official]:
        return self._loaded[1]

    @property
    def generic_titles(self) -> list[str]:
        return self._loaded[2]

    @property
    def names(self) -> list[CanonicalName]:
        return self._loaded[3]

    @property
    def places(self) -> list[Place]:
        return self._loaded[4]

    def validate(self) -> None:
        """Load everything now, so a broken file is reported before any article is checked."""
        _ = self._loaded
