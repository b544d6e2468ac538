"""Loading rule packs: YAML files of rules, one rule kind per entry, validated on load.

An invalid pack is a `DataError` naming the file, the line and the problem.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import regex

from .cache import compiled
from .detect import KINDS
from .findings import Category, Severity
from .meta import BadExample, Examples, GoodExample, QuotePolicy, RuleMeta, template_problem
from .rule import Rule
from .structure import Part
from .yamlfile import DataError, Node, check_keys, closest, load_yaml

COMMON_KEYS = {
    "code",
    "name",
    "kind",
    "category",
    "class",
    "severity",
    "message",
    "explanation",
    "parts",
    "quotes",
    "default",
    "examples",
}
REQUIRED_KEYS = {"code", "name", "kind", "category", "severity", "message", "explanation", "examples"}
_CODE = compiled(r"[A-Z]{2,3}\d{3}")
_NAME = compiled(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def load_pack(path: Path) -> list[Rule]:
    data = load_yaml(path)
    if not isinstance(data, Node) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        raise DataError(
            path,
            getattr(data, "line", None),
            "a rule pack is a mapping with one key, 'rules', holding a list",
        )
    rules = []
    for spec in data["rules"]:
        if not isinstance(spec, Node):
            raise DataError(path, data.line_of("rules"), "each rule must be a mapping")
        rules.append(load_rule(path, spec))
    return rules


# Keys whose value is a yes/no: a quoted 'no' is a non-empty string, which bool() reads as yes.
BOOLEAN_KEYS = {"default", "ignore-case", "known-names"}


def load_rule(path: Path, spec: Node) -> Rule:
    code = spec.get("code", "?")
    what = f"rule {code}"
    kind_name = spec.get("kind")
    kind = KINDS.get(str(kind_name))
    if kind is None:
        raise DataError(
            path,
            spec.line_of("kind"),
            f"{what}: unknown kind {kind_name!r}{closest(str(kind_name), set(KINDS))}; "
            f"expected one of {sorted(KINDS)}",
        )
    check_keys(path, spec, COMMON_KEYS | kind.KEYS, REQUIRED_KEYS | kind.REQUIRED, what)
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise DataError(
            path, spec.line_of("code"), f"{what}: a code is 2-3 capital letters and 3 digits, like MT001"
        )
    if not _NAME.fullmatch(str(spec["name"])):
        raise DataError(path, spec.line_of("name"), f"{what}: a name is lowercase-with-hyphens")
    _check_templates(path, spec, what)
    for key in BOOLEAN_KEYS & spec.keys():
        if not isinstance(spec[key], bool):
            problem = f"{what}: {key!r} must be true or false, not {spec[key]!r} (write it without quotes)"
            raise DataError(path, spec.line_of(key), problem)
    meta = RuleMeta(
        code=code,
        name=spec["name"],
        category=_enum(path, spec, "category", Category, what),
        severity=_severity(path, spec, what),
        message=_text(path, spec, "message", what),
        explanation=_text(path, spec, "explanation", what).strip(),
        examples=_examples(path, spec, what),
        parts=_parts(path, spec, what, kind.DEFAULT_PARTS),
        quotes=_enum(path, spec, "quotes", QuotePolicy, what) if "quotes" in spec else QuotePolicy.CHECK,
        artifact_class=str(spec["class"]) if spec.get("class") else None,
        fixable=kind.is_fixable(spec),
        default_enabled=bool(spec.get("default", True)),
        origin=str(path),
    )
    try:
        return kind.from_spec(meta, spec)
    except DataError as exc:
        raise DataError(path, exc.line, exc.problem) from None
    except (ValueError, regex.error) as exc:
        raise DataError(path, spec.line, f"{what}: {exc}") from None


def _check_templates(path: Path, spec: Node, what: str) -> None:
    """The message and fix description are filled per finding: refuse unsafe templates now."""
    places = [(spec, "message", "message")]
    fix = spec.get("fix")
    if isinstance(fix, Node) and "description" in fix:
        places.append((fix, "description", "fix description"))
    for node, key, label in places:
        value = node[key]
        problem = template_problem(value) if isinstance(value, str) else None
        if problem:
            raise DataError(path, node.line_of(key), f"{what}: {label}: {problem}")


def _text(path: Path, spec: Node, key: str, what: str) -> str:
    value = spec[key]
    if not isinstance(value, str) or not value.strip():
        raise DataError(path, spec.line_of(key), f"{what}: {key!r} must be non-empty text")
    return value


def _enum(path: Path, spec: Node, key: str, enum: Any, what: str) -> Any:
    value = str(spec[key])
    try:
        return enum(value)
    except ValueError:
        options = [e.value for e in enum]
        raise DataError(
            path,
            spec.line_of(key),
            f"{what}: {key} {value!r} is not one of {options}{closest(value, options)}",
        ) from None


def _severity(path: Path, spec: Node, what: str) -> Severity:
    try:
        return Severity.parse(str(spec["severity"]))
    except ValueError as exc:
        raise DataError(path, spec.line_of("severity"), f"{what}: {exc}") from None


def _parts(path: Path, spec: Node, what: str, default: frozenset[Part]) -> frozenset[Part]:
    if "parts" not in spec:
        return default
    value = spec["parts"]
    if value == "all":
        return frozenset(Part)
    if not isinstance(value, list):
        raise DataError(path, spec.line_of("parts"), f"{what}: 'parts' must be a list or 'all'")
    parts = set()
    for p in value:
        try:
            parts.add(Part(str(p)))
        except ValueError:
            options = [x.value for x in Part]
            raise DataError(
                path,
                spec.line_of("parts"),
                f"{what}: unknown part {p!r}{closest(str(p), options)}; expected {options}",
            ) from None
    if Part.BODY in parts:
        parts.add(Part.DATELINE)
    return frozenset(parts)


def _examples(path: Path, spec: Node, what: str) -> Examples:
    value = spec["examples"]
    line = spec.line_of("examples")
    if not isinstance(value, Node):
        raise DataError(path, line, f"{what}: 'examples' must be a mapping with 'bad' and 'good'")
    check_keys(path, value, {"bad", "good"}, {"bad", "good"}, f"{what} examples")
    bad, good = value["bad"], value["good"]
    if not isinstance(bad, list) or not bad or not isinstance(good, list) or not good:
        raise DataError(path, line, f"{what}: needs at least one bad and one good example")
    return Examples(
        bad=tuple(parse_bad_example(path, e, what, line) for e in bad),
        good=tuple(parse_good_example(path, e, what, line) for e in good),
    )


def parse_bad_example(path: Path | str, e: Any, what: str, line: int | None) -> BadExample:
    if not isinstance(e, Node):
        raise DataError(path, line, f"{what}: a bad example is a mapping with 'text' and 'finds'")
    check_keys(
        path, e, {"text", "finds", "fixed", "date", "article"}, {"text", "finds"}, f"{what} bad example"
    )
    finds = e["finds"]
    finds = (finds,) if isinstance(finds, str) else tuple(str(f) for f in finds)
    return BadExample(
        text=str(e["text"]),
        finds=finds,
        fixed=str(e["fixed"]) if e.get("fixed") is not None else None,
        date=_date(path, e, what),
        article=_flag(path, e, "article", what),
    )


def parse_good_example(path: Path | str, e: Any, what: str, line: int | None) -> GoodExample:
    if isinstance(e, str):
        return GoodExample(e)
    if not isinstance(e, Node):
        raise DataError(path, line, f"{what}: a good example is text or a mapping with 'text'")
    check_keys(path, e, {"text", "date", "article"}, {"text"}, f"{what} good example")
    return GoodExample(str(e["text"]), _date(path, e, what), _flag(path, e, "article", what))


def _flag(path: Path | str, e: Node, key: str, what: str) -> bool:
    value = e.get(key, False)
    if not isinstance(value, bool):
        raise DataError(path, e.line_of(key), f"{what}: {key!r} must be true or false, not {value!r}")
    return value


def _date(path: Path | str, e: Node, what: str) -> dt.date | None:
    if e.get("date") is None:
        return None
    value = e["date"]
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataError(path, e.line_of("date"), f"{what}: example date must be YYYY-MM-DD") from None
