#!/usr/bin/env python3
"""Loading a large user knowledge file (issue 12 item 10): time to load and prepare the
rules, and to check an article, with N canonical names, people and officials.

    python3 benchmarks/knowledge_load.py [--count 50000] [--sections names,people,officials]

Writes one knowledge file in the documented format (docs/knowledge-base.md) into a temporary
folder: N canonical names (`names`), N people (`people`) and N officials with N/50 offices
(`offices`, `officials`), all with made-up words so that no entry shadows another. Then, with
an empty cache folder (so the YAML is parsed, not read from lintkit's cache), times building
the linter with `--knowledge FILE` (parsing, validation, every rule's `prepare`), a second
build from the cache, and checking an article that mentions a few hundred of the entries,
correctly and distorted. Figures, not a test; each size runs in its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"]


def words(count: int, rng: random.Random) -> list[str]:
    """`count` distinct made-up capitalised words (no English word, so nothing collides)."""
    out: dict[str, None] = {}
    while len(out) < count:
        w = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 4)))
        out["Q" + w if len(w) < 5 else w.capitalize()] = None
    return list(out)


def knowledge_file(count: int, sections: set[str], seed: int = 10) -> tuple[str, list[str], list[str]]:
    """The YAML text, and (for the article) correct mentions and distorted ones."""
    rng = random.Random(seed)
    vocab = words(count * 3 + 100, rng)
    lines = ['as-of: "2026-01-01"']
    correct: list[str] = []
    distorted: list[str] = []
    if "names" in sections:
        lines.append("names:")
        kinds = ["treaty", "institution", "law", "programme", "agency", "event"]
        heads = {"treaty": "Treaty", "institution": "Council", "law": "Act", "programme": "Programme",
                 "agency": "Agency", "event": "Summit"}  # fmt: skip
        for i in range(count):
            a, b = vocab[2 * i], vocab[2 * i + 1]
            kind = kinds[i % len(kinds)]
            head = heads[kind]
            canonical = f"{a} {b} {head}"
            lines += [
                f"  - canonical: {canonical}",
                f"    kind: {kind}",
                f"    forms: [{canonical}, {head} of {a} {b}]",
                f"    signature: [{a.lower()}, {b.lower()}, {head.lower()}|council|accord]",
                f'    source: "generated {i}"',
            ]
            if i % (count // 200 or 1) == 0:
                correct.append(canonical)
                distorted.append(f"{b} {a} {head}")
    if "people" in sections:
        lines.append("people:")
        for i in range(count):
            first, last = vocab[2 * count + (i % count)], vocab[(3 * i + 7) % (3 * count)]
            lines += [
                f"  - name: {first} {last}",
                f"    variants: [{first} {last}s]",
                f'    source: "generated {i}"',
            ]
            if i % (count // 200 or 1) == 1:
                correct.append(f"{first} {last}")
                distorted.append(f"{first[:-1]}x {last}")
    if "officials" in sections:
        offices = max(3, count // 50)
        titles = [f"Minister of {vocab[(5 * j + 3) % len(vocab)]} Affairs" for j in range(offices)]
        lines.append("offices:")
        for j, title in enumerate(titles):
            org = title.split()[2]
            lines += [
                f"  gen.office-{j}:",
                f"    title: {title}",
                f"    organisation: Government of {org}",
                f"    forms: [{title}, {org} Minister]",
            ]
        lines.append("officials:")
        for i in range(count):
            first, last = vocab[i], vocab[count + i]
            j, k = i % offices, (i * 7 + 1) % offices
            never = next(w for w in range(offices) if w not in (j, k))
            lines += [
                f"  - name: {first} {last}",
                f"    surname: {last}",
                "    offices:",
                f'      - {{office: gen.office-{j}, start: "2001-01-01", end: "2010-12-31"}}',
                f'      - {{office: gen.office-{k}, start: "2011-01-01"}}',
                f'    source: "generated {i}"',
            ]
            if i % (count // 200 or 1) == 2:
                correct.append(f"{titles[j]} {first} {last}")
                distorted.append(f"{titles[never]} {first} {last}")
    return "\n".join(lines) + "\n", correct, distorted


def article(correct: list[str], distorted: list[str]) -> str:
    """A body of text naming the entries, correctly and distorted, among ordinary copy."""
    example = (ROOT / "fixtures" / "examples" / "geneva-talks.txt").read_text(encoding="utf-8")
    paragraphs = [example]
    for good, bad in zip(correct, distorted, strict=False):
        paragraphs.append(f"Officials said the {good} would stand. Critics said the {bad} would not.")
    return "\n\n".join(paragraphs) + "\n"


def measure(count: int, sections: set[str]) -> dict[str, object]:
    """Generate, then time a cold build, a cached build and a check, in this process."""
    from lintkit.api import Options, build_linter
    from lintkit.check import check_text

    with tempfile.TemporaryDirectory(prefix="lk-knowledge-") as tmp:
        os.environ["LINTKIT_CACHE_DIR"] = str(Path(tmp, "cache"))
        text, correct, distorted = knowledge_file(count, sections)
        path = Path(tmp, "user-knowledge.yaml")
        path.write_text(text, encoding="utf-8")
        body = article(correct, distorted)
        # Not measured: the built-in tables (into the cache) and what any first check loads
        # (language tables, compiled patterns).
        check_text(build_linter(Options()), body, "article.txt")
        options = Options(knowledge=(path,))
        start = time.perf_counter()
        linter = build_linter(options)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        build_linter(options)
        warm = time.perf_counter() - start
        start = time.perf_counter()
        checked = check_text(linter, body, "article.txt")
        first_check = time.perf_counter() - start
        start = time.perf_counter()
        check_text(linter, body, "article.txt")
        second_check = time.perf_counter() - start
        rules = sorted({f.rule for f in checked.findings if f.rule.startswith("FN")})
        return {
            "sections": ",".join(sorted(sections)),
            "warnings": checked.warnings,
            "count": count,
            "file_mb": len(text.encode()) / 1e6,
            "cold": cold,
            "warm": warm,
            "check": first_check,
            "check_again": second_check,
            "article_kb": len(body) / 1000,
            "findings": len(checked.findings),
            "fact_rules": rules,
            "mentions": len(correct),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, action="append", help="entries per section (default 50000)")
    parser.add_argument(
        "--sections",
        action="append",
        help="comma-separated sections of one file (default: names; people; officials; all three)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    counts = args.count or [50_000]
    kinds = args.sections or ["names", "people", "officials", "names,people,officials"]
    if args.child:
        print(json.dumps(measure(counts[0], set(kinds[0].split(",")))))
        return
    print("a generated user knowledge file (--knowledge FILE), each in its own process, empty cache")
    for count in counts:
        for kind in kinds:
            command = [sys.executable, __file__, "--child", "--count", str(count), "--sections", kind]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{count} {kind}: failed\n{done.stderr[-3000:]}")
                continue
            r = json.loads(done.stdout.splitlines()[-1])
            print(
                f"{r['count']:>7,} x {r['sections']:23} {r['file_mb']:5.1f} MB of YAML: "
                f"load {r['cold']:6.2f} s (from the cache {r['warm']:5.2f} s); "
                f"check a {r['article_kb']:.0f} KB article naming {r['mentions']} of them "
                f"{r['check']:.2f} s (again {r['check_again']:.2f} s): {r['findings']} findings "
                f"({', '.join(r['fact_rules'])}), {len(r['warnings'])} warnings; "
                f"peak memory {r['peak_mb']:.0f} MB"
            )
            for w in r["warnings"]:
                print(f"    ! {w}")


if __name__ == "__main__":
    main()
