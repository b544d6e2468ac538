"""Configuration files: `[tool.lintkit]` in pyproject.toml, `lintkit.toml` or `.lintkit.toml`.

The nearest file above a checked article wins (in one folder: `.lintkit.toml`, then
`lintkit.toml`, then a pyproject.toml that has a `[tool.lintkit]` table); `--config FILE`
overrides the search. Paths and globs in a file are relative to its folder. An unknown key
or rule code is an error naming the file and line and suggesting the closest valid name.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import regex

from .findings import Severity
from .formats import DEFAULT_INCLUDE
from .languagetool import CONFIG_KEYS as LANGUAGETOOL_KEYS
from .paths import forget as forget_folders
from .paths import real, real_folder, real_folder_of_file
from .yamlfile import DataError, closest

CONFIG_NAMES = (".lintkit.toml", "lintkit.toml", "pyproject.toml")
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    "build",
    "dist",
)
FAIL_LEVELS = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Config:
    """One configuration file's settings (or the defaults, with `path` None)."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    rules: tuple[Path, ...] = ()
    knowledge: tuple[Path, ...] = ()
    date: dt.date | None = None
    house_style: tuple[tuple[str, str], ...] = ()
    languagetool: tuple[tuple[str, Any], ...] = ()
    max_size: float | None = None  # megabytes; None: the default limit
    severity: tuple[tuple[str, Severity], ...] = ()  # per-rule overrides (selector, severity)
    baseline: Path | None = None  # findings recorded here are left alone (unless --baseline)
    explicit: bool = False  # given with --config (or by the API caller), not found by searching

    def may_send_text(self) -> bool:
        """Whether this file may have article text sent over the network (`[languagetool]`).
        Only the project's own configuration may: one given explicitly, or one inside the
        project (`project_root`). A file in an ancestor folder (a shared temp folder, a
        network drive) could otherwise send every article below it to any address."""
        if self.path is None or self.explicit:
            return True
        top = project_root()
        return self.root == top or top in self.root.parents

    @cached_property
    def _real_root(self) -> Path:
        return real(self.root)

    @cached_property
    def _real_root_prefix(self) -> str:
        root = str(self._real_root)
        return root if root.endswith("/") else root + "/"

    def _relative_below(self, path: Path) -> str | None:
        """`relative` for an ordinary file below this configuration's folder, worked out on
        strings (a run asks it for every file); None when `relative` must work it out."""
        if os.sep != "/":
            return None
        folder = real_folder_of_file(path)
        if folder is None:
            return None
        full = os.path.join(folder, os.path.basename(os.fspath(path)))
        prefix = self._real_root_prefix
        return full[len(prefix) :] if full.startswith(prefix) else None

    def relative(self, path: Path) -> str:
        """`path` relative to this configuration's folder, with forward slashes."""
        below = self._relative_below(path)
        return below if below is not None else self._relative_from_real(path)

    def _relative_from_real(self, path: Path) -> str:
        """`relative` for any path: links followed first."""
        try:  # real(), unlike resolve(), does not raise on a loop of links
            return PurePosixPath(real(path).relative_to(self._real_root)).as_posix()
        except ValueError:
            return path.as_posix()

    def ignored_codes(self, path: Path) -> tuple[str, ...]:
        """Codes `per-file-ignores` turns off for `path`."""
        if not self.per_file_ignores:
            return ()
        rel = self.relative(path)
        return tuple(c for pattern, codes in self.per_file_ignores if _glob(rel, pattern) for c in codes)

    def includes(self, path: Path) -> bool:
        """Whether a file's name, or its path from this file's folder, matches `include`."""
        names, paths = _globs(self.include)
        if names.match(os.path.normcase(path.name)):
            return True
        rel = os.path.normcase(self.relative(path))
        return bool(paths.match(rel) or names.match(PurePosixPath(rel).name))

    def excludes(self, path: Path) -> bool:
        """Whether any part of a path, or the path from this file's folder, matches
        `exclude` (or the folders always left out: .git, .venv, node_modules, …)."""
        names, paths = _globs((*DEFAULT_EXCLUDE, *self.exclude))
        below = self._relative_below(path)  # a plain relative path: its parts are its pieces
        rel = os.path.normcase(self._relative_from_real(path) if below is None else below)
        parts = PurePosixPath(rel).parts if below is None else rel.split("/")
        return bool(paths.match(rel)) or any(names.match(part) for part in parts)

    def file_filter(self, folder: Path) -> Callable[[str], bool] | None:
        """`includes(folder / name) and not excludes(folder / name)` for a file of `folder`
        that is not a symbolic link, by its name: what depends on the folder (its real path,
        its path from this file's folder, whether a part of it is excluded) is worked out
        once, not per file (a folder of a thousand articles cost 30 ms). None where paths
        cannot be worked out on strings (Windows, a path through "..")."""
        name = os.fspath(folder)
        if os.sep != "/" or ".." in name.split("/"):
            return None
        resolved = os.path.join(real_folder(name), "")
        prefix = self._real_root_prefix
        if resolved.startswith(prefix):  # below this file's folder (as `_relative_below`)
            lead = resolved[len(prefix) :]
            folder_parts: Sequence[str] = lead.split("/")[:-1]
        else:  # elsewhere: the path as given (as `_relative_from_real`)
            lead = (folder / "_").as_posix()[:-1]
            folder_parts = PurePosixPath(lead + "_").parts[:-1]
        include_names, include_paths = _globs(self.include)
        exclude_names, exclude_paths = _globs((*DEFAULT_EXCLUDE, *self.exclude))
        if any(exclude_names.match(part) for part in folder_parts):
            return lambda file: False

        def selected(file: str) -> bool:
            rel = lead + file
            return bool(
                (include_names.match(file) or include_paths.match(rel))
                and not (exclude_names.match(file) or exclude_paths.match(rel))
            )

        return selected


@cache
def _globs(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`patterns` as two compiled alternations, for `_glob`'s rules without a call per
    pattern: one for a single name (a file's or a folder's), one for a path (with `**/`
    also matching at the top)."""
    forms = [os.path.normcase(p) for p in patterns]
    on_paths = [*forms, *(p[3:] for p in forms if p.startswith("**/"))]

    def alternation(globs: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{fnmatch.translate(g)})" for g in globs) or "(?!)")

    return alternation(forms), alternation(on_paths)


def _glob(path: str, pattern: str) -> bool:
    """Glob match where `**/` spans folders and a pattern without `/` matches at any depth."""
    if "/" not in pattern:
        return fnmatch.fnmatch(PurePosixPath(path).name, pattern) or fnmatch.fnmatch(path, pattern)
    return fnmatch.fnmatch(path, pattern) or (
        pattern.startswith("**/") and fnmatch.fnmatch(path, pattern[3:])
    )


# key -> (type description, converter)
_LIST = "a list of strings"
_KEYS = {
    "select": _LIST,
    "ignore": _LIST,
    "extend-select": _LIST,
    "per-file-ignores": "a table of glob = [codes]",
    "fail-on": "one of " + ", ".join(FAIL_LEVELS),
    "include": _LIST,
    "exclude": _LIST,
    "extend-exclude": _LIST,
    "rules": _LIST,
    "knowledge": _LIST,
    "date": "a date YYYY-MM-DD",
    "house-style": "a table of group = variant",
    "languagetool": "true, false, or a table (see docs/languagetool.md)",
    "max-size": "a positive number of megabytes",
    "severity": "a table of code, prefix or rule name = error, warning or info",
    "baseline": "a baseline file (see --add-baseline) applied to every check",
}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v < 1e9


def _is_strings(v: Any) -> bool:
    return isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v))


_LT_TYPES: dict[str, tuple[Any, str]] = {
    "enabled": (lambda v: isinstance(v, bool), "true or false"),
    "url": (lambda v: isinstance(v, str) and v.startswith(("http://", "https://")), "an http(s):// address"),
    "language": (lambda v: isinstance(v, str) and bool(v.strip()), "a language code such as en-US"),
    "disabled-rules": (_is_strings, "a list of rule ids"),
    "enabled-rules": (_is_strings, "a list of rule ids"),
    "disabled-categories": (_is_strings, "a list of category ids"),
    "spelling": (lambda v: isinstance(v, bool), "true or false"),
    "batch-size": (lambda v: _is_number(v) and isinstance(v, int), "a positive whole number"),
    "timeout": (_is_number, "a positive number of seconds"),
    "run-timeout": (_is_number, "a positive number of seconds"),
}


def load_config(path: Path) -> Config:
    """Read one configuration file; a pyproject.toml without `[tool.lintkit]` gives None."""
    if sys.version_info >= (3, 11):  # (imported here: a run without a configuration file,
        import tomllib  # or with --isolated, does not pay for it)
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(path, _line_of_error(str(exc)), f"invalid TOML: {exc}") from None
    except RecursionError:
        raise DataError(path, None, "invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("lintkit", {})
    root = real(path.parent)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEYS:
            raise DataError(path, _line_of(text, key), f"unknown key {key!r}{closest(key, set(_KEYS))}")
        values[key] = _convert(path, text, key, value, root)
    exclude = tuple(values.get("exclude", ())) + tuple(values.get("extend-exclude", ()))
    return Config(
        path=path,
        root=root,
        select=tuple(values["select"]) if "select" in values else None,
        ignore=tuple(values.get("ignore", ())),
        extend_select=tuple(values.get("extend-select", ())),
        per_file_ignores=values.get("per-file-ignores", ()),
        fail_on=values.get("fail-on"),
        include=tuple(values.get("include", DEFAULT_INCLUDE)),
        exclude=exclude,
        rules=tuple(root / p for p in values.get("rules", ())),
        knowledge=tuple(root / p for p in values.get("knowledge", ())),
        date=values.get("date"),
        house_style=values.get("house-style", ()),
        languagetool=values.get("languagetool", ()),
        max_size=values.get("max-size"),
        severity=values.get("severity", ()),
        baseline=root / values["baseline"] if "baseline" in values else None,
    )


def _convert(path: Path, text: str, key: str, value: Any, root: Path) -> Any:
    line = _line_of(text, key)
    kind = _KEYS[key]

    def fail() -> DataError:
        return DataError(path, line, f"{key!r} must be {kind}")

    if kind == _LIST:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail()
        return value
    if key == "per-file-ignores":
        if not isinstance(value, dict) or not all(
            isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()
        ):
            raise fail()
        return tuple((glob, tuple(codes)) for glob, codes in value.items())
    if key == "fail-on":
        if value not in FAIL_LEVELS:
            raise DataError(path, line, f"'fail-on' must be {kind}{closest(str(value), FAIL_LEVELS)}")
        return value
    if key == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise fail() from None
    if key == "languagetool":
        if isinstance(value, bool):
            return (("enabled", value),)
        if not isinstance(value, dict):
            raise fail()
        for k, v in value.items():
            if k not in LANGUAGETOOL_KEYS:
                hint = closest(k, set(LANGUAGETOOL_KEYS))
                raise DataError(path, _line_of(text, k), f"languagetool: unknown key {k!r}{hint}")
            valid, kind_of = _LT_TYPES[k]
            if not valid(v):
                raise DataError(path, _line_of(text, k), f"languagetool: {k!r} must be {kind_of}, not {v!r}")
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in value.items()))
    if key == "baseline":
        if not isinstance(value, str) or not value.strip():
            raise fail()
        return value
    if key == "severity":
        if not isinstance(value, dict):
            raise fail()
        out = []
        for selector, level in value.items():
            try:
                out.append((selector, Severity.parse(str(level))))
            except ValueError:
                problem = f"severity: {selector} must be error, warning or info, not {level!r}"
                raise DataError(path, _line_of(text, selector), problem) from None
        return tuple(out)
    if key == "max-size":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e6:
            raise fail()
        return float(value)
    if key == "house-style":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise fail()
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in value.items()))
    raise AssertionError(key)  # pragma: no cover


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(path, None, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DataError(path, None, f"not UTF-8: {exc.reason}") from None


def _line_of(text: str, key: str) -> int | None:
    name = rf"[\"']?{regex.escape(key)}[\"']?"
    m = regex.search(rf"(?m)^[ \t]*(?:{name}[ \t]*=|\[(?:tool\.lintkit\.)?{name}\])", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _line_of_error(message: str) -> int | None:
    m = regex.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


@cache
def _config_in(folder: Path) -> Config | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            if name == "pyproject.toml" and "[tool.lintkit" not in _read(candidate):
                continue
            return load_config(candidate)
    return None


def forget() -> None:
    """Drop remembered configuration files (a new run reads them again)."""
    _config_in.cache_clear()
    _config_at_or_above.cache_clear()
    _config_at_or_above_named.cache_clear()
    project_root.cache_clear()
    forget_folders()


@cache
def project_root() -> Path:
    """The project lintkit runs in: the nearest folder at or above the working directory
    that holds a repository (`.git`, `.hg`), else the working directory itself."""
    cwd = real(Path.cwd())
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists() or (folder / ".hg").exists():
            return folder
    return cwd


def find_config(start: Path) -> Config:
    """The nearest configuration at or above `start` (a file or folder), or the defaults."""
    known = real_folder_of_file(start)  # an ordinary file: its folder without building paths
    if known is not None:
        return _config_at_or_above_named(known)
    folder = real(start)
    if not folder.is_dir():
        folder = folder.parent
    return _config_at_or_above(folder)


@cache
def _config_at_or_above_named(folder: str) -> Config:
    """`_config_at_or_above` by the real folder's name (a run asks once per file)."""
    return _config_at_or_above(Path(folder))


@cache
def _config_at_or_above(folder: Path) -> Config:
    """`find_config` for a real folder, remembered like `_config_in` (the files of one
    folder share it)."""
    for candidate in (folder, *folder.parents):
        found = _config_in(candidate)
        if found is not None:
            return found
    return Config()


def check_codes(config: Config, codes: set[str], names: Collection[str] = ()) -> None:
    """Every code, prefix or name a configuration gives must match a rule (or LanguageTool)."""
    if config.path is None:
        return
    from .selection import unknown_selector

    text = _read(config.path)
    groups = [
        ("select", config.select or ()),
        ("ignore", config.ignore),
        ("extend-select", config.extend_select),
    ]
    groups += [("per-file-ignores", c) for _, c in config.per_file_ignores]
    groups.append(("severity", tuple(selector for selector, _ in config.severity)))
    known = sorted(codes)
    for key, selectors in groups:
        for s in selectors:
            problem = unknown_selector(s, known, sorted(names))
            if problem:
                raise DataError(config.path, _line_of(text, key), f"{key}: {problem}")


def check_house_style(config: Config, groups: dict[str, tuple[str, ...]]) -> None:
    """Every `house-style` entry must name a group of a consistency rule and one of its
    variants (`groups`: group name -> variant names), or the preference would silently do
    nothing."""
    if config.path is None or not config.house_style:
        return
    text = _read(config.path)
    for name, variant in config.house_style:
        line = _line_of(text, name)
        if name not in groups:
            hint = closest(name, set(groups))
            problem = f"house-style: unknown group {name!r}{hint}; groups: {', '.join(sorted(groups))}"
            raise DataError(config.path, line, problem)
        if variant not in groups[name]:
            options = ", ".join(repr(v) for v in groups[name])
            problem = f"house-style: {name} must be one of {options}, not {variant!r}"
            raise DataError(config.path, line, problem)


def severity_threshold(level: str) -> Severity | None:
    return None if level == "never" else Severity.parse(level)
