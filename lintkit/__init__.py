"""lintkit: a linter for news text that finds machine-translation artifacts, says exactly
where each one is, and proposes a fix."""

from __future__ import annotations

from .api import FileResult, Options, build_linter, lint_path, lint_paths, lint_text
from .document import Document
from .findings import Applicability, Category, Edit, Finding, Fix, Severity

__version__ = "0.1.0"

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
]
