"""lintkit's optional native extension (`native/`, Rust with PyO3): where it is built and
not turned off (`LINTKIT_NO_NATIVE=1`), the Document's sentence-end scan
(lintkit.segmenter), the name rule's substring search (lintkit.literals), the paragraphs
and their parts (lintkit.structure), the quotations (lintkit.quotes), the set of the
Document's words (Document.tokens), and one call for its word count (Document.words) and
its test for a word that follows itself (Document.has_doubled_word) run in it. Each has a
Python twin that stays the reference and the fallback, and tests/test_native.py checks the
two agree."""

from __future__ import annotations

import importlib
import os
from functools import cache
from typing import Any

PROTOCOL = 12  # what lintkit_native must answer to be used (native/src/lib.rs: PROTOCOL)
# what lintkit calls in it
USED = ("Segmenter", "find_all", "scan_words", "quotations", "paragraphs", "Shapes", "word_set")


def module() -> Any:
    """The extension, or None (not installed, a build of another protocol, or turned off)."""
    return None if os.environ.get("LINTKIT_NO_NATIVE") else _loaded()


@cache
def _loaded() -> Any:
    try:
        found = importlib.import_module("lintkit_native")
    except ImportError:
        return None
    if getattr(found, "PROTOCOL", None) != PROTOCOL or not all(hasattr(found, name) for name in USED):
        return None  # a build of another version: lintkit's Python code does the work
    return found
