"""Grammar and spelling from a LanguageTool server, as ordinary lintkit findings.

This module holds the settings and the one decision whether LanguageTool runs; the client
(`checker`) is imported only when it does. Its configuration keys (`[languagetool]` in a
configuration file) are listed here, next to the code that reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_BATCH_CHARS = 20_000  # measured: 5-60k characters per request all run near full speed

# The `[languagetool]` table of a configuration file: key -> what it holds.
CONFIG_KEYS: dict[str, str] = {
    "enabled": "true or false (a table without it turns LanguageTool on)",
    "url": "the server's address",
    "language": "a language code such as en-US",
    "disabled-rules": "LanguageTool rule ids to turn off",
    "enabled-rules": "rule ids to turn back on (e.g. ones off by lintkit's news defaults)",
    "disabled-categories": "LanguageTool category ids to turn off",
    "spelling": "true to keep spelling (TYPOS) matches",
    "batch-size": "characters per request",
    "timeout": "seconds one request may take in all (default 30)",
    "run-timeout": "seconds a whole run may wait on LanguageTool (default 600)",
}


@dataclass(frozen=True)
class LTSettings:
    """How to reach and configure LanguageTool for one configuration. A run that has these
    checks grammar; a run without them (None) does not."""

    url: str | None = None
    language: str = "en-US"
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    spelling: bool = False
    batch_chars: int = DEFAULT_BATCH_CHARS
    timeout: float = 30.0
    run_timeout: float = 600.0
    require: bool = False


def settings_from(
    table: Mapping[str, Any], *, enabled: bool | None = None, url: str | None = None, require: bool = False
) -> LTSettings | None:
    """The one place that decides whether LanguageTool runs: the command line
    (`--require-languagetool`, then `--languagetool/--no-languagetool`, then
    `--languagetool-url`) over the configuration's `[languagetool]` table. None: off."""
    if require:
        on = True
    elif enabled is not None:
        on = enabled
    elif url:
        on = True
    else:  # a [languagetool] table turns it on unless it says `enabled = false`
        on = bool(table.get("enabled", bool(table)))
    if not on:
        return None

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, ())
        return (value,) if isinstance(value, str) else tuple(str(v) for v in value)

    return LTSettings(
        url=url or table.get("url"),
        language=str(table.get("language", "en-US")),
        disabled_rules=strings("disabled-rules"),
        enabled_rules=strings("enabled-rules"),
        disabled_categories=strings("disabled-categories"),
        spelling=bool(table.get("spelling", False)),
        batch_chars=int(table.get("batch-size", DEFAULT_BATCH_CHARS)),
        timeout=float(table.get("timeout", 30.0)),
        run_timeout=float(table.get("run-timeout", 600.0)),
        require=require,
    )


__all__ = ["CONFIG_KEYS", "DEFAULT_BATCH_CHARS", "LTSettings", "settings_from"]
