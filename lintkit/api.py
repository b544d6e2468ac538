"""lintkit's Python API: lint a text, a file or folders, as `lintkit check` would.

>>> from lintkit import lint_text
>>> [f.rule for f in lint_text("They met in the world. the air was cold.")]
['MT001']

Every function here goes through `lintkit.check` (one file: reader, rules, filters), the
same path as the command line. Without `options`, `lint_path` and `lint_paths` use the
configuration file nearest to each article, as `lintkit check` does; `options_for(path)`
gives those options for `lint_text`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .check import Filters, check_source, check_text, read_article
from .config import Config, check_codes, check_house_style, find_config
from .findings import FileResult, Finding
from .knowledge import KnowledgeBase
from .languagetool import LTSettings, settings_from
from .linter import Linter
from .paths import knowledge_dir, packs_dir
from .registry import load_rules
from .rule import Context
from .selection import enabled, select


@dataclass(frozen=True)
class Options:
    """Everything that shapes how articles are checked, as resolved from the command line
    and configuration. Hashable, so a run builds one linter per distinct set of options."""

    select: Sequence[str] | None = None
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    date: dt.date | None = None
    knowledge: Sequence[str | Path] = ()
    rule_packs: Sequence[str | Path] = ()
    house_style: Mapping[str, str] = field(default_factory=dict)
    regex_timeout: float = 2.0
    config: Config | None = None  # the configuration file these came from (per-file ignores)
    languagetool: LTSettings | None = None  # None: no grammar checking

    def __hash__(self) -> int:
        selection = (None if self.select is None else tuple(self.select), tuple(self.ignore),
                     tuple(self.extend_select))  # fmt: skip
        files = (tuple(map(str, self.knowledge)), tuple(map(str, self.rule_packs)))
        return hash((selection, files, self.date, tuple(sorted(self.house_style.items())),
                     self.regex_timeout, self.config, self.languagetool))  # fmt: skip

    def filters(self, path: str, baseline: Path | None = None, configured_baseline: bool = True) -> Filters:
        """The filters for one file: its configuration's per-file ignores and severities, and
        a baseline (`baseline`, else the configuration's unless `configured_baseline` is off)."""
        ignored = self.config.ignored_codes(Path(path)) if self.config is not None and path != "-" else ()
        if baseline is None and configured_baseline and self.config is not None and self.config.baseline:
            baseline = self.config.baseline if self.config.baseline.exists() else None
        return Filters(ignored, baseline, self.config.severity if self.config is not None else ())


def options_for_config(
    config: Config,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    date: dt.date | None = None,
    knowledge: Sequence[str | Path] = (),
    rule_packs: Sequence[str | Path] = (),
    languagetool: bool | None = None,
    languagetool_url: str | None = None,
    require_languagetool: bool = False,
) -> Options:
    """A configuration, overlaid by command-line values: `select` replaces the
    configuration's, the other lists add to it."""
    chosen = select if select is not None else config.select
    return Options(
        select=tuple(chosen) if chosen is not None else None,
        ignore=(*config.ignore, *ignore),
        extend_select=(*config.extend_select, *extend_select),
        date=date or config.date,
        knowledge=(*config.knowledge, *(Path(k) for k in knowledge)),
        rule_packs=(*config.rules, *(Path(r) for r in rule_packs)),
        house_style=dict(config.house_style),
        config=config if config.path is not None else None,
        languagetool=settings_from(
            dict(config.languagetool) if config.may_send_text() else {},
            enabled=languagetool,
            url=languagetool_url,
            require=require_languagetool,
        ),
    )


def options_for(path: str | Path) -> Options:
    """The options `lintkit check` uses for the article at `path` (nearest configuration)."""
    return options_for_config(find_config(Path(path)))


def build_linter(options: Options | None = None) -> Linter:
    """Load, select and prepare the rules once; reuse the linter for many documents."""
    options = options or Options()
    available = load_rules(options.rule_packs)
    if options.config is not None:
        check_codes(options.config, {r.meta.code for r in available}, {r.meta.name for r in available})
        groups = {g.name: tuple(v.name for v in g.variants)
                  for r in available for g in getattr(r, "groups", ())}  # fmt: skip
        check_house_style(options.config, groups)
    rules = select(available, options.select, options.ignore, options.extend_select)
    kb = KnowledgeBase(options.knowledge)
    lt = options.languagetool
    grammar = None
    if lt is not None:
        from .languagetool.checker import checker_for

        grammar = checker_for(lt)
    context = Context(
        knowledge=kb,
        date=options.date,
        house_style=dict(options.house_style),
        regex_timeout=options.regex_timeout,
        grammar=grammar,
        allows=partial(
            enabled, select=options.select, ignore=options.ignore, extend_select=options.extend_select
        ),
    )
    return Linter(rules, context)


_LINTERS: dict[Options, tuple[tuple[tuple[str, int, int, str], ...], Linter]] = {}


def _stamp(options: Options) -> tuple[tuple[str, int, int, str], ...]:
    """What the rules were built from, as (file, mtime, size, hash): a linter is rebuilt
    when a pack or knowledge file changes. The content hash is taken only of a file changed
    in the last few seconds, whose time stamp may not have moved with a second change."""
    from .cache import RACY_NS, content_hash

    files: list[Path] = [*packs_dir().glob("*.yaml"), *map(Path, options.rule_packs)]
    for root, _, names in os.walk(knowledge_dir()):
        files.extend(Path(root, n) for n in names)
    files.extend(map(Path, options.knowledge))
    now = time.time_ns()
    out = []
    for f in files:
        try:
            st = os.stat(f)
            recent = now - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS
            out.append((str(f), st.st_mtime_ns, st.st_size, content_hash(f) if recent else ""))
        except OSError:
            continue
    return tuple(sorted(out))


_PINNED: dict[Options, Linter] | None = None


@contextlib.contextmanager
def one_run() -> Iterator[None]:
    """Within one run, each linter is checked against its packs and knowledge files once:
    a run checks every article with the rules it started with (and does not stat some 80
    files again for each of a thousand articles). A long-lived process (a server) calls
    `linter_for` outside a run and so notices an edited pack."""
    global _PINNED
    outer = _PINNED
    if outer is None:
        _PINNED = {}
    try:
        yield
    finally:
        _PINNED = outer


def linter_for(options: Options) -> Linter:
    """One linter per distinct set of options in a process, rebuilt when its packs or
    knowledge files change."""
    pinned = _PINNED
    if pinned is not None:
        linter = pinned.get(options)
        if linter is None:
            linter = pinned[options] = _current_linter(options)
        return linter
    return _current_linter(options)


def _current_linter(options: Options) -> Linter:
    stamp = _stamp(options)
    cached = _LINTERS.get(options)
    if cached is None or cached[0] != stamp:
        cached = _LINTERS[options] = (stamp, build_linter(options))
    return cached[1]


def lint_text(
    text: str, path: str = "<text>", *, linter: Linter | None = None, options: Options | None = None
) -> list[Finding]:
    """Findings for one article given as text; `path` chooses the reader (.md, .html) and,
    with options from a configuration, the per-file ignores."""
    options = options or Options()
    linter = linter or linter_for(options)
    return check_text(linter, text, path, options.filters(path)).findings


def lint_path(
    path: str | Path, *, linter: Linter | None = None, options: Options | None = None
) -> FileResult:
    """Read, decode and check one file; errors are returned, not raised."""
    name = str(path)
    options = options or options_for(name)
    data = read_article(name)
    if isinstance(data, FileResult):
        return data
    return check_source(linter or linter_for(options), data, name, options.filters(name))


def lint_paths(
    paths: Iterable[str], *, linter: Linter | None = None, options: Options | None = None
) -> list[FileResult]:
    """Check every article under `paths`, in a stable order, as `lintkit check` would
    (without `options`: with the configuration that applies to each article)."""
    if linter is None and options is None:
        from .run import RunOptions, run

        return run(RunOptions(paths=tuple(paths), jobs=1)).results
    from .discovery import articles

    options = options or Options()
    fixed = options.config or Config()
    results = []
    for path, error in articles(paths, fixed):
        if error:
            results.append(FileResult(path, error=error))
        else:
            results.append(lint_path(path, linter=linter, options=options))
    return results
