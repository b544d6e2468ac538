"""A whole `lintkit check` run: find the articles, resolve each one's configuration, check
(or fix) them on all cores, then apply per-file ignores, inline suppressions, the baseline
and `--changed-since`. The CLI calls `run` and renders what it returns."""

from __future__ import annotations

import datetime as dt
import difflib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .api import FileResult, Options, build_linter, check_text
from .baseline import Baseline
from .config import Config, find_config, forget, load_config
from .discovery import articles
from .engine import Linter
from .findings import Finding
from .fixer import fix_text
from .gitdiff import GitError, changed_lines
from .languagetool import LanguageToolUnavailable, checker_for, settings_from
from .rule import RuleMeta
from .source import DecodeError, decode
from .writer import WriteError, write_atomic
from .yamlfile import DataError


@dataclass
class RunOptions:
    """What the command line asked for; anything left None comes from configuration."""

    paths: Sequence[str]
    select: Sequence[str] | None = None
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    fail_on: str | None = None
    date: dt.date | None = None
    knowledge: Sequence[str] = ()
    rules: Sequence[str] = ()
    config: Path | None = None
    isolated: bool = False
    stdin_filename: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    changed_since: str | None = None
    jobs: int = 0  # 0: one per CPU
    force_exclude: bool = False
    progress: Callable[[int, int], None] | None = None
    languagetool: bool | None = None  # None: as configured
    languagetool_url: str | None = None
    require_languagetool: bool = False


@dataclass
class RunReport:
    results: list[FileResult]
    fail_on: str
    rules: list[RuleMeta]
    diffs: list[str] = field(default_factory=list)
    fixed: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Task:
    path: str  # what to read ("-": standard input)
    name: str  # what to call it in findings and to choose a reader by (--stdin-filename)
    options: Options
    ignored: tuple[str, ...]
    fix: bool
    unsafe: bool
    write: bool


def run(opts: RunOptions) -> RunReport:
    forget()
    fixed_config = _fixed_config(opts)
    base_config = fixed_config or find_config(Path.cwd())
    tasks: list[_Task | FileResult] = []
    for path, error in articles(opts.paths, fixed_config, opts.force_exclude):
        if error:
            tasks.append(FileResult(path, error=error))
            continue
        name = (opts.stdin_filename or "-") if path == "-" else path
        config = fixed_config or find_config(Path(path) if path != "-" else Path.cwd())
        options = _options(opts, config)
        tasks.append(
            _Task(
                path,
                name,
                options,
                config.ignored_codes(Path(name)),
                opts.fix or opts.diff,
                opts.unsafe_fixes,
                opts.fix and not opts.diff,
            )
        )
    notes = _reach_languagetool(tasks)
    results = list(_execute(tasks, opts))
    report = RunReport(results, opts.fail_on or base_config.fail_on or "warning", _rules_meta(tasks))
    report.notes += notes
    _post_process(report, opts)
    return report


def _fixed_config(opts: RunOptions) -> Config | None:
    if opts.isolated:
        return Config()
    if opts.config is not None:
        return load_config(opts.config)
    return None


def _reach_languagetool(tasks: list[_Task | FileResult]) -> list[str]:
    """Reach LanguageTool once, before any file is checked. If it cannot be reached, say so
    in one line and check without it (or stop, with --require-languagetool)."""
    notes: list[str] = []
    failed: set[object] = set()
    for i, t in enumerate(tasks):
        if not isinstance(t, _Task):
            continue
        lt = t.options.languagetool
        if lt is None or not lt.enabled:
            continue
        if lt not in failed:
            try:
                checker_for(lt).connect()
                continue
            except LanguageToolUnavailable as exc:
                if lt.require:
                    raise DataError("languagetool", None, f"{exc} (--require-languagetool)") from None
                failed.add(lt)
                notes.append(str(exc))
        tasks[i] = replace(t, options=replace(t.options, languagetool=None))
    return notes


def _options(opts: RunOptions, config: Config) -> Options:
    """Command line over configuration: --select replaces, the extend/ignore lists add."""
    lt = settings_from(dict(config.languagetool), opts.languagetool, opts.languagetool_url,
                       opts.require_languagetool)  # fmt: skip
    select = opts.select if opts.select is not None else config.select
    return Options(
        select=tuple(select) if select is not None else None,
        ignore=(*config.ignore, *opts.ignore),
        extend_select=(*config.extend_select, *opts.extend_select),
        date=opts.date or config.date,
        knowledge=(*config.knowledge, *(Path(k) for k in opts.knowledge)),
        rule_packs=(*config.rules, *(Path(r) for r in opts.rules)),
        house_style=dict(config.house_style),
        config=config if config.path is not None else None,
        languagetool=lt if lt.enabled else None,
    )


# -- checking, in this process or in workers -------------------------------------------------

_LINTERS: dict[Options, Linter] = {}


def _linter(options: Options) -> Linter:
    """One linter per distinct set of options, per process."""
    linter = _LINTERS.get(options)
    if linter is None:
        linter = _LINTERS[options] = build_linter(options)
    return linter


def _check(task: _Task, data: bytes | None = None) -> FileResult:
    linter = _linter(task.options)
    name = task.name
    if data is None:
        try:
            data = Path(task.path).read_bytes()
        except OSError as exc:
            return FileResult(name, error=f"cannot read: {exc.strerror or exc}")
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return FileResult(name, error=str(exc))

    last = _LastCheck()

    def lint(text: str) -> list[Finding]:
        return _lint(linter, text, name, task.ignored, last)

    if not task.fix:
        findings = lint(decoded.text)
        return FileResult(name, findings, last.words, None, last.warnings, decoded.text)
    outcome = fix_text(decoded.text, lint, task.unsafe)
    result = FileResult(name, outcome.remaining, last.words, None, last.warnings, outcome.text)
    result.fixed = outcome.applied
    result.original = decoded.text
    if not outcome.converged:
        result.warnings.append(f"{name}: fixes did not settle after several passes; check the result")
    if task.write and outcome.text != decoded.text and task.path != "-":
        try:
            write_atomic(Path(task.path), outcome.text, decoded, data)
        except (WriteError, OSError) as exc:
            return FileResult(name, error=f"not fixed: {exc}")
    return result


def lint_file_text(text: str, path: str) -> list[Finding]:
    """The findings of one file's text under the configuration that applies to it (per-file
    ignores and inline suppressions included), as `lintkit check` would report them."""
    config = find_config(Path(path))
    linter = _linter(_options(RunOptions(paths=()), config))
    return _lint(linter, text, path, config.ignored_codes(Path(path)), _LastCheck())


@dataclass
class _LastCheck:
    """What the latest check of a file saw besides findings (the fixer checks several times;
    the last check is of the text that stays)."""

    words: int = 0
    warnings: list[str] = field(default_factory=list)


def _lint(linter: Linter, text: str, name: str, ignored: tuple[str, ...], last: _LastCheck) -> list[Finding]:
    findings, last.words, last.warnings = check_text(linter, text, name, ignored)
    return findings


def _execute(tasks: list[_Task | FileResult], opts: RunOptions) -> Iterator[FileResult]:
    work = [t for t in tasks if isinstance(t, _Task) and t.path != "-"]
    jobs = opts.jobs or os.cpu_count() or 1
    done: dict[int, FileResult] = {}
    if jobs > 1 and len(work) >= 8:
        for options in {t.options for t in work}:  # build in the parent; workers inherit them
            _linter(options).warm()
        ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        with ctx.Pool(min(jobs, len(work))) as pool:
            for i, result in enumerate(pool.imap(_check, work, chunksize=4)):
                done[id(work[i])] = result
                if opts.progress:
                    opts.progress(i + 1, len(work))
    else:
        for i, t in enumerate(work):
            done[id(t)] = _check(t)
            if opts.progress:
                opts.progress(i + 1, len(work))
    for item in tasks:
        if isinstance(item, FileResult):
            yield item
            continue
        t = item
        if t.path == "-":
            yield _check(t, sys.stdin.buffer.read())
        else:
            yield done[id(t)]


def _rules_meta(tasks: Sequence[_Task | FileResult]) -> list[RuleMeta]:
    seen: dict[str, RuleMeta] = {}
    for t in tasks:
        if isinstance(t, _Task):
            for rule in _linter(t.options).rules:
                seen.setdefault(rule.meta.code, rule.meta)
    if not seen:
        for rule in build_linter(Options()).rules:
            seen[rule.meta.code] = rule.meta
    return sorted(seen.values(), key=lambda m: m.code)


# -- after checking ----------------------------------------------------------------------------


def _post_process(report: RunReport, opts: RunOptions) -> None:
    checked = [r for r in report.results if not r.error]
    for r in checked:
        report.notes.extend(r.warnings)
        report.fixed += r.fixed
        if opts.diff and r.original is not None and r.original != r.source:
            report.diffs.append(_unified(r.path, r.original, r.source))
    if opts.changed_since:
        try:
            changed = changed_lines(opts.changed_since)
        except GitError as exc:
            raise DataError("--changed-since", None, str(exc)) from None
        for r in checked:
            lines = changed.get(Path(r.path).resolve(), set())
            if lines is not None:
                r.findings = [f for f in r.findings if any(n in lines for n in range(f.line, f.end_line + 1))]
    if opts.baseline is not None:
        baseline = Baseline(opts.baseline)
        for r in checked:
            baseline.filter(r)


def _unified(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


__all__ = ["RunOptions", "RunReport", "replace", "run"]
