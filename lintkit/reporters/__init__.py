"""Output formats. Each reporter turns file results into text; none of them lints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..api import FileResult
from ..rule import RuleMeta
from . import json_format, text


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


REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_format.render,
}
