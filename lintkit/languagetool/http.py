"""A small client for LanguageTool's HTTP API (`POST /v2/check`) that trusts nothing.

A newsroom's shared server can be broken, hostile or another version, so every answer is
validated before it becomes a finding: the JSON's shape and types, offsets and lengths inside
the text sent (LanguageTool counts UTF-16 code units; they are converted to code points and
must not split a character), replacements that are strings. Bad matches are dropped and
counted. Every request has a hard deadline (a server that never answers, or trickles a byte
at a time, is abandoned when it passes), and answers larger than a limit are refused.

Standard library only: the GPL client (language-tool-python) is needed only to start a
local LanguageTool, never to talk to one.
"""

from __future__ import annotations

import bisect
import contextlib
import http.client
import json
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MAX_RESPONSE_BYTES = 50_000_000


class ServerError(RuntimeError):
    """The server could not be reached, failed, or answered something that is not a
    LanguageTool response; the message says which, in a few words."""


@dataclass(frozen=True, slots=True)
class Match:
    """One validated LanguageTool match, in code points of the text sent."""

    start: int
    end: int
    rule_id: str
    message: str
    description: str
    issue_type: str
    replacements: tuple[str, ...]


@dataclass(frozen=True)
class Endpoint:
    scheme: str
    host: str
    port: int
    base: str  # path prefix ending in "/v2/"

    @classmethod
    def parse(cls, url: str) -> Endpoint:
        if "://" not in url:
            url = "http://" + url
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ServerError(f"not an http(s) address: {url}")
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        if not path.endswith("/v2/"):
            path += "v2/"
        default = 443 if parts.scheme == "https" else 80
        try:
            port = parts.port or default
        except ValueError:
            raise ServerError(f"bad port in {url}") from None
        return cls(parts.scheme, parts.hostname, port, path)


def post(endpoint: Endpoint, route: str, form: dict[str, str], timeout: float) -> Any:
    """POST a form and return the decoded JSON answer, within `timeout` seconds in all
    (connecting, sending, waiting and reading), or raise ServerError."""
    body = urllib.parse.urlencode(form).encode("utf-8")
    headers = {
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        "Accept": "application/json",
    }
    return _exchange(endpoint, "POST", endpoint.base + route, body, headers, timeout)


def get(endpoint: Endpoint, route: str, timeout: float) -> Any:
    return _exchange(endpoint, "GET", endpoint.base + route, None, {"Accept": "application/json"}, timeout)


def _exchange(
    endpoint: Endpoint, method: str, path: str, body: bytes | None, headers: dict[str, str], timeout: float
) -> Any:
    conn_class = http.client.HTTPSConnection if endpoint.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(endpoint.host, endpoint.port, timeout=max(timeout, 0.001))
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise ServerError(f"answer larger than {MAX_RESPONSE_BYTES:,} bytes")
                chunks.append(chunk)
            outcome["status"] = response.status
            outcome["data"] = b"".join(chunks)
        except BaseException as exc:  # reported to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="lintkit-languagetool", daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        _abort(conn)
        worker.join(1.0)
        raise ServerError(f"no complete answer within {timeout:g} s")
    conn.close()
    error = outcome.get("error")
    if isinstance(error, ServerError):
        raise error
    if isinstance(error, socket.timeout | TimeoutError):
        # the socket's own limit (the same seconds) ran out first: the same answer, whichever
        # of the two clocks a loaded machine lets run out first
        raise ServerError(f"no complete answer within {timeout:g} s") from None
    if error is not None:
        raise ServerError(_reason(error)) from None
    status = int(outcome.get("status", 0))
    if status != 200:
        raise ServerError(f"HTTP status {status}")
    try:
        return json.loads(outcome["data"].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ServerError(f"answer is not JSON (after {time.monotonic() - started:.1f} s)") from None


def _abort(conn: http.client.HTTPConnection) -> None:
    """Unblock a worker stuck reading: shut the socket down under it."""
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    conn.close()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "unknown host"
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # characters that take two UTF-16 code units


class Utf16Offsets:
    """One text's offsets in UTF-16 code units (how LanguageTool and its clients count)
    and in code points (how Python does), both ways."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # code points at which each astral character (two units) starts, found in C
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        self._unit_starts = [i + k for k, i in enumerate(self._astral)]
        self.units = self.length + len(self._astral)

    def to_code_point(self, unit: int) -> int | None:
        """The code point at a code-unit offset, or None in the middle of a surrogate pair."""
        before = bisect.bisect_left(self._unit_starts, unit)  # astral characters starting earlier
        if before and self._unit_starts[before - 1] + 1 == unit:
            return None
        return unit - before

    def unit(self, code_point: int) -> int:
        """The code-unit offset of a code point."""
        return code_point + bisect.bisect_left(self._astral, code_point)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A code-point span as (offset, length) in code units."""
        a = self.unit(start)
        return a, self.unit(end) - a


def parse_matches(data: Any, text: str) -> tuple[list[Match], int]:
    """The valid matches of a /v2/check answer for `text`, and how many were dropped."""
    if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
        raise ServerError("answer has no list of matches")
    offsets = Utf16Offsets(text)
    good: list[Match] = []
    dropped = 0
    for raw in data["matches"]:
        match = _match(raw, offsets)
        if match is None:
            dropped += 1
        else:
            good.append(match)
    return good, dropped


def _match(raw: Any, offsets: Utf16Offsets) -> Match | None:
    if not isinstance(raw, dict):
        return None
    offset, length = raw.get("offset"), raw.get("length")
    if (
        not (isinstance(offset, int) and isinstance(length, int))
        or isinstance(offset, bool)
        or isinstance(length, bool)
    ):
        return None
    if offset < 0 or length < 0 or offset + length > offsets.units:
        return None
    start, end = offsets.to_code_point(offset), offsets.to_code_point(offset + length)
    if start is None or end is None:
        return None
    rule = raw.get("rule")
    if not isinstance(rule, dict) or not isinstance(rule.get("id"), str) or not rule["id"]:
        return None
    rule_id = rule["id"]
    if len(rule_id) > 200 or not all(ch.isalnum() or ch in "_-." for ch in rule_id):
        return None
    message = raw.get("message", "")
    description, issue_type = rule.get("description", ""), rule.get("issueType", "")
    if not all(isinstance(v, str) for v in (message, description, issue_type)):
        return None
    replacements = raw.get("replacements", [])
    if not isinstance(replacements, list):
        return None
    values: list[str] = []
    for r in replacements:
        value = r.get("value") if isinstance(r, dict) else None
        if not isinstance(value, str):
            return None
        values.append(value)
    return Match(start, end, rule_id, message[:1000], description[:1000], issue_type[:100], tuple(values))


def check_form(
    text: str,
    language: str,
    disabled_rules: Sequence[str],
    enabled_rules: Sequence[str],
    disabled_categories: Sequence[str],
) -> dict[str, str]:
    form = {"text": text, "language": language}
    if disabled_rules:
        form["disabledRules"] = ",".join(sorted(disabled_rules))
    if enabled_rules:
        form["enabledRules"] = ",".join(sorted(enabled_rules))
    if disabled_categories:
        form["disabledCategories"] = ",".join(sorted(disabled_categories))
    return form


def clear_of(own: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[bool]:
    """For each of `spans` (LanguageTool's, in code points), whether no span of `own`
    (lintkit's) overlaps it: where both flag the same words, lintkit's finding is kept. An
    empty span counts as one character."""
    mine = [(s, max(e, s + 1)) for s, e in own]
    return [not any(a < max(e, s + 1) and s < b for a, b in mine) for s, e in spans]
