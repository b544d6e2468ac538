#!/usr/bin/env python3
"""Fit the article verdict's weights (rules/models/verdict.yaml) on articles known to be
machine translated or spun and articles known to be clean, and report how well the score
separates them.

    python3 scripts/calibrate_verdict.py --positive DIR [--positive DIR ...] --negative DIR \\
        [--write]

Positives are folders of articles that are machine translated or spun (for example the
development pages of ../shared/eval/real-pages-dev, retrieved into a folder outside this
repository), negatives folders of professionally edited articles. Every *.txt file in a
folder counts. The model is a logistic regression on a handful of features (lintkit.verdict:
evidence per class tier, distinct classes, density), fitted with an L2 penalty so that a few
dozen positive articles cannot be memorised, and no weight below zero (more evidence never
lowers the score); the threshold is the lowest score that keeps
clean articles called machine translated at or under --max-clean-rate. Five-fold
cross-validated ROC AUC is printed beside the fitted one. --write updates the weights in
rules/models/verdict.yaml (tiers and their classes are kept as they are).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lintkit.api import build_linter  # noqa: E402
from lintkit.check import check_text  # noqa: E402
from lintkit.verdict import features, model  # noqa: E402

NAMES = ("specific", "structural", "style", "distinct", "density")


def vectors(folders: list[Path]) -> list[list[float]]:
    linter = build_linter()
    m = model()
    out = []
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            checked = check_text(linter, path.read_text(encoding="utf-8"), str(path))
            counts = Counter(f.artifact_class for f in checked.findings if f.artifact_class)
            x = features(counts, checked.words, m)
            out.append([x[n] for n in NAMES] if counts else [])
    return out


def fit(data: list[tuple[list[float], int]], penalty: float, steps: int = 4000) -> list[float]:
    """Weights (bias first) by projected gradient descent on the class-balanced logistic
    loss, every feature weight kept at zero or above."""
    w = [0.0] * (len(NAMES) + 1)
    pos = sum(y for _, y in data) or 1
    neg = (len(data) - pos) or 1
    rate = 0.5
    for _ in range(steps):
        grad = [0.0] * len(w)
        for x, y in data:
            z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], x, strict=True))
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            weight = 0.5 / pos if y else 0.5 / neg
            err = (p - y) * weight
            grad[0] += err
            for i, xi in enumerate(x, 1):
                grad[i] += err * xi
        for i in range(1, len(w)):
            grad[i] += penalty * w[i]
        w = [wi - rate * gi for wi, gi in zip(w, grad, strict=True)]
        w[1:] = [max(0.0, wi) for wi in w[1:]]  # more evidence never lowers the score
    return w


def score(w: list[float], x: list[float]) -> float:
    if not x:
        return 0.0
    z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], x, strict=True))
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def auc(pos: list[float], neg: list[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--positive", action="append", type=Path, required=True)
    parser.add_argument("--negative", action="append", type=Path, required=True)
    parser.add_argument("--penalty", type=float, default=0.01)
    parser.add_argument("--max-clean-rate", type=float, default=0.002)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    pos, neg = vectors(args.positive), vectors(args.negative)
    data = [(x, 1) for x in pos if x] + [(x, 0) for x in neg if x]
    w = fit(data, args.penalty)
    ps, ns = [score(w, x) for x in pos], [score(w, x) for x in neg]
    print(f"{len(pos)} positive, {len(neg)} negative articles; fitted ROC AUC {auc(ps, ns):.3f}")
    # five-fold cross-validation: every article scored by a model that never saw it
    labelled = [(x, 1) for x in pos] + [(x, 0) for x in neg]
    order = list(range(len(labelled)))
    random.Random(7).shuffle(order)
    cv_pos: list[float] = []
    cv_neg: list[float] = []
    for k in range(5):
        held = set(order[k::5])
        train = [(x, y) for i, (x, y) in enumerate(labelled) if i not in held and x]
        wk = fit(train, args.penalty, steps=1500)
        for i in held:
            x, y = labelled[i]
            (cv_pos if y else cv_neg).append(score(wk, x))
    print(f"five-fold cross-validated ROC AUC {auc(cv_pos, cv_neg):.3f}")
    ordered = sorted(ns, reverse=True)
    allowed = int(args.max_clean_rate * len(ns))
    threshold = max(0.5, ordered[allowed] + 1e-3 if allowed < len(ordered) else 0.5)
    flagged = sum(s >= threshold for s in ps)
    clean = sum(s >= threshold for s in ns)
    print(
        f"threshold {threshold:.3f}: {flagged}/{len(ps)} positive and {clean}/{len(ns)} clean "
        "articles read as machine translated"
    )
    print(
        f"weights: bias {w[0]:.3f}, " + ", ".join(f"{n} {v:.3f}" for n, v in zip(NAMES, w[1:], strict=True))
    )
    if args.write:
        path = ROOT / "rules" / "models" / "verdict.yaml"
        lines = path.read_text(encoding="utf-8").splitlines()
        values = {"bias": w[0], "distinct": w[4], "density": w[5], "mt-threshold": threshold}
        tier_weights = {"specific": w[1], "structural": w[2], "style": w[3]}
        out, tier = [], None
        for line in lines:
            key = line.split(":")[0].strip()
            if not line.startswith(" ") and key in values:
                line = f"{key}: {values[key]:.3f}"
            elif line.startswith("  ") and not line.startswith("    ") and line.strip().endswith(":"):
                tier = key
            elif line.strip().startswith("weight:") and tier in tier_weights:
                line = f"    weight: {tier_weights[tier]:.3f}"
            out.append(line)
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
