"""lintkit's sentence segmentation against a public test suite: the Pragmatic Segmenter's
English golden rules (as pySBD ships them; fetched from PyPI by
scripts/fetch-segmentation-suite.sh, which scripts/test.sh runs)."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from lintkit.document import Document

from .conftest import ROOT

SUITE = ROOT / ".cache" / "suites" / "english_golden_rules.py"
# Measured when the two-layer segmenter was written: 45 of 48. The three it misses are a
# list with no periods at all ("1) The first item 2) The second item") and two passages
# where a spaced ellipsis before a capital does or does not end a sentence by convention.
EXPECTED_AT_LEAST = 45


def golden_rules(path: Path) -> list[tuple[str, list[str]]]:
    """The suite's (text, sentences) pairs, read as data (the file is a Python literal)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "GOLDEN_EN_RULES":
            return [(text, list(expected)) for text, expected in ast.literal_eval(node.value)]
    raise AssertionError("no GOLDEN_EN_RULES in the suite file")


def test_golden_rules() -> None:
    if not SUITE.exists():
        if os.environ.get("LINTKIT_OFFLINE"):
            pytest.skip("LINTKIT_OFFLINE is set and the suite was not fetched")
        pytest.fail("run scripts/fetch-segmentation-suite.sh first (scripts/test.sh does)")
    rules = golden_rules(SUITE)
    assert len(rules) == 48
    missed = []
    for text, expected in rules:
        doc = Document(text, detect_headline=False)
        got = [doc.text[s.start : s.end].strip() for s in doc.sentences]
        if got != [e.strip() for e in expected]:
            missed.append((text, expected, got))
    passed = len(rules) - len(missed)
    assert passed >= EXPECTED_AT_LEAST, "\n".join(f"{t!r}\n  want {e}\n  got  {g}" for t, e, g in missed)
