"""Canonical names of treaties, institutions and laws, with their accepted forms."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..yamlfile import DataError, Node, check_keys

_KEYS = {"canonical", "kind", "forms", "signature", "source"}
KINDS = {"treaty", "institution", "law", "programme", "agency", "event"}


@dataclass(frozen=True, slots=True)
class CanonicalName:
    canonical: str
    kind: str
    forms: tuple[str, ...]
    signature: tuple[tuple[str, ...], ...]  # every item must appear; alternatives inside
    source: str


def load_names(path: Path, data: Any, into: list[CanonicalName]) -> None:
    if not isinstance(data, list):
        raise DataError(path, None, "'names' must be a list")
    for spec in data:
        if not isinstance(spec, Node):
            raise DataError(path, None, "each name must be a mapping")
        what = f"name {spec.get('canonical', '?')!r}"
        check_keys(path, spec, _KEYS, _KEYS, what)
        if spec["kind"] not in KINDS:
            raise DataError(path, spec.line_of("kind"), f"{what}: kind must be one of {sorted(KINDS)}")
        forms = spec["forms"]
        signature = spec["signature"]
        if not isinstance(forms, list) or not forms:
            raise DataError(path, spec.line_of("forms"), f"{what}: 'forms' must be a non-empty list")
        if not isinstance(signature, list) or len(signature) < 2:
            raise DataError(
                path, spec.line_of("signature"), f"{what}: 'signature' must list at least two items"
            )
        into.append(
            CanonicalName(
                canonical=str(spec["canonical"]),
                kind=str(spec["kind"]),
                forms=tuple(str(f) for f in {str(spec["canonical"]): None, **{str(f): None for f in forms}}),
                signature=tuple(
                    tuple(a.strip() for a in str(item).split("|") if a.strip()) for item in signature
                ),
                source=str(spec["source"]),
            )
        )
