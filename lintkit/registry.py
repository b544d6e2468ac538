"""All rules of a run: the Python rules and every rule pack, with codes checked unique."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .detect import PYTHON_RULES
from .packs import load_pack
from .paths import packs_dir
from .rule import Rule
from .yamlfile import DataError


def builtin_pack_files() -> list[Path]:
    return sorted(packs_dir().glob("*.yaml"))


def load_rules(extra_packs: Sequence[str | Path] = (), builtin: bool = True) -> list[Rule]:
    """Every rule, sorted by code. Two rules with one code is an error naming both."""
    rules: list[Rule] = [cls() for cls in PYTHON_RULES] if builtin else []
    files = (builtin_pack_files() if builtin else []) + [Path(p) for p in extra_packs]
    for path in files:
        rules.extend(load_pack(path))
    seen: dict[str, Rule] = {}
    for rule in rules:
        other = seen.get(rule.meta.code)
        if other is not None:
            raise DataError(
                rule.meta.origin, None, f"rule code {rule.meta.code} is already used by {other.meta.origin}"
            )
        seen[rule.meta.code] = rule
    return sorted(rules, key=lambda r: r.meta.code)
