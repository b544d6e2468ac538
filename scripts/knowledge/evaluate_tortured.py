#!/usr/bin/env python3
"""Measure rules/knowledge/language/tortured.tsv (and foreign.tsv) on text folders.

Scans *.txt files for the table's variant bigrams the way a lint rule would (lowercased word
bigrams, tokens = letters and apostrophes, only whitespace and at most one line break between
the two tokens; a hit is skipped when a swapped word is capitalised and not sentence-initial,
unless --no-case-rule) and prints:

* NOISE on clean, professionally edited news (``--clean``): hits per 10,000 words and the
  most frequent hits. Every hit there is a false alarm unless it is a real slip.
* RECALL SIGNAL on annotated pages (``--dev``, a folder with W*.txt and annotations.jsonl in
  the schema of shared/eval/score.py): how many annotations of the chosen classes overlap a
  hit (character spans overlap; an annotation's span is the occurrence-th match of its quote).
* the scanning speed in words per second (one dict lookup per bigram).

Nothing is written; output goes to standard output only. Example::

    python3 scripts/knowledge/evaluate_tortured.py --clean ../shared/corpus/clean-news \\
        --dev /tmp/real-pages-dev --foreign
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TABLES = HERE.parent.parent / "rules" / "knowledge" / "language"
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
LETTERS = re.compile(r"[^\W\d_]+")
SENTENCE_START = set(".!?:;\"“”‘'([—–-")
CLASSES = ("spinner-synonym", "wrong-title", "distorted-name", "boilerplate")


@dataclass(frozen=True)
class Entry:
    original: str
    swapped: str  # "1", "2" or "12"
    route: str


@dataclass(frozen=True)
class Hit:
    file: str
    start: int
    end: int
    key: str


def read_table(path: Path) -> dict[str, Entry]:
    table = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            variant, original, swapped, route = line.rstrip("\n").split("\t")[:4]
            table[variant] = Entry(original, swapped, route)
    return table


def sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in SENTENCE_START or "\n" in text[len(before) : start]


def scan_text(name: str, text: str, table: dict[str, Entry], case_rule: bool) -> list[Hit]:
    hits = []
    prev: re.Match[str] | None = None
    for m in TOKEN.finditer(text):
        if prev is not None:
            gap = text[prev.end() : m.start()]
            if gap and gap.isspace() and gap.count("\n") < 2:
                key = (prev.group(0) + " " + m.group(0)).lower().replace("’", "'")
                entry = table.get(key)
                if entry is not None:
                    skip = False
                    if case_rule:
                        first, second = prev.group(0), m.group(0)
                        if "2" in entry.swapped and second[0].isupper():
                            skip = True
                        if (
                            "1" in entry.swapped
                            and first[0].isupper()
                            and not sentence_initial(text, prev.start())
                        ):
                            skip = True
                    if not skip:
                        hits.append(Hit(name, prev.start(), m.end(), key))
        prev = m
    return hits


def read_folder(folder: Path, pattern: str = "*.txt") -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob(pattern))]


def annotations(folder: Path, texts: dict[str, str]) -> list[dict[str, object]]:
    path = folder / "annotations.jsonl"
    if not path.exists():
        return []
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            ann = json.loads(line)
            text = texts.get(ann["file"])
            if text is None:
                continue
            pos = -1
            for _ in range(int(ann.get("occurrence", 1))):
                pos = text.find(ann["quote"], pos + 1)
                if pos < 0:
                    break
            if pos >= 0:
                ann["span"] = (pos, pos + len(ann["quote"]))
                out.append(ann)
    return out


def overlap(h: Hit, ann: dict[str, object]) -> bool:
    s, e = ann["span"]  # type: ignore[misc]
    return ann["file"] == h.file and s < h.end and h.start < e


def report_noise(
    label: str, docs: list[tuple[str, str]], hits: list[Hit], top: int, describe: dict[str, str]
) -> None:
    words = sum(len(t.split()) for _, t in docs)
    print(
        f"{label}: {len(docs)} files, {words:,} words, {len(hits)} hits, "
        f"{len(hits) * 1e4 / max(words, 1):.2f} per 10,000 words"
    )
    for key, n in Counter(h.key for h in hits).most_common(top):
        print(f"  {n:4d}  {key!r}  {describe.get(key, '')}")


def report_dev(docs: list[tuple[str, str]], folder: Path, hits: list[Hit], classes: tuple[str, ...]) -> None:
    texts = dict(docs)
    anns = annotations(folder, texts)
    matched = sum(any(overlap(h, a) for a in anns) for h in hits)
    print(f"dev: {len(docs)} files, {len(hits)} hits, {matched} overlap an annotation (any class)")
    if not anns:
        print("  no annotations.jsonl next to the texts: recall not measured")
        return
    for cls in classes:
        group = [a for a in anns if a["class"] == cls]
        got = sum(any(overlap(h, a) for h in hits) for a in group)
        print(f"  {cls:16s} {got:3d} of {len(group):3d} annotations overlap a hit")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--tables", type=Path, default=DEFAULT_TABLES, help="folder with tortured.tsv and foreign.tsv"
    )
    ap.add_argument("--clean", type=Path, help="folder of clean news *.txt (noise)")
    ap.add_argument("--dev", type=Path, help="folder of annotated pages W*.txt + annotations.jsonl (recall)")
    ap.add_argument("--top", type=int, default=15, help="how many of the most frequent hits to list")
    ap.add_argument(
        "--no-case-rule", action="store_true", help="also count hits whose swapped word is capitalised"
    )
    ap.add_argument("--classes", default=",".join(CLASSES), help="annotation classes to report")
    ap.add_argument("--foreign", action="store_true", help="also measure foreign.tsv (single tokens)")
    args = ap.parse_args(argv)
    table = read_table(args.tables / "tortured.tsv")
    describe = {k: f"<- {e.original!r} [{e.route}]" for k, e in table.items()}
    case_rule = not args.no_case_rule
    print(f"tortured.tsv: {len(table):,} variants")
    if args.clean:
        docs = read_folder(args.clean)
        t0 = time.perf_counter()
        hits = [h for name, text in docs for h in scan_text(name, text, table, case_rule)]
        elapsed = time.perf_counter() - t0
        report_noise("clean", docs, hits, args.top, describe)
        words = sum(len(t.split()) for _, t in docs)
        print(f"  scan speed: {words / elapsed:,.0f} words/s (tokenise + one dict lookup per bigram)")
    if args.dev:
        docs = read_folder(args.dev, "W*.txt")
        hits = [h for name, text in docs for h in scan_text(name, text, table, case_rule)]
        report_dev(docs, args.dev, hits, tuple(c for c in args.classes.split(",") if c))
        for h in hits:
            print(f"  hit {h.file}:{h.start} {h.key!r} {describe.get(h.key, '')}")
    if args.foreign:
        foreign = {}
        with open(args.tables / "foreign.tsv", encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    word, lang = line.split("\t")[:2]
                    foreign[word] = lang
        for label, folder, pattern in (("clean", args.clean, "*.txt"), ("dev", args.dev, "W*.txt")):
            if folder is None:
                continue
            docs = read_folder(folder, pattern)
            words = sum(len(t.split()) for _, t in docs)
            for lower_only in (True, False):
                hits = [
                    Hit(n, m.start(), m.end(), m.group(0))
                    for n, t in docs
                    for m in LETTERS.finditer(t)
                    if m.group(0).lower() in foreign and (m.group(0).islower() or not lower_only)
                ]
                kind = "lowercase tokens" if lower_only else "all tokens"
                print(
                    f"foreign.tsv on {label} ({kind}): {len(hits)} hits, "
                    f"{len(hits) * 1e4 / max(words, 1):.2f} per 10,000 words"
                )
                for key, n in Counter(h.key for h in hits).most_common(args.top):
                    print(f"  {n:4d}  {key!r}  {foreign[key.lower()]}")
                if label == "dev":
                    anns = annotations(folder, dict(docs))
                    for cls in ("untranslated", "foreign-convention", "boilerplate"):
                        group = [a for a in anns if a["class"] == cls]
                        got = sum(any(overlap(h, a) for h in hits) for a in group)
                        print(f"  {cls:18s} {got} of {len(group)} annotations overlap a hit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
