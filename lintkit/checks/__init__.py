"""Rules written in Python: the ones a pattern or a table cannot express.

Each module defines `Rule` subclasses; `PYTHON_RULES` lists them for the registry.
"""

from __future__ import annotations

from ..rule import Rule
from .quotation_marks import UnbalancedQuotes
from .sentence_breaks import BrokenSentence, SentenceFragment, SplitPhrase

PYTHON_RULES: tuple[type[Rule], ...] = (
    BrokenSentence,
    SentenceFragment,
    SplitPhrase,
    UnbalancedQuotes,
)
