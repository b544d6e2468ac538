"""Every rule implementation, side by side.

Two ways to write a rule:
- a YAML rule *kind* (`pattern`, `substitution`, ...): a class that a pack entry's `kind:`
  names and configures with data (`KINDS`); most rules are entries in `rules/packs/*.yaml`;
- a Python *check*: a `Rule` subclass for what data cannot say (`PYTHON_RULES`), such as
  the sentence-break rules, which read the segmenter's sentences.
"""

from __future__ import annotations

from ..rule import Rule
from .base import DataRule
from .canonical_name import CanonicalNameRule
from .consistency import ConsistencyRule
from .entity_title import EntityTitleRule
from .line_lexicon import LineLexiconRule
from .pattern import PatternRule
from .people_names import NameSpelling
from .phrase_table import PhraseTableRule
from .proper_noun import ProperNounRule
from .quotation_marks import UnbalancedQuotes
from .repeated_lines import RepeatedLine
from .sentence_breaks import BrokenSentence, SentenceFragment, SplitPhrase
from .spun_vocabulary import SpunVocabulary
from .substitution import SubstitutionRule
from .tautology import TautologyRule
from .words import GluedWords, LowercasedName, UntranslatedWord

KINDS: dict[str, type[DataRule]] = {
    "pattern": PatternRule,
    "substitution": SubstitutionRule,
    "consistency": ConsistencyRule,
    "proper-noun": ProperNounRule,
    "tautology-pair": TautologyRule,
    "entity-title": EntityTitleRule,
    "canonical-name": CanonicalNameRule,
    "line-lexicon": LineLexiconRule,
    "phrase-table": PhraseTableRule,
}

PYTHON_RULES: tuple[type[Rule], ...] = (
    BrokenSentence,
    SentenceFragment,
    SplitPhrase,
    UnbalancedQuotes,
    RepeatedLine,
    UntranslatedWord,
    GluedWords,
    SpunVocabulary,
    LowercasedName,
    NameSpelling,
)
