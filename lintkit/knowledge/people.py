"""People in the news, with the spellings copy uses for them (rules/knowledge/people.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from ..yamlfile import DataError, check_keys, mappings, strings

_KEYS = {"name", "variants", "other-names", "gender", "role", "source"}
GENDERS = {"male", "female"}


class Person(NamedTuple):
    name: str  # the wire services' spelling
    variants: tuple[str, ...]  # other spellings outlets print: one article keeps to one
    other_names: tuple[str, ...]  # middle names, titles, nicknames: never inconsistent
    gender: str | None
    source: str

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


def load_people(path: Path, data: Any, into: list[Person]) -> None:
    for spec in mappings(path, data, "people", "person"):
        what = f"person {spec.get('name', '?')!r}"
        check_keys(path, spec, _KEYS, {"name", "source"}, what)
        gender = spec.get("gender")
        if gender is not None and gender not in GENDERS:
            raise DataError(path, spec.line_of("gender"), f"{what}: gender must be one of {sorted(GENDERS)}")
        variants = strings(path, spec, "variants", what)
        other_names = strings(path, spec, "other-names", what)
        checked = (("name", (str(spec["name"]),)), ("variants", variants), ("other-names", other_names))
        for key, texts in checked:
            if any(ord(c) < 32 for t in texts for c in t):
                problem = f"{what}: {key}: a name holds no line break, tab or other control character"
                raise DataError(path, spec.line_of(key), problem)
        into.append(
            Person(
                name=str(spec["name"]),
                variants=variants,
                other_names=other_names,
                gender=str(gender) if gender else None,
                source=str(spec["source"]),
            )
        )
