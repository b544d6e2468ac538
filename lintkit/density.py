"""Per-article artifact density: the basis of a verdict a desk editor can triage by.

Professionally edited copy rarely shows more than one artifact class; spun or machine
translated copy usually shows three or more (see docs/rules.md, "Artifact density").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .findings import Finding

MT_VERDICT = "reads as machine translated"
FEW_VERDICT = "a few artifacts"
CLEAN_VERDICT = "clean"
MT_CLASSES = 3  # distinct artifact classes that make an article read as machine translated


@dataclass(frozen=True, slots=True)
class ArticleStats:
    artifacts: int
    classes: tuple[str, ...]
    words: int

    @property
    def density(self) -> float:
        """Artifact findings per 1,000 words."""
        return self.artifacts * 1000 / self.words if self.words else 0.0

    @property
    def verdict(self) -> str:
        if len(self.classes) >= MT_CLASSES:
            return MT_VERDICT
        return FEW_VERDICT if self.artifacts else CLEAN_VERDICT


def article_stats(findings: Sequence[Finding], words: int) -> ArticleStats:
    """Count findings that carry an artifact class (grammar findings do not)."""
    artifacts = [f for f in findings if f.artifact_class]
    classes = tuple(sorted({f.artifact_class for f in artifacts if f.artifact_class}))
    return ArticleStats(len(artifacts), classes, words)
