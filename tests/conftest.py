from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from lintkit.knowledge import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent

# The tests, and the lintkit processes they start, use a cache of their own: a run never reads
# what an older checkout left in ~/.cache/lintkit, nor leaves anything there.
_CACHE = tempfile.mkdtemp(prefix="lintkit-test-cache-")
os.environ["LINTKIT_CACHE_DIR"] = _CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    base = KnowledgeBase()
    base.validate()
    return base
