"""Rule selection by code, code prefix or rule name, like ruff: `--select`,
`--extend-select`, `--ignore`, `per-file-ignores` and inline suppressions.

Codes and prefixes are case-insensitive (`mt001` is MT001); a rule's name selects that rule
(`broken-sentence` is MT001). The most specific selector wins (`--select MT --ignore MT001`
keeps MT002 and drops MT001; `--ignore MT --extend-select MT001` keeps MT001 only; a name
counts as a full code); at equal specificity `ignore` wins. `ALL` selects every rule,
including those off by default.
"""

from __future__ import annotations

from collections.abc import Sequence

from .rule import Rule
from .yamlfile import closest


class SelectionError(ValueError):
    pass


def strength(selector: str, code: str, name: str = "") -> int | None:
    """How specifically `selector` selects the rule `code` (named `name`): None when it does
    not, 0 for ALL, the prefix length for a code or prefix, more than any code for a name."""
    s = selector.strip()
    upper = s.upper()
    if upper == "ALL":
        return 0
    if name and s.lower() == name:
        return 100
    return len(upper) if code.upper().startswith(upper) else None


def matches(selector: str, code: str, name: str = "") -> bool:
    return strength(selector, code, name) is not None


EXTERNAL = ("LT",)  # families of findings from outside checkers (LanguageTool: LT:RULE_ID)


def unknown_selector(selector: str, codes: Sequence[str], names: Sequence[str] = ()) -> str | None:
    """Why a selector matches no rule (with the closest code or name), or None when it is
    valid. The one test of selectors, for the command line and configuration files alike."""
    upper = selector.strip().upper()
    if upper == "ALL" or upper.startswith(EXTERNAL) or any(c.upper().startswith(upper) for c in codes):
        return None
    if selector.strip().lower() in names:
        return None
    families = sorted({c.rstrip("0123456789") for c in codes})
    hint = closest(upper, [*codes, *families]) or closest(selector.strip().lower(), list(names))
    return f"{selector!r} matches no rule code or name{hint}"


def validate_selectors(selectors: Sequence[str], rules: Sequence[Rule], option: str) -> None:
    codes = [r.meta.code for r in rules]
    names = [r.meta.name for r in rules]
    for s in selectors:
        problem = unknown_selector(s, codes, names)
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
    return [
        r
        for r in rules
        if enabled(r.meta.code, select, ignore, extend_select, r.meta.default_enabled, r.meta.name)
    ]


def enabled(
    code: str,
    select: Sequence[str] | None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    default: bool = True,
    name: str = "",
) -> bool:
    """Whether the selectors enable a code; the most specific selector wins."""
    best = (-1, 0, default and select is None)  # (specificity, ignore wins ties, enabled)
    for s in [*(select or ()), *extend_select]:
        k = strength(s, code, name)
        if k is not None:
            best = max(best, (k, 0, True))
    for s in ignore:
        k = strength(s, code, name)
        if k is not None:
            best = max(best, (k, 1, False))
    return best[2]
