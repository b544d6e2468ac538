"""All rules of a run: the Python rules and every rule pack, with codes checked unique.

The built-in rules are built once into lintkit's cache (lintkit.cache): a run unpickles
them (a few milliseconds) instead of parsing and validating every pack's YAML. The entry
is keyed by the content of every file under `rules/` (packs, and the lexicons and tables
they name) and by lintkit's own code, so an edited pack is read again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .paths import packs_dir, rules_dir
from .rule import Rule
from .yamlfile import DataError


def builtin_pack_files() -> list[Path]:
    return sorted(packs_dir().glob("*.yaml"))


def rules_files() -> list[Path]:
    """Every file under `rules/`: what the built-in rules may be built from."""
    files: list[Path] = []
    for root, dirs, names in os.walk(rules_dir()):
        dirs.sort()
        files.extend(Path(root, n) for n in sorted(names) if not n.startswith("."))
    return files


def _build_builtin() -> list[Rule]:
    from .detect import PYTHON_RULES
    from .detect.base import DataRule
    from .packs import load_pack

    rules: list[Rule] = [cls() for cls in PYTHON_RULES]
    for path in builtin_pack_files():
        rules.extend(load_pack(path))
    for rule in rules:
        if isinstance(rule, DataRule):
            _ = rule.builtin  # worked out (resolving paths) before the rules are cached
    return rules


def builtin_rules() -> list[Rule]:
    """The Python rules and the built-in packs' rules, fresh objects on every call."""
    from .cache import cached

    return cached("rules", rules_files(), _build_builtin, objects=True, extra=(str(rules_dir()),))


def load_rules(extra_packs: Sequence[str | Path] = (), builtin: bool = True) -> list[Rule]:
    """Every rule, sorted by code. Two rules with one code is an error naming both."""
    rules: list[Rule] = builtin_rules() if builtin else []
    if extra_packs:
        from .packs import load_pack

        for path in extra_packs:
            rules.extend(load_pack(Path(path)))
    seen: dict[str, Rule] = {}
    for rule in rules:
        other = seen.get(rule.meta.code)
        if other is not None:
            raise DataError(
                rule.meta.origin, None, f"rule code {rule.meta.code} is already used by {other.meta.origin}"
            )
        seen[rule.meta.code] = rule
    return sorted(rules, key=lambda r: r.meta.code)
