#!/usr/bin/env python3
"""`lintkit serve` under load, on 127.0.0.1: figures, not a test.

    python3 benchmarks/serve_load.py [FOLDER] [--requests N] [--clients C ...] [--seconds S]

Starts `lintkit serve --port 0 --access-log off` and prints:
- the latency of one 700-word article, checked again and again by one client (median, p99);
- for each number of concurrent clients (default 8 and 32; each client a thread with its own
  keep-alive connection), N requests (default 3,000) of articles from FOLDER (default
  ../shared/corpus/clean-news, else fixtures/): requests per second, p50/p99 latency, errors
  (any answer but 200) and the server's resident memory after a warm-up (every article
  once), after each run and the growth between them.
Every phase is bounded by --seconds (default 120): the benchmark stops sending when it runs out.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "clean-news"


@contextlib.contextmanager
def server(*args: str) -> Iterator[tuple[str, int, int]]:
    """(host, port, pid) of a `lintkit serve` started for the block."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "lintkit", "serve", "--port", "0", "--access-log", "off", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert proc.stderr is not None
    try:
        line = proc.stderr.readline()
        found = re.search(r"http://([\d.]+):(\d+)", line)
        if not found:
            raise SystemExit(f"lintkit serve did not start: {line}{proc.stderr.read()}")
        yield found.group(1), int(found.group(2)), proc.pid
    finally:
        proc.terminate()
        proc.wait(10)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def articles(folder: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return [t for t in texts if t.strip()]


def seven_hundred_words(texts: list[str]) -> str:
    """An article of 700 words or just over: the first long enough one, cut after the
    sentence that reaches 700."""
    source = next((t for t in texts if len(t.split()) >= 700), "\n\n".join(texts))
    out, words = [], 0
    for sentence in re.split(r"(?<=[.!?])(?=\s)", source):
        out.append(sentence)
        words += len(sentence.split())
        if words >= 700:
            break
    return "".join(out).strip()


def body(text: str) -> bytes:
    return urllib.parse.urlencode({"text": text, "language": "en-US"}).encode()


HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}


def one(conn: http.client.HTTPConnection, payload: bytes) -> tuple[int, float]:
    began = time.perf_counter()
    conn.request("POST", "/v2/check", body=payload, headers=HEADERS)
    response = conn.getresponse()
    data = response.read()
    if response.status == 200:
        json.loads(data)
    return response.status, time.perf_counter() - began


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def latency(host: str, port: int, text: str, count: int, seconds: float) -> list[float]:
    conn = http.client.HTTPConnection(host, port, timeout=60)
    payload = body(text)
    times: list[float] = []
    deadline = time.monotonic() + seconds
    for _ in range(count):
        status, t = one(conn, payload)
        if status != 200:
            raise SystemExit(f"status {status} for the 700-word article")
        times.append(t)
        if time.monotonic() > deadline:
            break
    conn.close()
    return times


def load(
    host: str, port: int, texts: list[str], requests: int, clients: int, seconds: float
) -> dict[str, float]:
    payloads = [body(t) for t in texts]
    lock = threading.Lock()
    next_index = 0
    times: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def client() -> None:
        nonlocal next_index
        conn = http.client.HTTPConnection(host, port, timeout=60)
        while time.monotonic() < deadline:
            with lock:
                i = next_index
                next_index += 1
            if i >= requests:
                break
            try:
                status, t = one(conn, payloads[i % len(payloads)])
            except (OSError, http.client.HTTPException) as exc:
                errors.append(type(exc).__name__)
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=60)
                continue
            with lock:
                times.append(t)
                if status != 200:
                    errors.append(str(status))
        conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    return {
        "requests": len(times), "errors": len(errors), "wall": wall, "rps": len(times) / wall,
        "p50": percentile(times, 50) * 1000, "p99": percentile(times, 99) * 1000,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", nargs="?", type=Path, default=CORPUS if CORPUS.is_dir() else ROOT / "fixtures"
    )
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--concurrency", type=int, default=4, help="the server's --concurrency")
    args = parser.parse_args()
    folder: Path = args.folder
    texts = articles(folder) if folder.is_dir() else []
    if not texts:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*.txt"))]
    article = seven_hundred_words(texts)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print("lintkit serve under load (benchmarks/serve_load.py)")
    print(f"  date     {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"  machine  {os.uname().machine}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(f"  articles {len(texts):,} from {folder} (mean {words:.0f} words)")
    print(
        f"  server   lintkit serve --concurrency {args.concurrency} --queue {max(64, max(args.clients) * 2)}"
    )
    with server("--concurrency", str(args.concurrency), "--queue", str(max(64, max(args.clients) * 2))) as (
        host, port, pid,
    ):  # fmt: skip
        print(f"  memory   {rss_mb(pid):.0f} MB resident after start-up")
        times = latency(host, port, article, 200, args.seconds)
        print(f"\nOne client, one {len(article.split())}-word article, {len(times)} requests:")
        print(f"  median {statistics.median(times) * 1000:.1f} ms, p99 {percentile(times, 99) * 1000:.1f} ms")
        # warm-up: every article once, so rules have met every word they remember (their
        # caches are bounded by the tables they come from); growth after it would be a leak
        load(host, port, texts, len(texts), 8, args.seconds)
        warm = rss_mb(pid)
        print(f"\n{args.requests:,} requests per run; resident memory after warm-up {warm:.0f} MB")
        heads = ("clients", "done", "errors", "req/s", "p50 ms", "p99 ms", "RSS MB")
        print("  " + " ".join(f"{h:>{w}}" for h, w in zip(heads, (7, 6, 6, 7, 8, 8, 7), strict=True)))
        for clients in args.clients:
            r = load(host, port, texts, args.requests, clients, args.seconds)
            print(f"  {clients:>7} {r['requests']:>6,.0f} {r['errors']:>6.0f} {r['rps']:>7.1f} "
                  f"{r['p50']:>8.1f} {r['p99']:>8.1f} {rss_mb(pid):>7.0f}")  # fmt: skip
        end = rss_mb(pid)
        print(f"  memory growth after warm-up: {end - warm:+.0f} MB ({warm:.0f} -> {end:.0f})")


if __name__ == "__main__":
    main()
