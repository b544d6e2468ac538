"""`lintkit scan` on a real dask.distributed cluster: two worker processes on 127.0.0.1,
one cluster for the module. The articles are written here (doubled words, sentences broken
mid-phrase, page furniture), never taken from elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
warcio = pytest.importorskip("warcio")

import cloudpickle  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402
from distributed.diagnostics.plugin import WorkerPlugin  # noqa: E402

from lintkit.scan import Columns, ScanOptions, Settings, run_scan, scan  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# The kill-once plugin below is defined here, so the workers get it by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

SENTENCES = [
    "The minister arrived in the capital on Monday for two days of talks.",
    "He said the the agreement would be signed before the end of the year.",
    "Prices rose sharply in the world. the air of uncertainty hung over the markets.",
    "Officials declined to comment on the report, citing the ongoing investigation.",
    "Advertisement",
    "The committee will meet again next week to review the proposals.",
    "Farmers in the region have struggled with drought for three years.",
    "Residents were asked to stay indoors while crews repaired the line.",
]


def article(i: int) -> str:
    """Article `i`: a few paragraphs of the sentences above, a different mix each time."""
    paragraphs = []
    for p in range(3):
        picked = [SENTENCES[(i * 3 + p * 5 + k) % len(SENTENCES)] for k in range(3)]
        paragraphs.append(" ".join(s for s in picked if s != "Advertisement"))
        if "Advertisement" in picked:
            paragraphs.append("Advertisement")
    return "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def _jsonl(path: Path, n: int, start: int = 0) -> dict[str, str]:
    texts = {f"art-{i}": article(i) for i in range(start, start + n)}
    with path.open("w", encoding="utf-8") as fh:
        for ident, text in texts.items():
            fh.write(json.dumps({"id": ident, "url": f"https://example.test/{ident}", "text": text}) + "\n")
    return texts


def _table(out: Path, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(out / name).to_pylist()
    return rows


def _by_id(rows: list[dict[str, Any]]) -> dict[str, list[tuple[str, int, int]]]:
    found: dict[str, list[tuple[str, int, int]]] = {}
    for r in rows:
        found.setdefault(r["id"], []).append((r["rule"], r["start"], r["end"]))
    return {k: sorted(v) for k, v in found.items()}


def _check_json(paths: list[Path]) -> dict[str, list[tuple[str, int, int]]]:
    """What `lintkit check --format json` finds, by file name without its suffix."""
    proc = subprocess.run(
        [sys.executable, "-m", "lintkit", "check", "--format", "json", "--isolated", "-q", *map(str, paths)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    found: dict[str, list[tuple[str, int, int]]] = {}
    for f in json.loads(proc.stdout):
        found.setdefault(Path(f["path"]).stem, []).append((f["rule"], f["offset"], f["end_offset"]))
    return {k: sorted(v) for k, v in found.items()}


def _opts(inputs: list[Path], out: Path, **kw: Any) -> ScanOptions:
    return ScanOptions([str(p) for p in inputs], str(out), **kw)


def test_jsonl_and_folder_give_the_findings_of_lintkit_check(client: Any, tmp_path: Path) -> None:
    texts = _jsonl(tmp_path / "archive.jsonl", 12)
    folder = tmp_path / "folder"
    folder.mkdir()
    for ident, text in texts.items():
        (folder / f"{ident}.txt").write_text(text, encoding="utf-8")
    expected = _check_json([folder])
    assert sum(map(len, expected.values())) >= 12  # the articles do have findings

    out = tmp_path / "out"
    report = run_scan(_opts([tmp_path / "archive.jsonl"], out, partition_bytes=1500), client)
    assert report.partitions > 2 and report.written == report.partitions and not report.failed
    assert report.articles == 12 and report.errors == 0
    assert _by_id(_table(out, "findings")) == expected
    articles = _table(out, "articles")
    assert sorted(a["id"] for a in articles) == sorted(texts)
    assert all(a["url"] == f"https://example.test/{a['id']}" for a in articles)
    assert {a["verdict"] for a in articles} <= {"reads as machine translated", "a few artifacts", "clean"}

    out2 = tmp_path / "out2"
    report = run_scan(_opts([folder], out2, files_per_partition=5), client)
    assert report.partitions == 3 and report.articles == 12
    assert {Path(k).stem: v for k, v in _by_id(_table(out2, "findings")).items()} == expected
    first = next(f for f in _table(out2, "findings") if f["fix"] is not None)
    assert first["fix_start"] is not None and first["fix_end"] >= first["fix_start"]


def test_parquet_input_with_its_own_column_names(client: Any, tmp_path: Path) -> None:
    texts = {f"p{i}": article(i) for i in range(9)}
    table = pa.table({"body": list(texts.values()), "doc": list(texts), "published": ["2024-05-01"] * 9})
    pq.write_table(table, tmp_path / "archive.parquet", row_group_size=4)
    folder = tmp_path / "folder"
    folder.mkdir()
    for ident, text in texts.items():
        (folder / f"{ident}.txt").write_text(text, encoding="utf-8")
    columns = Columns(text="body", id="doc", date="published")
    out = tmp_path / "out"
    report = run_scan(_opts([tmp_path / "archive.parquet"], out, settings=Settings(columns=columns)), client)
    assert report.partitions == 3 and report.articles == 9
    assert _by_id(_table(out, "findings")) == _check_json([folder])
    assert {a["date"] for a in _table(out, "articles")} == {"2024-05-01"}


def _warc(path: Path, pages: dict[str, str]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")  # fmt: skip
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html.encode()),
                                                          http_headers=headers))  # fmt: skip
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        image = BytesIO(b"\x89PNG\r\n\x1a\n")
        writer.write_record(
            writer.create_warc_record(
                "https://example.test/logo.png", "response", payload=image, http_headers=png
            )
        )
        request = BytesIO(b"GET /a HTTP/1.1\r\n\r\n")
        writer.write_record(writer.create_warc_record("https://example.test/a", "request", payload=request))


def test_warc_html_responses_are_read_as_html_and_other_records_skipped(client: Any, tmp_path: Path) -> None:
    pages = {}
    for i in range(3):
        body = "".join(f"<p>{p}</p>" for p in article(i).strip().split("\n\n"))
        pages[f"https://example.test/story-{i}"] = f"<html><body><h1>Story {i}</h1>{body}</body></html>"
    _warc(tmp_path / "crawl.warc.gz", pages)
    folder = tmp_path / "html"
    folder.mkdir()
    for i, page in enumerate(pages.values()):
        (folder / f"story-{i}.html").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    report = run_scan(_opts([tmp_path / "crawl.warc.gz"], out), client)
    assert report.articles == 3 and report.skipped_records == 1 and report.errors == 0
    articles = _table(out, "articles")
    by_url = {a["url"]: a["id"] for a in articles}
    assert sorted(by_url) == sorted(pages)
    found = _by_id(_table(out, "findings"))
    expected = _check_json([folder])
    got = {f"story-{url.rsplit('-', 1)[1]}": found.get(ident, []) for url, ident in by_url.items()}
    assert got == {f"story-{i}": expected.get(f"story-{i}", []) for i in range(3)}
    assert any(found.values())


def test_malformed_and_undecodable_records_go_to_errors(client: Any, tmp_path: Path) -> None:
    archive = tmp_path / "archive.jsonl"
    _jsonl(archive, 3)
    with archive.open("ab") as fh:
        fh.write(b'{"id": "broken", "text": "no end\n')
        fh.write(b'{"id": "latin", "text": "caf\xe9 au lait"}\n')
        fh.write(b'{"id": "notext", "body": "x"}\n')
        fh.write(b"[1, 2]\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "good.txt").write_text(article(4), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"The caf\xe9 was closed.\n")
    out = tmp_path / "out"
    report = run_scan(_opts([archive, folder], out), client)
    assert not report.failed and report.articles == 4 and report.errors == 5
    errors = _table(out, "errors")
    by_id = {e["id"]: e["reason"] for e in errors}
    assert by_id["notext"] == "text column 'text' missing"
    assert by_id[str(folder / "bad.txt")]  # the file's decoding error, with where the bad byte is
    reasons = sorted(e["reason"].split(":")[0] for e in errors if e["id"] is None)
    assert reasons == ["malformed JSON", "not UTF-8", "not a JSON object (list)"]
    assert all(e["source"] and e["position"] for e in errors)


class KillOnce(WorkerPlugin):  # type: ignore[misc]
    """Kills its worker process while it is linting `victim`, the first time only (a
    marker file remembers), as an out-of-memory kill would."""

    def __init__(self, marker: str, victim: str) -> None:
        self.marker, self.victim = marker, victim

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish == "executing" and self.victim in str(key) and not os.path.exists(self.marker):
            import threading

            Path(self.marker).write_text(str(os.getpid()))
            threading.Timer(0.05, os._exit, args=(1,)).start()


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client: Any, tmp_path: Path) -> None:
    archive = tmp_path / "archive.jsonl"
    texts = _jsonl(archive, 40)
    reference = tmp_path / "reference"
    run_scan(_opts([archive], reference, partition_bytes=2000), client)
    marker = tmp_path / "killed"
    client.register_plugin(KillOnce(str(marker), "part-00003"), name="kill-once")
    try:
        out = tmp_path / "out"
        report = run_scan(_opts([archive], out, partition_bytes=2000), client)
    finally:
        client.unregister_worker_plugin("kill-once")
    assert marker.exists()  # a worker did die
    client.wait_for_workers(2, timeout=60)
    assert not report.failed and report.written == report.partitions
    ids = [a["id"] for a in _table(out, "articles")]
    assert sorted(ids) == sorted(texts)  # each article once
    assert sorted(map(str, _by_id(_table(out, "findings")).items())) == sorted(
        map(str, _by_id(_table(reference, "findings")).items())
    )
    run_scan(_opts([archive], out, partition_bytes=2000), client)  # a rerun clears what the dead worker left
    assert not [p for p in out.rglob("*.tmp")]


def test_a_rerun_skips_finished_partitions_and_redoes_changed_input(client: Any, tmp_path: Path) -> None:
    archive = tmp_path / "archive.jsonl"
    _jsonl(archive, 10)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "one.txt").write_text(article(1), encoding="utf-8")
    out = tmp_path / "out"
    first = run_scan(_opts([archive, folder], out, partition_bytes=2000), client)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("part-*")}
    again = run_scan(_opts([archive, folder], out, partition_bytes=2000), client)
    assert again.written == 0 and again.skipped == first.partitions
    assert (again.articles, again.findings) == (first.articles, first.findings)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("part-*")} == mtimes
    (folder / "one.txt").write_text(article(2) + "\nMore text here.\n", encoding="utf-8")
    changed = run_scan(_opts([archive, folder], out, partition_bytes=2000), client)
    assert changed.written == 1 and changed.skipped == first.partitions - 1
    assert len(_table(out, "articles")) == 11
    other = run_scan(_opts([archive], out, partition_bytes=2000, settings=Settings(ignore=("MT",))), client)
    assert other.written == other.partitions  # other settings: nothing skipped
    assert len(_table(out, "articles")) == 10  # the folder's partition is gone with it
    assert not any(f["rule"].startswith("MT") for f in _table(out, "findings"))


def test_the_notebook_api_returns_dask_dataframes(client: Any, tmp_path: Path) -> None:
    import pandas as pd

    archive = tmp_path / "archive.jsonl"
    texts = _jsonl(archive, 6)
    result = scan([str(archive)], str(tmp_path / "out"), client=client)
    assert len(result.articles.compute()) == 6
    assert set(result.findings.compute()["id"]) <= set(texts)
    frame = pd.DataFrame({"id": list(texts), "text": list(texts.values())})
    from_frame = scan(frame, str(tmp_path / "frame"), client=client)
    assert sorted(from_frame.articles.compute()["id"]) == sorted(texts)
    findings = from_frame.findings.compute().to_dict("records")
    assert _by_id(findings) == _by_id(result.findings.compute().to_dict("records"))
    assert scan(frame, str(tmp_path / "frame"), client=client).report.skipped == from_frame.report.partitions


def test_the_command_line_with_an_html_sample(tmp_path: Path) -> None:
    archive = tmp_path / "archive.jsonl"
    _jsonl(archive, 5)
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "lintkit", "scan", str(archive), "-o", str(out), "--workers", "1",
         "--format", "html", "--sample", "2"],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Scanned 5 articles" in proc.stdout and "words/s" in proc.stdout and "Top rules" in proc.stdout
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("art-") >= 2


def test_lintkit_starts_without_the_scan_engines() -> None:
    engines = "('dask', 'distributed', 'pyarrow', 'warcio', 'pandas')"
    code = f"import sys, lintkit.cli, lintkit.api; print([m for m in {engines} if m in sys.modules])"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.strip() == "[]"
