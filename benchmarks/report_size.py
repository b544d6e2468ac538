#!/usr/bin/env python3
"""The HTML report on a large batch: its size, and how long a browser takes to open it.

    python3 benchmarks/report_size.py [--articles N] [--dirty SHARE] [--keep DIR] [--repeat N]

Synthesises N varied articles (default 1,000) from the bundled texts (fixtures/examples,
fixtures/articles, fixtures/holdout): each a headline and a random run of paragraphs, most
made only of paragraphs in which lintkit finds nothing, a share (default 15%) with one to
three paragraphs that have findings. Then runs `lintkit check --format html -o` over the
folder and prints the report's size in bytes and, when chromium, chromedriver and Selenium
are installed, the page's DOMContentLoaded and load times in headless Chromium (best of
--repeat loads, from the Navigation Timing entry) and its number of elements. Figures, not
a test; the articles are the same on every run (a fixed seed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("fixtures/examples", "fixtures/articles", "fixtures/holdout")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def lintkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`lintkit` from this checkout (not whatever is installed), without configuration."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "lintkit", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def sources(folder: Path) -> list[tuple[str, list[str], list[str]]]:
    """Each bundled text as its headline, its lead and other paragraphs in which lintkit
    finds nothing, and its paragraphs with findings."""
    texts = sorted(p for source in SOURCES for p in (ROOT / source).glob("*.txt"))
    out = lintkit("check", "--isolated", "--format", "json", *map(str, texts), cwd=folder)
    if out.returncode not in (0, 1):
        sys.exit(f"lintkit check failed: {out.stderr.strip()}")
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in json.loads(out.stdout):
        spans.setdefault(str(Path(f["path"]).resolve()), []).append((f["offset"], f["end_offset"]))
    result = []
    for path in texts:
        text = path.read_text(encoding="utf-8")
        found = spans.get(str(path.resolve()), [])
        headline, clean, dirty, pos = "", [], [], 0
        for i, para in enumerate(text.split("\n\n")):
            start, end = pos, pos + len(para)
            pos = end + 2
            bad = any(s < end and start < e for s, e in found)
            if i == 0:
                headline = para.strip()
            elif para.strip():
                (dirty if bad else clean).append(para.strip())
        if headline and len(clean) >= 4:
            result.append((headline, clean, dirty))
    return result


def synthesise(folder: Path, n: int, share: float) -> int:
    """Write n articles into folder; returns how many were given paragraphs with findings.

    An article keeps to one source's paragraphs, in their order (so its spellings agree
    with each other, as an edited article's do), with a random selection of them."""
    texts = sources(folder)
    rng = random.Random(20240609)
    with_findings = 0
    for i in range(n):
        headline, clean, dirty = rng.choice(texts)
        keep = sorted(rng.sample(range(1, len(clean)), rng.randint(min(3, len(clean) - 1), len(clean) - 1)))
        body = [clean[0], *(clean[k] for k in keep)]
        if dirty and rng.random() < share:
            with_findings += 1
            for para in rng.sample(dirty, min(len(dirty), rng.randint(1, 3))):
                body.insert(rng.randint(1, len(body)), para)
        text = "\n\n".join([headline, *body]) + "\n"
        (folder / f"article-{i + 1:04d}.txt").write_text(text, encoding="utf-8")
    return with_findings


def load_times(page: Path, repeat: int) -> tuple[float, float, int] | None:
    """Best DOMContentLoaded and load times (ms) of the page in headless Chromium, and its
    number of elements; None without a browser."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        return None
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="lintkit-bench-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1400,1000", f"--user-data-dir={profile}"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        best: tuple[float, float, int] | None = None
        for _ in range(repeat):
            driver.get("about:blank")
            driver.get(page.as_uri())
            timing = driver.execute_script(
                "const t = performance.getEntriesByType('navigation')[0];"
                "return [t.domContentLoadedEventEnd, t.loadEventEnd,"
                " document.getElementsByTagName('*').length];"
            )
            result = (float(timing[0]), float(timing[1]), int(timing[2]))
            if best is None or result[1] < best[1]:
                best = result
        return best
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--dirty", type=float, default=0.15, help="share of articles given findings")
    parser.add_argument("--keep", type=Path, help="write the articles and the report here and keep them")
    parser.add_argument("--repeat", type=int, default=3, help="page loads (the best is reported)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="lintkit-report-size-"))
    articles = work / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    try:
        planned = synthesise(articles, args.articles, args.dirty)
        page = work / "report.html"
        start = time.perf_counter()
        out = lintkit("check", "--isolated", "--format", "html", "-o", str(page), "articles", cwd=work)
        elapsed = time.perf_counter() - start
        if out.returncode not in (0, 1):
            sys.exit(f"lintkit check failed: {out.stderr.strip()}")
        found = json.loads(lintkit("check", "--isolated", "--format", "json", "articles", cwd=work).stdout)
        print(f"articles: {args.articles:,} ({planned:,} given paragraphs with findings; "
              f"{len({f['path'] for f in found}):,} with findings, {len(found):,} findings)")  # fmt: skip
        print(f"report: {page.stat().st_size:,} bytes, written in {elapsed:.1f} s")
        timing = load_times(page, args.repeat)
        if timing is None:
            print("page load: not measured (chromium, chromedriver or Selenium missing)")
        else:
            print(f"page load in headless Chromium (best of {args.repeat}): DOMContentLoaded "
                  f"{timing[0]:,.0f} ms, load {timing[1]:,.0f} ms, {timing[2]:,} elements")  # fmt: skip
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
