"""Output formats. Each reporter module defines `render(results, *, color, summary, rules)`
and turns file results into text; none of them lints. Modules are imported when used."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Protocol

from ..api import FileResult
from ..rule import RuleMeta


class Reporter(Protocol):
    """Renders the results of a run. `rules` are the rules that ran (for formats that
    describe them, such as SARIF); `color` and `summary` concern human-readable formats."""

    def __call__(
        self,
        results: Sequence[FileResult],
        *,
        color: bool = False,
        summary: bool = True,
        rules: Sequence[RuleMeta] = (),
    ) -> str: ...


# --format name -> module in this package
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "rdjson": "rdjson",
    "html": "html",
}


def reporter(name: str) -> Reporter:
    """The `render` function of a format."""
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    render: Reporter = module.render
    return render
