"""The article verdict: how strongly one article's findings say "machine translated or spun".

Professionally edited copy shows an occasional slip of one kind; spun or machine-translated
copy shows several kinds at once, and some kinds (a thesaurus swap in a fixed phrase, a
broken HTML entity, a mixed-case "a.M.") almost never occur in edited copy at all. The score
combines, in a logistic model:

- evidence from each artifact class, saturating (the first hits of a class count most), with
  a weight per class *tier*: `specific` classes that edited copy almost never shows,
  `structural` ones it shows now and then (a stray period, an unbalanced quote), `style`;
- the number of distinct classes;
- the density of artifacts per 1,000 words (so a 300-word excerpt and a 3,000-word article
  are judged alike).

The weights are data (`rules/models/verdict.yaml`), fitted by
`scripts/calibrate_verdict.py` on annotated machine-translated and spun pages and on clean
professional news; `benchmarks/evaluate.py` prints how well the score separates them (ROC
AUC). A score of at least `mt_threshold` reads as machine translated.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .findings import Finding

MT_VERDICT = "reads as machine translated"
FEW_VERDICT = "a few artifacts"
CLEAN_VERDICT = "clean"


@dataclass(frozen=True)
class Model:
    bias: float
    tiers: dict[str, float]  # tier -> weight of log(1 + hits) per class of that tier
    class_of_tier: dict[str, str]  # artifact class -> tier (unknown classes: "structural")
    distinct: float  # weight per distinct class beyond the first
    density: float  # weight of log(1 + artifacts per 1,000 words)
    mt_threshold: float


@cache
def model() -> Model:
    from .cache import cached
    from .paths import rules_dir
    from .yamlfile import load_yaml

    path = rules_dir() / "models" / "verdict.yaml"
    data: Any = cached("verdict-model", [path], lambda: _plain(load_yaml(path)))
    classes = {str(c): str(t) for t, members in data["tiers"].items() for c in members["classes"]}
    return Model(
        bias=float(data["bias"]),
        tiers={str(t): float(m["weight"]) for t, m in data["tiers"].items()},
        class_of_tier=classes,
        distinct=float(data["distinct"]),
        density=float(data["density"]),
        mt_threshold=float(data["mt-threshold"]),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def features(counts: Counter[str], words: int, m: Model) -> dict[str, float]:
    """The model's inputs for one article: per tier, the sum over its classes of
    log(1 + hits); distinct classes beyond the first; log(1 + density)."""
    out = {tier: 0.0 for tier in m.tiers}
    for cls, n in counts.items():
        out[m.class_of_tier.get(cls, "structural")] += math.log1p(n)
    out["distinct"] = max(0, len(counts) - 1)
    total = sum(counts.values())
    out["density"] = math.log1p(1000 * total / max(words, 100))
    return out


@dataclass(frozen=True, slots=True)
class ArticleStats:
    artifacts: int
    classes: tuple[str, ...]
    words: int
    score: float  # 0..1: how strongly the findings say machine translated or spun

    @property
    def density(self) -> float:
        """Artifact findings per 1,000 words."""
        return self.artifacts * 1000 / self.words if self.words else 0.0

    @property
    def verdict(self) -> str:
        if self.artifacts and self.score >= model().mt_threshold:
            return MT_VERDICT
        return FEW_VERDICT if self.artifacts else CLEAN_VERDICT


def assess(findings: Sequence[Finding], words: int) -> ArticleStats:
    """The verdict on one article from its findings (grammar findings carry no artifact
    class and do not count)."""
    counts: Counter[str] = Counter(f.artifact_class for f in findings if f.artifact_class)
    m = model()
    x = features(counts, words, m)
    z = (
        m.bias
        + sum(m.tiers[t] * x[t] for t in m.tiers)
        + m.distinct * x["distinct"]
        + m.density * x["density"]
    )
    score = 1 / (1 + math.exp(-z)) if counts else 0.0
    return ArticleStats(sum(counts.values()), tuple(sorted(counts)), words, score)


def threshold() -> float:
    return model().mt_threshold


def explanation() -> str:
    """What `lintkit explain verdict` prints: how the score is made, with its weights."""
    m = model()
    tiers = "\n".join(
        f"  {tier:10} weight {weight:.2f}: "
        + ", ".join(sorted(c for c, t in m.class_of_tier.items() if t == tier))
        for tier, weight in m.tiers.items()
    )
    return (
        "The article verdict\n\n"
        "Each checked article gets a score from 0 to 1: how strongly its findings say the text\n"
        "was machine translated or spun. Edited copy shows an occasional slip of one kind;\n"
        "translated or spun copy shows several kinds at once, and some kinds almost never occur\n"
        "in edited copy. The score is a logistic model over:\n"
        "- per class tier, the sum over its classes of log(1 + findings of that class);\n"
        f"- the number of distinct classes beyond the first (weight {m.distinct:.2f});\n"
        f"- log(1 + artifact findings per 1,000 words) (weight {m.density:.2f}), so a short excerpt\n"
        "  and a long article are judged alike;\n"
        f"- a constant (bias {m.bias:.2f}).\n\n"
        f"Tiers:\n{tiers}\n\n"
        f"A score of {m.mt_threshold:.2f} or more reads as machine translated; any artifact finding\n"
        "below that is 'a few artifacts'; none is 'clean'. Grammar findings (LanguageTool) do not\n"
        "count. The weights (rules/models/verdict.yaml) were fitted by scripts/calibrate_verdict.py\n"
        "on real machine-translated and spun pages against professionally edited news; the\n"
        "file's header gives the figures (ROC AUC)."
    )
