"""`lintkit scan`: lint an article archive on a Dask cluster into Parquet tables.

>>> from lintkit.scan import scan
>>> result = scan(["archive.jsonl"], "out/")      # doctest: +SKIP
>>> result.articles.nlargest(20, "score").compute()  # doctest: +SKIP

Importing this package imports dask, distributed and pyarrow (the `scan` extra); nothing
else in lintkit imports it, so `lintkit check` starts without them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .inputs import Columns, Partition
from .runner import ScanOptions, ScanReport, connect, run_scan
from .worker import Settings, partition_done, process_frame


@dataclass
class ScanResult:
    """The tables of a scan as Dask dataframes (read lazily from OUT/), and the run's counts."""

    articles: Any
    findings: Any
    errors: Any
    report: ScanReport
    out: str


def scan(
    source: Sequence[str] | str | Any,
    out: str | None = None,
    *,
    client: Any = None,
    workers: int | None = None,
    scheduler: str | None = None,
    columns: Columns | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    date: str | None = None,
    config: str | None = None,
    partition_bytes: int = 32_000_000,
    files_per_partition: int = 200,
) -> ScanResult:
    """Scan paths (JSON Lines, Parquet, WARC, folders) or a pandas/Dask dataframe with a
    text column into Parquet tables under `out` (a temporary folder if None), and return
    them as Dask dataframes. A dataframe's partitions are linted where they live (on the
    workers, for a Dask dataframe); a rerun of the same frame into the same `out` skips the
    partitions already written."""
    settings = Settings(
        tuple(select) if select is not None else None, tuple(ignore), tuple(extend_select), date, config,
        columns or Columns(),
    )  # fmt: skip
    out = os.path.abspath(out or tempfile.mkdtemp(prefix="lintkit-scan-"))
    if client is None:
        with connect(workers, scheduler) as made:
            return _scan(source, out, settings, made, partition_bytes, files_per_partition)
    return _scan(source, out, settings, client, partition_bytes, files_per_partition)


def _scan(source: Any, out: str, settings: Settings, client: Any, partition_bytes: int,
          files_per_partition: int) -> ScanResult:  # fmt: skip
    import dask.dataframe as dd

    if isinstance(source, str):
        source = [source]
    if isinstance(source, (list, tuple)):
        opts = ScanOptions(list(source), out, settings, partition_bytes=partition_bytes,
                           files_per_partition=files_per_partition)  # fmt: skip
        report = run_scan(opts, client)
    else:
        report = _scan_frame(source, out, settings, client)
    return ScanResult(
        dd.read_parquet(os.path.join(out, "articles")),
        dd.read_parquet(os.path.join(out, "findings")),
        dd.read_parquet(os.path.join(out, "errors")),
        report,
        out,
    )


def _scan_frame(frame: Any, out: str, settings: Settings, client: Any) -> ScanReport:
    """Each partition of the frame linted by a task on the worker that holds it; a pandas
    frame is made a Dask one first (its text then goes from here to the workers once)."""
    import time

    import dask
    import dask.dataframe as dd

    if not isinstance(frame, dd.DataFrame):
        frame = dd.from_pandas(frame, npartitions=max(1, min(64, len(frame) // 500 or 1)))
    started = time.perf_counter()
    token = dask.base.tokenize(frame)
    report = ScanReport(partitions=frame.npartitions)
    os.makedirs(out, exist_ok=True)
    tasks = []
    for i, part in enumerate(frame.to_delayed()):
        p = Partition(
            "frame", f"dataframe {token}", i, i + 1, identity=f"frame:{token}:{i}", name=f"part-{i:05d}"
        )
        done = partition_done(out, p, settings)
        if done is not None:
            report.skipped += 1
            report.add(done["stats"])
            continue
        tasks.append(dask.delayed(process_frame)(part, p, settings, out))
    report.collect(client.compute(tasks))
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["Columns", "ScanOptions", "ScanReport", "ScanResult", "Settings", "run_scan", "scan"]
