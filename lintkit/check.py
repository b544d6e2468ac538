"""Checking one file: the one path every entry point takes.

    bytes -> decode -> reader (by format) -> Document -> Linter (rules) -> filters -> FileResult

The filters take out what per-file ignores, inline suppressions and the baseline say to
leave alone. `lintkit check`, the Python API, fixing and `apply-decisions` all call
`check_text` (a decoded text) or `check_source` (bytes, optionally fixed), so the same input
and configuration give the same findings through every entry point.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, NamedTuple

from . import suppressions
from .document import Document
from .findings import FileResult, Finding, Severity
from .formats import format_of
from .linter import Linter
from .selection import matches, strength
from .source import Decoded, DecodeError, decode


class Filters(NamedTuple):
    """What is taken out of one file's findings after the rules ran."""

    ignored: tuple[str, ...] = ()  # codes or prefixes `per-file-ignores` turns off here
    baseline: Path | None = None  # findings recorded in this baseline file are left alone
    severity: tuple[tuple[str, Severity], ...] = ()  # per-rule severity overrides (configuration)


NO_FILTERS = Filters()  # nothing taken out


@dataclass
class Checked:
    """The findings of one text, with what the check saw besides them."""

    findings: list[Finding]
    words: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # rules that failed; the others' findings stand
    headline: str | None = None  # the article's headline, as the reader found it
    document: Document | None = None  # what the rules read (sentences, for `lintkit serve`)


def make_document(text: str, path: str) -> Document:
    """The Document for a file's decoded text; Markdown and HTML are read by their own
    readers, which keep a map from the prose back to the source."""
    fmt = format_of(path)
    reader = fmt.load_reader()
    if reader is None:
        return Document(text, path)
    try:
        prose, offset_map, paragraphs, parts, notes = reader(text)
    except RecursionError:
        raise ReaderError(f"cannot read as {fmt.name}: nested too deeply") from None
    except Exception as exc:  # a parser's failure on hostile markup is this file's error only
        raise ReaderError(f"cannot read as {fmt.name}: {type(exc).__name__}: {exc}"[:300]) from None
    doc = Document(prose, path, source=text, offset_map=offset_map, paragraphs=paragraphs, parts=parts)
    doc.notes = [f"{path}: {n}" for n in notes]
    return doc


class ReaderError(ValueError):
    """A file's markup could not be read; the message says which format and why."""


def check_text(linter: Linter, text: str, path: str, filters: Filters = NO_FILTERS) -> Checked:
    """Read `text` as the file `path` (its format chooses the reader), run the rules, and
    apply the filters."""
    doc = make_document(text, path)
    outcome = linter.check(doc)
    findings = _ignore(outcome.findings, filters.ignored)
    if filters.severity:
        findings = [_with_severity(f, filters.severity) for f in findings]
    findings = suppressions.apply(findings, doc.source, path)
    if filters.baseline is not None and findings:
        from .baseline import load

        findings = load(filters.baseline).keep_new(findings, path, doc.source)
    return Checked(findings, doc.words, [*doc.notes, *outcome.warnings], outcome.errors, doc.headline, doc)


def _with_severity(f: Finding, overrides: Sequence[tuple[str, Severity]]) -> Finding:
    """The finding at the severity the most specific matching override gives, if any."""
    best: tuple[int, Severity] | None = None
    for selector, level in overrides:
        k = strength(selector, f.rule, f.name)
        if k is not None and (best is None or k >= best[0]):
            best = (k, level)
    return f if best is None or best[1] == f.severity else replace(f, severity=best[1])


def _ignore(findings: Sequence[Finding], codes: Sequence[str]) -> list[Finding]:
    if not codes:
        return list(findings)
    return [f for f in findings if not any(matches(c, f.rule, f.name) for c in codes)]


class Fixing(NamedTuple):
    """Whether and how to fix: which fixes, and whether to write the file back."""

    unsafe: bool = False
    write: bool = False


def check_source(
    linter: Linter, data: bytes, path: str, filters: Filters = NO_FILTERS, fixing: Fixing | None = None,
    *, target: Path | None = None,
) -> FileResult:  # fmt: skip
    """Decode and check one file's bytes; with `fixing`, fix the text until nothing more is
    fixable and (with `fixing.write`) write it back to `target` atomically. Errors are
    returned in the result, never raised."""
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return FileResult(path, error=str(exc))
    try:
        if fixing is None:
            checked = check_text(linter, decoded.text, path, filters)
            return FileResult(path, checked.findings, checked.words, None, checked.warnings, decoded.text,
                              errors=checked.errors, headline=checked.headline)  # fmt: skip
        return _fix(linter, decoded, data, path, filters, fixing, target)
    except ReaderError as exc:
        return FileResult(path, error=str(exc))


def _fix(
    linter: Linter, decoded: Decoded, data: bytes, path: str, filters: Filters, fixing: Fixing,
    target: Path | None,
) -> FileResult:  # fmt: skip
    from .fixer import MAX_PASSES, fix_text

    outcome = fix_text(decoded.text, lambda text: check_text(linter, text, path, filters), fixing.unsafe)
    if not outcome.converged and outcome.first is not None:
        # A fix that re-triggers a rule would grow the file on every run: write nothing.
        first = outcome.first
        rules = ", ".join(outcome.looping)
        error = (f"not fixed: fixes did not settle after {MAX_PASSES} passes (still fixable: {rules}; "
                 "a fix keeps re-triggering a rule); nothing written")  # fmt: skip
        return FileResult(path, first.findings, first.words, None, list(first.warnings), decoded.text,
                          errors=[*first.errors, error], headline=first.headline)  # fmt: skip
    last = outcome.last
    result = FileResult(path, last.findings, last.words, None, list(last.warnings), outcome.text,
                        errors=list(last.errors), headline=last.headline)  # fmt: skip
    result.fixed = outcome.applied
    result.original = decoded.text
    if last.errors and outcome.text != decoded.text:  # a rule failed: do not write half a check
        result.errors.append("not fixed: a rule failed on this file")
        result.source, result.fixed = decoded.text, 0
        return result
    if fixing.write and target is not None and outcome.text != decoded.text:
        from .writer import WriteError, write_atomic

        try:
            write_atomic(target, outcome.text, decoded, data)
        except (WriteError, OSError) as exc:
            return FileResult(path, error=f"not fixed: {exc}")
    return result


DEFAULT_MAX_SIZE_MB = 50.0  # a long feature is under 1 MB; 50 MB is an archive dump, not an article


def size_limit(megabytes: float | None) -> int:
    """The article size limit in bytes (`max-size` is in megabytes of 1,000,000 bytes)."""
    return int((DEFAULT_MAX_SIZE_MB if megabytes is None else megabytes) * 1_000_000)


def _read_up_to(fd: int, most: int, size: int) -> bytes:
    """At most `most` bytes of a file, asking first for its size and one byte more (a
    buffered read of `most` bytes allocates all of them first: 50 MB per article)."""
    chunks = []
    left = most
    ask = min(left, size + 1)
    while left > 0:
        chunk = os.read(fd, ask)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        ask = min(left, 1 << 20)
    return b"".join(chunks)


def read_article(path: str, limit: int | None = None) -> bytes | FileResult:
    """A file's bytes, or a result carrying the error that kept it from being read. Only a
    regular file is an article: a FIFO would block forever and /dev/zero never ends, so the
    file is opened without blocking and checked before a byte is read, and no more than
    `limit` bytes are ever read."""
    limit = size_limit(None) if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return FileResult(path, error=f"cannot read: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return FileResult(path, error=f"not a regular file ({_kind(info.st_mode)}); skipped")
        if info.st_size > limit:
            return FileResult(path, error=_too_large(info.st_size, limit))
        data = _read_up_to(fd, limit + 1, info.st_size)  # the file may grow while it is read
    except OSError as exc:
        return FileResult(path, error=f"cannot read: {exc.strerror or exc}")
    finally:
        os.close(fd)
    if len(data) > limit:
        return FileResult(path, error=_too_large(len(data), limit))
    return data


def read_stream(stream: BinaryIO, name: str, limit: int | None = None) -> bytes | FileResult:
    """Standard input, read no further than the article size limit."""
    limit = size_limit(None) if limit is None else limit
    data = stream.read(limit + 1)
    if len(data) > limit:
        return FileResult(name, error=_too_large(len(data), limit, more=True))
    return data


def _too_large(size: int, limit: int, more: bool = False) -> str:
    amount = f"more than {limit:,}" if more else f"{size:,}"
    return (f"{amount} bytes, larger than the maximum article size ({limit / 1e6:g} MB); not checked "
            "(raise it with --max-size or `max-size` in the configuration)")  # fmt: skip


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISDIR, "a folder")):  # fmt: skip
        if test(mode):
            return name
    return "not a file"
