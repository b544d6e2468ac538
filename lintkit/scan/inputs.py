"""Article collections cut into partitions, and partitions read back into articles.

The client only plans: it looks at file names, sizes and (for Parquet) row-group metadata,
and gives each task a `Partition` (a file and a byte range, row group, record range or list
of files). Workers read the articles themselves, so no article text passes through the
client however large the archive.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jl", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
TEXT_FORMATS = ("txt", "md", "html")


@dataclass(frozen=True)
class Columns:
    """Which fields of a JSON Lines or Parquet record hold what."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    date: str = "date"
    text_format: str = "txt"  # the reader a record's text goes through: txt, md or html


@dataclass(frozen=True)
class Partition:
    """One task's share of the input: what to read, never the text itself."""

    kind: str  # jsonl, parquet, warc, files
    source: str  # the input file (for `files`: the folder or first file given)
    start: int = 0  # jsonl: first byte; parquet: row group; warc: first record
    stop: int = 0  # jsonl: byte after the range; parquet: row group + 1; warc: record after the range
    files: tuple[str, ...] = ()  # kind `files`: the articles
    identity: str = ""  # what the input looked like when planned (path, size, mtime, bounds)
    name: str = ""  # part-00012: the output file names, keyed by position in the plan


@dataclass
class Record:
    """One article as a worker read it."""

    position: str  # where it is in its source: line:byte, row, record number, file path
    source: str
    name: str  # what the article is called when checked (its suffix chooses the reader)
    id: str
    url: str | None = None
    date: str | None = None
    text: str | None = None  # decoded already (JSON, Parquet), or
    data: bytes | None = None  # bytes to decode (files, WARC payloads)
    encoding: str | None = None  # a charset the source declared (WARC's HTTP header)


@dataclass
class BadRecord:
    """A record that could not be read; it goes to the `errors` table."""

    position: str
    source: str
    reason: str
    id: str | None = None


@dataclass
class Plan:
    partitions: list[Partition] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # inputs that could not be planned


def _stamp(path: str) -> list[object]:
    st = os.stat(path)
    return [os.path.abspath(path), st.st_size, st.st_mtime_ns]


def _identity(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]


def plan(paths: Sequence[str], partition_bytes: int = 32_000_000, files_per_partition: int = 200) -> Plan:
    """Partitions for every input: JSON Lines cut into byte ranges of about
    `partition_bytes`, Parquet by row group, a WARC file whole (its records can only be
    found by reading it), and the articles of folders in lists of `files_per_partition`."""
    out = Plan()
    loose: list[str] = []
    for given in paths:
        p = os.path.abspath(given)  # workers may run elsewhere: say exactly which file
        path = Path(p)
        low = path.name.lower()
        try:
            if path.is_dir():
                loose.extend(_folder(path))
            elif low.endswith(JSONL_SUFFIXES):
                size = os.path.getsize(path)
                stamp = _stamp(p)
                for start in range(0, max(size, 1), partition_bytes):
                    stop = min(size, start + partition_bytes)
                    out.partitions.append(
                        Partition("jsonl", p, start, stop, identity=_identity("jsonl", stamp, start, stop))
                    )
            elif low.endswith(PARQUET_SUFFIXES):
                import pyarrow.parquet as pq

                groups = pq.ParquetFile(p).metadata.num_row_groups
                stamp = _stamp(p)
                for g in range(groups):
                    out.partitions.append(
                        Partition("parquet", p, g, g + 1, identity=_identity("parquet", stamp, g))
                    )
            elif low.endswith(WARC_SUFFIXES):
                out.partitions.append(Partition("warc", p, 0, -1, identity=_identity("warc", _stamp(p))))
            elif path.is_file():
                loose.append(p)
            else:
                out.problems.append(f"{p}: no such file or folder")
        except OSError as exc:
            out.problems.append(f"{p}: cannot read: {exc.strerror or exc}")
        except Exception as exc:  # a damaged Parquet footer: this input's problem only
            out.problems.append(f"{p}: cannot read: {type(exc).__name__}: {exc}"[:300])
    for i in range(0, len(loose), files_per_partition):
        chunk = tuple(loose[i : i + files_per_partition])
        stamps = []
        for f in chunk:
            try:
                stamps.append(_stamp(f))
            except OSError:
                stamps.append([f, None, None])
        out.partitions.append(
            Partition("files", chunk[0], i, i + len(chunk), chunk, identity=_identity("files", stamps))
        )
    out.partitions = [_named(part, i) for i, part in enumerate(out.partitions)]
    return out


def _named(part: Partition, i: int) -> Partition:
    from dataclasses import replace

    return replace(part, name=f"part-{i:05d}")


def _folder(path: Path) -> list[str]:
    """A folder's articles, as `lintkit check` finds them (.txt, .md, .html by default)."""
    from ..config import Config
    from ..discovery import articles

    return [p for p, error in articles([str(path)], Config()) if error is None]


def read(part: Partition, columns: Columns) -> Iterator[Record | BadRecord]:
    """The articles of one partition, read on the worker that lints them."""
    if part.kind == "jsonl":
        yield from _jsonl(part, columns)
    elif part.kind == "parquet":
        yield from _parquet(part, columns)
    elif part.kind == "warc":
        yield from _warc(part)
    else:
        yield from _files(part)


def _str(value: object) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def from_mapping(row: dict[str, object], position: str, source: str, columns: Columns) -> Record | BadRecord:
    ident = _str(row.get(columns.id)) or f"{os.path.basename(source)}:{position}"
    text = row.get(columns.text)
    if not isinstance(text, str):
        what = "missing" if text is None else f"not a string ({type(text).__name__})"
        return BadRecord(position, source, f"text column {columns.text!r} {what}", ident)
    return Record(
        position,
        source,
        f"{ident}.{columns.text_format}",
        ident,
        _str(row.get(columns.url)),
        _str(row.get(columns.date)),
        text=text,
    )


def _jsonl(part: Partition, columns: Columns) -> Iterator[Record | BadRecord]:
    """Every line that starts inside [start, stop): a line that straddles `start` belongs
    to the partition before."""
    with open(part.source, "rb") as fh:
        offset = part.start
        if offset > 0:
            fh.seek(offset - 1)
            if fh.read(1) != b"\n":
                offset += len(fh.readline())
        while offset < part.stop:
            line = fh.readline()
            if not line:
                break
            position = f"byte {offset}"
            offset += len(line)
            if not line.strip():
                continue
            try:
                row = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield BadRecord(
                    position, part.source, f"not UTF-8: {exc.reason} at byte {exc.start} of the line"
                )
                continue
            except json.JSONDecodeError as exc:
                yield BadRecord(position, part.source, f"malformed JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(row, dict):
                yield BadRecord(position, part.source, f"not a JSON object ({type(row).__name__})")
                continue
            yield from_mapping(row, position, part.source, columns)


def _parquet(part: Partition, columns: Columns) -> Iterator[Record | BadRecord]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(part.source)
    names = set(pf.schema_arrow.names)
    wanted = [c for c in (columns.text, columns.id, columns.url, columns.date) if c in names]
    first = sum(pf.metadata.row_group(g).num_rows for g in range(part.start))
    table = pf.read_row_group(part.start, columns=list(dict.fromkeys(wanted)))
    for i, row in enumerate(table.to_pylist()):
        yield from_mapping(row, f"row {first + i}", part.source, columns)


def _files(part: Partition) -> Iterator[Record | BadRecord]:
    from ..check import read_article

    for path in part.files:
        data = read_article(path)
        if not isinstance(data, bytes):
            yield BadRecord(path, path, data.error or "cannot read", path)
            continue
        yield Record(path, path, path, path, data=data)


def _warc(part: Partition) -> Iterator[Record | BadRecord]:
    """HTML responses of a WARC file, read as .html; other records are counted as
    skipped (a BadRecord whose reason starts with "skipped")."""
    from warcio.archiveiterator import ArchiveIterator

    with open(part.source, "rb") as fh:
        iterator = ArchiveIterator(fh)
        n = -1
        try:
            for rec in iterator:
                n += 1
                position = f"record {n}"  # (asking warcio for the byte offset here reads the record away)
                if rec.rec_type not in ("response", "resource"):
                    continue  # request, warcinfo, metadata: not documents
                url = rec.rec_headers.get_header("WARC-Target-URI")
                ident = rec.rec_headers.get_header("WARC-Record-ID") or f"{part.source}:{n}"
                ctype = (
                    rec.http_headers.get_header("Content-Type")
                    if rec.http_headers
                    else rec.rec_headers.get_header("Content-Type")
                ) or ""
                mime = ctype.split(";")[0].strip().lower()
                if mime not in ("text/html", "application/xhtml+xml"):
                    yield BadRecord(position, part.source, f"skipped: not HTML ({mime or 'no type'})", ident)
                    continue
                charset = None
                for param in ctype.split(";")[1:]:
                    key, _, value = param.partition("=")
                    if key.strip().lower() == "charset":
                        charset = value.strip().strip('"').lower() or None
                data = rec.content_stream().read()
                date = rec.rec_headers.get_header("WARC-Date")
                yield Record(
                    position, part.source, f"{ident}.html", ident, url, date, data=data, encoding=charset
                )
        except Exception as exc:  # a truncated or damaged archive: what was read stands
            yield BadRecord(f"record {n + 1}", part.source, f"cannot read the WARC file further: {exc}"[:300])
