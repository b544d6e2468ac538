"""What `lintkit serve` does with a request, apart from HTTP: one linter built at start-up,
each text checked by the function `lintkit check` uses, findings turned into LanguageTool
matches, and LanguageTool's own matches merged in when a server is given to forward to."""

from __future__ import annotations

import bisect
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .. import __version__
from ..api import Options, build_linter, options_for_config
from ..check import check_text
from ..config import Config, find_config, load_config
from ..languagetool import http as lt_http
from ..linter import Linter
from ..meta import RuleMeta
from . import ltapi


@dataclass(frozen=True)
class Settings:
    """How the server was started (`lintkit serve` options)."""

    config: Path | None = None
    languagetool_url: str | None = None
    languagetool_timeout: float = 10.0
    max_chars: int = 200_000


@dataclass
class Answer:
    """A `/v2/check` answer and what the access log records of it."""

    body: dict[str, Any]
    matches: int
    forwarded: str | None = None  # "ok", or why LanguageTool's matches are missing


class Service:
    """Built once at start-up: the configuration, every rule (a request's switches choose
    among their findings), and the LanguageTool endpoint to forward to."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        config: Config = (
            replace(load_config(settings.config), explicit=True)
            if settings.config
            else find_config(Path.cwd())
        )
        self.options: Options = options_for_config(config)
        self.base = ltapi.Selection(self.options.select, self.options.ignore, self.options.extend_select)
        # Every rule runs; each request's selection filters the findings (rules are built once).
        self.linter: Linter = build_linter(replace(self.options, select=("ALL",), ignore=(), extend_select=(),
                                                   languagetool=None))  # fmt: skip
        self.linter.warm()
        self.rules: dict[str, RuleMeta] = {r.meta.code: r.meta for r in self.linter.rules}
        self.endpoint = (
            lt_http.Endpoint.parse(settings.languagetool_url) if settings.languagetool_url else None
        )
        self._languages: tuple[float, list[dict[str, str]]] | None = None
        self._lock = threading.Lock()

    # -- /v2/check ---------------------------------------------------------------------------

    def check(self, request: ltapi.CheckRequest) -> Answer:
        annotated = request.annotated
        units = lt_http.Utf16Offsets(annotated.original)
        own: list[tuple[tuple[int, int], dict[str, Any]]] = []
        if request.english and annotated.text.strip():
            own = self._lintkit_matches(request, units)
        elif not request.english and self.endpoint is None:
            raise ltapi.RequestError(
                f"lintkit checks English only (language=en, en-US, en-GB, … or auto), not "
                f"{request.language!r}; start lintkit serve with --languagetool-url to forward other "
                "languages to LanguageTool"
            )
        theirs: list[tuple[tuple[int, int], dict[str, Any]]] = []
        forwarded: str | None = None
        detected: dict[str, Any] | None = None
        if self.endpoint is not None:
            try:
                theirs, detected = self._forward(request, units)
                forwarded = "ok"
            except lt_http.ServerError as exc:
                forwarded = str(exc)
        matches = ltapi.merge(own, theirs)
        body = {
            "software": ltapi.software(__version__),
            "warnings": {"incompleteResults": forwarded not in (None, "ok")},
            "language": ltapi.language_block(request.language, detected),
            "matches": matches,
        }
        return Answer(body, len(matches), forwarded)

    def _lintkit_matches(
        self, request: ltapi.CheckRequest, units: lt_http.Utf16Offsets
    ) -> list[tuple[tuple[int, int], dict[str, Any]]]:
        annotated = request.annotated
        selection = ltapi.Selection.of(self.base, request, self.rules.values())
        checked = check_text(self.linter, annotated.text, "request.txt", self.options.filters("request.txt"))
        sentences = checked.document.sentences if checked.document is not None else []
        starts = [s.start for s in sentences]
        out = []
        for f in checked.findings:
            meta = self.rules.get(f.rule)
            if meta is not None and not selection.allows(meta):
                continue
            i = bisect.bisect_right(starts, f.start) - 1
            sentence = (sentences[i].start, sentences[i].end) if i >= 0 else (f.start, f.end)
            out.append(ltapi.lintkit_match(f, meta, annotated, units, sentence))
        return out

    def _forward(
        self, request: ltapi.CheckRequest, units: lt_http.Utf16Offsets
    ) -> tuple[list[tuple[tuple[int, int], dict[str, Any]]], dict[str, Any] | None]:
        from ..languagetool.checker import NEWS_DISABLED_RULES

        assert self.endpoint is not None
        form = ltapi.forward_form(request, self.rules, NEWS_DISABLED_RULES)
        if form is None:
            return [], None
        answer = lt_http.post(self.endpoint, "check", form, self.settings.languagetool_timeout)
        if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
            raise lt_http.ServerError("answer has no list of matches")
        original = request.annotated.original
        rebuilt = (ltapi.languagetool_match(raw, units, original) for raw in answer["matches"])
        matches = [m for m in rebuilt if m is not None]
        language = answer.get("language")
        detected = None
        if request.language.lower() == "auto" and isinstance(language, dict):
            name, code = language.get("name"), language.get("code")
            if isinstance(name, str) and isinstance(code, str):
                name, code = name[:100], code[:40]
                found = {"name": name, "code": code, "confidence": 1.0}
                detected = {"name": name, "code": code, "detectedLanguage": found}
        return matches, detected

    # -- /v2/languages -----------------------------------------------------------------------

    def languages(self) -> list[dict[str, str]]:
        """English variants, and every language LanguageTool offers when forwarding to it
        (asked at most every ten minutes)."""
        own = ltapi.languages()
        if self.endpoint is None:
            return own
        with self._lock:
            cached = self._languages
        if cached is not None and time.monotonic() - cached[0] < 600:
            return cached[1]
        merged = list(own)
        try:
            answer = lt_http.get(self.endpoint, "languages", min(self.settings.languagetool_timeout, 5.0))
        except lt_http.ServerError:
            return own
        seen = {m["longCode"] for m in own}
        for lang in answer if isinstance(answer, list) else []:
            if not isinstance(lang, dict):
                continue
            name, code, long_code = lang.get("name"), lang.get("code"), lang.get("longCode")
            if (
                isinstance(name, str)
                and isinstance(code, str)
                and isinstance(long_code, str)
                and all(0 < len(v) <= 100 for v in (name, code, long_code))
                and long_code not in seen
            ):
                seen.add(long_code)
                merged.append({"name": name, "code": code, "longCode": long_code})
        with self._lock:
            self._languages = (time.monotonic(), merged)
        return merged
