"""The client side of `lintkit scan`: plan partitions, skip those already written, send the
rest to a Dask cluster, and add up the small stats each task returns.

The client never reads an article: tasks carry a `Partition` (file and bounds) and return
counts. A task whose worker dies is run again by Dask (up to the scheduler's
`allowed-failures`); since its writes are atomic and named after the partition, the retry
overwrites whatever the dead worker left, so nothing is lost or counted twice.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .inputs import Partition, plan
from .worker import TABLES, Settings, partition_done, process


@dataclass
class ScanOptions:
    inputs: Sequence[str]
    out: str
    settings: Settings = field(default_factory=Settings)
    workers: int | None = None  # local cluster size (processes); None: one per CPU
    scheduler: str | None = None  # an existing cluster's scheduler address
    partition_bytes: int = 32_000_000
    files_per_partition: int = 200
    sample: int = 0  # with --format html: the worst N articles in OUT/report.html
    progress: bool = False


@dataclass
class ScanReport:
    partitions: int = 0
    written: int = 0  # partitions linted in this run
    skipped: int = 0  # partitions already written by an earlier run
    articles: int = 0
    words: int = 0
    findings: int = 0
    errors: int = 0
    skipped_records: int = 0  # WARC records that are not HTML
    words_linted: int = 0  # words in the partitions linted in this run (for words/s)
    seconds: float = 0.0
    verdicts: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)  # partitions that could not be done
    problems: list[str] = field(default_factory=list)  # inputs that could not be planned
    report: str | None = None  # the HTML sample report's path

    def add(self, stats: dict[str, Any]) -> None:
        self.articles += stats["articles"]
        self.words += stats["words"]
        self.findings += stats["findings"]
        self.errors += stats["errors"]
        self.skipped_records += stats["skipped"]
        self.verdicts.update(stats["verdicts"])
        self.rules.update(stats["rules"])

    def collect(self, futures: Any, label: Callable[[Any], str] = lambda future: "") -> None:
        """Count each partition's stats as its future finishes; a failed one is named (by
        `label`) in `failed` and the rest go on."""
        from distributed import as_completed

        for future in as_completed(futures):
            try:
                stats = future.result()
            except Exception as exc:
                self.failed.append(f"{label(future)}{type(exc).__name__}: {exc}"[:300])
                continue
            self.written += 1
            self.words_linted += stats["words"]
            self.add(stats)

    def summary(self) -> str:
        rate = self.words_linted / self.seconds if self.seconds else 0.0
        lines = [
            f"Scanned {self.articles:,} articles, {self.words:,} words in {self.partitions} partitions "
            f"({self.written} linted now, {self.skipped} already written); "
            f"{self.words_linted:,} words in {self.seconds:.1f} s, {rate:,.0f} words/s.",
            f"{self.findings:,} findings; {self.errors:,} records in errors; "
            f"{self.skipped_records:,} records skipped (not HTML).",
        ]
        if self.verdicts:
            lines.append("Verdicts: " + ", ".join(f"{v} {n:,}" for v, n in self.verdicts.most_common()))
        if self.rules:
            lines.append("Top rules: " + ", ".join(f"{r} {n:,}" for r, n in self.rules.most_common(10)))
        for problem in self.problems:
            lines.append(f"lintkit: error: {problem}")
        for failure in self.failed:
            lines.append(f"lintkit: error: partition not written: {failure}")
        if self.report:
            lines.append(f"Sample report: {self.report}")
        return "\n".join(lines)


@contextmanager
def connect(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A client on an existing cluster, or on a local cluster of worker processes (one
    thread each: the rules hold the GIL) that is closed afterwards."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    n = workers or _cpus()
    with (
        LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _cpus() -> int:
    from ..run import available_cpus

    return available_cpus()


def run_scan(opts: ScanOptions, client: Any = None) -> ScanReport:
    """Scan `opts.inputs` into `opts.out` on `client` (or a cluster made for the run)."""
    if client is None:
        with connect(opts.workers, opts.scheduler) as made:
            return run_scan(opts, made)
    started = time.perf_counter()
    planned = plan(opts.inputs, opts.partition_bytes, opts.files_per_partition)
    report = ScanReport(partitions=len(planned.partitions), problems=list(planned.problems))
    out = os.path.abspath(opts.out)
    os.makedirs(out, exist_ok=True)
    _write_manifest(out, opts, planned.partitions)
    _remove_stale(out, {p.name for p in planned.partitions})
    todo: list[Partition] = []
    for part in planned.partitions:
        done = partition_done(out, part, opts.settings)
        if done is None:
            todo.append(part)
        else:
            report.skipped += 1
            report.add(done["stats"])
    _lint(client, todo, opts.settings, out, report, opts.progress)
    report.seconds = time.perf_counter() - started
    if opts.sample:
        report.report = sample_report(client, out, planned.partitions, opts.settings, opts.sample)
    return report


def _lint(client: Any, todo: list[Partition], settings: Settings, out: str, report: ScanReport,
          progress: bool) -> None:  # fmt: skip
    if not todo:
        return
    token = os.urandom(4).hex()
    futures = client.map(process, todo, settings=settings, out=out, pure=False,
                         key=[f"lintkit-scan-{p.name}-{token}" for p in todo])  # fmt: skip
    names = {f.key: p.name for f, p in zip(futures, todo, strict=True)}
    if progress:
        from distributed import progress as show_progress

        show_progress(futures)
    report.collect(futures, lambda future: f"{names[future.key]}: ")


def _write_manifest(out: str, opts: ScanOptions, parts: list[Partition]) -> None:
    """What this OUT/ was made from: the settings and every partition's input identity
    (path, size, mtime, bounds). Each partition's own record (OUT/_done/part-N.json) is
    what a rerun compares against; this file is for people and tools."""
    from .worker import _write_json

    _write_json(os.path.join(out, "manifest.json"), {
        "inputs": [os.path.abspath(p) for p in opts.inputs],
        "settings": json.loads(opts.settings.fingerprint()),
        "partitions": [asdict(p) for p in parts],
    })  # fmt: skip


def _remove_stale(out: str, names: set[str]) -> None:
    """Partitions an earlier run wrote beyond this plan (its input has shrunk) would be read
    back as results of this one, and a killed worker's temporary files are litter: remove
    them."""
    for folder in (*TABLES, "_done"):
        where = os.path.join(out, folder)
        if not os.path.isdir(where):
            continue
        for entry in os.listdir(where):
            stem = entry.lstrip(".").split(".")[0]
            if entry.endswith(".tmp") or (entry.startswith("part-") and stem not in names):
                os.unlink(os.path.join(where, entry))


def sample_report(client: Any, out: str, parts: list[Partition], settings: Settings, n: int) -> str:
    """The worst `n` articles (highest score) in the existing HTML report, OUT/report.html.
    Only these articles' text comes to the client: the report shows it."""
    import pyarrow.dataset as ds

    from ..reporters import reporter
    from ..writer import write_text

    table = ds.dataset(os.path.join(out, "articles"), format="parquet").to_table(
        columns=["id", "score", "words", "position", "source"]
    )
    rows = sorted(table.to_pylist(), key=lambda r: (-r["score"], -r["words"], r["id"]))[:n]
    keys = sorted({(r["source"], r["position"]) for r in rows})
    sources = {source for source, _ in keys}
    touched = [p for p in parts if p.source in sources or sources.intersection(p.files)]
    futures = [client.submit(_pick, p, keys, settings, pure=False) for p in touched]
    order = {(r["source"], r["position"]): i for i, r in enumerate(rows)}
    found: dict[int, Any] = {}
    metas: dict[str, Any] = {}
    for future in futures:
        results, rules = future.result()
        metas.update(rules)
        for key, result in results:
            if key in order:
                found[order[key]] = result
    results = [found[i] for i in sorted(found)]
    path = os.path.join(out, "report.html")
    html = reporter("html")(results, rules=sorted(metas.values(), key=lambda m: m.code))
    write_text(Path(path), html)
    return path


def _pick(
    part: Partition, keys: list[tuple[str, str]], settings: Settings
) -> tuple[list[Any], dict[str, Any]]:
    """The results of the articles at `keys` (source, position) in one partition (run on a
    worker)."""
    from .inputs import Record, read
    from .worker import check_record, linter

    wanted = set(keys)
    out = []
    for rec in read(part, settings.columns):
        if isinstance(rec, Record) and (rec.source, rec.position) in wanted:
            out.append(((rec.source, rec.position), check_record(rec, settings)))
    _, built, _, _ = linter(settings)
    return out, {r.meta.code: r.meta for r in built.rules}


def print_summary(report: ScanReport) -> None:
    print(report.summary(), file=sys.stdout)
