#!/usr/bin/env python3
"""Detection figures on annotated articles and clean copy: recall (all, and of annotations
not marked hard) and precision per class, noise per 10,000 words on clean articles, and how
well the article verdict separates machine-translated or spun articles from clean ones
(ROC AUC of the verdict score).

    python3 benchmarks/evaluate.py --annotations DIR/annotations.jsonl [--annotations ...]
                                   [--clean FOLDER] [--verbose]

Annotations are JSON lines as ../shared/eval/score.py reads them ({"file", "class", "quote",
"occurrence", "hard"}), with the texts next to the annotations file. Nothing here is
tuned: it only measures. The texts stay where they are (real pages are never copied into
this repository).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lintkit.api import build_linter  # noqa: E402
from lintkit.check import check_text  # noqa: E402
from lintkit.verdict import assess  # noqa: E402


def span_of(text: str, quote: str, occurrence: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            return None
    return start, start + len(quote)


def auc(positives: list[float], negatives: list[float]) -> float:
    """The probability that a random positive scores above a random negative (ties half)."""
    if not positives or not negatives:
        return float("nan")
    ordered = sorted(negatives)
    import bisect

    total = 0.0
    for p in positives:
        below = bisect.bisect_left(ordered, p)
        ties = bisect.bisect_right(ordered, p) - below
        total += below + ties / 2
    return total / (len(positives) * len(negatives))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--annotations", action="append", default=[], type=Path)
    parser.add_argument("--clean", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    linter = build_linter()

    per_class: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0, 0])  # found, n, found-nh, nh
    unmatched: collections.Counter[str] = collections.Counter()
    matched = total_findings = 0
    positive_scores: list[float] = []
    misses: list[str] = []
    for ann_file in args.annotations:
        notes = [
            json.loads(line) for line in ann_file.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        by_file: dict[str, list[dict[str, object]]] = collections.defaultdict(list)
        for a in notes:
            if not a.get("clean"):
                by_file[str(a["file"])].append(a)
        for name, items in sorted(by_file.items()):
            path = ann_file.parent / name
            text = path.read_text(encoding="utf-8")
            checked = check_text(linter, text, str(path))
            positive_scores.append(assess(checked.findings, checked.words).score)
            spans = []
            for a in items:
                span = span_of(text, str(a["quote"]), int(a.get("occurrence", 1)))  # type: ignore[arg-type]
                if span is None:
                    sys.exit(f"{path}: quote not found: {a['quote']!r}")
                spans.append((a, span))
            for a, (s, e) in spans:
                hit = any(f.start < e and s < max(f.end, f.start + 1) for f in checked.findings)
                row = per_class[str(a["class"])]
                row[0] += hit
                row[1] += 1
                if not a.get("hard"):
                    row[2] += hit
                    row[3] += 1
                if not hit:
                    misses.append(
                        f"  missed {a['class']}{' (hard)' if a.get('hard') else ''}: {a['quote']!r} in {name}"
                    )
            for f in checked.findings:
                total_findings += 1
                if any(f.start < e and s < max(f.end, f.start + 1) for _, (s, e) in spans):
                    matched += 1
                else:
                    unmatched[f.rule] += 1
                    if args.verbose:
                        print(f"  unmatched {f.rule} {f.text!r} in {name}")
    if args.verbose:
        print("\n".join(misses))
    if per_class:
        print(f"{'class':24} {'found/all':>10} {'not hard':>10}")
        for cls in sorted(per_class):
            f, n, fn, nn = per_class[cls]
            print(f"{cls:24} {f:>4}/{n:<5} {fn:>4}/{nn:<5}")
        found = sum(r[0] for r in per_class.values())
        n = sum(r[1] for r in per_class.values())
        fnh = sum(r[2] for r in per_class.values())
        nnh = sum(r[3] for r in per_class.values())
        precision = matched / total_findings if total_findings else 0.0
        print(f"recall {found}/{n} = {found / n:.3f}; not hard {fnh}/{nnh} = {fnh / nnh:.3f}; "
              f"precision {matched}/{total_findings} = {precision:.3f}")  # fmt: skip
        if unmatched:
            print("unmatched findings by rule: " + ", ".join(f"{r} {c}" for r, c in unmatched.most_common()))

    if args.clean:
        words = noise = 0
        negative_scores = []
        by_rule: collections.Counter[str] = collections.Counter()
        for path in sorted(args.clean.rglob("*.txt")):
            text = path.read_text(encoding="utf-8")
            checked = check_text(linter, text, str(path))
            words += checked.words
            noise += len(checked.findings)
            by_rule.update(f.rule for f in checked.findings)
            negative_scores.append(assess(checked.findings, checked.words).score)
        per_10k = 10_000 * noise / max(words, 1)
        print(f"clean: {noise} findings in {words:,} words = {per_10k:.2f} per 10,000 words")
        print("  by rule: " + ", ".join(f"{r} {c}" for r, c in by_rule.most_common()))
        if positive_scores:
            print(f"verdict score ROC AUC (annotated vs clean): {auc(positive_scores, negative_scores):.3f}")
            from lintkit.verdict import threshold

            flagged_clean = sum(s >= threshold() for s in negative_scores)
            flagged_mt = sum(s >= threshold() for s in positive_scores)
            print(f"  'reads as machine translated': {flagged_mt}/{len(positive_scores)} annotated, "
                  f"{flagged_clean}/{len(negative_scores)} clean")  # fmt: skip


if __name__ == "__main__":
    main()
