"""Checking one open document for the language server, with nothing of the protocol in it.

The editor's buffer is checked exactly as `lintkit check` would check the file on disk: the
text is encoded and decoded as a file is (`lintkit.source.decode`: byte-order mark, NUL
bytes, unpaired surrogates), held to the same size limit, read by the reader its name calls
for, and checked by `lintkit.check.check_text` with the linter and filters of the
configuration that applies to its path (per-file ignores, severities, inline suppressions,
baseline). The only step done here rather than inside `check_text` is the baseline, applied
with the same `Baseline.keep_new` afterwards, so that the fingerprint of every finding is at
hand for the "Add to baseline" action.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import baseline as baseline_file
from ..api import linter_for, options_for_config
from ..check import check_text, make_document, size_limit
from ..config import Config, find_config, forget, load_config
from ..findings import Finding, Fix
from ..fingerprint import fingerprints
from ..fixer import valid
from ..formats import format_of
from ..meta import RuleMeta
from ..source import DecodeError, LineIndex, decode

DEFAULT_BASELINE = "lintkit-baseline.json"


class NotChecked(Exception):
    """A document that could not be checked (too large, not text, unreadable markup, a bad
    configuration): the message says why, for the editor's log."""

    def __init__(self, message: str, configuration: bool = False) -> None:
        super().__init__(message)
        self.configuration = configuration  # worth showing to the user, not only logging


@dataclass(frozen=True)
class Checked:
    """One version of one document, checked: what diagnostics, code actions and hovers read."""

    path: str  # the name the document was checked as (chooses the reader, the configuration)
    text: str  # exactly the editor's text
    shift: int  # code points before the decoded text (1 for a byte-order mark the editor kept)
    findings: list[Finding]  # after every filter: what is shown
    prints: list[str]  # each shown finding's baseline fingerprint, in the same order
    rules: dict[str, RuleMeta]  # the linter's rules by code, for hovers
    baseline: Path | None  # where "Add to baseline" records (None: not a file on disk)
    configured_baseline: bool  # whether the configuration names that baseline
    problems: list[str] = field(default_factory=list)  # rules that failed, reader notes
    index: LineIndex = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", LineIndex(self.text))

    def span(self, f: Finding) -> tuple[int, int]:
        """A finding's span in the editor's text (code points)."""
        return f.start + self.shift, f.end + self.shift

    def edit_span(self, start: int, end: int) -> tuple[int, int]:
        return start + self.shift, end + self.shift

    def position(self, offset: int) -> tuple[int, int]:
        """0-based line and code-point column of an offset in the editor's text."""
        line, column = self.index.position(offset)
        return line - 1, column - 1

    def usable_fixes(self, f: Finding) -> list[Fix]:
        """The fixes of a finding that lie inside the text (as `--fix` checks them)."""
        return [x for x in f.fixes if x.edits and valid(x, len(self.text) - self.shift)]


def config_for(path: str, fixed: Path | None) -> Config:
    """The configuration for a document: the `--config` file given at start, else the one
    `lintkit check` would find for its path. Files are read again each time (`forget`), so an
    edited lintkit.toml applies to the next check."""
    forget()
    if fixed is not None:
        return dataclasses.replace(load_config(fixed), explicit=True)
    return find_config(Path(path)) if Path(path).is_absolute() else find_config(Path.cwd())


def baseline_for(config: Config, path: str) -> tuple[Path | None, bool]:
    """Where a document's findings are baselined: the configuration's `baseline`, else
    `lintkit-baseline.json` beside the configuration file, else beside the document; and
    whether the configuration names it."""
    if config.baseline is not None:
        return config.baseline, True
    if config.path is not None:
        return config.path.parent / DEFAULT_BASELINE, False
    if Path(path).is_absolute():
        return Path(path).parent / DEFAULT_BASELINE, False
    return None, False


def check_document(text: str, path: str, fixed_config: Path | None = None) -> Checked:
    """Check an editor's text as the file `path`; raises NotChecked with the reason when it
    cannot be checked."""
    from ..selection import SelectionError
    from ..yamlfile import DataError

    try:
        config = config_for(path, fixed_config)
        options = options_for_config(config)
        linter = linter_for(options)
    except (DataError, SelectionError, OSError) as exc:
        raise NotChecked(f"configuration: {exc}", configuration=True) from None
    data = text.encode("utf-8", "surrogatepass")  # an unpaired surrogate fails to decode, as in a file
    limit = size_limit(config.max_size)
    if len(data) > limit:
        raise NotChecked(
            f"{path}: {len(data):,} bytes, larger than the maximum article size "
            f"({limit / 1e6:g} MB); not checked (raise `max-size` in the configuration)"
        )
    try:
        decoded = decode(data).text
    except DecodeError as exc:
        raise NotChecked(f"{path}: {exc}") from None
    shift = len(text) - len(decoded)
    filters = options.filters(path)
    try:
        checked = check_text(linter, decoded, path, filters._replace(baseline=None))
    except ValueError as exc:  # ReaderError: markup that could not be read
        raise NotChecked(f"{path}: {exc}") from None
    findings = checked.findings
    prints = fingerprints(findings, decoded)
    where, configured = baseline_for(config, path)
    applied = filters.baseline if filters.baseline is not None else _existing(where)
    if applied is not None and findings:
        try:
            kept = baseline_file.load(applied).keep_new(findings, path, decoded)
        except (DataError, OSError) as exc:
            raise NotChecked(f"baseline: {exc}", configuration=True) from None
        keep = {id(f) for f in kept}
        prints = [p for f, p in zip(findings, prints, strict=True) if id(f) in keep]
        findings = kept
    rules = {r.meta.code: r.meta for r in linter.rules}
    return Checked(
        path, text, shift, findings, prints, rules, where, configured, [*checked.errors, *checked.warnings]
    )


def _existing(path: Path | None) -> Path | None:
    return path if path is not None and path.is_file() else None


def record(checked: Checked, fingerprint: str) -> tuple[Path, int]:
    """Add the finding with this fingerprint to the document's baseline, as
    `lintkit check --add-baseline` records findings (path relative to the baseline file,
    rule, fingerprint, matched text). Returns the baseline file and how many were added."""
    if checked.baseline is None:
        raise NotChecked(f"{checked.path}: not a file on disk, so it has no baseline")
    for f, fp in zip(checked.findings, checked.prints, strict=True):
        if fp == fingerprint:
            added = baseline_file.add(checked.baseline, [(checked.path, f.rule, fp, f.text)])
            return checked.baseline, added
    raise NotChecked(f"{checked.path}: the finding is no longer there; check again")


def suppression_edit(checked: Checked, f: Finding) -> tuple[int, int, str] | None:
    """An edit (start, end, text in the editor's text) that adds
    `<!-- lintkit: disable-next-line=CODE -->` for the finding's line, for formats with
    comments only, and only where it leaves the prose the rules read exactly as it was (a
    comment line must not split a Markdown paragraph or close a fence): at the end of the
    line before, or on a line of its own."""
    comment = format_of(checked.path).comment
    if comment is None or f.rule.startswith("LT"):
        return None
    directive = f"{comment[0]} lintkit: disable-next-line={f.rule} {comment[1]}"
    start, _ = checked.span(f)
    line, _ = checked.position(start)
    line_start = checked.index.line_start(line + 1)
    text = checked.text
    candidates: list[tuple[int, int, str]] = []
    if line > 0:
        previous_end = line_start - (2 if text[line_start - 2 : line_start] == "\r\n" else 1)
        candidates.append((previous_end, previous_end, " " + directive))
    newline = "\r\n" if "\r\n" in text else "\n"
    candidates.append((line_start, line_start, directive + newline))
    before = _prose(text, checked.path)
    for at, end, insert in candidates:
        changed = text[:at] + insert + text[end:]
        if _prose(changed, checked.path) == before:
            return at, end, insert
    return None


def _prose(text: str, path: str) -> str | None:
    try:
        return make_document(text, path).text
    except ValueError:
        return None


def explanation(meta: RuleMeta, message: str | None = None) -> str:
    """A rule as `lintkit explain CODE` shows it, in Markdown (for hovers)."""
    parts = [f"**{meta.code}** `{meta.name}` ({meta.category}, default severity {meta.severity})"]
    if message:
        parts.append(_escape(message))
    parts += [" ".join(p.split()) for p in meta.explanation.strip().split("\n\n") if p.strip()]
    bad = [f"- ✗ {_code(b.text)}" + (f" → {_code(b.fixed)}" if b.fixed else "") for b in meta.examples.bad]
    good = [f"- ✓ {_code(g.text)}" for g in meta.examples.good]
    if bad:
        parts.append("Flagged:\n\n" + "\n".join(bad))
    if good:
        parts.append("Not flagged:\n\n" + "\n".join(good))
    return "\n\n".join(parts)


_TICKS = re.compile("`+")
_MARKDOWN = re.compile(r"[\\`*_\[\]<>#|~]")  # characters Markdown would read as markup


def _code(text: str) -> str:
    """`text` as a Markdown code span that any backticks inside cannot end."""
    text = " ".join(text.split())
    ticks = "`" * (max(map(len, _TICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _escape(text: str) -> str:
    """Plain text that Markdown shows as written."""
    return _MARKDOWN.sub(r"\\\g<0>", text)
