"""LanguageTool's HTTP API with lintkit's findings: requests read, matches written.

Only the protocol lives here (no web framework), so it is tested directly and the server
(`app.py`) stays thin. What it follows is LanguageTool's published API description (its
Swagger file, `basePath: /v2`): `POST /v2/check` with `text` or `data`, `language`, the
rule and category switches, `enabledOnly` and `level`, answered with `software`,
`language` and `matches`; `GET /v2/languages`. `openapi.json` beside this module describes
what lintkit serves, for clients and for the fuzzing tests.

Offsets: LanguageTool is written in Java and counts UTF-16 code units; lintkit counts code
points. Every offset and length in an answer is converted, so a client's offsets are right
after an emoji as well as before it. For `data` (text with markup), offsets count the whole
annotated text, markup included, as LanguageTool's do.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..findings import Category, Finding, Fix, Severity
from ..languagetool.http import Utf16Offsets, clear_of
from ..meta import RuleMeta
from ..selection import enabled

API_VERSION = 1
CONTEXT_CHARS = 40  # characters of context on each side of a match, as LanguageTool gives

# The English variants LanguageTool knows; lintkit's rules are written for English news.
ENGLISH = {
    "en": "English", "en-US": "English (US)", "en-GB": "English (GB)", "en-AU": "English (Australian)",
    "en-CA": "English (Canadian)", "en-NZ": "English (New Zealand)", "en-ZA": "English (South African)",
}  # fmt: skip

# lintkit's categories as LanguageTool category ids (prefixed: LanguageTool has its own
# PUNCTUATION and STYLE, which a client may switch off without losing lintkit's).
CATEGORY_IDS = {c: "LINTKIT_" + c.name for c in Category}
CATEGORY_OF_ID = {v: k for k, v in CATEGORY_IDS.items()}

# Localization Quality Issue Types (ITS 2.0), which LanguageTool reports as `issueType`.
_ISSUE_TYPES = {
    Category.MT: "mistranslation", Category.PUNCTUATION: "typographical", Category.STYLE: "inconsistency",
    Category.FACTS: "terminology", Category.RESIDUE: "non-conformance", Category.GRAMMAR: "grammar",
}  # fmt: skip
_LIST_FIELDS = ("enabledRules", "disabledRules", "enabledCategories", "disabledCategories")
MAX_ANNOTATION_PARTS = 200_000


class RequestError(ValueError):
    """A request LanguageTool would answer with status 400; the message says why."""


@dataclass(frozen=True)
class Annotated:
    """What lintkit checks (`text`: text parts, and markup as its `interpretAs`) and the
    whole annotated text the client holds (`original`), with where each stretch of checked
    text came from, so offsets are reported in the client's text."""

    text: str
    original: str
    # (where it starts in `text`, its start and end in `original`, whether it is text) per
    # non-empty part, in order; empty for plain text (the same offsets)
    pieces: tuple[tuple[int, int, int, bool], ...] = ()

    @classmethod
    def plain(cls, text: str) -> Annotated:
        return cls(text, text)

    def _piece(self, offset: int) -> tuple[int, int, int, bool]:
        return self.pieces[bisect.bisect_right(self._starts, offset) - 1]

    @cached_property
    def _starts(self) -> list[int]:
        return [p[0] for p in self.pieces]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if not self.pieces:
            return start, end
        if start < len(self.text):
            at, first, _, is_text = self._piece(start)
            a = first + (start - at) if is_text else first
        else:
            a = len(self.original)
        if end <= 0:
            return a, a
        at, first, last, is_text = self._piece(end - 1)  # the piece holding the last character
        return a, max(a, first + (end - at) if is_text else last)

    def crosses_markup(self, start: int, end: int) -> bool:
        """Whether text[start:end] is not one unbroken stretch of the client's text (a
        replacement there would delete or move markup)."""
        if not self.pieces:
            return False
        a, b = self.to_original(start, end)
        return b - a != end - start or self.original[a:b] != self.text[start:end]


def parse_annotation(data: str) -> Annotated:
    """The `data` parameter: `{"annotation": [{"text": …} | {"markup": …, "interpretAs": …}]}`."""
    try:
        doc = json.loads(data)
    except (json.JSONDecodeError, RecursionError):
        raise RequestError("'data' is not valid JSON") from None
    parts = doc.get("annotation") if isinstance(doc, dict) else None
    if not isinstance(parts, list):
        raise RequestError("'data' must be a JSON object with an 'annotation' list")
    if len(parts) > MAX_ANNOTATION_PARTS:
        raise RequestError(f"'data' has more than {MAX_ANNOTATION_PARTS:,} parts")
    checked: list[str] = []
    original: list[str] = []
    pieces: list[tuple[int, int, int, bool]] = []
    at = pos = 0  # offsets in the checked text and in the original
    for i, part in enumerate(parts):
        if not isinstance(part, dict):
            raise RequestError(f"'data' annotation part {i} is not an object")
        text, markup, interpret = part.get("text"), part.get("markup"), part.get("interpretAs")
        if (text is None) == (markup is None):
            raise RequestError(f"'data' annotation part {i} needs exactly one of 'text' and 'markup'")
        if text is not None:
            if not isinstance(text, str):
                raise RequestError(f"'data' annotation part {i}: 'text' must be a string")
            read, kept, is_text = text, text, True
        elif not isinstance(markup, str) or (interpret is not None and not isinstance(interpret, str)):
            raise RequestError(f"'data' annotation part {i}: 'markup' and 'interpretAs' must be strings")
        else:
            read, kept, is_text = interpret or "", markup, False
        if read:
            pieces.append((at, pos, pos + len(kept), is_text))
            checked.append(read)
            at += len(read)
        original.append(kept)
        pos += len(kept)
    return Annotated("".join(checked), "".join(original), tuple(pieces))


def _bool(value: str | None, name: str) -> bool:
    if value is None or value == "":
        return False
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise RequestError(f"'{name}' must be true or false, not {value[:40]!r}")


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (value or "").split(",") if x.strip())


@dataclass(frozen=True)
class CheckRequest:
    """One `/v2/check` request, read and validated."""

    annotated: Annotated
    language: str
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_only: bool = False
    picky: bool = False
    form: Mapping[str, str] = field(default_factory=dict)  # as received, for forwarding

    @property
    def english(self) -> bool:
        """Whether lintkit's (English) rules apply: an English variant, or `auto`."""
        code = self.language.lower()
        return code == "auto" or code == "en" or code.startswith("en-")


def parse_check(form: Mapping[str, str], max_chars: int) -> CheckRequest:
    """A `/v2/check` form (query string or body), as LanguageTool reads it."""
    language = (form.get("language") or "").strip()
    if not language:
        raise RequestError("Missing 'language' parameter, e.g. language=en-US")
    if len(language) > 40 or not all(ch.isalnum() or ch in "-_" for ch in language):
        raise RequestError(f"'language' is not a language code: {language[:40]!r}")
    text, data = form.get("text"), form.get("data")
    if text is not None and data is not None:
        raise RequestError("Give 'text' or 'data', not both")
    if text is None and data is None:
        raise RequestError("Missing 'text' or 'data' parameter")
    annotated = Annotated.plain(text) if text is not None else parse_annotation(data or "")
    if len(annotated.original) > max_chars:
        raise RequestError(f"text is longer than this server's limit of {max_chars:,} characters")
    level = (form.get("level") or "default").strip().lower()
    if level not in ("default", "picky"):
        raise RequestError("'level' must be 'default' or 'picky'")
    request = CheckRequest(
        annotated=annotated,
        language=language,
        enabled_rules=_list(form.get("enabledRules")),
        disabled_rules=_list(form.get("disabledRules")),
        enabled_categories=_list(form.get("enabledCategories")),
        disabled_categories=_list(form.get("disabledCategories")),
        enabled_only=_bool(form.get("enabledOnly"), "enabledOnly"),
        picky=level == "picky",
        form=dict(form),
    )
    if request.enabled_only and not (request.enabled_rules or request.enabled_categories):
        raise RequestError("enabledOnly=true needs enabledRules or enabledCategories")
    return request


@dataclass(frozen=True)
class Selection:
    """Which lintkit rules a request wants: the server's configuration, then the request's
    switches (rule ids are lintkit codes or names, also prefixes like `MT`; categories are
    `LINTKIT_…` ids)."""

    select: Sequence[str] | None
    ignore: Sequence[str]
    extend_select: Sequence[str]

    @classmethod
    def of(cls, base: Selection, request: CheckRequest, rules: Iterable[RuleMeta]) -> Selection:
        by_category: dict[str, list[str]] = {}
        for meta in rules:
            by_category.setdefault(CATEGORY_IDS[meta.category], []).append(meta.code)
        enabled_codes = [*request.enabled_rules, *(c for cat in request.enabled_categories
                                                   for c in by_category.get(cat, ()))]  # fmt: skip
        disabled_codes = [*request.disabled_rules, *(c for cat in request.disabled_categories
                                                     for c in by_category.get(cat, ()))]  # fmt: skip
        if request.enabled_only:
            return cls(tuple(enabled_codes) or ("-",), tuple(disabled_codes), ())
        extend = [*base.extend_select, *enabled_codes, *(("ALL",) if request.picky else ())]
        # a rule the client turns on wins over the server's configuration ignoring that same rule
        turned_on = {c.upper() for c in enabled_codes}
        kept = [i for i in base.ignore if i.upper() not in turned_on]
        return cls(base.select, (*kept, *disabled_codes), tuple(extend))

    def allows(self, meta: RuleMeta) -> bool:
        return enabled(
            meta.code, self.select, self.ignore, self.extend_select, meta.default_enabled, meta.name
        )


def _context(text: str, start: int, end: int) -> dict[str, Any]:
    """The match with up to CONTEXT_CHARS characters on each side, on one line, with "..."
    where text was cut (LanguageTool's shape); offset and length in code units."""
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    before = text[left:start].replace("\n", " ").replace("\r", " ")
    body = text[start:end].replace("\n", " ").replace("\r", " ")
    after = text[end:right].replace("\n", " ").replace("\r", " ")
    prefix = "..." if left > 0 else ""
    suffix = "..." if right < len(text) else ""
    context = prefix + before + body + after + suffix
    units = Utf16Offsets(context)
    offset, length = units.span(len(prefix + before), len(prefix + before + body))
    return {"text": context, "offset": offset, "length": length}


def _replacement(fix: Fix, text: str, start: int, end: int) -> str:
    """The text that replaces text[start:end] when `fix` is applied (its edits lie inside)."""
    out, pos = [], start
    for edit in fix.edits:
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:end])
    return "".join(out)


def lintkit_match(
    f: Finding, meta: RuleMeta | None, annotated: Annotated, units: Utf16Offsets, sentence: tuple[int, int]
) -> tuple[tuple[int, int], dict[str, Any]]:
    """A finding as a LanguageTool match, with its span in the client's text (code points).
    The match covers the finding and every edit of its fixes, so each fix becomes one
    replacement of the whole match, as clients apply them (safe fixes first)."""
    text = annotated.text
    start = min([f.start, *(e.start for fix in f.fixes for e in fix.edits)])
    end = max([f.end, *(e.end for fix in f.fixes for e in fix.edits)])
    ordered = sorted(f.fixes, key=lambda fix: fix.applicability.value != "safe")
    values = (
        []
        if annotated.crosses_markup(start, end)
        else [_replacement(fix, text, start, end) for fix in ordered]
    )
    a, b = annotated.to_original(start, end)
    offset, length = units.span(a, b)
    category = f.category
    name = meta.name if meta is not None else f.name
    description = meta.summary if meta is not None else f.message
    match = {
        "message": f.message,
        "shortMessage": name.replace("-", " ").capitalize(),
        "replacements": [{"value": v} for v in dict.fromkeys(values)],
        "offset": offset,
        "length": length,
        "context": _context(text, start, end),
        "sentence": text[sentence[0] : sentence[1]].strip(),
        "type": {"typeName": "Hint" if f.severity is Severity.INFO else "Other"},
        "rule": {
            "id": f.rule,
            "description": description,
            "issueType": "untranslated" if f.artifact_class == "untranslated" else _ISSUE_TYPES[category],
            "category": {"id": CATEGORY_IDS[category], "name": category.label.capitalize()},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }
    return (a, b), match


def software(version: str) -> dict[str, Any]:
    return {"name": "lintkit", "version": version, "buildDate": "", "apiVersion": API_VERSION,
            "status": "", "premium": False}  # fmt: skip


def language_block(code: str, detected: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The `language` object: the code asked for (English for `auto`, unless LanguageTool
    detected another language)."""
    if detected is not None:
        return dict(detected)
    if code.lower() == "auto":
        code = "en-US"
    name = ENGLISH.get(code) or next((v for k, v in ENGLISH.items() if k.lower() == code.lower()), "English")
    return {"name": name, "code": code, "detectedLanguage": {"name": name, "code": code, "confidence": 1.0}}


def languages() -> list[dict[str, str]]:
    return [{"name": name, "code": "en", "longCode": code} for code, name in ENGLISH.items()]


# -- LanguageTool's own matches, when lintkit forwards a request -------------------------------


def forward_form(
    request: CheckRequest, lintkit_codes: Iterable[str], news_disabled: Iterable[str]
) -> dict[str, str] | None:
    """The form to send on to LanguageTool: the client's, without lintkit's rule ids and
    categories and without credentials, with the news defaults `lintkit check` uses (rules
    LanguageTool applies to news wrongly) unless the client enabled them. None when the
    request asks only for lintkit's rules."""
    own = {c.upper() for c in lintkit_codes}

    def theirs(ids: Sequence[str]) -> list[str]:
        return [i for i in ids if i.upper() not in own and not i.upper().startswith("LINTKIT_")
                and not any(c.startswith(i.upper()) for c in own)]  # fmt: skip

    enabled_rules, enabled_categories = theirs(request.enabled_rules), theirs(request.enabled_categories)
    if request.enabled_only and not (enabled_rules or enabled_categories):
        return None
    disabled = [
        *theirs(request.disabled_rules),
        *(r for r in sorted(news_disabled) if r not in enabled_rules),
    ]
    form = {
        k: v for k, v in request.form.items() if k not in (*_LIST_FIELDS, "username", "apiKey", "enabledOnly")
    }
    for key, values in (("enabledRules", enabled_rules), ("disabledRules", disabled),
                        ("enabledCategories", enabled_categories),
                        ("disabledCategories", theirs(request.disabled_categories))):  # fmt: skip
        if values:
            form[key] = ",".join(values)
    if request.enabled_only:
        form["enabledOnly"] = "true"
    return form


def _str(value: Any, limit: int = 2000) -> str | None:
    return value[:limit] if isinstance(value, str) else None


def languagetool_match(
    raw: Any, offsets: Utf16Offsets, text: str
) -> tuple[tuple[int, int], dict[str, Any]] | None:
    """A match from LanguageTool's answer, rebuilt from the fields the API describes (so a
    broken or hostile server cannot pass anything else to the client), with its span in
    code points of the client's text; None when it is not a valid match."""
    if not isinstance(raw, dict):
        return None
    offset, length = raw.get("offset"), raw.get("length")
    if (
        type(offset) is not int
        or type(length) is not int
        or offset < 0
        or length < 0
        or offset + length > offsets.units
    ):
        return None
    rule = raw.get("rule")
    if not isinstance(rule, dict) or not _str(rule.get("id"), 200):
        return None
    category = _dict(rule.get("category"))
    kind = _dict(raw.get("type"))
    replacements = raw.get("replacements", [])
    if not isinstance(replacements, list):
        return None
    values = [v for r in replacements[:50] if isinstance(r, dict) and (v := _str(r.get("value"))) is not None]
    context = _dict(raw.get("context"))
    start = offsets.to_code_point(offset)
    end = offsets.to_code_point(offset + length)
    if start is None or end is None:
        return None
    match: dict[str, Any] = {
        "message": _str(raw.get("message")) or "",
        "shortMessage": _str(raw.get("shortMessage")) or "",
        "replacements": [{"value": v} for v in values],
        "offset": offset,
        "length": length,
        "context": {
            "text": _str(context.get("text")) or text[start:end],
            "offset": context.get("offset") if type(context.get("offset")) is int else 0,
            "length": context.get("length") if type(context.get("length")) is int else length,
        },
        "sentence": _str(raw.get("sentence"), 10_000) or "",
        "type": {"typeName": _str(kind.get("typeName"), 100) or "Other"},
        "rule": {
            "id": _str(rule.get("id"), 200),
            "description": _str(rule.get("description")) or "",
            "issueType": _str(rule.get("issueType"), 100) or "uncategorized",
            "category": {
                "id": _str(category.get("id"), 200) or "MISC",
                "name": _str(category.get("name")) or "",
            },
        },
    }
    if _str(rule.get("subId"), 200):
        match["rule"]["subId"] = rule["subId"][:200]
    return (start, end), match


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def merge(
    own: list[tuple[tuple[int, int], dict[str, Any]]], theirs: list[tuple[tuple[int, int], dict[str, Any]]]
) -> list[dict[str, Any]]:
    """lintkit's matches and LanguageTool's that no lintkit match overlaps (the rule
    `lintkit check` applies), in order of offset."""
    keep = clear_of([span for span, _ in own], [span for span, _ in theirs])
    kept = [m for (_, m), k in zip(theirs, keep, strict=True) if k]
    return sorted([m for _, m in own] + kept, key=lambda m: (m["offset"], m["length"]))
