"""A whole `lintkit check` run: find the articles, resolve each one's configuration and
filters, check (or fix) each file through `lintkit.check` on all cores, then keep only
lines changed since a revision (`--changed-since`) and make diffs. The CLI calls `run` and
renders what it returns."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from .api import Options, linter_for, one_run, options_for, options_for_config
from .check import Filters, Fixing, check_source, check_text, read_article, read_stream, size_limit
from .config import Config, find_config, forget, load_config, project_root
from .discovery import articles
from .findings import FileResult, Finding
from .knowledge import collector_paused
from .languagetool import LTSettings
from .meta import RuleMeta
from .paths import real
from .source import split_lines
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
    configured_baseline: bool = True  # False when recording a baseline: see every finding
    changed_since: str | None = None
    jobs: int = 0  # 0: one per CPU this process may use, or one for small inputs
    force_exclude: bool = False
    progress: Callable[[int, int], None] | None = None
    languagetool: bool | None = None  # None: as configured
    languagetool_url: str | None = None
    require_languagetool: bool = False
    max_size: float | None = None  # megabytes; None: as configured, else the default


@dataclass
class RunReport:
    results: list[FileResult]
    fail_on: str
    rules: list[RuleMeta]
    diffs: list[str] = field(default_factory=list)
    fixed: int = 0
    notes: list[str] = field(default_factory=list)
    sent_to: list[str] = field(default_factory=list)  # addresses article text was sent to


class _Task(NamedTuple):
    path: str  # what to read ("-": standard input)
    name: str  # what to call it in findings and to choose a reader by (--stdin-filename)
    options: Options
    filters: Filters
    fixing: Fixing | None
    limit: int  # the most bytes read from this article


def run(opts: RunOptions) -> RunReport:
    with one_run():
        return _run(opts)


def _run(opts: RunOptions) -> RunReport:
    forget()
    fixed_config = _fixed_config(opts)
    base_config = fixed_config or find_config(Path.cwd())
    fixing = Fixing(opts.unsafe_fixes, write=opts.fix and not opts.diff) if opts.fix or opts.diff else None
    tasks: list[_Task | FileResult] = []
    configs: list[Config] = []
    options_of: dict[int, Options] = {}  # by configuration (kept alive in `configs`): its files share them
    for path, error in articles(opts.paths, fixed_config, opts.force_exclude):
        if error:
            tasks.append(FileResult(path, error=error))
            continue
        name = (opts.stdin_filename or "-") if path == "-" else path
        config = fixed_config or find_config(Path(path) if path != "-" else Path.cwd())
        configs.append(config)
        options = options_of.get(id(config))
        if options is None:
            options = options_of[id(config)] = _options(opts, config)
        limit = size_limit(opts.max_size if opts.max_size is not None else config.max_size)
        filters = options.filters(name, opts.baseline, opts.configured_baseline)
        tasks.append(_Task(path, name, options, filters, fixing, limit))
    notes = _ignored_network_settings(configs)
    reached = _reach_languagetool(tasks, notes)
    results = list(_execute(tasks, opts))
    report = RunReport(results, opts.fail_on or base_config.fail_on or "warning", _rules_meta(tasks))
    report.notes += notes
    report.sent_to = [url for url in dict.fromkeys(lt.url for lt in reached) if url]
    _post_process(report, opts)
    return report


def _fixed_config(opts: RunOptions) -> Config | None:
    if opts.isolated:
        return Config()
    if opts.config is not None:
        return replace(load_config(opts.config), explicit=True)
    return None


def _ignored_network_settings(configs: list[Config]) -> list[str]:
    """One line per configuration file that asked to send article text but may not."""
    return [
        f"{c.path}: [languagetool] ignored: this configuration is outside the project "
        f"({project_root()}); give it with --config, or use --languagetool-url, to send text"
        for c in dict.fromkeys(configs)
        if c.languagetool and not c.may_send_text()
    ]


def _reach_languagetool(tasks: list[_Task | FileResult], notes: list[str]) -> list[LTSettings]:
    """Reach LanguageTool once per configuration, before any file is checked, and return the
    settings reached. If it cannot be reached, say so in one line (in `notes`) and check
    without it (the checker then fails at once for every file), or stop, with
    --require-languagetool."""
    reached: list[LTSettings] = []
    tried: set[LTSettings] = set()
    for t in tasks:
        lt = t.options.languagetool if isinstance(t, _Task) else None
        if lt is None or lt in tried:
            continue
        tried.add(lt)
        from .languagetool.checker import HOW_TO_START, LanguageToolUnavailable, checker_for

        try:
            checker_for(lt).connect()
        except LanguageToolUnavailable as exc:
            if lt.require:
                problem = f"{exc}, and --require-languagetool was given; {HOW_TO_START}"
                raise DataError("languagetool", None, problem) from None
            notes.append(f"{exc}; checking without it ({HOW_TO_START})")
        else:
            reached.append(lt)
    return reached


def _options(opts: RunOptions, config: Config) -> Options:
    """Command line over configuration."""
    return options_for_config(
        config, select=opts.select, ignore=opts.ignore, extend_select=opts.extend_select, date=opts.date,
        knowledge=opts.knowledge, rule_packs=opts.rules, languagetool=opts.languagetool,
        languagetool_url=opts.languagetool_url, require_languagetool=opts.require_languagetool,
    )  # fmt: skip


# -- checking, in this process or in workers -------------------------------------------------


def _check(task: _Task) -> FileResult:
    if task.path == "-":
        read = read_stream(sys.stdin.buffer, task.name, task.limit)
    else:
        read = read_article(task.path, task.limit)
    if isinstance(read, FileResult):
        read.path = task.name
        return read
    data = read
    target = Path(task.path) if task.path != "-" and task.fixing is not None else None  # written back
    return check_source(linter_for(task.options), data, task.name, task.filters, task.fixing, target=target)


def _died(task: _Task, why: str) -> FileResult:
    """The result of a file whose checking process died twice (see lintkit.forked)."""
    return FileResult(task.name, error=f"not checked: {why}")


def lint_file_text(text: str, path: str) -> list[Finding]:
    """The findings of one file's text under the configuration that applies to it (per-file
    ignores and inline suppressions included), as `lintkit check` would report them."""
    options = options_for(path)
    return check_text(linter_for(options), text, path, options.filters(path)).findings


PARALLEL_MIN_BYTES = 1_000_000  # below this much text, starting workers costs more than it saves


def available_cpus() -> int:
    """The CPUs this process may run on (`taskset`, cgroups' cpusets), not the machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _large(work: list[_Task]) -> bool:
    """Whether a run is large enough (8 files and about 1 MB or more) to pay for starting
    workers and for reading its word tables whole."""
    if len(work) < 8:
        return False
    total = 0
    for t in work:
        try:
            total += os.stat(t.path).st_size
        except OSError:
            continue
        if total >= PARALLEL_MIN_BYTES:
            return True
    return False


def _parallel_jobs(work: list[_Task], large: bool | None = None) -> int:
    """How many processes `--jobs` left at its default uses: one for small inputs, else one
    per CPU this process may use."""
    cpus = available_cpus()
    if cpus < 2:
        return 1
    return cpus if (_large(work) if large is None else large) else 1


def _chunk(files: int, jobs: int) -> int:
    """Files handed to a worker at a time: enough that the parent is not kept busy passing
    them out (up to 16: measured on the corpus, 4 at a time cost the parent a fifth of a
    CPU), few enough that the last chunks still balance the workers."""
    return max(1, min(16, files // (jobs * 16)))


# Containers allocated before the collector looks at the young generation, in a large run
# (Python's default is 700). A document's containers die with it, freed by their reference
# counts, so each collection walks only what survives (results, rules' caches of the words
# met), and walks it again as it is promoted: on the corpus 150 collections took 16 ms; at
# 20,000, 4 took 10 ms (measured with gc.callbacks).
_YOUNG_OBJECTS = 20_000


def _execute(tasks: list[_Task | FileResult], opts: RunOptions) -> Iterator[FileResult]:
    work = [t for t in tasks if isinstance(t, _Task) and t.path != "-"]
    large = _large(work)
    jobs = opts.jobs or _parallel_jobs(work, large)
    if (jobs > 1 and len(work) >= 2) or large:
        # A large run reads its tables whole at once (in the parent, for workers to inherit)
        # instead of first looking words up one by one. What exists then (rules, tables,
        # patterns) lives as long as the run: frozen out of the garbage collector's sight
        # for the run, a full collection does not walk it, and forked workers do not copy
        # the pages it would touch. The collector is paused until then: each collection of
        # the young generation walked the large table being built (7 ms of a 75 ms warm-up).
        with collector_paused():
            for options in {id(t.options): t.options for t in work}.values():
                linter_for(options).warm()
            gc.freeze()
    thresholds = gc.get_threshold()
    if large:  # see _YOUNG_OBJECTS
        gc.set_threshold(max(thresholds[0], _YOUNG_OBJECTS), *thresholds[1:])
    try:
        done = {id(t): result for t, result in zip(work, _check_all(work, jobs, opts.progress), strict=True)}
    finally:
        gc.unfreeze()  # a process that runs again (a server) collects them as before
        gc.set_threshold(*thresholds)
    for item in tasks:
        if isinstance(item, FileResult):
            yield item
            continue
        t = item
        if t.path == "-":
            yield _check(t)
        else:
            yield done[id(t)]


def _check_all(work: list[_Task], jobs: int, progress: Callable[[int, int], None] | None) -> list[FileResult]:
    """Each task's result, in order: in this process, or in `jobs` processes (forked, see
    lintkit.forked; a pool of spawned workers where nothing forks, on Windows)."""
    told = (lambda n: progress(n, len(work))) if progress else None
    if jobs > 1 and len(work) >= 2:
        from . import forked  # (its imports are not paid by a run of one process)

        if forked.available():
            return forked.check_all(work, jobs, _check, _died, told)
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(min(jobs, len(work))) as pool:
            return _counted(pool.imap(_check, work, chunksize=_chunk(len(work), jobs)), told)
    return _counted(map(_check, work), told)


def _counted(results: Iterable[FileResult], told: Callable[[int], None] | None) -> list[FileResult]:
    """The results as they come, telling `told` how many have."""
    out: list[FileResult] = []
    for result in results:
        out.append(result)
        if told:
            told(len(out))
    return out


def _rules_meta(tasks: Sequence[_Task | FileResult]) -> list[RuleMeta]:
    seen: dict[str, RuleMeta] = {}
    distinct = {id(t.options): t.options for t in tasks if isinstance(t, _Task)}  # in first-seen order
    for options in distinct.values():
        for rule in linter_for(options).rules:
            seen.setdefault(rule.meta.code, rule.meta)
    if not seen:
        for rule in linter_for(Options()).rules:
            seen[rule.meta.code] = rule.meta
    return sorted(seen.values(), key=lambda m: m.code)


# -- after checking ----------------------------------------------------------------------------


def _post_process(report: RunReport, opts: RunOptions) -> None:
    checked = [r for r in report.results if not r.error]
    run_notes = list(report.notes)  # said before any file was checked (an unreachable LanguageTool)
    said = set(report.notes)
    for r in checked:
        for w in r.warnings:  # each warning once, and not again when the run already said it at length
            if w not in said and not any(n.startswith(w) for n in run_notes):
                said.add(w)
                report.notes.append(w)
        report.fixed += r.fixed
        if opts.diff and r.original is not None and r.original != r.source:
            report.diffs.append(_unified(r.path, r.original, r.source))
    if opts.changed_since:
        from .gitdiff import GitError, changed_lines

        try:
            changed = changed_lines(opts.changed_since)
        except GitError as exc:
            raise DataError("--changed-since", None, str(exc)) from None
        for r in checked:
            lines = changed.get(real(r.path), set())
            if lines is not None:
                r.findings = [f for f in r.findings if any(n in lines for n in range(f.line, f.end_line + 1))]


def _unified(path: str, old: str, new: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        split_lines(old), split_lines(new), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


__all__ = ["RunOptions", "RunReport", "lint_file_text", "run"]
