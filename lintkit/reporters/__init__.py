"""Output formats. Each reporter turns file results into text; none of them lints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..api import FileResult
from . import json_format, text


class Reporter(Protocol):
    def __call__(
        self, results: Sequence[FileResult], *, color: bool = False, summary: bool = True
    ) -> str: ...


REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_format.render,
}
