#!/usr/bin/env python3
"""`lintkit scan` throughput and driver memory on a generated archive.

    python3 benchmarks/scan.py [--quick] [--small N] [--large N] [--keep]

Makes two JSON Lines archives (default 50,000 and 200,000 articles; --quick: 5,000 and
20,000) in a temporary folder outside the repository, by sampling sentences from
../shared/corpus/clean-news when it is there (else fixtures/) and inserting artifacts (a
doubled word, a sentence broken after "the world.", an "Advertisement" line). Then scans
the small archive on a local cluster of 1, 2 and all worker processes, and the large one on
all, each in a fresh driver process, and prints words/s, the scaling ratio and the driver's
peak resident memory (which should not grow with the archive: the driver never holds an
article). The cluster's start-up is not timed. Figures, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTITION_BYTES = 1_000_000  # a few dozen tasks per archive, so that every worker has work


def sentences() -> list[str]:
    corpus = ROOT.parent / "shared" / "corpus" / "clean-news"
    files = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    if not files:
        files = sorted((ROOT / "fixtures").rglob("*.txt"))
    found: list[str] = []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        for paragraph in text.split("\n\n"):
            found.extend(s for s in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())) if len(s) > 30)
    return found


def generate(path: Path, n: int, pool: list[str], seed: int) -> int:
    """Write `n` articles; return the archive's size in bytes."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            paragraphs = []
            for _ in range(rnd.randint(3, 6)):
                picked = [rnd.choice(pool) for _ in range(rnd.randint(1, 3))]
                roll = rnd.random()
                if roll < 0.15:
                    words = picked[0].split()
                    k = rnd.randrange(len(words))
                    picked[0] = " ".join([*words[: k + 1], words[k], *words[k + 1 :]])
                elif roll < 0.25:
                    picked.append("They met in the world. the talks went on.")
                paragraphs.append(" ".join(picked))
                if rnd.random() < 0.05:
                    paragraphs.append("Advertisement")
            record = {"id": f"gen-{i}", "url": f"https://example.test/{i}", "text": "\n\n".join(paragraphs)}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def drive(archive: str, out: str, workers: int) -> None:
    """One scan in this (fresh) process; prints its figures as JSON."""
    sys.path.insert(0, str(ROOT))
    from lintkit.scan import ScanOptions, connect, run_scan

    with connect(workers) as client:
        client.wait_for_workers(workers)
        started = time.perf_counter()
        report = run_scan(ScanOptions([archive], out, partition_bytes=PARTITION_BYTES), client)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(
        json.dumps(
            {
                "articles": report.articles,
                "words": report.words,
                "seconds": seconds,
                "failed": len(report.failed),
                "peak_mb": peak,
            }
        )
    )


def scan_once(archive: Path, workers: int, tmp: Path) -> dict[str, float]:
    out = tmp / f"out-{archive.stem}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run(
        [sys.executable, __file__, "--drive", str(archive), str(out), str(workers)],
        capture_output=True,
        text=True,
        timeout=3600,
        check=True,
    )
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    shutil.rmtree(out, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="5,000 and 20,000 articles")
    parser.add_argument("--small", type=int)
    parser.add_argument("--large", type=int)
    parser.add_argument("--keep", action="store_true", help="keep the archives (their folder is printed)")
    parser.add_argument("--drive", nargs=3, metavar=("ARCHIVE", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        drive(args.drive[0], args.drive[1], int(args.drive[2]))
        return
    small = args.small or (5_000 if args.quick else 50_000)
    large = args.large or (20_000 if args.quick else 200_000)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    tmp = Path(tempfile.mkdtemp(prefix="lintkit-scan-bench-"))
    try:
        pool = sentences()
        archives = {}
        for n in (small, large):
            archives[n] = tmp / f"archive-{n}.jsonl"
            size = generate(archives[n], n, pool, seed=n)
            print(f"archive of {n:,} articles: {size / 1e6:.1f} MB ({len(pool):,} sentences sampled)")
        rates = {}
        for workers in sorted({1, min(2, cpus), cpus}):
            r = scan_once(archives[small], workers, tmp)
            rates[workers] = r["words"] / r["seconds"]
            print(
                f"{small:,} articles, {workers} worker{'s' * (workers > 1)}: {r['words']:,} words in "
                f"{r['seconds']:.1f} s, {rates[workers]:,.0f} words/s; driver peak {r['peak_mb']:.0f} MB"
            )
        big = scan_once(archives[large], cpus, tmp)
        print(
            f"{large:,} articles, {cpus} workers: {big['words']:,} words in {big['seconds']:.1f} s, "
            f"{big['words'] / big['seconds']:,.0f} words/s; driver peak {big['peak_mb']:.0f} MB"
        )
        print(
            f"scaling: {cpus} workers over 1: {rates[cpus] / rates[1]:.2f}x"
            + (f"; 2 over 1: {rates[2] / rates[1]:.2f}x" if 2 in rates and cpus != 2 else "")
        )
    finally:
        if args.keep:
            print(f"archives kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
