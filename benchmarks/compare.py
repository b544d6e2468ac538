#!/usr/bin/env python3
"""lintkit beside proselint and Vale, in one run, on the same articles, each pinned to one CPU.

    python3 benchmarks/compare.py [FOLDER] [--repeat N] [--quick] [--no-proselint] [--no-vale]

FOLDER defaults to ../shared/corpus/clean-news (fixtures/ where that is missing). Its *.txt
articles are copied into a temporary folder first, so every tool reads exactly those files
and nothing else (no README, no manifest); --quick keeps the first 100 of them.

Prints, for the date, machine, CPU and Python at the top:
- end to end, best wall time of --repeat rounds (the tools take turns in each round):
  `lintkit check --format json --isolated` with --jobs 1 and with the default --jobs, both
  pinned to one CPU with `taskset`; --jobs 2 against --jobs 1 unpinned where two CPUs are
  free; proselint 0.16.0's command line over the folder (JSON output; it lints one file after
  another in one process); Vale, built by benchmarks/setup-vale.sh from the Go module proxy,
  with its built-in style only (a temporary .vale.ini, no `vale sync`), JSON output.
  Words/s counts words once, by a whitespace split of every article, for every tool; the
  ratio is lintkit's (--jobs 1, pinned) words/s over the tool's.
- in memory: `lintkit.check.check_text` over the corpus already read, with one linter
  (its build time apart), pinned.
- start-up on one small file: `lintkit check` as a command (median of 10) beside Python
  alone, the import of lintkit.cli (-X importtime) and, in fresh processes, loading the
  packs, building the linter and the first check of the file (lazy preparation).

A tool that is missing or fails is one line, "skipped: why". Figures, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "clean-news"
SMALL_FILE = ROOT / "fixtures" / "examples" / "geneva-talks.txt"
VALE_BIN = ROOT / ".cache" / "bench" / "bin" / "vale"
SETUP_VALE = ROOT / "benchmarks" / "setup-vale.sh"
PROSELINT_VERSION = "0.16.0"
QUICK_ARTICLES = 100
TIMEOUT = 900  # seconds for any one command; past it the tool is reported as skipped
VALE_INI = "MinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = Vale\n"


def child_env() -> dict[str, str]:
    """Run this checkout's lintkit, whatever another lintkit is installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # read compiled bytecode, as an installed wheel has it
    return env


def compile_lintkit() -> str:
    """Compile this checkout's lintkit to bytecode first (into its gitignored __pycache__), so
    that start-up is measured as an installed package starts, not with every module compiled
    from source (which PYTHONDONTWRITEBYTECODE would otherwise make every run do)."""
    proc = subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "lintkit")],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=TIMEOUT,
        check=False,
    )
    if proc.returncode != 0:
        return "NOT compiled ahead: compileall failed, so lintkit's start-up includes compiling it"
    return "lintkit compiled to bytecode first (compileall), as an installed wheel is"


LINTKIT = [sys.executable, "-m", "lintkit"]


# --- the machine --------------------------------------------------------------------------


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def allowed_cpus() -> list[int]:
    try:
        return sorted(os.sched_getaffinity(0))
    except AttributeError:
        return list(range(os.cpu_count() or 1))


def pin_prefix() -> tuple[list[str], str]:
    """The command prefix that pins a tool to one CPU, and how the report says it."""
    cpus = allowed_cpus()
    if shutil.which("taskset") is None:
        return [], "NOT pinned: taskset is not installed, so every tool may use every CPU"
    return ["taskset", "-c", str(cpus[0])], f"pinned to CPU {cpus[0]} with taskset -c {cpus[0]}"


def git_revision() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def native_scanner() -> str:
    """Whether the runs below use lintkit's native extension (native/)."""
    code = "from lintkit import native; print(native.module() is not None)"
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=child_env(),
                             timeout=TIMEOUT, check=False)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if out.stdout.strip() == "True":
        return ("native/ is in use: sentence ends, name search, word count, repeated-word gate "
                "(LINTKIT_NO_NATIVE=1 turns it off)")  # fmt: skip
    return "not in use: lintkit's Python twins (build native/ with scripts/build-native.sh)"


def header(corpus: str, articles: int, words: int, size: int, bytecode: str) -> None:
    now = datetime.datetime.now().astimezone()
    print("lintkit speed beside its peers (benchmarks/compare.py)")
    print(f"  date     {now:%Y-%m-%d %H:%M %Z}")
    print(
        f"  machine  {platform.machine()}, {cpu_model()}, {os.cpu_count()} CPUs "
        f"({len(allowed_cpus())} usable), {platform.system()} {platform.release()}"
    )
    where = "a virtual environment" if sys.prefix != sys.base_prefix else "no virtual environment"
    version = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"  python   {version} ({sys.executable}, {where})")
    print(f"  lintkit  {git_revision()} (this checkout), run as `python -m lintkit`")
    print(f"  bytecode {bytecode}")
    print(f"  native   {native_scanner()}")
    with contextlib.suppress(OSError, AttributeError):
        print(
            "  load     average {:.2f} {:.2f} {:.2f} (1, 5, 15 min) before the run".format(*os.getloadavg())
        )
    print(f"  corpus   {corpus}: {articles:,} articles, {words:,} words, {size / 1e6:.2f} MB")


# --- the corpus ---------------------------------------------------------------------------


def pick_corpus(folder: str | None, quick: bool) -> tuple[str, Path, list[Path]]:
    if folder is not None:
        base = Path(folder)
    elif DEFAULT_CORPUS.is_dir():
        base = DEFAULT_CORPUS
    else:
        base = ROOT / "fixtures"
        print(f"(no corpus at {DEFAULT_CORPUS}: using {base})")
    files = sorted(base.rglob("*.txt")) if base.is_dir() else []
    if not files:
        sys.exit(f"no *.txt articles under {base}")
    if quick:
        files = files[:QUICK_ARTICLES]
    return str(base) + (f" (--quick: first {len(files)})" if quick else ""), base, files


def stage(files: Sequence[Path], base: Path, into: Path) -> Path:
    """Copy the articles into one folder that holds nothing else."""
    folder = into / "corpus"
    folder.mkdir()
    for f in files:
        rel = f.relative_to(base) if f.is_relative_to(base) else Path(f.name)
        shutil.copyfile(f, folder / "__".join(rel.parts))
    return folder


def count_words(folder: Path) -> tuple[int, int]:
    words = size = 0
    for f in folder.iterdir():
        data = f.read_bytes()
        size += len(data)
        words += len(data.decode("utf-8", errors="replace").split())
    return words, size


# --- running commands ---------------------------------------------------------------------


@dataclass
class Tool:
    name: str
    command: list[str]
    count: Callable[[str], int] | None = None  # findings in its output
    env: dict[str, str] | None = None
    ok_codes: tuple[int, ...] = (0, 1)
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    findings: int | None = None
    failed: str | None = None
    note: str = ""


def run_once(tool: Tool, out_dir: Path) -> None:
    if tool.failed:
        return
    out_path = out_dir / "out.txt"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        with open(out_path, "wb") as out:
            proc = subprocess.run(
                tool.command, stdout=out, stderr=subprocess.PIPE, env=tool.env, timeout=TIMEOUT, check=False
            )
    except subprocess.TimeoutExpired:
        tool.failed = f"timed out after {TIMEOUT} s"
        return
    except OSError as exc:
        tool.failed = f"could not start: {exc}"
        return
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in tool.ok_codes:
        last = (proc.stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        tool.failed = f"exit code {proc.returncode}: {last[:200]}"
        return
    tool.times.append(wall)
    tool.cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if tool.count is not None and tool.findings is None:
        try:
            tool.findings = tool.count(out_path.read_text(errors="replace"))
        except (ValueError, TypeError, AttributeError, KeyError):
            tool.findings = None


def count_lintkit(out: str) -> int:
    return len(json.loads(out))


def count_proselint(out: str) -> int:
    """proselint 0.16's JSON: {"result": {file URI: {"diagnostics": [...]}}}."""
    return sum(len(f.get("diagnostics", ())) for f in json.loads(out)["result"].values())


def count_vale(out: str) -> int:
    return sum(len(alerts) for alerts in json.loads(out).values())


# --- proselint and Vale -------------------------------------------------------------------


def proselint_ready() -> str | None:
    """None when proselint 0.16.0 can be run by this Python, else why not."""
    probe = [sys.executable, "-c", "import proselint.version as v; print(v.__version__)"]

    def version() -> str | None:
        out = subprocess.run(probe, capture_output=True, text=True, check=False)
        return out.stdout.strip() if out.returncode == 0 else None

    found = version()
    if found is None:
        print(f"(installing proselint=={PROSELINT_VERSION} from PyPI ...)", file=sys.stderr)
        pip = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", f"proselint=={PROSELINT_VERSION}"],
            capture_output=True,
            text=True,
            check=False,
            timeout=TIMEOUT,
        )
        found = version()
        if found is None:
            last = (pip.stderr.strip().splitlines() or ["pip failed"])[-1]
            return (
                f"proselint {PROSELINT_VERSION} is not importable and pip did not install it ({last[:150]})"
            )
    if found != PROSELINT_VERSION:
        return f"proselint {found} is installed here, not {PROSELINT_VERSION}"
    return None


def vale_binary() -> tuple[Path | None, str]:
    """Vale's binary and its version, or None and why it is missing. Builds it with
    setup-vale.sh when Go is here and the binary is not."""
    if not VALE_BIN.exists() and shutil.which("go") is not None and SETUP_VALE.exists():
        print("(building Vale with benchmarks/setup-vale.sh, once; about 2 minutes ...)", file=sys.stderr)
        try:
            subprocess.run(["bash", str(SETUP_VALE)], stdout=sys.stderr, check=False, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, f"benchmarks/setup-vale.sh did not finish in {TIMEOUT} s"
    if VALE_BIN.exists():
        stamp = VALE_BIN.parent / "vale.version"
        version = stamp.read_text().strip() if stamp.exists() else "unknown version"
        return VALE_BIN, version
    on_path = shutil.which("vale")
    if on_path:
        out = subprocess.run([on_path, "--version"], capture_output=True, text=True, check=False)
        return Path(on_path), out.stdout.strip() or "unknown version"
    if shutil.which("go") is None:
        return None, "Go is not installed, so benchmarks/setup-vale.sh cannot build Vale"
    return None, "benchmarks/setup-vale.sh did not build Vale (run it to see why)"


# --- in-process measurements (run in fresh child processes) -------------------------------


def child_inmemory(folder: str, repeat: int) -> dict[str, object]:
    start = time.perf_counter()
    from lintkit.api import build_linter
    from lintkit.check import check_text
    from lintkit.source import decode

    imported = time.perf_counter() - start
    articles = [(str(p), decode(p.read_bytes()).text) for p in sorted(Path(folder).iterdir())]
    words = sum(len(t.split()) for _, t in articles)
    start = time.perf_counter()
    linter = build_linter()
    built = time.perf_counter() - start
    passes = []
    findings = 0
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        findings = sum(len(check_text(linter, text, path).findings) for path, text in articles)
        passes.append(time.perf_counter() - start)
    return {
        "import": imported,
        "build": built,
        "passes": passes,
        "words": words,
        "findings": findings,
        "rules": len(linter.rules),
    }


def child_startup(path: str, what: str) -> dict[str, float]:
    text = Path(path).read_text(encoding="utf-8")
    start = time.perf_counter()
    import lintkit.api
    import lintkit.check
    import lintkit.registry

    out = {"import": time.perf_counter() - start}
    if what == "load":
        start = time.perf_counter()
        lintkit.registry.load_rules()
        out["load_rules"] = time.perf_counter() - start
        return out
    start = time.perf_counter()
    linter = lintkit.api.build_linter()
    out["build_linter"] = time.perf_counter() - start
    for key in ("first_check", "second_check"):
        start = time.perf_counter()
        lintkit.check.check_text(linter, text, path)
        out[key] = time.perf_counter() - start
    return out


def run_child(args: list[str], pin: list[str]) -> dict[str, object]:
    proc = subprocess.run(
        [*pin, sys.executable, str(Path(__file__).resolve()), "--child", *args],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=TIMEOUT,
        check=False,
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"exit code {proc.returncode}: {last[:200]}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# --- the report ---------------------------------------------------------------------------


def end_to_end(
    folder: Path, words: int, repeat: int, pin: list[str], pin_note: str, args: argparse.Namespace, tmp: Path
) -> None:
    env = child_env()
    check = [*LINTKIT, "check", "--format", "json", "--isolated"]
    tools = [
        Tool("lintkit --jobs 1", [*pin, *check, "--jobs", "1", str(folder)], count_lintkit, env),
        Tool(
            "lintkit (default --jobs)",
            [*pin, *check, str(folder)],
            count_lintkit,
            env,
            note="default: one per usable CPU, one for small inputs",
        ),
    ]
    skipped: list[str] = []
    unpinned: list[Tool] = []
    if len(allowed_cpus()) >= 2:
        unpinned = [
            Tool("lintkit --jobs 1, unpinned", [*check, "--jobs", "1", str(folder)], count_lintkit, env),
            Tool("lintkit --jobs 2, unpinned", [*check, "--jobs", "2", str(folder)], count_lintkit, env),
        ]
    else:
        skipped.append(f"lintkit --jobs 2: skipped: only {len(allowed_cpus())} CPU usable")
    peers: list[Tool] = []
    if args.no_proselint:
        skipped.append("proselint: skipped: --no-proselint")
    else:
        why = proselint_ready()
        if why:
            skipped.append(f"proselint: skipped: {why}")
        else:
            peers.append(
                Tool(
                    f"proselint {PROSELINT_VERSION}",
                    [
                        *pin,
                        sys.executable,
                        "-m",
                        "proselint",
                        "check",
                        "--output-format",
                        "json",
                        str(folder),
                    ],
                    count_proselint,
                    child_env(),
                    ok_codes=(0, 1, 2),
                    note="its command line on the folder: one process, file after file",
                )
            )
    if args.no_vale:
        skipped.append("Vale: skipped: --no-vale")
    else:
        vale, version = vale_binary()
        if vale is None:
            skipped.append(f"Vale: skipped: {version}")
        else:
            conf = tmp / "vale"
            conf.mkdir()
            ini = conf / ".vale.ini"
            ini.write_text(VALE_INI)
            peers.append(
                Tool(
                    f"Vale {version.rsplit('@', 1)[-1]}",
                    [*pin, str(vale), "--output=JSON", "--no-exit", "--config", str(ini), str(folder)],
                    count_vale,
                    note=f"{version}, built-in style only (BasedOnStyles = Vale)",
                )
            )
    everything = tools + unpinned + peers
    for round_ in range(repeat):
        print(f"  (round {round_ + 1} of {repeat} ...)", file=sys.stderr)
        for tool in everything:
            run_once(tool, tmp)

    print()
    print(f"End to end, best of {repeat} (the tools take turns in each round); {pin_note}")
    print(f"  {'tool':30} {'wall s':>8} {'CPU s':>7} {'words/s':>10} {'lintkit ÷ tool':>15} {'findings':>9}")
    base = tools[0]
    base_rate = words / min(base.times) if base.times else None

    def row(tool: Tool, ratio_to: float | None) -> None:
        if tool.failed:
            print(f"  {tool.name}: skipped: {tool.failed}")
            return
        wall = min(tool.times)
        rate = words / wall
        ratio = f"{ratio_to / rate:.2f}" if ratio_to else "-"
        found = f"{tool.findings:,}" if tool.findings is not None else "?"
        print(f"  {tool.name:30} {wall:8.2f} {min(tool.cpu):7.2f} {rate:10,.0f} {ratio:>15} {found:>9}")

    for tool in tools:
        row(tool, base_rate)
    for tool in peers:
        row(tool, base_rate)
    for line in skipped:
        print(f"  {line}")
    how = "pinned" if pin else "not pinned"
    print(f"  ratio: lintkit --jobs 1 ({how}) words/s over the tool's; above 1 means lintkit is faster")
    for tool in tools + peers:
        if tool.note and not tool.failed:
            print(f"  {tool.name}: {tool.note}")
    if unpinned:
        print()
        print("--jobs without pinning (every usable CPU free to the run)")
        one, two = unpinned
        row(one, None)
        row(two, None)
        if one.times and two.times:
            print(f"  speed-up of --jobs 2 over --jobs 1: {min(one.times) / min(two.times):.2f}×")


def in_memory(folder: Path, repeat: int, pin: list[str], pin_note: str) -> None:
    print()
    print(f"In memory: lintkit.check.check_text over every article already read, one linter; {pin_note}")
    try:
        r = run_child(["inmemory", str(folder), str(repeat)], pin)
    except (RuntimeError, ValueError, IndexError, subprocess.TimeoutExpired) as exc:
        print(f"  skipped: the in-memory run failed: {exc}")
        return
    passes = r["passes"]
    assert isinstance(passes, list)
    words = r["words"]
    assert isinstance(words, int)
    print(f"  import lintkit                {r['import']:7.3f} s")
    print(f"  build_linter()                {r['build']:7.3f} s   ({r['rules']} rules)")
    print(
        f"  first pass                    {passes[0]:7.3f} s   {words / passes[0]:>10,.0f} words/s "
        "(includes lazy preparation)"
    )
    print(
        f"  best of {len(passes)} passes              {min(passes):7.3f} s   {words / min(passes):>10,.0f} "
        f"words/s   ({r['findings']:,} findings)"
    )


def median_wall(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """The median wall time of a command. Waited for with a blocking wait and a timer that
    stops it after TIMEOUT: `subprocess.run(timeout=...)` polls with sleeps of up to 50 ms,
    which added about 30 ms to every start-up figure."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or child_env()
        )
        timer = threading.Timer(TIMEOUT, proc.kill)
        timer.start()
        try:
            proc.wait()
        finally:
            timer.cancel()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def importtime_rows(code: str) -> tuple[list[tuple[float, str]], str]:
    """(cumulative seconds, module) for each import `python -X importtime -c CODE` reports."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=TIMEOUT,
        check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s*(\S+)", line)
        if m:
            rows.append((int(m.group(1)) / 1e6, m.group(2)))
    return rows, (proc.stderr.strip().splitlines() or ["no output"])[-1][:200]


def import_times(runs: int) -> tuple[float, list[tuple[float, str]]]:
    """`import lintkit.cli`'s cumulative time under -X importtime (median of runs), and the
    largest top-level packages it brings in beyond what Python imports on its own."""
    own = {name for _, name in importtime_rows("pass")[0]}
    totals = []
    biggest: list[tuple[float, str]] = []
    for _ in range(runs):
        rows, last = importtime_rows("import lintkit.cli")
        total = next((t for t, name in rows if name == "lintkit.cli"), None)
        if total is None:
            raise RuntimeError(last)
        totals.append(total)
        biggest = sorted(
            (t, n) for t, n in rows if "." not in n and not n.startswith("lintkit") and n not in own
        )[::-1][:5]
    return statistics.median(totals), biggest


def startup(small: Path, runs: int = 10, fresh: int = 5) -> None:
    print()
    print(
        f"Start-up on one small file: {small.relative_to(ROOT) if small.is_relative_to(ROOT) else small} "
        f"({len(small.read_text(encoding='utf-8').split())} words); not pinned"
    )
    env = child_env()
    whole = median_wall([*LINTKIT, "check", "--isolated", str(small)], runs, env)
    python = median_wall([sys.executable, "-c", "pass"], runs)
    bare = median_wall([sys.executable, "-I", "-S", "-c", "pass"], runs)
    rows = [
        (f"lintkit check --isolated FILE (median of {runs})", whole),
        (f"python -c pass (median of {runs})", python),
        (f"  of which without site-packages: python -I -S -c pass (median of {runs})", bare),
    ]
    biggest: list[tuple[float, str]] = []
    try:
        cli, biggest = import_times(fresh)
        rows.append((f"import lintkit.cli (-X importtime, median of {fresh})", cli))
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"  import lintkit.cli: skipped: {exc}")
    parts: dict[str, list[float]] = {}
    try:
        for _ in range(fresh):
            for what in ("build", "load"):
                for key, value in run_child(["startup", str(small), what], []).items():
                    assert isinstance(value, float)
                    parts.setdefault(f"{what}:{key}", []).append(value)
    except (RuntimeError, ValueError, IndexError, subprocess.TimeoutExpired) as exc:
        print(f"  in-process timings: skipped: {exc}")
    med = {k: statistics.median(v) for k, v in parts.items()}
    labels = [
        ("load:load_rules", "loading packs: lintkit.registry.load_rules()"),
        ("build:build_linter", "building the linter: lintkit.api.build_linter()"),
        ("build:first_check", "first check_text of the file (lazy preparation)"),
        ("build:second_check", "second check_text of the file"),
    ]
    for key, label in labels:
        if key in med:
            rows.append((f"{label} (median of {fresh})", med[key]))
    print(f"  {'what':72} {'seconds':>8}")
    for label, value in rows:
        print(f"  {label:72} {value:8.3f}")
    if biggest:
        print(
            "  largest top-level imports under lintkit.cli: "
            + ", ".join(f"{n} {t * 1000:.0f} ms" for t, n in biggest)
        )
    cli = next((v for label, v in rows if label.startswith("import lintkit.cli")), None)
    if "build:build_linter" in med and "build:first_check" in med and cli is not None:
        rest = whole - python - cli - med["build:build_linter"] - med["build:first_check"]
        print(
            f"  the rest of `lintkit check` (CLI, configuration, files, output), by difference: {rest:.3f}s"
        )


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", help=f"articles (*.txt) [default: {DEFAULT_CORPUS}, else fixtures/]")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the best is reported [default: 3]")
    ap.add_argument("--quick", action="store_true", help=f"only the first {QUICK_ARTICLES} articles")
    ap.add_argument("--no-proselint", action="store_true")
    ap.add_argument("--no-vale", action="store_true")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if args.child:
        what, *rest = args.child
        result = child_inmemory(rest[0], int(rest[1])) if what == "inmemory" else child_startup(*rest)
        print(json.dumps(result))
        return
    repeat = max(args.repeat, 1)
    label, base, files = pick_corpus(args.folder, args.quick)
    pin, pin_note = pin_prefix()
    with tempfile.TemporaryDirectory(prefix="lintkit-compare-") as name:
        tmp = Path(name)
        folder = stage(files, base, tmp)
        words, size = count_words(folder)
        header(label, len(files), words, size, compile_lintkit())
        if not pin:
            print(f"  {pin_note}")
        end_to_end(folder, words, repeat, pin, pin_note, args, tmp)
        in_memory(folder, repeat, pin, pin_note)
        small = SMALL_FILE
        if not small.exists():
            small = tmp / "small-article.txt"
            small.write_text("Talks resume in Geneva\n\nDelegates met on Monday to resume the talks.\n")
        startup(small)


if __name__ == "__main__":
    main()
