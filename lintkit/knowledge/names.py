"""Canonical names of treaties, institutions and laws, with their accepted forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from ..yamlfile import DataError, check_keys, mappings, strings

_KEYS = {"canonical", "kind", "forms", "signature", "source"}
KINDS = {"treaty", "institution", "law", "programme", "agency", "event"}


class CanonicalName(NamedTuple):
    canonical: str
    kind: str
    forms: tuple[str, ...]
    signature: tuple[tuple[str, ...], ...]  # every item must appear; alternatives inside
    source: str


def load_names(path: Path, data: Any, into: list[CanonicalName]) -> None:
    for spec in mappings(path, data, "names", "name"):
        what = f"name {spec.get('canonical', '?')!r}"
        check_keys(path, spec, _KEYS, _KEYS, what)
        if spec["kind"] not in KINDS:
            raise DataError(path, spec.line_of("kind"), f"{what}: kind must be one of {sorted(KINDS)}")
        forms = strings(path, spec, "forms", what, non_empty=True)
        signature = strings(path, spec, "signature", what)
        if len(signature) < 2:
            raise DataError(
                path, spec.line_of("signature"), f"{what}: 'signature' must list at least two items"
            )
        checked = (("canonical", (str(spec["canonical"]),)), ("forms", forms), ("signature", signature))
        for key, texts in checked:
            if any(ord(c) < 32 for t in texts for c in t):
                problem = f"{what}: {key}: a name holds no line break, tab or other control character"
                raise DataError(path, spec.line_of(key), problem)
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
