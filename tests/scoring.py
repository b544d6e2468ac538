"""Recall and precision of lintkit on annotated articles, with the same rules as the
shared evaluation script: a finding detects an annotation when their spans overlap; a
finding in an annotated file that overlaps no annotation counts against precision; every
finding in a clean file is noise."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from lintkit.api import build_linter, lint_path


@dataclass
class Score:
    detected: int = 0
    total: int = 0
    findings: int = 0
    unmatched: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    noise: list[str] = field(default_factory=list)
    clean_words: int = 0
    rules_detecting: set[str] = field(default_factory=set)

    @property
    def recall(self) -> float:
        return self.detected / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        return (self.findings - len(self.unmatched)) / self.findings if self.findings else 0.0


def _span(text: str, quote: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            raise AssertionError(f"annotation quote not found: {quote!r}")
    return start, start + len(quote)


def score(annotation_file: Path) -> Score:
    base = annotation_file.parent
    notes = [
        json.loads(line) for line in annotation_file.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    linter = build_linter()
    result = Score()
    for name in sorted({n["file"] for n in notes}):
        path = base / name
        text = path.read_text(encoding="utf-8-sig")
        findings = lint_path(path, linter=linter).findings
        mine = [n for n in notes if n["file"] == name and not n.get("clean")]
        if any(n.get("clean") for n in notes if n["file"] == name):
            result.clean_words += len(text.split())
            result.noise += [f"{name}: {f.rule} {f.text!r}" for f in findings]
            continue
        used: set[int] = set()
        for n in mine:
            s, e = _span(text, n["quote"], n.get("occurrence", 1))
            hits = [i for i, f in enumerate(findings) if f.start < e and s < max(f.end, f.start + 1)]
            result.total += 1
            if hits:
                result.detected += 1
                used.update(hits)
                result.rules_detecting.update(findings[i].rule for i in hits)
            else:
                result.missed.append(f"{name}: {n['class']} {n['quote']!r}")
        result.findings += len(findings)
        result.unmatched += [f"{name}: {f.rule} {f.text!r}" for i, f in enumerate(findings) if i not in used]
    return result
