"""The `lintkit` command: a thin layer over lintkit.api.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 usage,
configuration or read errors (always a one-line message, never a traceback).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .api import FileResult, Options, build_linter, lint_bytes, lint_paths
from .findings import Severity
from .knowledge.dates import parse_cli_date
from .registry import load_rules
from .reporters import FORMATS, reporter
from .selection import SelectionError
from .yamlfile import DataError

FAIL_LEVELS = ("error", "warning", "info", "never")


def _codes(values: Sequence[str]) -> list[str]:
    """`--select MT,PU --select FN001` -> ['MT', 'PU', 'FN001']."""
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


class _Group(click.Group):
    """Turns every failure into one line on standard error and exit status 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lintkit")
def main() -> None:
    """A linter for news text: machine-translation artifacts, broken sentences, wrong
    titles, distorted names and scraper residue."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
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
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to FILE instead of standard output.",
)
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (replaces the default set).")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to enable in addition.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_LEVELS),
    default="warning",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option(
    "--date",
    "date_text",
    metavar="YYYY-MM-DD",
    help="The articles' date, for title checks (default: from each dateline).",
)
@click.option(
    "--knowledge",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="An extra knowledge-base YAML file (repeatable).",
)
@click.option(
    "--rules",
    "rule_packs",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="An extra rule pack YAML file (repeatable).",
)
@click.option("--stdin-filename", help="The name to report for standard input ('-').")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: on a terminal, unless NO_COLOR is set).",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    date_text: str | None,
    knowledge: tuple[str, ...],
    rule_packs: tuple[str, ...],
    stdin_filename: str | None,
    quiet: bool,
    color: bool | None,
) -> None:
    """Check articles (files, folders searched for articles, or - for standard input)."""
    try:
        date = parse_cli_date(date_text) if date_text else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from None
    options = Options(
        select=_codes(select) or None,
        ignore=_codes(ignore),
        extend_select=_codes(extend_select),
        date=date,
        knowledge=knowledge,
        rule_packs=rule_packs,
    )
    linter = build_linter(options)
    results = _run(paths, linter, stdin_filename)
    for r in results:
        if r.error:
            click.echo(f"lintkit: {r.path}: error: {r.error}", err=True)
        for w in r.warnings:
            click.echo(f"lintkit: warning: {w}", err=True)
    report = reporter(fmt)(
        results, color=_use_color(color, output), summary=not quiet, rules=[r.meta for r in linter.rules]
    )
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(report)
    else:
        click.echo(report, nl=False)
    sys.exit(_exit_code(results, fail_on))


def _run(paths: Sequence[str], linter: Any, stdin_filename: str | None) -> list[FileResult]:
    """Results in the order the paths were given ('-' reads standard input)."""
    results: list[FileResult] = []
    for p in paths:
        if p == "-":
            results.append(lint_bytes(sys.stdin.buffer.read(), stdin_filename or "-", linter))
        else:
            results.extend(lint_paths([p], linter=linter))
    return results


def _use_color(flag: bool | None, output: str | None) -> bool:
    if flag is not None:
        return flag
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _exit_code(results: Sequence[FileResult], fail_on: str) -> int:
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on)
    return 1 if any(f.severity >= threshold for r in results for f in r.findings) else 0


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(fmt: str) -> None:
    """List every rule: code, name, category, default severity, fixable."""
    import json

    rules = load_rules()
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


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain one rule, with its examples."""
    rules = {r.meta.code: r for r in load_rules()}
    rule = rules.get(code.upper())
    if rule is None:
        from .yamlfile import closest

        raise click.BadParameter(f"no rule {code!r}{closest(code.upper(), set(rules))}", param_hint="CODE")
    m = rule.meta
    click.echo(f"{m.code} {m.name} ({m.category}, default severity {m.severity})\n")
    click.echo(m.explanation + "\n")
    click.echo("Flagged:")
    for b in m.examples.bad:
        click.echo(f"  ✗ {b.text}")
        if b.fixed:
            click.echo(f"    → {b.fixed}")
    click.echo("Not flagged:")
    for g in m.examples.good:
        click.echo(f"  ✓ {g.text}")


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
    from .selftest import verify

    rules = [r for p in packs for r in load_pack(Path(p))] if packs else load_rules()
    kb = KnowledgeBase(knowledge)
    problems = [problem for rule in rules for problem in verify(rule, kb)]
    for problem in problems:
        click.echo(problem)
    examples = sum(len(r.meta.examples.bad) + len(r.meta.examples.good) for r in rules)
    click.echo(f"{len(rules)} rules, {examples} examples, {len(problems)} failing")
    sys.exit(1 if problems else 0)
