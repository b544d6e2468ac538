"""Officials and the offices they held, with dates: the facts behind the title check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

from ..yamlfile import DataError, Node, check_keys, mappings, strings
from .dates import parse_bound


class Office(NamedTuple):
    id: str
    title: str
    organisation: str
    forms: tuple[str, ...]


class Tenure(NamedTuple):
    office: Office
    start: dt.date | None
    end: dt.date | None  # None: still in office when the entry was written

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def began_after(self, day: dt.date) -> bool:
        return self.start is not None and self.start > day


class Official(NamedTuple):
    name: str
    variants: tuple[str, ...]
    surname: str
    honorific: str | None
    tenures: tuple[Tenure, ...]
    source: str

    @property
    def full_names(self) -> tuple[str, ...]:
        """The name, its variants, and each of those without middle initials."""
        names: dict[str, None] = {}
        for n in (self.name, *self.variants):
            names[n] = None
            words = n.split()
            plain = [w for w in words if not (len(w) == 2 and w.endswith(".") and w[0].isupper())]
            if len(plain) >= 2:
                names[" ".join(plain)] = None
        return tuple(names)


_OFFICE_KEYS = {"title", "organisation", "forms"}
_OFFICIAL_KEYS = {"name", "variants", "surname", "honorific", "offices", "source"}
_TENURE_KEYS = {"office", "start", "end"}


def load_offices(path: Path, data: Any, into: dict[str, Office]) -> None:
    if not isinstance(data, Node):
        raise DataError(path, None, "'offices' must be a mapping of office id to office")
    for office_id, spec in data.items():
        line = data.line_of(office_id)
        if not isinstance(spec, Node):
            raise DataError(path, line, f"office {office_id!r} must be a mapping")
        check_keys(path, spec, _OFFICE_KEYS, _OFFICE_KEYS, f"office {office_id!r}")
        forms = spec["forms"]
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) for f in forms):
            raise DataError(
                path,
                spec.line_of("forms"),
                f"office {office_id!r}: 'forms' must be a non-empty list of strings",
            )
        if office_id in into:
            raise DataError(path, line, f"office {office_id!r} is defined twice")
        into[office_id] = Office(office_id, str(spec["title"]), str(spec["organisation"]), tuple(forms))


def load_officials(path: Path, data: Any, offices: dict[str, Office], into: list[Official]) -> None:
    """Officials of one file; office ids resolve against every file's offices."""
    for spec in mappings(path, data, "officials", "official"):
        what = f"official {spec.get('name', '?')!r}"
        check_keys(path, spec, _OFFICIAL_KEYS, {"name", "surname", "offices", "source"}, what)
        tenures = []
        for t in spec["offices"] or []:
            if not isinstance(t, Node):
                raise DataError(path, spec.line_of("offices"), f"{what}: each office must be a mapping")
            check_keys(path, t, _TENURE_KEYS, {"office", "start"}, what)
            office = offices.get(str(t["office"]))
            if office is None:
                raise DataError(path, t.line, f"{what}: unknown office id {t['office']!r}")
            try:
                start = parse_bound(t["start"], end=False)
                end = parse_bound(t["end"], end=True) if t.get("end") is not None else None
            except ValueError as exc:
                raise DataError(path, t.line, f"{what}: {exc}") from None
            if end is not None and end < start:
                raise DataError(path, t.line, f"{what}: office ends before it starts")
            tenures.append(Tenure(office, start, end))
        variants = strings(path, spec, "variants", what)
        into.append(
            Official(
                name=str(spec["name"]),
                variants=tuple(str(v) for v in variants),
                surname=str(spec["surname"]),
                honorific=str(spec["honorific"]) if spec.get("honorific") else None,
                tenures=tuple(tenures),
                source=str(spec["source"]),
            )
        )
