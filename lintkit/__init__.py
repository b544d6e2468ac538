"""lintkit: a linter for news text that finds machine-translation artifacts, says exactly
where each one is, and proposes a fix.

The public names below are imported on first use, so importing one part of lintkit (a
reporter, the findings) does not load the rules, the knowledge bases or LanguageTool.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Options": "api",
    "build_linter": "api",
    "lint_path": "api",
    "lint_paths": "api",
    "lint_text": "api",
    "options_for": "api",
    "Document": "document",
    "Applicability": "findings",
    "Category": "findings",
    "Edit": "findings",
    "FileResult": "findings",
    "Finding": "findings",
    "Fix": "findings",
    "Severity": "findings",
}

if TYPE_CHECKING:
    from .api import Options, build_linter, lint_path, lint_paths, lint_text, options_for
    from .document import Document
    from .findings import Applicability, Category, Edit, FileResult, Finding, Fix, Severity


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lintkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "Applicability",
    "Category",
    "Document",
    "Edit",
    "FileResult",
    "Finding",
    "Fix",
    "Options",
    "Severity",
    "__version__",
    "build_linter",
    "lint_path",
    "lint_paths",
    "lint_text",
    "options_for",
]
