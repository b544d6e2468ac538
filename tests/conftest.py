from __future__ import annotations

import os
import shutil
import subprocess
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


LT_PORT = int(os.environ.get("LINTKIT_LT_PORT", "8081"))


@pytest.fixture(scope="session")
def lt_url() -> str:
    """A REAL LanguageTool server (fetched from Maven Central and started by
    scripts/languagetool-server.sh, as CI does)."""
    if os.environ.get("LINTKIT_SKIP_LANGUAGETOOL"):
        pytest.skip("LINTKIT_SKIP_LANGUAGETOOL is set")
    proc = subprocess.run(
        ["sh", str(ROOT / "scripts" / "languagetool-server.sh"), "start", str(LT_PORT)],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip().splitlines()[-1]
