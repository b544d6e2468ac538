"""Baselines: record today's findings, then report only new ones.

A newsroom adopts lintkit on an archive without fixing it all first: `--write-baseline FILE`
records every finding by a fingerprint that survives unrelated edits (rule, matched text and
its neighbourhood; see lintkit.fingerprint), and `--baseline FILE` drops findings recorded
there. Paths are stored relative to the baseline file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .findings import FileResult, Finding
from .fingerprint import fingerprints
from .paths import real
from .textsafe import json_dumps
from .writer import write_text
from .yamlfile import DataError, read_json

VERSION = 1


def _key(base: Path, path: str) -> str:
    return Path(os.path.relpath(real(path), real(base))).as_posix()


def write(path: Path, results: Sequence[FileResult]) -> int:
    """Write the findings of `results` to a baseline file; returns how many."""
    base = path.parent
    entries = []
    for r in results:
        for f, fp in zip(r.findings, fingerprints(r.findings, r.source), strict=True):
            entries.append({"path": _key(base, r.path), "rule": f.rule, "fingerprint": fp, "text": f.text})
    _save(path, entries)
    return len(entries)


def update(path: Path, results: Sequence[FileResult]) -> tuple[int, int]:
    """Record the current findings of the files in `results`, replacing what the baseline
    held for those files and keeping every other file's entries (ruff's `--add-noqa`, for
    copy without comments). Returns (findings recorded, entries kept for other files)."""
    known = _read(path) if path.exists() else []
    base = path.parent
    checked = {_key(base, r.path) for r in results}
    kept = [e for e in known if e.get("path") not in checked]
    fresh = []
    for r in results:
        for f, fp in zip(r.findings, fingerprints(r.findings, r.source), strict=True):
            fresh.append({"path": _key(base, r.path), "rule": f.rule, "fingerprint": fp, "text": f.text})
    _save(path, kept + fresh)
    return len(fresh), len(kept)


def _save(path: Path, entries: list[dict[str, str]]) -> None:
    """Written atomically: a full disk or an error half way leaves the old baseline whole."""
    payload = {"version": VERSION, "tool": "lintkit", "findings": entries}
    write_text(path, json_dumps(payload, indent=1) + "\n")


def add(path: Path, entries: Iterable[tuple[str, str, str, str]]) -> int:
    """Add (path, rule, fingerprint, text) entries to a baseline file (created if missing)."""
    known = _read(path) if path.exists() else []
    base = path.parent
    seen = {(e["path"], e["fingerprint"]) for e in known}
    added = 0
    for file, rule, fp, text in entries:
        key = (_key(base, file), fp)
        if key not in seen:
            seen.add(key)
            known.append({"path": key[0], "rule": rule, "fingerprint": fp, "text": text})
            added += 1
    _save(path, known)
    return added


def _read(path: Path) -> list[dict[str, str]]:
    data = read_json(path, "a lintkit baseline")
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise DataError(path, None, f"not a lintkit baseline (expected version {VERSION} with 'findings')")
    return list(data["findings"])


class Baseline:
    def __init__(self, path: Path) -> None:
        self.base = path.parent
        self.known = {(e["path"], e["fingerprint"]) for e in _read(path)}

    def keep_new(self, findings: Sequence[Finding], path: str, source: str) -> list[Finding]:
        """The findings of one file (its decoded `source`) that the baseline does not record."""
        if not findings:
            return []
        key = _key(self.base, path)
        prints = fingerprints(findings, source)
        return [f for f, fp in zip(findings, prints, strict=True) if (key, fp) not in self.known]


_LOADED: dict[Path, tuple[tuple[int, int], Baseline]] = {}


def load(path: Path) -> Baseline:
    """The baseline in `path`, read once per process (again if the file changed)."""
    st = path.stat()
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _LOADED.get(path)
    if cached is None or cached[0] != stamp:
        cached = _LOADED[path] = (stamp, Baseline(path))
    return cached[1]
