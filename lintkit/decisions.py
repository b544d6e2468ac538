"""Applying a copy editor's decisions exported from the HTML report.

Accepted findings get their chosen fix, with the same safety as `--fix` (atomic write, the
file must not have changed since it was read, overlapping fixes are never combined); a
human accepted it, so unsafe fixes are allowed. Dismissed findings go into the baseline, so
the desk is not asked again. Findings are matched by fingerprint on the file as it is now.

    {"version": 1, "tool": "lintkit", "decisions": [{"path": "a.txt", "rule": "MT001",
      "offset": 10, "end_offset": 20, "text": "...", "fingerprint": "...",
      "decision": "accept" | "dismiss", "fix": 0}]}
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import baseline
from .findings import Finding, Fix
from .fingerprint import fingerprints
from .fixer import apply, choose
from .source import DecodeError, decode
from .writer import write_atomic
from .yamlfile import DataError, read_json


@dataclass
class Outcome:
    fixed: int = 0
    dismissed: int = 0
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def load(path: Path) -> list[dict[str, Any]]:
    data = read_json(path, "a lintkit decisions file")
    decisions = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(decisions, list) or data.get("version") != 1:
        raise DataError(path, None, "not a lintkit decisions file (expected version 1 with 'decisions')")
    for d in decisions:
        if (
            not isinstance(d, dict)
            or d.get("decision") not in ("accept", "dismiss")
            or "fingerprint" not in d
        ):
            raise DataError(path, None, f"invalid decision: {json.dumps(d)[:120]}")
    return decisions


def apply_decisions(
    decisions: list[dict[str, Any]],
    lint: Callable[[str, str], list[Finding]],
    baseline_path: Path,
    base: Path,
) -> Outcome:
    """`lint(text, path)` returns a file's findings; paths in decisions are relative to
    `base` (the decisions file's folder) unless absolute."""
    outcome = Outcome()
    by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in decisions:
        by_path[d["path"]].append(d)
    dismissed: list[tuple[str, str, str, str]] = []
    for name, items in by_path.items():
        path = Path(name) if Path(name).is_absolute() else base / name
        if not path.exists() and Path(name).exists():
            path = Path(name)
        try:
            data = path.read_bytes()
            decoded = decode(data)
        except (OSError, DecodeError) as exc:
            outcome.errors.append(f"{name}: {exc}")
            continue
        findings = lint(decoded.text, str(path))
        known = dict(zip(fingerprints(findings, decoded.text), findings, strict=True))
        accepted: list[Finding] = []
        for d in items:
            f = known.get(d["fingerprint"])
            if f is None:
                outcome.missing.append(f"{name}: {d.get('rule')} {d.get('text', '')!r} is no longer found")
            elif d["decision"] == "accept":
                index = int(d.get("fix", 0))
                if 0 <= index < len(f.fixes):
                    accepted.append(replace(f, fixes=(f.fixes[index],)))
            else:
                dismissed.append((str(path), f.rule, d["fingerprint"], f.text))
        fixes = choose(accepted, unsafe=True)
        if fixes:
            text = apply(decoded.text, fixes)
            try:
                write_atomic(path, text, decoded, data)
            except OSError as exc:
                outcome.errors.append(f"{name}: not fixed: {exc}")
                continue
            outcome.fixed += len(fixes)
            dismissed = _refresh(dismissed, str(path), decoded.text, text, fixes, lint)
    outcome.dismissed = baseline.add(baseline_path, dismissed)
    return outcome


def _refresh(
    dismissed: list[tuple[str, str, str, str]],
    path: str,
    old: str,
    new: str,
    fixes: list[Fix],
    lint: Callable[[str, str], list[Finding]],
) -> list[tuple[str, str, str, str]]:
    """Fingerprints of this file's dismissed findings as they are after the fixes (a fix in
    the same paragraph changes a neighbour's fingerprint)."""
    mine = [d for d in dismissed if d[0] == path]
    if not mine:
        return dismissed
    before = lint(old, path)
    old_prints = dict(zip(fingerprints(before, old), before, strict=True))
    after = lint(new, path)
    new_prints = fingerprints(after, new)
    edits = sorted((e for fix in fixes for e in fix.edits), key=lambda e: e.start)

    def moved(offset: int) -> int:
        return offset + sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= offset)

    refreshed = [d for d in dismissed if d[0] != path]
    for entry in mine:
        f = old_prints.get(entry[2])
        target = moved(f.start) if f is not None else -1
        match = next((fp for g, fp in zip(after, new_prints, strict=True)
                      if f is not None and g.rule == f.rule and g.start == target), entry[2])  # fmt: skip
        refreshed.append((path, entry[1], match, entry[3]))
    return refreshed


def precision(decisions: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    """(rule, accepted, dismissed) per rule: a copy desk's verdicts measure each rule's
    precision on real copy."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for d in decisions:
        counts[str(d.get("rule", "?"))][0 if d["decision"] == "accept" else 1] += 1
    return sorted((rule, a, r) for rule, (a, r) in counts.items())
