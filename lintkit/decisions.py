"""Applying a copy editor's decisions exported from the HTML report.

Accepted findings get their chosen fix, with the same safety as `--fix` (atomic write, the
file must not have changed since it was read, overlapping fixes are never combined); a
human accepted it, so unsafe fixes are allowed. Dismissed findings go into the baseline, so
the desk is not asked again. Findings are matched by fingerprint on the file as it is now.

The report records the folder it was made in and the export carries it as `root`, so the
articles are found wherever the browser saved the file; `--root` overrides it, and a file
without one (older reports) means the current folder. Paths are relative to the root.

A decisions file is untrusted input (it arrives by mail, from a browser's downloads): every
decision is checked for its types, the root it names must be an absolute path to a folder,
every path must resolve (symbolic links followed) to a regular file inside the root,
contradictory decisions are reported and neither is applied, and every decision that is not
carried out is reported with its reason. A run with errors adds nothing to the baseline (a
half-done run must not record findings as seen, nor create an empty baseline).

    {"version": 1, "tool": "lintkit", "report": "...", "root": "/abs/folder",
     "decisions": [{"path": "a.txt", "rule": "MT001", "offset": 10, "end_offset": 20,
      "text": "...", "fingerprint": "...", "decision": "accept" | "dismiss", "fix": 0}]}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import baseline
from .check import read_article
from .findings import FileResult, Finding, Fix
from .fingerprint import fingerprints
from .fixer import apply, choose
from .source import DecodeError, decode
from .textsafe import printable
from .writer import write_atomic
from .yamlfile import DataError, read_json


@dataclass(frozen=True)
class Decision:
    number: int  # 1-based position in the file, for messages
    path: str
    rule: str
    fingerprint: str
    accept: bool
    fix: int
    text: str


@dataclass
class Outcome:
    fixed: int = 0
    dismissed: int = 0
    missing: list[str] = field(default_factory=list)  # findings no longer there (warnings)
    skipped: list[str] = field(default_factory=list)  # accepted but not applied, with the reason
    errors: list[str] = field(default_factory=list)


def load(path: Path) -> tuple[list[Decision], list[str]]:
    """The valid decisions of a file, and one line for each invalid one. A file that is not
    a decisions file at all is a DataError."""
    data = read_json(path, "a lintkit decisions file")
    items = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(items, list) or data.get("version") != 1:
        raise DataError(path, None, "not a lintkit decisions file (expected version 1 with 'decisions')")
    decisions: list[Decision] = []
    problems: list[str] = []
    for number, item in enumerate(items, start=1):
        decision, problem = _decision(number, item)
        if decision is not None:
            decisions.append(decision)
        else:
            problems.append(f"decision {number}: invalid decision: {problem}")
    return decisions, problems


def root_for(path: Path, given: Path | None) -> Path:
    """The folder the decisions in `path` are relative to: `given` (--root) if any, else the
    root the report recorded, else the current folder. A recorded root that is not an
    absolute path to a folder here is a DataError that names --root."""
    if given is not None:
        return given
    data = read_json(path, "a lintkit decisions file")
    recorded = data.get("root") if isinstance(data, dict) else None
    if recorded is None:
        return Path(".")
    root = _text(recorded)
    if not root or not Path(root).is_absolute() or not Path(root).is_dir():
        shown = printable(recorded[:300]) if isinstance(recorded, str) else type(recorded).__name__
        raise DataError(path, None, f"the report's root {shown!r} is not a folder here; give --root FOLDER")
    return Path(root)


def _text(value: Any) -> str | None:
    """A string that can be written out (no lone surrogates, no NUL), or None."""
    if not isinstance(value, str) or "\0" in value:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value


def _decision(number: int, item: Any) -> tuple[Decision | None, str]:
    if not isinstance(item, dict):
        return None, "not an object"
    if item.get("decision") not in ("accept", "dismiss"):
        return None, '\'decision\' must be "accept" or "dismiss"'
    path = _text(item.get("path"))
    if not path:
        return None, "'path' must be a file name"
    fingerprint = _text(item.get("fingerprint"))
    if not fingerprint:
        return None, "'fingerprint' must be a string"
    fix = item.get("fix", 0)
    if not isinstance(fix, int) or isinstance(fix, bool) or fix < 0:
        return None, "'fix' must be a number of 0 or more"
    rule = _text(item.get("rule", "?")) or "?"
    text = _text(item.get("text", "")) or ""
    return Decision(number, path, rule[:80], fingerprint, item["decision"] == "accept", fix, text[:200]), ""


def contradictions(decisions: list[Decision]) -> tuple[list[Decision], list[str]]:
    """Decisions without those that both accept and dismiss one finding (neither is applied)."""
    verdicts: dict[tuple[str, str], set[bool]] = defaultdict(set)
    for d in decisions:
        verdicts[(d.path, d.fingerprint)].add(d.accept)
    both = {key for key, v in verdicts.items() if len(v) == 2}
    problems = [
        f"{path}: {next(d.rule for d in decisions if (d.path, d.fingerprint) == (path, fp))} "
        "was both accepted and dismissed; neither is applied"
        for path, fp in sorted(both)
    ]
    return [d for d in decisions if (d.path, d.fingerprint) not in both], problems


def confine(name: str, root: Path) -> Path:
    """The file a decision names, resolved (symbolic links followed), which must be a
    regular file inside `root`; ValueError says why not."""
    candidate = Path(name) if Path(name).is_absolute() else root / name
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        raise ValueError(f"no such file under {root}") from None
    top = root.resolve()
    if real != top and top not in real.parents:
        raise ValueError(f"refused: outside the root {top} (give --root to choose it)")
    if not real.is_file():
        raise ValueError("refused: not a regular file")
    return real


def apply_decisions(
    decisions: list[Decision],
    lint: Callable[[str, str], list[Finding]],
    baseline_path: Path,
    root: Path,
    invalid: int = 0,
) -> Outcome:
    """`lint(text, path)` returns a file's findings; decisions' paths are relative to
    `root` (or absolute inside it). `invalid` counts decisions `load` rejected: like any
    error, they keep the baseline as it is."""
    outcome = Outcome()
    decisions, problems = contradictions(decisions)
    outcome.errors.extend(problems)
    by_path: dict[str, list[Decision]] = defaultdict(list)
    for d in decisions:
        by_path[d.path].append(d)
    dismissed: list[tuple[str, str, str, str]] = []
    names: dict[str, str] = {}  # resolved path -> the name the decisions gave
    for name, items in by_path.items():
        try:
            path = confine(name, root)
            read = read_article(str(path))
            if isinstance(read, FileResult):
                raise ValueError(read.error)
            data = read
            decoded = decode(data)
        except (ValueError, OSError, DecodeError) as exc:
            outcome.errors.append(f"{name}: {exc}")
            continue
        names[str(path)] = name
        findings = lint(decoded.text, str(path))
        known = dict(zip(fingerprints(findings, decoded.text), findings, strict=True))
        accepted: list[tuple[Decision, Finding]] = []
        for d in items:
            f = known.get(d.fingerprint)
            if f is None:
                outcome.missing.append(f"{name}: {d.rule} {d.text!r} is no longer found")
            elif not d.accept:
                dismissed.append((str(path), f.rule, d.fingerprint, f.text))
            elif not f.fixes:
                outcome.skipped.append(f"{name}: {f.rule} {f.text!r} accepted, but it has no fix")
            elif d.fix >= len(f.fixes):
                outcome.errors.append(
                    f"{name}: decision {d.number}: invalid decision: fix {d.fix} of {f.rule}, "
                    f"which has {len(f.fixes)}"
                )
            else:
                accepted.append((d, replace(f, fixes=(f.fixes[d.fix],))))
        fixes = choose([f for _, f in accepted], unsafe=True, length=len(decoded.text))
        chosen = {id(x) for x in fixes}
        for _, f in accepted:
            if id(f.fixes[0]) not in chosen:
                outcome.skipped.append(f"{name}: {f.rule} {f.text!r} skipped: its fix overlaps another")
        if fixes:
            text = apply(decoded.text, fixes)
            try:
                write_atomic(path, text, decoded, data)
            except OSError as exc:
                outcome.errors.append(f"{name}: not fixed: {exc}")
                continue
            outcome.fixed += len(fixes)
            dismissed = _refresh(dismissed, str(path), decoded.text, text, fixes, lint)
    if dismissed and (outcome.errors or invalid):
        outcome.skipped.extend(
            f"{names[file]}: {rule} {text!r} dismissed, but not added to {baseline_path}: "
            "a run with errors leaves the baseline as it is"
            for file, rule, _, text in dismissed
        )
    elif dismissed:
        outcome.dismissed = baseline.add(baseline_path, dismissed)
    for lines in (outcome.missing, outcome.skipped, outcome.errors):  # names from the file: untrusted
        lines[:] = map(printable, lines)
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


def precision(decisions: list[Decision]) -> list[tuple[str, int, int]]:
    """(rule, accepted, dismissed) per rule: a copy desk's verdicts measure each rule's
    precision on real copy."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for d in decisions:
        counts[d.rule][0 if d.accept else 1] += 1
    return sorted((rule, a, r) for rule, (a, r) in counts.items())
