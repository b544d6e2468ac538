"""Countries with their capitals and government metonyms (Kremlin, White House...)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..yamlfile import DataError, Node, check_keys

_KEYS = {"country", "names", "demonyms", "capital", "capital_variants", "metonyms"}


@dataclass(frozen=True, slots=True)
class Place:
    country: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]  # the capital and its spelling variants; empty for city-states
    metonyms: tuple[str, ...]


def load_places(path: Path, data: Any, into: list[Place]) -> None:
    if not isinstance(data, list):
        raise DataError(path, None, "'places' must be a list")
    for spec in data:
        if not isinstance(spec, Node):
            raise DataError(path, None, "each place must be a mapping")
        what = f"place {spec.get('country', '?')!r}"
        check_keys(path, spec, _KEYS, {"country", "names"}, what)

        def strings(key: str, spec: Node = spec, what: str = what) -> tuple[str, ...]:
            value = spec.get(key) or []
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list):
                raise DataError(path, spec.line_of(key), f"{what}: {key!r} must be a list")
            return tuple(str(v) for v in value)

        capitals = strings("capital") + strings("capital_variants")
        into.append(
            Place(str(spec["country"]), strings("names"), strings("demonyms"), capitals, strings("metonyms"))
        )
