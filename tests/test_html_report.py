"""The HTML report (`--format html`), checked as a copy editor uses it: in a real headless
browser (Debian's chromium driven by Selenium through /usr/bin/chromedriver).

`scripts/setup-browser.sh` installs chromium, chromedriver and Selenium. The browser tests
skip only when chromium itself is missing; a missing chromedriver or Selenium is a failure.
The screenshot goes to test-artifacts/html-report.png, and also to docs/html-report.png
when LINTKIT_UPDATE_SCREENSHOT=1.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from lintkit.api import FileResult, build_linter, lint_paths
from lintkit.findings import Applicability, Category, Edit, Finding, Fix, Severity
from lintkit.fingerprint import fingerprints
from lintkit.reporters import reporter
from lintkit.source import LineIndex

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WINDOW = (1400, 1000)
GENEVA = "fixtures/examples/geneva-talks.txt"
ARTICLES = ("fixtures/articles/a01-eu-budget.txt", "fixtures/articles/b01-ecb-rates.txt")
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"""Hostile copy for the report test

The talks resumed on Monday in Geneva. {SCRIPT}. the delegates said little.

A reader wrote {IMG}. the editors kept it as text .

Share this article
"""
# Two pairs of findings whose fixes each make sense alone and together double or garble the
# text: removing the period and retitling "Foreign Minister" would read "Deputy Deputy";
# removing both periods would read "increase Overall sales".
CONFLICTS = (
    "Envoys Meet Near the Lake\n\n"
    "GENEVA, Jan. 10, 2022 — The Russian side was headed by Deputy. Foreign Minister Sergei A. Ryabkov,"
    " a veteran negotiator, who met the American delegation on Monday.\n\n"
    "Sales rose after a 10% increase. Overall. sales were strong in the quarter, the company said.\n"
)
CLEAN = (
    "Harbour Pilots Return to Work After Pay Deal\n\n"
    "ROTTERDAM, March 3, 2023 — Harbour pilots in Rotterdam returned to work on Friday after their union"
    " accepted a two-year pay agreement, ending a stoppage that had left dozens of container ships waiting"
    " at anchor in the North Sea.\n\n"
    "The agreement raises wages by 4 percent this year and by a further 3 percent next year, the union said"
    " in a statement.\n"
)
CLEAN_MD = (
    "# Island Ferry Service Resumes After Storm\n\n"
    "The ferry between the mainland and the island resumed on Tuesday morning, two days after a storm tore"
    " part of the landing stage away.\n"
)
# Crossing, nested, identical and empty spans, a span across a CRLF line break, and fixes
# whose edits reach outside their finding: what the highlighter must get right.
OVERLAPS = (
    "Alpha beta gamma delta.\r\nEpsilon zeta eta theta.\n\n"
    "Iota kappa lambda <b>mu</b> nu\u2028xi\u2029omicron.\n"
)


@dataclass
class Report:
    """The page under test, and what it was made from."""

    html: str
    url: str
    results: list[FileResult]
    hostile: str
    overlaps: str
    conflicts: str
    clean: str
    clean_md: str
    folder: Path

    @property
    def data(self) -> dict[str, Any]:
        return _data(self.html)

    def key(self, path: str) -> str:
        return f"a{next(i for i, r in enumerate(self.results) if r.path == path)}"

    def result(self, path: str) -> FileResult:
        return next(r for r in self.results if r.path == path)

    def ids(self, path: str) -> dict[str, Finding]:
        """Element id -> finding, in the page's numbering (reading order)."""
        index = next(i for i, r in enumerate(self.results) if r.path == path)
        ordered = sorted(self.result(path).findings, key=lambda f: (f.start, -f.end, f.rule))
        return {f"a{index}-{n}": f for n, f in enumerate(ordered, start=1)}


def _finding(path: str, source: str, rule: str, start: int, end: int, fixes: tuple[Fix, ...] = ()) -> Finding:
    index = LineIndex(source)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    category = Category.MT if rule.startswith("MT") else Category.STYLE
    message = f"test finding {rule}: <i>{rule}</i></script><!--"
    return Finding(
        path, rule, "test-" + rule.lower(), category, Severity.WARNING, message,
        start, end, line, column, end_line, end_column, source[start:end], "test-class", fixes,
    )  # fmt: skip


def _overlap_result(path: str) -> FileResult:
    s = OVERLAPS
    at = s.index
    replace_beta = Fix(Applicability.SAFE, "capitalise", (Edit(at("beta"), at("beta") + 4, "Beta"),))
    join_lines = Fix(Applicability.UNSAFE, "join the lines", (Edit(at(".\r\n"), at(".\r\n") + 3, " "),))
    findings = [
        _finding(path, s, "MT901", at("beta"), at("gamma") + 5, (replace_beta,)),  # crosses MT902
        _finding(path, s, "MT902", at("gamma"), at("delta") + 5),
        _finding(path, s, "MT903", at("Alpha"), at("delta.") + 6),  # contains both
        _finding(path, s, "ST904", at("beta"), at("gamma") + 5),  # same span as MT901
        _finding(path, s, "MT905", at("delta"), at("zeta") + 4, (join_lines,)),  # across CRLF
        _finding(path, s, "ST906", at("Iota"), at("Iota")),  # empty
        _finding(path, s, "ST907", at("<b>"), at("</b>") + 4),  # markup-looking text
        _finding(path, s, "ST908", at("nu"), at("omicron")),  # JavaScript's line terminators
    ]
    return FileResult(path, findings, words=len(s.split()), source=s)


def _data(html: str) -> dict[str, Any]:
    block = re.search(r'<script type="application/json" id="lintkit-data">(.*?)</script>', html, re.S)
    assert block is not None
    data: dict[str, Any] = json.loads(block.group(1))
    return data


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("html-report")
    written = {}
    for name, text in [('hostile "<b>x".txt', HOSTILE), ("conflicts.txt", CONFLICTS), ("clean.txt", CLEAN),
                       ("ferry.md", CLEAN_MD)]:  # fmt: skip
        written[name] = folder / name
        written[name].write_text(text, encoding="utf-8")
    missing = folder / "missing.txt"
    linter = build_linter()
    here = os.getcwd()
    os.chdir(ROOT)  # the repository's articles under the short paths an editor would type
    try:
        paths = [GENEVA, *ARTICLES, *map(str, written.values()), str(missing)]
        results = lint_paths(paths, linter=linter)
        overlaps = str(folder / "overlaps.txt")
        results.append(_overlap_result(overlaps))
        html = reporter("html")(results, rules=[r.meta for r in linter.rules])  # made in ROOT
    finally:
        os.chdir(here)
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    return Report(
        html, page.as_uri(), results, str(written['hostile "<b>x".txt']), overlaps,
        str(written["conflicts.txt"]), str(written["clean.txt"]), str(written["ferry.md"]), folder,
    )  # fmt: skip


# --- without a browser --------------------------------------------------------------------


class _TextOf(HTMLParser):
    """Collects the text of every article container, leaving out inserted fix text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, list[str]] = {}
        self.current: str | None = None
        self.depth = 0
        self.in_ins = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        article = dict(attrs).get("data-article")
        if self.current is None and tag == "div" and article:
            self.current = article
            self.texts[article] = []
            self.depth = 0
        elif self.current is not None:
            self.depth += 1
            self.in_ins += tag == "ins"

    def handle_endtag(self, tag: str) -> None:
        if self.current is None:
            return
        if self.depth == 0:
            self.current = None
            return
        self.depth -= 1
        self.in_ins -= tag == "ins"

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self.in_ins:
            self.texts[self.current].append(data)


def test_article_text_is_exactly_the_source(report: Report) -> None:
    """Articles with findings as marked-up text (in their templates), clean ones as data."""
    parser = _TextOf()
    parser.feed(report.html)
    texts = {key: "".join(parts) for key, parts in parser.texts.items()}
    clean = report.data["texts"]
    for index, r in enumerate(report.results):
        if not r.error:
            assert (texts if r.findings else clean)[f"a{index}"] == r.source, r.path
    assert set(clean) == {report.key(report.clean), report.key(report.clean_md)}


def test_page_is_self_contained(report: Report) -> None:
    assert not re.search(r"https?://", report.html)
    assert not re.search(r"@import|\burl\(|<link[^>]+stylesheet|<iframe|<object|<embed", report.html)
    targets = re.findall(r'\s(?:src|href)="([^"]*)"', report.html)
    assert targets and all(t in ("#", "#clean") or t.startswith(("#a", "data:")) for t in targets), targets
    assert "Content-Security-Policy" in report.html and "default-src 'none'" in report.html


def test_hostile_text_is_escaped(report: Report) -> None:
    assert SCRIPT not in report.html and IMG not in report.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report.html
    assert "&gt;&lt;img src=x " in report.html  # in the text
    assert "onerror=alert(1)\\u003e. the editors" in report.html  # in a message, in the data block
    assert len(re.findall(r"<script", report.html)) == 2  # the data block and the page's own script
    assert len(re.findall(r"<img", report.html)) == 0
    assert "<b>x" not in report.html and "&lt;b&gt;x" in report.html


def test_embedded_data_carries_fingerprints(report: Report) -> None:
    block = re.search(r'<script type="application/json" id="lintkit-data">(.*?)</script>', report.html, re.S)
    assert block is not None
    assert not re.search(r"[<>&\u2028\u2029]", block.group(1))
    data = json.loads(block.group(1))
    paths = {item["article"]: item["path"] for item in data["findings"]}
    assert paths[report.key(GENEVA)] == GENEVA  # relative to the root, where it was made
    assert paths[report.key(report.conflicts)] == report.conflicts  # outside it: absolute
    for r in report.results:
        if r.error:
            continue
        expected = dict(zip(map(id, r.findings), fingerprints(r.findings, r.source), strict=True))
        ids = report.ids(r.path)
        for item in (d for d in data["findings"] if d["path"] == r.path):
            f = ids[item["id"]]
            assert item["fingerprint"] == expected[id(f)]
            assert (item["rule"], item["offset"], item["end_offset"], item["text"]) == (
                f.rule,
                f.start,
                f.end,
                f.text,
            )


def test_empty_batch_renders() -> None:
    html = reporter("html")([])
    assert "No articles were checked." in html and "<script>" in html


def test_the_report_records_its_root_and_an_id(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    data = report.data
    assert data["root"] == str(ROOT)
    assert f'<code id="root">{ROOT}</code>' in report.html
    assert re.fullmatch(r"[0-9a-f]{24}", data["report"])
    # the same findings of the same files give the same id (the same stored decisions), others not
    monkeypatch.chdir(ROOT)
    assert _data(reporter("html")(report.results))["report"] == data["report"]
    assert _data(reporter("html")(report.results[1:]))["report"] != data["report"]


def test_quiet_keeps_the_summary_in_the_html_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-q quiets the terminal; the page's summary is the report itself."""
    from click.testing import CliRunner

    from lintkit.cli import main

    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(CONFLICTS, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "-q", "--isolated", "--format", "html", "-o", "r.html", "a.txt"])
    assert r.exit_code == 1, r.stderr
    page = Path("r.html").read_text(encoding="utf-8")
    assert "Batch summary" in page and "Envoys Meet Near the Lake" in page
    assert _data(page)["root"] == str(tmp_path.resolve())


def test_a_large_batch_collapses_its_articles(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    from lintkit.reporters import html as module

    assert report.html.count('<details class="article"') == len([r for r in report.results if r.findings])
    assert '<details class="article" id="a0" data-key="a0" open>' in report.html  # a small batch: open
    monkeypatch.setattr(module, "OPEN_UP_TO", 2)
    collapsed = reporter("html")(report.results)
    assert " open>" not in collapsed and collapsed.count("<template ") == report.html.count("<template ")


def test_previewed_fixes_never_overlap(report: Report) -> None:
    """What "show fixes" writes into each article is what the fixer can apply in one go."""
    from lintkit.fixer import apply

    data = report.data
    for r in report.results:
        if not r.findings:
            continue
        ids = report.ids(r.path)
        previewed = [ids[f["id"]].fixes[0] for f in data["findings"] if f["id"] in ids and f["previewed"]]
        apply(r.source, previewed)  # raises on overlapping edits
        edits = sorted((e.start, e.end) for fix in previewed for e in fix.edits)
        assert all(a[1] < b[0] for a, b in itertools.pairwise(edits)), r.path  # not even touching


# --- in the browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip(
            "chromium is not installed: run scripts/setup-browser.sh to test the HTML report in a browser"
        )
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("chromium is installed but Selenium is not: run scripts/setup-browser.sh")
    if not Path(CHROMEDRIVER).exists():
        pytest.fail("chromium is installed but chromedriver is not: run scripts/setup-browser.sh")
    profile = tempfile.mkdtemp(prefix="lintkit-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        _size_viewport(driver)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _size_viewport(driver: Any) -> None:
    """Make the page area, not the window with its emulated frame, WINDOW in size."""
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    outer = driver.get_window_size()
    driver.set_window_size(outer["width"] + WINDOW[0] - inner[0], outer["height"] + WINDOW[1] - inner[1])
    assert driver.execute_script("return [window.innerWidth, window.innerHeight]") == list(WINDOW)


def _load(browser: Any, url: str) -> None:
    """A fresh load of a page: away from the last one first (a page left with unexported
    decisions may ask about leaving; chromedriver answers for us), with no stored decisions."""
    browser.get("about:blank")
    browser.execute_cdp_cmd(
        "Storage.clearDataForOrigin", {"origin": "file://", "storageTypes": "local_storage"}
    )
    browser.get_log("browser")
    browser.get_log("performance")  # what the browser did before this page, such as its start page
    browser.get(url)
    _wait(lambda: browser.execute_script("return typeof window.lintkitDecisions === 'function'"))


@pytest.fixture()
def page(browser: Any, report: Report) -> Iterator[Any]:
    """A fresh load of the report; after the test, the console must hold no errors."""
    _load(browser, report.url)
    yield browser
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert not errors, errors


@pytest.fixture()
def large(browser: Any, report: Report, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The same batch as a large one would be shown: every article collapsed."""
    from lintkit.reporters import html as module

    monkeypatch.setattr(module, "OPEN_UP_TO", 1)
    monkeypatch.chdir(ROOT)
    page = report.folder / "large.html"
    page.write_text(reporter("html")(report.results), encoding="utf-8")
    _load(browser, page.as_uri())
    yield browser
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert not errors, errors


def _wait(condition: Callable[[], Any], timeout: float = 5.0) -> Any:
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > end:
            assert value, "timed out waiting"
            return value
        time.sleep(0.05)


def _css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, selector))


def _one(driver: Any, selector: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def _fid(report: Report, path: str, rule: str, text: str | None = None) -> str:
    return next(k for k, f in report.ids(path).items() if f.rule == rule and (text is None or f.text == text))


_HIGHLIGHT_TEXT = """
const frags = document.querySelectorAll('mark[data-f="' + arguments[0] + '"]');
return Array.from(frags, (m) => {
  const c = m.cloneNode(true);
  c.querySelectorAll('.fx-ins').forEach((x) => x.remove());
  return c.textContent;
}).join('');
"""


def test_loads_offline_without_errors(page: Any, report: Report) -> None:
    assert page.title.startswith("lintkit report")
    urls = []
    for entry in page.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        assert message["method"] != "Network.loadingFailed", message
    assert urls and urls[0] == report.url
    assert all(u.split(":", 1)[0] in ("file", "data", "blob") for u in urls), urls
    assert page.execute_script("return document.querySelectorAll('link[rel=stylesheet], [src]').length") == 0


def test_summary_triages_worst_first_and_lists_unreadable_files(page: Any, report: Report) -> None:
    rows = _css(page, "table.triage tbody tr:not(.clean-row)")
    assert len(rows) == len([r for r in report.results if r.findings])
    assert _one(page, "table.triage tr.clean-row").text == "2 articles without findings"
    assert "reads as machine translated" in rows[0].text
    densities = [float(r.find_element("css selector", ".density").text) for r in rows]
    verdicts = [r.get_attribute("class") for r in rows]
    order = {"v-mt": 0, "v-few": 1, "v-clean": 2}
    assert [order[v] for v in verdicts] == sorted(order[v] for v in verdicts)
    mt_rows = [d for d, v in zip(densities, verdicts, strict=True) if v == "v-mt"]
    assert mt_rows == sorted(mt_rows, reverse=True)
    errors = _one(page, "section.errors").text
    assert "missing.txt" in errors and "no such file or folder" in errors
    cats = _one(page, "table.cats").text
    assert "machine-translation artifact" in cats and "facts and names" in cats


def test_every_highlight_is_where_its_finding_is(page: Any, report: Report) -> None:
    for r in report.results:
        if r.error:
            continue
        for fid, f in report.ids(r.path).items():
            assert page.execute_script(_HIGHLIGHT_TEXT, fid) == f.text, (r.path, f.rule, f.text)
            first = _one(page, f"#f-{fid}")
            assert first.get_attribute("data-cat") == str(f.category)
            assert first.get_attribute("tabindex") == "0"
    # The crossing findings of the synthetic article are split, never duplicated or dropped.
    crossing = _fid(report, report.overlaps, "MT902")
    assert len(_css(page, f'mark[data-f="{crossing}"]')) == 2
    # A finding that is one element shows exactly its text to the reader.
    fid = _fid(report, GENEVA, "MT003")
    assert _one(page, f"#f-{fid}").text == "Deputy. Foreign Minister"


def test_category_and_severity_filters(page: Any, report: Report) -> None:
    items = _css(page, "li.item")
    facts = [i for i in items if i.get_attribute("data-cat") == "facts"]
    others = [i for i in items if i.get_attribute("data-cat") != "facts"]
    assert facts and others and all(i.is_displayed() for i in facts + others)
    chip = _one(page, 'label.chip:has(input[value="facts"])')
    chip.click()
    assert not any(i.is_displayed() for i in facts)
    assert all(i.is_displayed() for i in others)
    marks = _css(page, "mark.hl")
    for m in marks:
        assert ("muted" in m.get_attribute("class").split()) == (m.get_attribute("data-cat") == "facts")
    assert _one(page, 'mark.hl[data-cat="facts"]').get_attribute("tabindex") in ("-1", None)
    chip.click()
    assert all(i.is_displayed() for i in facts + others)
    assert not _css(page, "mark.hl.muted")

    errors = [i for i in items if i.get_attribute("data-sev") == "error"]
    _one(page, 'label.chip:has(input[value="error"])').click()
    assert errors and not any(i.is_displayed() for i in errors)
    assert all(i.is_displayed() for i in items if i.get_attribute("data-sev") != "error")


def test_side_list_item_jumps_to_its_highlight(page: Any, report: Report) -> None:
    path = GENEVA
    fid = _fid(report, path, "FN001", "Defense Secretary")
    button = _one(page, f"#i-{fid} button.jump")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    assert page.execute_script("return document.activeElement.id") == f"f-{fid}"
    rect = page.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return [r.top, r.bottom, window.innerHeight, document.getElementById('bar').offsetHeight];",
        f"f-{fid}",
    )
    top, bottom, height, bar = rect
    assert bar <= top and bottom <= height
    pop = _one(page, "#pop")
    assert pop.is_displayed()
    assert 'never held the title "Defense Secretary"' in pop.text
    assert "Secretary of State" in pop.text


def test_hover_and_keyboard_show_details(page: Any, report: Report) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    fid = _fid(report, GENEVA, "MT005")
    mark = _one(page, f"#f-{fid}")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    ActionChains(page).move_to_element(mark).perform()
    pop = _one(page, "#pop")
    _wait(pop.is_displayed)
    assert "have have" in pop.text
    ActionChains(page).move_by_offset(0, 300).perform()
    _wait(lambda: not pop.is_displayed())
    page.execute_script("arguments[0].focus()", mark)
    _wait(pop.is_displayed)
    mark.send_keys(Keys.ENTER)
    active = page.switch_to.active_element
    assert active.get_attribute("data-decision") == "accept" and active.get_attribute("data-f") == fid
    active.send_keys(Keys.ESCAPE)
    assert not pop.is_displayed()
    assert page.execute_script("return document.activeElement.id") == f"f-{fid}"


def test_show_fixes_renders_tracked_changes(page: Any, report: Report) -> None:
    fid = _fid(report, GENEVA, "FN001", "Defense Secretary")
    ins = _one(page, f'ins.fx-ins[data-for="{fid}"]')
    deleted = _one(page, f'del.fx-del[data-for~="{fid}"]')
    assert not ins.is_displayed()
    assert "line-through" not in deleted.value_of_css_property("text-decoration")
    _one(page, "label.switch").click()
    assert ins.is_displayed() and ins.text == "Secretary of State"
    assert "line-through" in deleted.value_of_css_property("text-decoration")
    assert deleted.text == "Defense Secretary"
    # a deletion-only fix strikes its text and inserts nothing
    residue = _fid(report, GENEVA, "RS001", "Advertisement")
    assert not _css(page, f'ins.fx-ins[data-for="{residue}"]')
    assert "line-through" in _one(page, f'del.fx-del[data-for~="{residue}"]').value_of_css_property(
        "text-decoration"
    )
    _one(page, "label.switch").click()
    assert not ins.is_displayed()


def test_decisions_export(page: Any, report: Report, downloads: Path) -> None:
    geneva = GENEVA
    accept = _fid(report, geneva, "FN010")
    dismiss = _fid(report, geneva, "PU010")
    keyed = _fid(report, geneva, "ST001")
    undone = _fid(report, geneva, "MT001")
    _one(page, f"#i-{accept} button.dec.accept").click()
    _one(page, f"#i-{dismiss} button.dec.dismiss").click()
    _one(page, f"#i-{undone} button.dec.accept").click()
    _one(page, f"#i-{undone} button.dec.accept").click()  # a second press takes it back
    page.execute_script("arguments[0].focus()", _one(page, f"#f-{keyed}"))
    page.switch_to.active_element.send_keys("a")
    assert _one(page, f"#i-{accept} button.dec.accept").get_attribute("aria-pressed") == "true"
    assert "is-dismissed" in _one(page, f"#f-{dismiss}").get_attribute("class")

    ids = report.ids(geneva)
    result = report.result(geneva)
    prints = dict(zip(map(id, result.findings), fingerprints(result.findings, result.source), strict=True))
    expected = [
        {
            "path": geneva,
            "rule": ids[fid].rule,
            "offset": ids[fid].start,
            "end_offset": ids[fid].end,
            "text": ids[fid].text,
            "fingerprint": prints[id(ids[fid])],
            "decision": decision,
            "fix": 0,
        }
        for fid, decision in sorted(
            [(accept, "accept"), (dismiss, "dismiss"), (keyed, "accept")], key=lambda p: ids[p[0]].start
        )
    ]
    exported = page.execute_script("return window.lintkitDecisions()")
    data = report.data
    assert exported == {
        "version": 1, "tool": "lintkit", "report": data["report"], "root": str(ROOT), "decisions": expected,
    }  # fmt: skip

    link = _one(page, "#export")
    assert link.get_attribute("download") == "lintkit-decisions.json"
    assert link.get_attribute("href").startswith("blob:")
    for old in downloads.glob("*"):
        old.unlink()
    link.click()
    saved = downloads / "lintkit-decisions.json"
    _wait(lambda: saved.exists() and saved.stat().st_size > 0, timeout=10)
    assert json.loads(saved.read_text(encoding="utf-8")) == exported


def _status(page: Any) -> str:
    return str(page.execute_script("return document.getElementById('decision-status').textContent"))


def _pressed(page: Any, fid: str) -> list[str]:
    return [b.get_attribute("data-decision") for b in _css(page, f'#i-{fid} button.dec[aria-pressed="true"]')]


def test_decisions_survive_a_reload(page: Any, report: Report, downloads: Path) -> None:
    accept = _fid(report, GENEVA, "FN010")
    dismiss = _fid(report, GENEVA, "PU010")
    for fid, kind in ((accept, "accept"), (dismiss, "dismiss")):
        button = _one(page, f"#i-{fid} button.dec.{kind}")
        page.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
    before = page.execute_script("return window.lintkitDecisions()")
    assert len(before["decisions"]) == 2 and "not exported" in _status(page)

    page.refresh()  # the same browser: what a reload or a reopened tab finds in local storage
    _wait(lambda: page.execute_script("return typeof window.lintkitDecisions === 'function'"))
    assert page.execute_script("return window.lintkitDecisions()") == before
    assert _pressed(page, accept) == ["accept"] and _pressed(page, dismiss) == ["dismiss"]
    assert "is-dismissed" in _one(page, f"#f-{dismiss}").get_attribute("class")
    assert _status(page) == "1 accepted, 1 dismissed \u00b7 not exported"

    for old in downloads.glob("*"):
        old.unlink()
    _one(page, "#export").click()
    _wait(lambda: (downloads / "lintkit-decisions.json").exists())
    assert _status(page) == "1 accepted, 1 dismissed"
    page.refresh()  # exported is remembered too
    _wait(lambda: page.execute_script("return typeof window.lintkitDecisions === 'function'"))
    assert _status(page) == "1 accepted, 1 dismissed" and _pressed(page, accept) == ["accept"]


_BEFOREUNLOAD = """
const e = new Event('beforeunload', {cancelable: true});
window.dispatchEvent(e);
return [e.defaultPrevented, e.returnValue];
"""


def test_leaving_with_unexported_decisions_warns(page: Any, report: Report) -> None:
    assert page.execute_script(_BEFOREUNLOAD) == [False, True]  # nothing to lose
    fid = _fid(report, GENEVA, "FN010")
    button = _one(page, f"#i-{fid} button.dec.accept")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    assert page.execute_script(_BEFOREUNLOAD) == [True, False]  # the browser asks before leaving
    _one(page, "#export").click()
    assert page.execute_script(_BEFOREUNLOAD) == [False, True]
    button.click()  # taken back after the export: the export no longer says what the page does
    assert page.execute_script(_BEFOREUNLOAD) == [True, False]


def test_clean_articles_are_listed_and_open_on_demand(page: Any, report: Report) -> None:
    key = report.key(report.clean)
    assert not _css(page, f'div.text[data-article="{key}"]')  # not built until opened
    entry = _one(page, f"#clean details#{key}")
    assert entry.text.startswith("Harbour Pilots Return to Work After Pay Deal\n" + report.clean)
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", entry)
    _one(page, f"details#{key} > summary").click()
    text = _one(page, f'div.text[data-article="{key}"]')
    assert page.execute_script("return arguments[0].textContent", text) == CLEAN
    assert text.is_displayed() and not _css(page, f"details#{key} mark")
    md = _one(page, f"details#{report.key(report.clean_md)} > summary").text
    assert md.startswith("Island Ferry Service Resumes After Storm\n")  # the headline, not "# Island"


def test_collapsed_articles_open_on_demand(large: Any, report: Report) -> None:
    page = large
    assert page.execute_script("return document.querySelectorAll('mark.hl, li.item').length") == 0
    assert not page.execute_script("return document.querySelector('details.article[open]')")
    key = report.key(GENEVA)
    link = _one(page, f'table.triage a[href="#{key}"]')
    link.click()
    assert _one(page, f"details#{key}").get_attribute("open") is not None
    fid = _fid(report, GENEVA, "MT003")
    assert _one(page, f"#f-{fid}").text == "Deputy. Foreign Minister"
    assert len(_css(page, "li.item")) == len(report.result(GENEVA).findings)  # only this one built


def _next(page: Any, key: str = "n") -> str:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(page).send_keys(key).perform()
    return str(page.execute_script("return document.activeElement.id"))


def test_next_undecided_moves_through_findings_across_articles(large: Any, report: Report) -> None:
    page = large
    order = report.data["order"]
    articles = {f["id"]: f["article"] for f in report.data["findings"]}
    first = order[0]
    assert _next(page) == f"f-{first}"  # opens the worst article and focuses its first finding
    assert _one(page, "#pop").is_displayed() and "current" in _one(page, f"#i-{first}").get_attribute("class")
    _next(page, "a")  # accept it
    second, third = order[1], order[2]
    _one(page, f"#i-{third} button.dec.dismiss").click()  # decided out of turn
    assert _next(page, "j") == f"f-{second}"
    _next(page, "d")
    assert _next(page) == f"f-{order[3]}"  # the dismissed third is skipped
    # through the rest of the first article into the next one, opening it
    last = max(i for i, fid in enumerate(order) if articles[fid] == articles[first])
    for fid in order[4 : last + 1]:
        _next(page, "d")
        assert _next(page) == f"f-{fid}"
    _next(page, "d")
    following = order[last + 1]
    assert _next(page) == f"f-{following}"
    assert _one(page, f"details#{articles[following]}").get_attribute("open") is not None
    # "previous" finds nothing undecided before it, so goes round to the last finding
    assert _next(page, "p") == f"f-{order[-1]}"
    assert _next(page, "n") == f"f-{following}"


def test_headlines_in_the_summary(page: Any, report: Report) -> None:
    rows = {r.find_element("css selector", ".fdir").text: r for r in _css(page, "table.triage tbody tr")[:-1]}
    assert rows[GENEVA].find_element("css selector", ".headline").text == (
        "U.S. and Russian Diplomats Leave Geneva Without a Deal on Ukraine"
    )
    headline = rows[report.conflicts].find_element("css selector", ".headline").text
    assert headline == "Envoys Meet Near the Lake"
    # no headline (its first paragraph ends in a period): the file name, over its folder
    name = rows[str(Path(report.overlaps).parent) + "/"].find_element("css selector", ".fname").text
    assert name == "overlaps.txt"
    assert _one(page, f"#{report.key(GENEVA)}-h .headline").text.startswith("U.S. and Russian Diplomats")


_PREVIEW = """
const c = document.querySelector('div.text[data-article="' + arguments[0] + '"]').cloneNode(true);
c.querySelectorAll('del.fx-del:not(.off), ins.fx-ins.off').forEach((x) => x.remove());
return c.textContent;
"""


def test_conflicting_fixes_are_marked_and_never_doubled(page: Any, report: Report) -> None:
    from lintkit.fixer import apply

    path = report.conflicts
    mt003, fn001 = _fid(report, path, "MT003"), _fid(report, path, "FN001")
    mt001 = _fid(report, path, "MT001")
    assert "Conflicts with #2 FN001" in _one(page, f"#i-{mt003} .conflict").text
    assert "Conflicts with #1 MT003" in _one(page, f"#i-{fn001} .conflict").text
    assert "not in the preview" in _one(page, f"#i-{fn001} .conflict").text
    assert "Conflicts with" in _one(page, f"#i-{mt001} .conflict").text
    assert not _css(page, f'ins.fx-ins[data-for="{fn001}"]') and not _css(page, f'[data-for~="{mt001}"]')
    _one(page, "label.switch").click()
    preview = page.execute_script(_PREVIEW, report.key(path))
    assert "Deputy Foreign Minister Sergei" in preview and "Deputy Deputy" not in preview
    # MT002's first repair joins "Overall" to the sentence after it; MT001's is not previewed with it
    assert "increase. Overall, sales" in preview and "increase Overall sales" not in preview
    # every article's preview is the fixer's result for the previewed fixes, none overlapping
    data = report.data
    for r in report.results:
        if r.findings:
            ids = report.ids(r.path)
            fixes = [ids[f["id"]].fixes[0] for f in data["findings"] if f["id"] in ids and f["previewed"]]
            assert page.execute_script(_PREVIEW, report.key(r.path)) == apply(r.source, fixes), r.path
    # the popover says so too, and accepting both is flagged
    _one(page, f"#f-{fn001}").click()
    assert "Conflicts with #1 MT003" in _one(page, "#pop").text
    for fid in (mt003, fn001):
        _one(page, f"#i-{fid} button.dec.accept").click()
    assert "2 accepted fixes in conflict" in _status(page)


def test_hostile_article_renders_as_text(page: Any, report: Report) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    index = next(i for i, r in enumerate(report.results) if r.path == report.hostile)
    text = _one(page, f'div.text[data-article="a{index}"]')
    page.execute_script("arguments[0].scrollIntoView()", text)
    assert SCRIPT in text.text and IMG in text.text
    assert page.execute_script("return document.querySelectorAll('img').length") == 0
    assert page.execute_script("return document.querySelectorAll('script').length") == 2
    assert page.execute_script("return document.querySelectorAll('main b, main i').length") == 0
    assert report.hostile in _one(page, f"#a{index}-h").text
    fid = _fid(report, report.hostile, "MT001", f"{SCRIPT}. the delegates")
    assert SCRIPT in _one(page, f"#m-{fid}").text
    _one(page, f"#f-{fid}").click()
    assert SCRIPT in _one(page, "#pop").text
    assert page.execute_script("return document.querySelectorAll('img').length") == 0
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018


def test_print_view(page: Any, report: Report) -> None:
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not _one(page, "aside.side").is_displayed()
        assert not _one(page, "#bar").is_displayed()
        fid = _fid(report, GENEVA, "FN001", "Defense Secretary")
        listing = _one(page, f'.print-list li[data-f="{fid}"]')
        assert listing.is_displayed() and "Secretary of State" in listing.text
        number = page.execute_script(
            "return getComputedStyle(document.querySelector('mark.last[data-f=\"' + arguments[0] + '\"]'),"
            " '::after').content",
            fid,
        )
        assert number.strip('"') == listing.get_attribute("value")
        mark = _one(page, f"#f-{fid}")
        assert mark.value_of_css_property("background-color") in ("rgba(0, 0, 0, 0)", "transparent")
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_screenshot(page: Any, report: Report) -> None:
    """A picture of the page as an editor sees it, for the README and for review."""
    geneva = next(i for i, r in enumerate(report.results) if r.path == GENEVA)
    fid = _fid(report, GENEVA, "MT003")
    page.execute_script(
        "const s = document.getElementById(arguments[0]);"
        "window.scrollTo(0, s.getBoundingClientRect().top + window.scrollY"
        " - document.getElementById('bar').offsetHeight - 12);",
        f"a{geneva}",
    )
    page.execute_script("arguments[0].focus({preventScroll: true})", _one(page, f"#f-{fid}"))
    _wait(_one(page, "#pop").is_displayed)
    out = ROOT / "test-artifacts" / "html-report.png"
    out.parent.mkdir(exist_ok=True)
    assert page.save_screenshot(str(out))
    width, height = struct.unpack(">II", out.read_bytes()[16:24])
    assert (width, height) == WINDOW
    page.execute_script("window.scrollTo(0, 0); document.activeElement.blur()")
    page.save_screenshot(str(out.with_name("html-report-summary.png")))  # for review only
    if os.environ.get("LINTKIT_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(out, ROOT / "docs" / "html-report.png")
