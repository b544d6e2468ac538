from __future__ import annotations

from pathlib import Path

import pytest

from lintkit.knowledge import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    base = KnowledgeBase()
    base.validate()
    return base
