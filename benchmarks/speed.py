#!/usr/bin/env python3
"""lintkit's speed beside proselint's, on the same articles, in the same run.

    python3 benchmarks/speed.py [FOLDER] [--repeat N] [--rules] [--no-proselint]

Reads every *.txt article under FOLDER (default: fixtures/) into memory first, then times
checking them on one core: lintkit with every built-in rule on (rule loading reported
separately), and proselint 0.16 with its default checks (installed from PyPI when missing).
Then times `lintkit check` end to end (start-up, files, output) on one core and on all.
Prints words per second; --rules adds lintkit's time per rule. Figures, not a test.
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lintkit.api import build_linter  # noqa: E402
from lintkit.document import Document  # noqa: E402
from lintkit.source import decode  # noqa: E402


def load(folder: Path) -> list[tuple[str, str]]:
    files = sorted(folder.rglob("*.txt"))
    if not files:
        sys.exit(f"no *.txt articles under {folder}")
    return [(str(p), decode(p.read_bytes()).text) for p in files]


def best_of(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def time_lintkit(articles: list[tuple[str, str]], repeat: int, per_rule: bool) -> None:
    start = time.perf_counter()
    linter = build_linter()
    setup = time.perf_counter() - start
    words = sum(len(t.split()) for _, t in articles)

    def run() -> None:
        for path, text in articles:
            linter.check(Document(text, path))

    run()  # warm caches (compiled per-document patterns), as a long CI run would be
    elapsed = best_of(repeat, run)
    findings = sum(len(linter.check(Document(t, p)).findings) for p, t in articles)
    print(
        f"lintkit    {words / elapsed:>12,.0f} words/s  ({len(articles)} articles, {words:,} words, "
        f"{elapsed:.2f} s; {len(linter.rules)} rules, loaded in {setup:.2f} s; {findings} findings)"
    )
    if per_rule:
        docs = [Document(t, p) for p, t in articles]
        start = time.perf_counter()
        for p, t in articles:
            Document(t, p)
        print(f"  {'document':10} {time.perf_counter() - start:7.3f} s")
        costs = []
        for rule in linter.rules:
            start = time.perf_counter()
            for doc in docs:
                list(rule.check(doc, linter.context))
            costs.append((time.perf_counter() - start, rule.meta.code))
        for cost, code in sorted(costs, reverse=True):
            print(f"  {code:10} {cost:7.3f} s")


def time_cli(folder: Path, words: int) -> None:
    """End to end, as a user runs it: start-up, reading files, all rules, JSON output."""
    for jobs in (1, os.cpu_count() or 1):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "lintkit", "check", "--isolated", "--format", "json", "--jobs", str(jobs),
             str(folder)],
            capture_output=True, check=False,
        )  # fmt: skip
        elapsed = time.perf_counter() - start
        print(f"lintkit check --jobs {jobs}: {words / elapsed:>10,.0f} words/s end to end ({elapsed:.2f} s)")


def time_proselint(articles: list[tuple[str, str]], repeat: int) -> None:
    try:
        proselint = importlib.import_module("proselint")
    except ImportError:
        print("installing proselint 0.16.0 from PyPI for the comparison ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "proselint==0.16.0"], check=True)
        proselint = importlib.import_module("proselint")
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    words = sum(len(t.split()) for _, t in articles)

    def run() -> None:
        for path, text in articles:
            LintFile(path, text).lint(DEFAULT)

    elapsed = best_of(repeat, run)
    version = getattr(proselint, "__version__", "0.16")
    print(f"proselint  {words / elapsed:>12,.0f} words/s  ({version}, {elapsed:.2f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(ROOT / "fixtures"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rules", action="store_true", help="also print lintkit's time per rule")
    ap.add_argument("--no-proselint", action="store_true")
    args = ap.parse_args()
    articles = load(Path(args.folder))
    time_lintkit(articles, args.repeat, args.rules)
    time_cli(Path(args.folder), sum(len(t.split()) for _, t in articles))
    if not args.no_proselint:
        time_proselint(articles, args.repeat)


if __name__ == "__main__":
    main()
