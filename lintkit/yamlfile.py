"""Reading data files (YAML with line numbers, JSON) so that errors name file and line."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


class DataError(ValueError):
    """An invalid rule pack or knowledge-base file: `str()` is `path:line: problem`."""

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class Node(dict[str, Any]):
    """A YAML mapping that knows the line it starts on and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


@cache
def _yaml() -> tuple[Any, Any, Any]:
    """PyYAML, its base loader and lintkit's loader, imported when a file is first parsed
    (a run that reads everything from lintkit's cache never imports them)."""
    import yaml

    try:  # libyaml's parser when present: several times faster on the knowledge bases
        base: Any = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - pure-Python PyYAML
        base = yaml.SafeLoader

    class _Loader(base):  # type: ignore[misc]
        pass

    def _construct_mapping(loader: Any, node: Any) -> Node:
        loader.flatten_mapping(node)
        out = Node()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise DataError(
                    getattr(loader, "name", "<yaml>"),
                    key_node.start_mark.line + 1,
                    f"duplicate key {key!r}",
                )
            out[key] = loader.construct_object(value_node, deep=True)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return yaml, base, _Loader


# Anchors and aliases may repeat a few entries; a file may not grow past this when expanded
# (the "billion laughs": 666 bytes that expand to gigabytes). Checked on the parsed node graph,
# before anything is built, in time linear in the file.
ALIAS_FACTOR = 4
ALIAS_ALLOWANCE = 10_000


MAX_DEPTH = 100  # no pack or knowledge file nests deeper than a handful of levels


def _check_depth(text: str, path: Path) -> bool:
    """Refuse deep nesting before composing: libyaml's composer recurses in C and crashes
    the interpreter on some 30,000 levels (`[[[[…` or `- - - …`). The event parser is
    iterative, so this pass is safe, and it costs about half of composing. Returns whether
    the document uses an alias at all (without one, it cannot expand)."""
    depth = 0
    aliases = False
    yaml, base, _ = _yaml()
    for event in yaml.parse(text, Loader=base):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise DataError(path, line, f"nested more than {MAX_DEPTH} levels deep; refused")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases = True
    return aliases


def _expanded_size(root: Any) -> tuple[int, int]:
    """(nodes once every alias is expanded, distinct nodes) of a composed YAML document."""
    yaml = _yaml()[0]
    size: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in size:
            continue
        children: list[Any] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        if done:
            size[id(node)] = 1 + sum(size[id(c)] for c in children)
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size)
    return size[id(root)], len(size)


def load_yaml(path: str | Path) -> Any:
    """Parse one YAML file with safe loading; syntax errors become `DataError`s."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(path, None, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise DataError(path, None, f"not UTF-8: {exc.reason}") from exc
    yaml, _, loader_class = _yaml()
    loader = loader_class(text)
    loader.name = str(path)
    try:
        aliases = _check_depth(text, path)
        node = loader.get_single_node()
        if node is None:
            return None
        expanded, distinct = _expanded_size(node) if aliases else (0, 0)
        if expanded > ALIAS_FACTOR * distinct + ALIAS_ALLOWANCE:
            raise DataError(
                path, None,
                f"aliases expand {distinct:,} YAML nodes to {expanded:,}; refused (an alias bomb?). "
                "Write the entries out instead of repeating them through anchors",
            )  # fmt: skip
        return loader.construct_document(node)
    except DataError as exc:
        raise DataError(path, exc.line, exc.problem) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise DataError(path, line, f"invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise DataError(path, None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def read_json(path: str | Path, what: str) -> Any:
    """A JSON data file (a baseline, decisions); errors name the file and line."""
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(path, None, f"cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise DataError(path, line, f"not {what} (invalid JSON: {getattr(exc, 'msg', exc)})") from None
    except RecursionError:
        raise DataError(path, None, f"not {what} (JSON nested too deeply)") from None


def closest(name: str, options: list[str] | set[str] | tuple[str, ...]) -> str:
    """' (did you mean X?)' for the nearest option, or '' when nothing is close."""
    import difflib

    match = difflib.get_close_matches(name, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def check_keys(path: str | Path, node: Node, allowed: set[str], required: set[str], what: str) -> None:
    """Reject unknown and missing keys of one mapping, naming the line and the nearest key."""
    for key in node:
        if key not in allowed:
            raise DataError(path, node.line_of(key), f"{what}: unknown key {key!r}{closest(key, allowed)}")
    for key in sorted(required - node.keys()):
        raise DataError(path, node.line, f"{what}: missing required key {key!r}")


def mappings(path: str | Path, data: Any, section: str, noun: str) -> list[Node]:
    """The entries of a section that must be a list of mappings."""
    if not isinstance(data, list):
        raise DataError(path, None, f"{section!r} must be a list")
    for entry in data:
        if not isinstance(entry, Node):
            raise DataError(path, None, f"each {noun} in {section!r} must be a mapping")
    return data


def strings(path: str | Path, node: Node, key: str, what: str, *, non_empty: bool = False) -> tuple[str, ...]:
    """A key holding a list of strings (a single string counts as a list of one)."""
    value = node.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise DataError(path, node.line_of(key), f"{what}: {key!r} must be a list of strings")
    if non_empty and not value:
        raise DataError(path, node.line_of(key), f"{what}: {key!r} must be a non-empty list")
    return tuple(str(v) for v in value)
