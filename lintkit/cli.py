"""The `lintkit` command: a thin layer over lintkit.run and lintkit.api.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 usage,
configuration or read errors (always a one-line message, never a traceback).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .config import FAIL_LEVELS, find_config, load_config, severity_threshold
from .findings import FileResult
from .paths import packs_dir, real
from .reporters import FORMATS, reporter
from .run import RunOptions, lint_file_text, run
from .selection import SelectionError
from .textsafe import printable
from .yamlfile import DataError


def _codes(values: Sequence[str]) -> list[str]:
    """`--select MT,PU --select FN001` -> ['MT', 'PU', 'FN001']."""
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


class _Group(click.Group):
    """Turns every failure into one line on standard error and exit status 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs.get("args") is not None:  # called with arguments (tests, other code)
            return self._main(*args, **kwargs)
        try:  # the `lintkit` program itself (the console script, python -m lintkit)
            self._main(*args, **kwargs)
        except SystemExit as exc:
            _leave(exc.code)
        _leave(0)

    def _main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(2)
        except click.exceptions.Abort:
            sys.exit(130)
        except (DataError, SelectionError) as exc:
            click.echo(f"lintkit: error: {exc}", err=True)
            sys.exit(2)
        except OSError as exc:
            click.echo(f"lintkit: error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
            sys.exit(2)
        except Exception as exc:
            if os.environ.get("LINTKIT_DEBUG"):
                raise
            click.echo(
                f"lintkit: internal error: {type(exc).__name__}: {exc} "
                "(please report it; LINTKIT_DEBUG=1 shows the traceback)",
                err=True,
            )
            sys.exit(2)


def _leave(code: object) -> NoReturn:
    """End the `lintkit` process as `sys.exit(code)` would, without tearing the interpreter
    down: exit handlers run (lintkit's cache writes what it learnt) and output is flushed,
    but freeing every object a run built (rules, tables, compiled patterns) one by one,
    about 20 ms that a one-file run would notice, is left to the operating system."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # a closed pipe: as Python reports a failed flush at exit
        status = status or 120
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(status)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lintkit")
def main() -> None:
    """A linter for news text: machine-translation artifacts, broken sentences, wrong
    titles, distorted names and scraper residue."""


_PATH = click.Path(exists=True, dir_okay=False, path_type=Path)


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of standard output.",
)
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (replaces the default set).")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to enable in addition.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_LEVELS),
    help="Lowest severity that makes the exit code 1 [default: warning, or the configuration's fail-on].",
)
@click.option(
    "--date",
    "date_text",
    metavar="YYYY-MM-DD",
    help="The articles' date, for title checks (default: from each dateline).",
)
@click.option(
    "--knowledge", multiple=True, type=_PATH, help="An extra knowledge-base YAML file (repeatable)."
)
@click.option(
    "--rules", "rule_packs", multiple=True, type=_PATH, help="An extra rule pack YAML file (repeatable)."
)
@click.option("--config", "config_file", type=_PATH, help="Use this configuration file for every article.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change; write nothing.")
@click.option("--baseline", type=_PATH, help="Report only findings not recorded in this baseline file.")
@click.option(
    "--add-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings of these articles in FILE, keeping other files' entries.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings in FILE (to report only new ones later).",
)
@click.option(
    "--changed-since", metavar="REV", help="Report only findings on lines changed since a git revision."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Files checked in parallel [default: one per CPU this process may use; one for small inputs].",
)
@click.option("--force-exclude", is_flag=True, help="Apply exclude globs to files named on the command line.")
@click.option(
    "--languagetool/--no-languagetool",
    default=None,
    help="Also check grammar with LanguageTool [default: as configured, off].",
)
@click.option(
    "--languagetool-url", metavar="URL", help="Use the LanguageTool server at URL (implies --languagetool)."
)
@click.option(
    "--require-languagetool",
    is_flag=True,
    help="Fail (exit 2) when LanguageTool cannot be reached (implies --languagetool).",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    metavar="MB",
    help="Skip (and report) articles larger than this many megabytes [default: 50, or `max-size`].",
)
@click.option("--stdin-filename", help="The name to report for standard input ('-').")
@click.option(
    "--statistics", is_flag=True, help="Print how many findings each rule made instead of the findings."
)
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary, no progress.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: on a terminal, unless NO_COLOR is set).",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    date_text: str | None,
    knowledge: tuple[Path, ...],
    rule_packs: tuple[Path, ...],
    config_file: Path | None,
    isolated: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    baseline: Path | None,
    add_baseline: Path | None,
    write_baseline: Path | None,
    changed_since: str | None,
    jobs: int,
    force_exclude: bool,
    languagetool: bool | None,
    languagetool_url: str | None,
    require_languagetool: bool,
    max_size: float | None,
    stdin_filename: str | None,
    statistics: bool,
    quiet: bool,
    color: bool | None,
) -> None:
    """Check articles (files, folders searched for articles, or - for standard input; with
    no path, the current folder)."""  # fmt: skip
    paths = paths or (".",)
    from .knowledge.dates import parse_cli_date

    try:
        date = parse_cli_date(date_text) if date_text else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from None
    opts = RunOptions(
        paths=paths, select=_codes(select) or None, ignore=_codes(ignore),
        extend_select=_codes(extend_select), fail_on=fail_on, date=date,
        knowledge=[str(k) for k in knowledge], rules=[str(r) for r in rule_packs], config=config_file,
        isolated=isolated, stdin_filename=stdin_filename, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
        baseline=baseline, changed_since=changed_since, jobs=jobs,
        configured_baseline=write_baseline is None and add_baseline is None,
        force_exclude=force_exclude, progress=None if quiet else _progress_bar(),
        languagetool=languagetool, languagetool_url=languagetool_url,
        require_languagetool=require_languagetool, max_size=max_size,
    )  # fmt: skip
    report = run(opts)
    for url in report.sent_to:  # said on every run, -q too: text left this machine
        click.echo(printable(f"lintkit: article text was sent to the LanguageTool server at {url}"), err=True)
    _refuse_to_overwrite_articles(report.results, {"-o/--output": output, "--write-baseline": write_baseline,
                                                   "--add-baseline": add_baseline})  # fmt: skip
    for r in report.results:
        for problem in [r.error] if r.error else r.errors:
            click.echo(printable(f"lintkit: {r.path}: error: {problem}"), err=True)
    for note in report.notes:
        click.echo(printable(f"lintkit: warning: {note}"), err=True)
    errors = any(r.error or r.errors for r in report.results)
    if write_baseline is not None:
        from . import baseline as baseline_file

        count = baseline_file.write(write_baseline, [r for r in report.results if not r.error])
        click.echo(f"lintkit: recorded {count} findings in {write_baseline}", err=True)
        sys.exit(2 if errors else 0)
    if add_baseline is not None:
        from . import baseline as baseline_file

        checked = [r for r in report.results if not r.error]
        count, kept = baseline_file.update(add_baseline, checked)
        click.echo(f"lintkit: recorded {count} findings of {len(checked)} file{'s' * (len(checked) != 1)} "
                   f"in {add_baseline} ({kept} of other files kept)", err=True)  # fmt: skip
        sys.exit(2 if errors else 0)
    if diff:
        click.echo("".join(report.diffs), nl=False)
        sys.exit(2 if errors else (1 if report.diffs else 0))
    if fix and paths == ("-",) and report.results and not report.results[0].error:
        click.echo(report.results[0].source, nl=False)  # the fixed text, like ruff
        sys.exit(0)
    use_color = _use_color(color, output)
    if statistics:
        from .reporters import Report
        from .reporters import statistics as stats

        if fmt not in ("text", "concise", "json"):
            raise click.UsageError("--statistics prints text or JSON: use it with --format text or json")
        text = (stats.render_json if fmt == "json" else stats.render)(Report(report.results))
    else:
        # -q quiets the terminal; a report written to a file keeps its summary
        text = reporter(fmt)(report.results, color=use_color, summary=not quiet or output is not None,
                             rules=report.rules)  # fmt: skip
    if output:
        from .writer import write_text

        write_text(output, text)
    else:
        click.echo(text, nl=False, color=use_color)
    sys.exit(_exit_code(report.results, report.fail_on))


def _refuse_to_overwrite_articles(results: Sequence[FileResult], outputs: dict[str, Path | None]) -> None:
    """An output file that is one of the articles checked would destroy it: refuse."""
    if all(path is None for path in outputs.values()):
        return
    articles = set()
    for r in results:
        if r.path != "-":
            try:
                articles.add(real(r.path))
            except (OSError, ValueError):
                continue
    for option, path in outputs.items():
        if path is not None and real(path) in articles:
            raise click.UsageError(f"{option} {path} is one of the articles being checked; not overwritten")


def _progress_bar() -> Any:
    """A progress line on standard error for long runs on a terminal (not in CI logs)."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int) -> None:
        if total < 50:
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        if done == total:
            sys.stderr.write("\r" + " " * (width + 30) + "\r")
        sys.stderr.flush()

    return show


def _use_color(flag: bool | None, output: Path | None) -> bool:
    if flag is not None:
        return flag
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _exit_code(results: Sequence[FileResult], fail_on: str) -> int:
    if any(r.error or r.errors for r in results):
        return 2
    threshold = severity_threshold(fail_on)
    if threshold is None:
        return 0
    return 1 if any(f.severity >= threshold for r in results for f in r.findings) else 0


@main.command("apply-decisions")
@click.argument("decisions_file", type=_PATH)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("lintkit-baseline.json"),
    show_default=True,
    help="The baseline that dismissed findings are added to.",
)
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The folder the articles are in [default: the folder the report was made in, recorded in "
    "the decisions file]; no file outside it is ever written.",
)
def apply_decisions_command(decisions_file: Path, baseline_file: Path, root: Path | None) -> None:
    """Apply the fixes a copy editor accepted in the HTML report, and add the findings they
    dismissed to the baseline. Paths in the decisions file are relative to the report's
    folder (or --root)."""
    from .decisions import apply_decisions, load, root_for

    decisions, invalid = load(decisions_file)

    def lint(text: str, path: str) -> list[Any]:
        return lint_file_text(text, path)

    where = root_for(decisions_file, root)
    click.echo(printable(f"lintkit: applying decisions to articles under {where}"), err=True)
    outcome = apply_decisions(decisions, lint, baseline_file, where, len(invalid))
    for line in outcome.missing + outcome.skipped:
        click.echo(f"lintkit: warning: {line}", err=True)
    for line in invalid + outcome.errors:
        click.echo(f"lintkit: error: {line}", err=True)
    not_applied = len(outcome.skipped) + len(invalid) + len(outcome.errors)
    click.echo(
        f"Applied {outcome.fixed} fixes; added {outcome.dismissed} dismissed findings to {baseline_file}"
        + (f"; {not_applied} decisions not carried out (see above)." if not_applied else ".")
    )
    sys.exit(2 if outcome.errors or invalid else 0)


@main.command("precision")
@click.argument("decisions_files", nargs=-1, required=True, type=_PATH)
def precision_command(decisions_files: tuple[Path, ...]) -> None:
    """Each rule's precision as copy editors judged it: accepted / (accepted + dismissed),
    from decisions files exported by the HTML report."""
    from .decisions import load, precision

    decisions = [d for f in decisions_files for d in load(f)[0]]
    click.echo(f"{'rule':28} {'accepted':>8} {'dismissed':>9} {'precision':>9}")
    for rule, accepted, dismissed in precision(decisions):
        click.echo(f"{rule:28} {accepted:8} {dismissed:9} {accepted / (accepted + dismissed):9.0%}")


@main.command("config")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--config", "config_file", type=_PATH, help="Show this configuration file instead.")
def show_config(path: Path | None, config_file: Path | None) -> None:
    """Print the configuration that applies to PATH (default: the current folder)."""
    import json

    config = load_config(config_file) if config_file else find_config(path or Path.cwd())
    data = {
        "file": str(config.path) if config.path else None,
        "select": list(config.select) if config.select is not None else "(default)",
        "ignore": list(config.ignore),
        "extend-select": list(config.extend_select),
        "per-file-ignores": {glob: list(codes) for glob, codes in config.per_file_ignores},
        "fail-on": config.fail_on or "warning",
        "include": list(config.include),
        "exclude": list(config.exclude),
        "rules": [str(p) for p in config.rules],
        "knowledge": [str(p) for p in config.knowledge],
        "date": config.date.isoformat() if config.date else None,
        "house-style": dict(config.house_style),
        "languagetool": {k: list(v) if isinstance(v, tuple) else v for k, v in config.languagetool},
    }
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


_PACKS_OPTION = click.option(
    "--rules", "rule_packs", multiple=True, type=_PATH,
    help="A rule pack YAML file to include (repeatable; the configuration's `rules` are included too).",
)  # fmt: skip


def _all_rules(rule_packs: Sequence[Path]) -> list[Any]:
    """Built-in rules, the packs the configuration for the working folder names, and
    `rule_packs`: what `lintkit check` in this folder would load."""
    from .config import forget
    from .registry import load_rules

    forget()
    config = find_config(Path.cwd())
    packs = {real(p): p for p in [*config.rules, *rule_packs]}  # a pack named twice loads once
    return load_rules(list(packs.values()))


@main.command("rules")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
@_PACKS_OPTION
def list_rules(fmt: str, rule_packs: tuple[Path, ...]) -> None:
    """List every rule: code, name, category, default severity, fixable
    (markdown: the reference page, docs/rules.md)."""
    import json

    from .registry import load_rules

    rules = _all_rules(rule_packs) if rule_packs else load_rules()
    if fmt == "markdown":
        from .ruledocs import markdown

        click.echo(markdown([r.meta for r in rules]), nl=False)
        return
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "code": r.meta.code,
                        "name": r.meta.name,
                        "category": str(r.meta.category),
                        "severity": str(r.meta.severity),
                        "fixable": r.meta.fixable,
                        "default": r.meta.default_enabled,
                        "summary": r.meta.summary,
                    }
                    for r in rules
                ],
                indent=2,
            )
        )
        return
    for r in rules:
        m = r.meta
        fix = "fix" if m.fixable else "   "
        click.echo(f"{m.code:7} {m.name:28} {m.category!s:12} {m.severity!s:8} {fix}  {m.summary}")


def _wrap(text: str, width: int = 88, indent: str = "") -> str:
    """Paragraphs re-wrapped to `width`; blank lines between paragraphs kept."""
    import textwrap

    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent)
                       for p in paragraphs)  # fmt: skip


@main.command()
@click.argument("code")
@_PACKS_OPTION
def explain(code: str, rule_packs: tuple[Path, ...]) -> None:
    """Explain one rule, by code or name, with its examples (or `verdict`: the article score)."""
    if code.lower() in ("verdict", "score"):
        from .verdict import explanation

        click.echo(explanation())
        return
    rules = _all_rules(rule_packs)
    wanted = code.strip()
    rule = next((r for r in rules if wanted.upper() == r.meta.code or wanted.lower() == r.meta.name), None)
    if rule is None:
        from .yamlfile import closest

        codes, names = {r.meta.code for r in rules}, {r.meta.name for r in rules}
        hint = closest(wanted.upper(), codes) or closest(wanted.lower(), names)
        raise click.BadParameter(f"no rule {code!r}{hint}", param_hint="CODE")
    m = rule.meta
    click.echo(f"{m.code} {m.name} ({m.category}, default severity {m.severity})")
    if m.origin.endswith((".yaml", ".yml")) and real(m.origin).parent != real(packs_dir()):
        click.echo(f"from {m.origin}")
    click.echo("\n" + _wrap(m.explanation) + "\n")

    def dated(example: Any) -> str:
        return f"  (article dated {example.date.isoformat()})" if example.date else ""

    click.echo("Flagged:")
    for b in m.examples.bad:
        click.echo(f"  ✗ {b.text}{dated(b)}")
        if b.fixed:
            click.echo(f"    → {b.fixed}")
    click.echo("Not flagged:")
    for g in m.examples.good:
        click.echo(f"  ✓ {g.text}{dated(g)}")


@main.command("verify-rules")
@click.argument("packs", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--knowledge",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="An extra knowledge-base YAML file the packs' examples rely on.",
)
def verify_rules(packs: tuple[str, ...], knowledge: tuple[str, ...]) -> None:
    """Run the examples of rule packs (default: every built-in rule) and report failures."""
    from .knowledge import KnowledgeBase
    from .packs import load_pack
    from .registry import load_rules
    from .selftest import verify

    rules = [r for p in packs for r in load_pack(Path(p))] if packs else load_rules()
    kb = KnowledgeBase(knowledge)
    problems = [problem for rule in rules for problem in verify(rule, kb)]
    for problem in problems:
        click.echo(problem)
    examples = sum(len(r.meta.examples.bad) + len(r.meta.examples.good) for r in rules)
    click.echo(f"{len(rules)} rules, {examples} examples, {len(problems)} failing")
    sys.exit(1 if problems else 0)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 127.0.0.1 serves this machine only.")
@click.option("--port", default=8081, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port; the address is printed).")
@click.option("--config", "config_file", type=_PATH,
              help="Configuration file (selection, article date, house style, knowledge), as for `check`.")
@click.option("--languagetool-url", metavar="URL",
              help="Forward every request to this LanguageTool server as well and merge its matches.")
@click.option("--languagetool-timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds to wait for LanguageTool before answering without its matches.")
@click.option("--token-file", type=_PATH,
              help="Require the token in FILE's first line (Authorization: Bearer TOKEN, or apiKey=TOKEN); "
                   "also read from $LINTKIT_SERVE_TOKEN.")
@click.option("--cors-origin", multiple=True, metavar="ORIGIN",
              help="Let browser pages and add-ons from ORIGIN call the server (repeatable; * for any).")
@click.option("--max-request-bytes", default=1_000_000, show_default=True, type=click.IntRange(1_000),
              help="Largest request body accepted (413 above).")
@click.option("--max-chars", default=200_000, show_default=True, type=click.IntRange(1),
              help="Longest text checked in one request (400 above).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds from a request's arrival to its answer (503 after).")
@click.option("--concurrency", default=4, show_default=True, type=click.IntRange(1, 256),
              help="Checks running at once.")
@click.option("--queue", default=64, show_default=True, type=click.IntRange(0, 100_000),
              help="Requests waiting for a check slot; more are answered 503 at once.")
@click.option("--access-log", default="-", show_default=True, metavar="FILE",
              help="One JSON line per request: '-' for standard error, a file to append to, or 'off'.")
def serve(
    host: str, port: int, config_file: Path | None, languagetool_url: str | None, languagetool_timeout: float,
    token_file: Path | None, cors_origin: tuple[str, ...], max_request_bytes: int, max_chars: int,
    timeout: float, concurrency: int, queue: int, access_log: str,
) -> None:  # fmt: skip
    """Serve LanguageTool's HTTP API (POST /v2/check, GET /v2/languages) with lintkit's
    findings, for the LanguageTool browser add-on, CMS plugins and language-tool-python."""
    import os

    try:
        from .serve.app import Limits
        from .serve.app import serve as run_server
        from .serve.service import Service, Settings
    except ImportError as exc:
        click.echo(f"lintkit serve needs Starlette and uvicorn ({exc.name} is missing): "
                   "pip install 'lintkit[serve]'", err=True)  # fmt: skip
        sys.exit(2)
    token = os.environ.get("LINTKIT_SERVE_TOKEN") or None
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").splitlines()[0].strip() or None
        except (OSError, UnicodeDecodeError, IndexError):
            token = None
        if token is None:
            click.echo(f"{token_file}: no token on its first line", err=True)
            sys.exit(2)
    from .yamlfile import DataError

    settings = Settings(config_file, languagetool_url, languagetool_timeout, max_chars)
    try:
        service = Service(settings)
    except (DataError, ValueError, OSError) as exc:
        click.echo(f"lintkit serve: {exc}", err=True)
        sys.exit(2)
    log = None
    if access_log == "-":
        log = sys.stderr
    elif access_log != "off":
        try:
            log = open(access_log, "a", encoding="utf-8")  # noqa: SIM115 - open for the server's life
        except OSError as exc:
            click.echo(f"{access_log}: cannot write the access log: {exc.strerror}", err=True)
            sys.exit(2)
    limits = Limits(token, tuple(cors_origin), max_request_bytes, timeout, concurrency, queue, log)
    if host not in ("127.0.0.1", "::1", "localhost") and token is None:
        click.echo(f"lintkit serve: listening on {host} without a token: anyone who reaches this port "
                   "can send text to check", err=True)  # fmt: skip
    run_server(service, limits, host, port)
    if log is not None and log is not sys.stderr:
        log.close()


@main.command()
@click.option("--config", "config_file", type=_PATH,
              help="Use this configuration file for every document (default: the nearest one to each).")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default).")
def lsp(config_file: Path | None, stdio: bool) -> None:
    """Run the language server (LSP over stdio) for editors: diagnostics as you type, fixes
    as code actions, the rule's explanation on hover. See docs/editors.md."""
    try:
        from .lsp.server import main as run_language_server
    except ImportError as exc:
        click.echo(f"lintkit lsp needs pygls ({exc.name} is missing): pip install 'lintkit[lsp]'", err=True)
        sys.exit(2)
    run_language_server(config_file)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="Folder for the Parquet tables (articles/, findings/, errors/); reruns skip what is done.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "html"]), default="parquet", show_default=True,
              help="html: also write OUT/report.html with the worst --sample articles.")
@click.option("--sample", default=50, show_default=True, type=click.IntRange(1),
              help="Articles in the --format html report (highest score first).")
@click.option("--text-column", default="text", show_default=True, help="JSON Lines, Parquet: the text.")
@click.option("--id-column", default="id", show_default=True,
              help="The article id (default when missing: FILE:POSITION).")
@click.option("--url-column", default="url", show_default=True, help="The article's URL, if any.")
@click.option("--date-column", default="date", show_default=True, help="The article's date, if any.")
@click.option("--text-format", type=click.Choice(["txt", "md", "html"]), default="txt", show_default=True,
              help="How a text column is read: plain text, Markdown or HTML.")
@click.option("--workers", type=click.IntRange(1), help="Local worker processes [default: one per CPU].")
@click.option("--scheduler", metavar="ADDRESS", help="An existing Dask cluster (tcp://HOST:PORT).")
@click.option("--partition-size", default=32.0, show_default=True, type=click.FloatRange(0.001),
              metavar="MB", help="JSON Lines: megabytes per task.")
@click.option("--files-per-partition", default=200, show_default=True, type=click.IntRange(1),
              help="Folders: articles per task.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (replaces the default set).")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to enable in addition.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="The date for every article's title checks.")
@click.option("--config", "config_file", type=_PATH, help="Configuration for every article [default: none].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def scan(
    inputs: tuple[str, ...], output: str, fmt: str, sample: int, text_column: str, id_column: str,
    url_column: str, date_column: str, text_format: str, workers: int | None, scheduler: str | None,
    partition_size: float, files_per_partition: int, select: tuple[str, ...], extend_select: tuple[str, ...],
    ignore: tuple[str, ...], date_text: str | None, config_file: Path | None, quiet: bool,
) -> None:  # fmt: skip
    """Lint an article archive on Dask into Parquet tables: JSON Lines, Parquet, WARC files
    and folders of articles. See docs/scan.md."""
    try:
        from .scan import Columns, ScanOptions, Settings, run_scan
    except ImportError as exc:
        click.echo(f"lintkit scan needs dask, distributed and pyarrow ({exc.name} is missing): "
                   "pip install 'lintkit[scan]'", err=True)  # fmt: skip
        sys.exit(2)
    if date_text:
        import datetime as dt

        try:
            dt.date.fromisoformat(date_text)
        except ValueError:
            raise click.BadParameter(f"{date_text!r} is not YYYY-MM-DD", param_hint="--date") from None
    chosen = _codes(select)
    settings = Settings(
        tuple(chosen) if chosen else None, tuple(_codes(ignore)), tuple(_codes(extend_select)), date_text,
        str(config_file) if config_file else None,
        Columns(text_column, id_column, url_column, date_column, text_format),
    )  # fmt: skip
    opts = ScanOptions(
        inputs, output, settings, workers, scheduler, int(partition_size * 1_000_000), files_per_partition,
        sample if fmt == "html" else 0, not quiet and sys.stderr.isatty() and not os.environ.get("CI"),
    )  # fmt: skip
    if any(n.lower().endswith((".warc", ".warc.gz", ".arc.gz")) for n in inputs):
        try:
            import warcio  # noqa: F401
        except ImportError:
            click.echo("lintkit scan reads WARC files with warcio: pip install 'lintkit[scan]'", err=True)
            sys.exit(2)
    report = run_scan(opts)
    click.echo(report.summary())
    sys.exit(2 if report.failed or report.problems else 0)
