"""The YAML rule kinds, by the name a pack entry gives in `kind:`."""

from __future__ import annotations

from .base import DataRule
from .canonical_name import CanonicalNameRule
from .consistency import ConsistencyRule
from .entity_title import EntityTitleRule
from .pattern import PatternRule
from .proper_noun import ProperNounRule
from .substitution import SubstitutionRule
from .tautology import TautologyRule

KINDS: dict[str, type[DataRule]] = {
    "pattern": PatternRule,
    "substitution": SubstitutionRule,
    "consistency": ConsistencyRule,
    "proper-noun": ProperNounRule,
    "tautology-pair": TautologyRule,
    "entity-title": EntityTitleRule,
    "canonical-name": CanonicalNameRule,
}
