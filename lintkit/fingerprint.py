"""Fingerprints of findings that survive unrelated edits.

A fingerprint hashes the rule, the matched text and a few words on each side of it within
its paragraph, not line numbers, so a baseline or a copy editor's decision still applies after paragraphs are
added above. Identical findings in identical surroundings are told apart by their order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

import regex

from .findings import Finding

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_CONTEXT_CHARS = 80
_CONTEXT_WORDS = 3


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def fingerprints(findings: Sequence[Finding], source: str) -> list[str]:
    """One fingerprint per finding, in the same order (findings of one file)."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        # the neighbourhood stays inside the finding's own line (paragraph), so edits to
        # other paragraphs never change it
        line_start = source.rfind("\n", 0, f.start) + 1
        line_end = source.find("\n", f.end)
        line_end = len(source) if line_end < 0 else line_end
        before = _words(source[max(line_start, f.start - _CONTEXT_CHARS) : f.start])[-_CONTEXT_WORDS:]
        after = _words(source[f.end : min(line_end, f.end + _CONTEXT_CHARS)])[:_CONTEXT_WORDS]
        key = "\x1f".join((f.rule, " ".join(_words(f.text)) or f.text, " ".join(before), " ".join(after)))
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()
        out.append(digest[:20])
    return out
