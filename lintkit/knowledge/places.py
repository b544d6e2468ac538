"""Countries with their capitals and government metonyms (Kremlin, White House...)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from ..yamlfile import Node, check_keys, mappings, strings

_KEYS = {"country", "names", "demonyms", "capital", "capital_variants", "metonyms"}


class Place(NamedTuple):
    country: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]  # the capital and its spelling variants; empty for city-states
    metonyms: tuple[str, ...]


def load_places(path: Path, data: Any, into: list[Place]) -> None:
    for spec in mappings(path, data, "places", "place"):
        what = f"place {spec.get('country', '?')!r}"
        check_keys(path, spec, _KEYS, {"country", "names"}, what)

        def field(key: str, spec: Node = spec, what: str = what) -> tuple[str, ...]:
            return strings(path, spec, key, what)

        capitals = field("capital") + field("capital_variants")
        into.append(
            Place(str(spec["country"]), field("names"), field("demonyms"), capitals, field("metonyms"))
        )
