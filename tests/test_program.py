"""The `lintkit` program's entry (lintkit.program): the command runs as lintkit.cli's, and
the process's collector is running again, with what the imports made frozen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "examples" / "geneva-talks.txt"

# Reports the collector's state when the command starts its run (lintkit.run.run, wrapped).
_PROBE = """
import gc, sys
import lintkit.run
checking = lintkit.run.run
def run(*args, **kwargs):
    print("collector", gc.isenabled(), gc.get_freeze_count(), file=sys.stderr)
    return checking(*args, **kwargs)
lintkit.run.run = run
sys.argv = ["lintkit", *sys.argv[1:]]
from lintkit.program import main
main()
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=120)


def test_the_program_runs_the_command_with_the_collector_on() -> None:
    done = _run("check", "--isolated", "--format", "json", str(EXAMPLE))
    assert done.returncode == 1  # the example has findings
    assert '"rule"' in done.stdout
    state = [line for line in done.stderr.splitlines() if line.startswith("collector")]
    assert len(state) == 1
    _, enabled, frozen = state[0].split()
    assert enabled == "True"
    assert int(frozen) > 10_000  # the modules' objects, out of the collector's sight


def test_python_dash_m_and_the_console_script_share_the_entry() -> None:
    main = (ROOT / "lintkit" / "__main__.py").read_text(encoding="utf-8")
    assert "from .program import main" in main
    scripts = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'lintkit = "lintkit.program:main"' in scripts
    command = [sys.executable, "-m", "lintkit", "--version"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "lintkit" in done.stdout
