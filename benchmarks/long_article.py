#!/usr/bin/env python3
"""Checking one very long article end to end: time, peak memory, and whether any rule ran
past the regex time limit (issue 12 item 11).

    python3 benchmarks/long_article.py [--mb 20 ...] [--variant NAME ...] [--rules]

Builds a 20 MB article from the bundled fixtures (fixtures/*/*.txt: paragraphs shuffled,
numbers varied, so few paragraphs repeat word for word) in three shapes:

- paragraphs:     paragraphs separated by blank lines, as an article is written;
- one-paragraph:  the text wrapped at 72 columns with no blank line anywhere (`fold -s`),
                  which lintkit reads as one hard-wrapped paragraph of 20 MB;
- long-lines:     no line break at all (a single 20 MB line).

Each shape is checked in its own process with `lintkit.check.check_source` (decode, reader,
every built-in rule, filters), so the peak resident memory (ru_maxrss) is that check's own.
Prints seconds, seconds per MB, peak memory, findings, warnings (a rule that timed out is
named there), and with --rules the document's cost and the slowest rules. Given several sizes
(`--mb 0.1 1 4 16`), it ends with how far the cost per MB moves across them for each shape:
the linear-cost target is the same seconds per MB within 25%. Figures, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARIANTS = ("paragraphs", "one-paragraph", "long-lines")
_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")


def paragraphs() -> list[str]:
    """Every paragraph of the bundled plain-text fixtures."""
    out = []
    for path in sorted((ROOT / "fixtures").glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        out.extend(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    return out


def article(size: int, variant: str = "paragraphs", seed: int = 12) -> str:
    """An article of about `size` characters in one of `VARIANTS`."""
    rng = random.Random(seed)
    pool = paragraphs()
    parts: list[str] = []
    total = 0
    while total < size:
        p = rng.choice(pool)
        # splice two paragraphs at a sentence end and vary the numbers, so that few
        # paragraphs repeat word for word (the pool holds only a few hundred)
        first, second = _SENTENCE_END.split(p), _SENTENCE_END.split(rng.choice(pool))
        p = " ".join(first[: rng.randint(1, len(first))] + second[rng.randint(0, len(second) - 1) :])
        p = re.sub(r"\d+", lambda m: str(rng.randrange(1, 10 ** len(m.group()))), p)
        parts.append(p)
        total += len(p) + 2
    if variant == "paragraphs":
        return "\n\n".join(parts) + "\n"
    if variant == "one-paragraph":
        return "\n".join(_wrapped(" ".join(parts), 72)) + "\n"
    if variant == "long-lines":
        return " ".join(" ".join(p.split()) for p in parts) + "\n"
    raise ValueError(f"unknown variant {variant!r}")


def _wrapped(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, broken at spaces (textwrap is slow on 20 MB)."""
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for word in text.split():
        if line and used + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, used = [], -1
        line.append(word)
        used += 1 + len(word)
    if line:
        lines.append(" ".join(line))
    return lines


def measure(mb: float, variant: str, per_rule: bool) -> dict[str, object]:
    """Check one generated article in this process; what it cost."""
    from lintkit.api import Options, linter_for
    from lintkit.check import check_source, make_document

    data = article(int(mb * 1_000_000), variant).encode("utf-8")
    linter = linter_for(Options())
    linter.warm()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = check_source(linter, data, f"long-{variant}.txt")
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out: dict[str, object] = {
        "variant": variant,
        "mb": len(data) / 1_000_000,
        "seconds": elapsed,
        "peak_mb": peak / 1024,
        "before_mb": base / 1024,
        "findings": len(result.findings),
        "by_rule": dict(Counter(f.rule for f in result.findings).most_common()),
        "warnings": result.warnings,
        "errors": [*result.errors, *([result.error] if result.error else [])],
    }
    if per_rule:
        t = time.perf_counter()
        doc = make_document(data.decode("utf-8"), f"long-{variant}.txt")
        _ = doc.sentences, doc.tokens
        costs = [(time.perf_counter() - t, "document (paragraphs, sentences, quotations, words)")]
        for rule in linter.rules:
            t = time.perf_counter()
            with contextlib.suppress(TimeoutError):
                list(rule.check(doc, linter.context))
            costs.append((time.perf_counter() - t, rule.meta.code))
        out["rules"] = sorted(costs, reverse=True)[:10]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--mb", type=float, nargs="+", default=[20.0], help="article size(s) in MB (default 20)"
    )
    parser.add_argument(
        "--variant", action="append", choices=VARIANTS, help="shape(s) to check (default all)"
    )
    parser.add_argument("--rules", action="store_true", help="also time each rule (the ten slowest)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    variants = args.variant or list(VARIANTS)
    if args.child:
        print(json.dumps(measure(args.mb[0], variants[0], args.rules)))
        return
    per_mb: dict[str, list[tuple[float, float]]] = {}
    for mb in args.mb:
        print(f"lintkit.check.check_source on one generated {mb:g} MB article, each shape in its own process")
        for variant in variants:
            command = [sys.executable, __file__, "--child", "--mb", str(mb), "--variant", variant]
            if args.rules:
                command.append("--rules")
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{variant}: failed\n{done.stderr}")
                continue
            r = json.loads(done.stdout.splitlines()[-1])
            rate = r["seconds"] / r["mb"]
            per_mb.setdefault(variant, []).append((r["mb"], rate))
            print(
                f"{variant:14} {r['mb']:6.1f} MB  {r['seconds']:7.2f} s  {rate:5.2f} s/MB  peak memory "
                f"{r['peak_mb']:5.0f} MB ({r['before_mb']:.0f} before)  {r['findings']:>7,} findings  "
                f"{len(r['warnings'])} warnings  {len(r['errors'])} errors"
            )
            top = ", ".join(f"{k} {v:,}" for k, v in list(r["by_rule"].items())[:8])
            print(f"{'':14} findings by rule: {top}")
            for w in r["warnings"] + r["errors"]:
                print(f"{'':14} ! {w}")
            for cost, code in r.get("rules", []):
                print(f"{'':14}   {cost:7.2f} s  {code}")
    if len(args.mb) > 1:
        print("\nSeconds per MB across sizes (target: within 25%)")
        for variant, rates in per_mb.items():
            low, high = min(r for _, r in rates), max(r for _, r in rates)
            sizes = " / ".join(f"{mb:.1f} MB {rate:.2f}" for mb, rate in rates)
            print(f"  {variant:14} {sizes}   max/min {high / low:.2f}")


if __name__ == "__main__":
    main()
