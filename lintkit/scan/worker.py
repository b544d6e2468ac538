"""What runs on a Dask worker: read one partition, lint each article with the one function
`lintkit check` uses (`check.check_source` / `check_text`), and write the partition's rows
of the `articles`, `findings` and `errors` tables.

Every write goes to a temporary name and is renamed into place, and a partition's done
marker is written last: a worker that dies mid-partition leaves no partial table, and the
retried task (or a rerun) overwrites whatever name it had reached.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..findings import FileResult, Finding
from ..linter import Linter
from .inputs import BadRecord, Columns, Partition, Record, from_mapping, read

TABLES = ("articles", "findings", "errors")


@dataclass(frozen=True)
class Settings:
    """What shapes the check, sent to every task (small and hashable: the worker's linter
    cache is keyed by it)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    date: str | None = None  # YYYY-MM-DD, for every article
    config: str | None = None  # a configuration file, or None: no configuration
    columns: Columns = field(default_factory=Columns)

    def fingerprint(self) -> str:
        from .. import __version__

        return json.dumps([__version__, asdict(self)], sort_keys=True, default=str)


_LINTERS: dict[Settings, tuple[Any, Linter, tuple[str, ...], tuple[str, ...]]] = {}


def linter(settings: Settings) -> tuple[Any, Linter, tuple[str, ...], tuple[str, ...]]:
    """The options, linter, rule families and artifact classes for `settings`, built once
    per worker process: a worker lints many partitions, and building the rules costs far
    more than an article."""
    cached = _LINTERS.get(settings)
    if cached is None:
        import datetime as dt

        from ..api import build_linter, options_for_config
        from ..config import Config, load_config

        config = load_config(Path(settings.config)) if settings.config else Config()
        options = options_for_config(
            config,
            select=settings.select,
            ignore=settings.ignore,
            extend_select=settings.extend_select,
            date=dt.date.fromisoformat(settings.date) if settings.date else None,
            languagetool=False,
        )
        built = build_linter(options)
        families = tuple(sorted({_family(r.meta.code) for r in built.rules}))
        classes = tuple(sorted({r.meta.artifact_class for r in built.rules if r.meta.artifact_class}))
        cached = _LINTERS[settings] = (options, built, families, classes)
    return cached


def _family(code: str) -> str:
    m = re.match(r"[A-Za-z]*", code)
    return m.group(0) if m else code


def column_name(prefix: str, value: str) -> str:
    return prefix + re.sub(r"[^0-9a-z]+", "_", value.lower()).strip("_")


def check_record(rec: Record, settings: Settings) -> FileResult:
    """One article through `check_source` (bytes) or `check_text` (decoded), as `lintkit
    check` would check a file of that name."""
    from ..check import ReaderError, check_source, check_text

    options, built, _, _ = linter(settings)
    filters = options.filters(rec.name, configured_baseline=False)
    if rec.data is not None:
        if rec.encoding and rec.encoding.replace("_", "-") not in ("utf-8", "utf8"):
            try:
                text = rec.data.decode(rec.encoding)
            except (LookupError, UnicodeDecodeError) as exc:
                return FileResult(rec.name, error=f"cannot decode as {rec.encoding}: {exc}"[:300])
            return _checked(built, text, rec.name, filters, check_text, ReaderError)
        return check_source(built, rec.data, rec.name, filters)
    return _checked(built, rec.text or "", rec.name, filters, check_text, ReaderError)


def _checked(
    built: Linter, text: str, name: str, filters: Any, check_text: Any, reader_error: Any
) -> FileResult:
    try:
        c = check_text(built, text, name, filters)
    except reader_error as exc:
        return FileResult(name, error=str(exc))
    return FileResult(name, c.findings, c.words, None, c.warnings, text, errors=c.errors, headline=c.headline)


def _first_fix(f: Finding, source: str) -> tuple[int | None, int | None, str | None]:
    """The first fix as one replacement: the span from its first edit's start to its last
    edit's end, and the text that replaces that span."""
    if not f.fixes:
        return None, None, None
    edits = f.fixes[0].edits
    start, end = edits[0].start, edits[-1].end
    parts, pos = [], start
    for e in edits:
        parts.append(source[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    return start, end, "".join(parts)


def partition_done(out: str, part: Partition, settings: Settings) -> dict[str, Any] | None:
    """The stats of a partition already written for this same input and settings."""
    try:
        with open(os.path.join(out, "_done", part.name + ".json"), encoding="utf-8") as fh:
            done: dict[str, Any] = json.load(fh)
    except (OSError, ValueError):
        return None
    if done.get("identity") != part.identity or done.get("settings") != settings.fingerprint():
        return None
    return done


def process(part: Partition, settings: Settings, out: str) -> dict[str, Any]:
    """Lint one partition and write its tables; return its stats (small: counts only)."""
    _remove_temporaries(out, part.name)
    return _lint_records(read(part, settings.columns), part, settings, out)


def process_frame(frame: Any, part: Partition, settings: Settings, out: str) -> dict[str, Any]:
    """Lint one partition of a (pandas) dataframe handed to `lintkit.scan.scan`."""
    columns = settings.columns
    records: list[Record | BadRecord] = []
    for i, row in enumerate(frame.to_dict("records")):
        record = from_mapping(
            {k: _plain(v) for k, v in row.items()}, f"row {part.start + i}", part.source, columns
        )
        records.append(record)
    return _lint_records(records, part, settings, out)


def _plain(value: Any) -> Any:
    """pandas' missing values (NaN, NaT, NA) as None."""
    try:
        import pandas as pd

        return None if not isinstance(value, (list, dict)) and pd.isna(value) else value
    except (ImportError, TypeError, ValueError):
        return value


def _lint_records(
    source: Iterable[Record | BadRecord], part: Partition, settings: Settings, out: str
) -> dict[str, Any]:
    started = time.perf_counter()
    _, _, families, classes = linter(settings)
    articles: dict[str, list[Any]] = {k: [] for k in ARTICLE_COLUMNS}
    for name in families:
        articles[column_name("family_", name)] = []
    for name in classes:
        articles[column_name("class_", name)] = []
    findings: dict[str, list[Any]] = {k: [] for k in FINDING_COLUMNS}
    errors: dict[str, list[Any]] = {k: [] for k in ERROR_COLUMNS}
    verdicts: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    skipped = words = 0
    for rec in source:
        if isinstance(rec, BadRecord):
            if rec.reason.startswith("skipped"):
                skipped += 1
                continue
            _error(errors, rec.id, rec.position, rec.source, rec.reason)
            continue
        try:
            result = check_record(rec, settings)
        except Exception as exc:  # a rule's bug on one article is that article's error only
            _error(
                errors, rec.id, rec.position, rec.source, f"internal error: {type(exc).__name__}: {exc}"[:300]
            )
            continue
        if result.error:
            _error(errors, rec.id, rec.position, rec.source, result.error)
            continue
        for problem in result.errors:  # a rule failed; the others' findings stand
            _error(errors, rec.id, rec.position, rec.source, f"rule failed: {problem}"[:300])
        _article_row(articles, rec, result, families, classes, verdicts)
        words += result.words
        for f in result.findings:
            rules[f.rule] += 1
            fix_start, fix_end, fix = _first_fix(f, result.source)
            for key, value in (
                ("id", rec.id),
                ("rule", f.rule),
                ("name", f.name),
                ("category", str(f.category)),
                ("severity", str(f.severity)),
                ("start", f.start),
                ("end", f.end),
                ("line", f.line),
                ("column", f.column),
                ("end_line", f.end_line),
                ("end_column", f.end_column),
                ("text", f.text),
                ("message", f.message),
                ("artifact_class", f.artifact_class),
                ("fix_start", fix_start),
                ("fix_end", fix_end),
                ("fix", fix),
            ):
                findings[key].append(value)
    schemas = {
        "articles": pa.schema(
            [
                *ARTICLE_SCHEMA,
                *((column_name("family_", n), pa.int32()) for n in families),
                *((column_name("class_", n), pa.int32()) for n in classes),
            ]
        ),
        "findings": pa.schema(FINDING_SCHEMA),
        "errors": pa.schema(ERROR_SCHEMA),
    }
    for table, rows in (("articles", articles), ("findings", findings), ("errors", errors)):
        _write_table(out, table, part.name, pa.table(rows, schema=schemas[table]))
    stats = {
        "partition": part.name,
        "articles": len(articles["id"]),
        "words": words,
        "findings": len(findings["id"]),
        "errors": len(errors["position"]),
        "skipped": skipped,
        "verdicts": dict(verdicts),
        "rules": dict(rules),
        "seconds": round(time.perf_counter() - started, 3),
    }
    _write_json(
        os.path.join(out, "_done", part.name + ".json"),
        {
            "identity": part.identity,
            "settings": settings.fingerprint(),
            "source": part.source,
            "kind": part.kind,
            "start": part.start,
            "stop": part.stop,
            "stats": stats,
        },
    )
    return stats


def _article_row(
    articles: dict[str, list[Any]],
    rec: Record,
    result: FileResult,
    families: tuple[str, ...],
    classes: tuple[str, ...],
    verdicts: Counter[str],
) -> None:
    from ..verdict import assess

    stats = assess(result.findings, result.words)
    verdicts[stats.verdict] += 1
    fam = Counter(f.family for f in result.findings)
    cls = Counter(f.artifact_class for f in result.findings if f.artifact_class)
    for key, value in (
        ("id", rec.id),
        ("url", rec.url),
        ("date", rec.date),
        ("source", rec.source),
        ("position", rec.position),
        ("headline", result.headline),
        ("words", result.words),
        ("findings", len(result.findings)),
        ("artifacts", stats.artifacts),
        ("density", stats.density),
        ("score", stats.score),
        ("verdict", stats.verdict),
    ):
        articles[key].append(value)
    for name in families:
        articles[column_name("family_", name)].append(fam.get(name, 0))
    for name in classes:
        articles[column_name("class_", name)].append(cls.get(name, 0))


def _error(errors: dict[str, list[Any]], ident: str | None, position: str, source: str, reason: str) -> None:
    errors["id"].append(ident)
    errors["position"].append(position)
    errors["source"].append(source)
    errors["reason"].append(reason)


def _remove_temporaries(out: str, name: str) -> None:
    """What a worker that died while writing this partition left behind (its temporary
    files carry its process id, so the retry's own names differ)."""
    for folder in (*TABLES, "_done"):
        where = os.path.join(out, folder)
        if os.path.isdir(where):
            for entry in os.listdir(where):
                if entry.endswith(".tmp") and entry.lstrip(".").startswith(name + "."):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(where, entry))


def _write_table(out: str, table: str, name: str, data: Any) -> None:
    folder = os.path.join(out, table)
    os.makedirs(folder, exist_ok=True)
    final = os.path.join(folder, name + ".parquet")
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    pq.write_table(data, tmp)
    os.replace(tmp, final)


def _write_json(path: str, data: Any) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.replace(tmp, path)


_S, _I, _F = pa.string(), pa.int64(), pa.float64()
ARTICLE_SCHEMA = [
    ("id", _S),
    ("url", _S),
    ("date", _S),
    ("source", _S),
    ("position", _S),
    ("headline", _S),
    ("words", _I),
    ("findings", _I),
    ("artifacts", _I),
    ("density", _F),
    ("score", _F),
    ("verdict", _S),
]
FINDING_SCHEMA = [
    ("id", _S),
    ("rule", _S),
    ("name", _S),
    ("category", _S),
    ("severity", _S),
    ("start", _I),
    ("end", _I),
    ("line", _I),
    ("column", _I),
    ("end_line", _I),
    ("end_column", _I),
    ("text", _S),
    ("message", _S),
    ("artifact_class", _S),
    ("fix_start", _I),
    ("fix_end", _I),
    ("fix", _S),
]
ERROR_SCHEMA = [("id", _S), ("position", _S), ("source", _S), ("reason", _S)]
ARTICLE_COLUMNS = [n for n, _ in ARTICLE_SCHEMA]
FINDING_COLUMNS = [n for n, _ in FINDING_SCHEMA]
ERROR_COLUMNS = [n for n, _ in ERROR_SCHEMA]
