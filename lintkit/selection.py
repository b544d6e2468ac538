"""Rule selection by code or code prefix, like ruff: `--select`, `--extend-select`, `--ignore`.

The most specific selector wins (`--select MT --ignore MT001` keeps MT002 and drops MT001;
`--ignore MT --extend-select MT001` keeps MT001 only); at equal specificity `ignore` wins.
`ALL` selects every rule, including those off by default.
"""

from __future__ import annotations

from collections.abc import Sequence

from .rule import Rule
from .yamlfile import closest


class SelectionError(ValueError):
    pass


def _matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def _specificity(selector: str) -> int:
    return 0 if selector == "ALL" else len(selector)


EXTERNAL = ("LT",)  # families of findings from outside checkers (LanguageTool: LT:RULE_ID)


def unknown_selector(selector: str, codes: Sequence[str]) -> str | None:
    """Why a selector matches no rule (with the closest code), or None when it is valid.
    The one test of selectors, for the command line and configuration files alike."""
    if selector == "ALL" or selector.startswith(EXTERNAL) or any(c.startswith(selector) for c in codes):
        return None
    hint = closest(selector, [*codes, *sorted({c.rstrip("0123456789") for c in codes})])
    return f"{selector!r} matches no rule{hint}"


def validate_selectors(selectors: Sequence[str], rules: Sequence[Rule], option: str) -> None:
    codes = [r.meta.code for r in rules]
    for s in selectors:
        problem = unknown_selector(s, codes)
        if problem:
            raise SelectionError(f"{option}: {problem}; run `lintkit rules` to list them")


def select(
    rules: Sequence[Rule],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> list[Rule]:
    """The rules enabled by the selectors (validated: an unknown selector is an error)."""
    validate_selectors(select or (), rules, "select")
    validate_selectors(ignore, rules, "ignore")
    validate_selectors(extend_select, rules, "extend-select")
    return [r for r in rules if enabled(r.meta.code, select, ignore, extend_select, r.meta.default_enabled)]


def enabled(
    code: str,
    select: Sequence[str] | None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    default: bool = True,
) -> bool:
    """Whether the selectors enable a code; the most specific selector wins."""
    best = (-1, 0, default and select is None)  # (specificity, ignore wins ties, enabled)
    for s in [*(select or ()), *extend_select]:
        if _matches(s, code):
            best = max(best, (_specificity(s), 0, True))
    for s in ignore:
        if _matches(s, code):
            best = max(best, (_specificity(s), 1, False))
    return best[2]
