"""Output formats. Each reporter module defines `render(report: Report) -> str` and turns
the results of a run into text; none of them lints, and they import only the result types
(`lintkit.findings`) and rule metadata (`lintkit.meta`). Modules are imported when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..findings import FileResult
from ..meta import RuleMeta


class Report(NamedTuple):
    """What a reporter renders: the file results, the rules that ran (for formats that
    describe them, such as SARIF), and, for human-readable formats, colour and summary."""

    results: Sequence[FileResult]
    rules: Sequence[RuleMeta] = ()
    color: bool = False
    summary: bool = True


# --format name -> module in this package
FORMATS: dict[str, str] = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "rdjson": "rdjson",
    "html": "html",
}


def reporter(name: str) -> Callable[..., str]:
    """A format's renderer as a function of (results, *, color, summary, rules)."""
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    render: Callable[[Report], str] = module.render

    def call(
        results: Sequence[FileResult],
        *,
        color: bool = False,
        summary: bool = True,
        rules: Sequence[RuleMeta] = (),
    ) -> str:
        return render(Report(results, rules, color, summary))

    return call
