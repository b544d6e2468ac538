"""`lintkit serve` as its clients see it: a real server process on 127.0.0.1, reached by
language-tool-python (LanguageTool's Python client) and by plain HTTP; forwarding to the REAL
LanguageTool server the suite starts; the limits a public endpoint needs."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lintkit.languagetool.http import Utf16Offsets
from lintkit.serve import ltapi

# Sentences written for these tests (not the rules' examples).
DOUBLED = "The delegates arrived at at the summit in Brussels on Tuesday."
BROKEN = "Negotiators spent the night drafting the communique. the text was approved at dawn."


class Server:
    def __init__(self, proc: subprocess.Popen[str], url: str, log: list[str]) -> None:
        self.proc, self.url, self.log = proc, url, log

    def post(
        self, form: dict[str, str], headers: dict[str, str] | None = None, path: str = "/v2/check"
    ) -> tuple[int, Any]:
        body = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(self.url + path, data=body, headers=headers or {}, method="POST")
        return _send(request)

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        return _send(urllib.request.Request(self.url + path, headers=headers or {}))

    def log_lines(self) -> list[dict[str, Any]]:
        """The access log so far (the server's standard error, read by a thread)."""
        time.sleep(0.2)
        return [json.loads(line) for line in list(self.log) if line.startswith("{")]


def _send(request: urllib.request.Request) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            data = response.read()
            kind = response.headers.get("content-type", "")
            return response.status, json.loads(data) if "json" in kind else data.decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@contextlib.contextmanager
def running(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Iterator[Server]:
    """`lintkit serve --port 0 ARGS` until the block ends; the address is read from the line
    the server prints once it listens."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "lintkit", "serve", "--port", "0", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    assert proc.stderr is not None
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(iter(proc.stderr.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        deadline = time.monotonic() + 60
        url = None
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            url = next(
                (line.split("listening on ")[1].split()[0] for line in list(log) if "listening on " in line),
                None,
            )
            time.sleep(0.05)
        assert url is not None, "".join(log)
        yield Server(proc, url, log)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("serve")
    with running(cwd=home) as s:
        yield s


def test_binds_to_this_machine_only_by_default(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    status, health = server.get("/healthz")
    assert status == 200 and health["status"] == "ok" and health["rules"] > 20


def test_language_tool_python_reports_lintkit_findings_at_the_right_offsets(server: Server) -> None:
    """LanguageTool's own Python client, pointed at lintkit: characters outside the Basic
    Multilingual Plane before a finding take two UTF-16 units each, and the client's
    offsets (converted back to Python's) must still land on the doubled word."""
    import language_tool_python

    text = "🗳️ Election night 🇺🇦 coverage. " + DOUBLED + " " + BROKEN
    tool = language_tool_python.LanguageTool("en-US", remote_server=server.url)
    try:
        matches = tool.check(text)
    finally:
        tool.close()
    by_rule = {m.rule_id: m for m in matches}
    assert {"MT005", "MT001"} <= set(by_rule), [(m.rule_id, m.message) for m in matches]
    doubled = by_rule["MT005"]
    assert text[doubled.offset : doubled.offset + doubled.error_length] == "at at"
    assert doubled.replacements[0] == "at"
    assert doubled.category == "LINTKIT_MT"
    broken = by_rule["MT001"]
    assert text[broken.offset :].startswith("communique. the")


def test_offsets_and_lengths_are_utf16_code_units(server: Server) -> None:
    text = "𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠: " + DOUBLED
    status, answer = server.post({"text": text, "language": "en-GB"})
    assert status == 200
    (match,) = [m for m in answer["matches"] if m["rule"]["id"] == "MT005"]
    units = text.encode("utf-16-le")
    at = match["offset"] * 2
    assert units[at : at + match["length"] * 2].decode("utf-16-le") == "at at"
    assert answer["language"]["code"] == "en-GB"
    assert answer["software"]["name"] == "lintkit" and answer["software"]["apiVersion"] == 1
    assert match["context"]["text"].count("at at") == 1 and match["sentence"].startswith("𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠")


def test_annotated_data_reports_offsets_in_the_text_with_markup(server: Server) -> None:
    parts = [
        {"markup": "<p>"},
        {"text": "The delegates arrived "},
        {"markup": '<a href="/summit">'},
        {"text": "at at"},
        {"markup": "</a>"},
        {"text": " the summit on Tuesday."},
        {"markup": "</p>", "interpretAs": "\n\n"},
        {"markup": "<p>"},
        {"text": BROKEN},
        {"markup": "</p>"},
    ]
    original = "".join(p.get("text") or p["markup"] for p in parts)
    status, answer = server.post({"data": json.dumps({"annotation": parts}), "language": "en-US"})
    assert status == 200, answer
    found = {m["rule"]["id"]: m for m in answer["matches"]}
    doubled = found["MT005"]
    assert original[doubled["offset"] : doubled["offset"] + doubled["length"]] == "at at"
    broken = found["MT001"]
    assert original[broken["offset"] :].startswith("communique. the")


def test_rule_and_category_switches(server: Server) -> None:
    text = DOUBLED + " " + BROKEN

    def rules(**form: str) -> set[str]:
        status, answer = server.post({"text": text, "language": "en-US", **form})
        assert status == 200, answer
        return {m["rule"]["id"] for m in answer["matches"]}

    assert {"MT005", "MT001"} <= rules()
    assert "MT005" not in rules(disabledRules="MT005") and "MT001" in rules(disabledRules="MT005")
    assert rules(enabledRules="MT005", enabledOnly="true") == {"MT005"}
    assert rules(enabledCategories="LINTKIT_MT", enabledOnly="true") >= {"MT005", "MT001"}
    assert not {"MT005", "MT001"} & rules(disabledCategories="LINTKIT_MT")
    assert rules(disabledRules="repeated-word") == rules(disabledRules="MT005")  # names work too


@pytest.mark.parametrize(
    "form, status",
    [
        ({"text": "Hello."}, 400),  # no language
        ({"language": "en-US"}, 400),  # no text
        ({"text": "Hello.", "data": "{}", "language": "en-US"}, 400),
        ({"data": "not json", "language": "en-US"}, 400),
        ({"data": '{"annotation": [{"text": 5}]}', "language": "en-US"}, 400),
        ({"text": "Hello.", "language": "de-DE"}, 400),  # only forwarded languages beyond English
        ({"text": "Hello.", "language": "en-US", "enabledOnly": "true"}, 400),
        ({"text": "Hello.", "language": "en-US", "level": "loud"}, 400),
        ({"text": "Hello.", "language": "auto"}, 200),
    ],
)
def test_bad_requests_get_one_clear_400(server: Server, form: dict[str, str], status: int) -> None:
    got, body = server.post(form)
    assert got == status, body
    if status == 400:
        assert isinstance(body, str) and body.startswith("Error: ") and "\n" not in body.strip()


def test_get_languages_and_get_check(server: Server) -> None:
    status, langs = server.get("/v2/languages")
    assert status == 200 and {"en-US", "en-GB"} <= {x["longCode"] for x in langs}
    query = urllib.parse.urlencode({"text": DOUBLED, "language": "en-US"})
    status, answer = server.get("/v2/check?" + query)
    assert status == 200 and "MT005" in {m["rule"]["id"] for m in answer["matches"]}


def test_access_log_is_one_json_line_per_request(server: Server) -> None:
    server.post({"text": DOUBLED, "language": "en-US"})
    lines = [r for r in server.log_lines() if r["path"] == "/v2/check" and r["status"] == 200]
    assert lines and lines[-1]["matches"] >= 1 and lines[-1]["method"] == "POST" and lines[-1]["ms"] >= 0


def test_body_and_text_limits(tmp_path: Path) -> None:
    with running("--max-request-bytes", "2000", "--max-chars", "500", cwd=tmp_path) as s:
        status, body = s.post({"text": "word " * 1000, "language": "en-US"})
        assert status == 413 and "2,000 bytes" in body
        status, body = s.post({"text": "word " * 200, "language": "en-US"})
        assert status == 400 and "500 characters" in body
        # a chunked body (no Content-Length) is cut off as it arrives
        host, port = urllib.parse.urlsplit(s.url).netloc.split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        chunks = (b"text=" + b"x" * 1000 for _ in range(5))
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        conn.request("POST", "/v2/check", body=chunks, headers=form, encode_chunked=True)
        assert conn.getresponse().status == 413
        conn.close()
        status, _ = s.post({"text": DOUBLED, "language": "en-US"})
        assert status == 200  # and the server goes on


def test_token_required_when_configured(tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("s3cret-Token\n", encoding="utf-8")
    with running("--token-file", str(token), cwd=tmp_path) as s:
        form = {"text": DOUBLED, "language": "en-US"}
        assert s.post(form)[0] == 401
        assert s.post(form, {"Authorization": "Bearer wrong"})[0] == 401
        assert s.post(form, {"Authorization": "Bearer s3cret-Token"})[0] == 200
        assert s.post({**form, "apiKey": "s3cret-Token"})[0] == 200  # LanguageTool clients' field
        assert s.get("/v2/languages")[0] == 200  # public, as clients ask before they check


def test_cors_for_configured_origins_only(tmp_path: Path) -> None:
    allowed = "https://cms.newsroom.example"
    with running("--cors-origin", allowed, cwd=tmp_path) as s:

        def preflight(origin: str) -> http.client.HTTPResponse:
            host, port = urllib.parse.urlsplit(s.url).netloc.split(":")
            conn = http.client.HTTPConnection(host, int(port), timeout=30)
            conn.request(
                "OPTIONS", "/v2/check", headers={"Origin": origin, "Access-Control-Request-Method": "POST"}
            )
            response = conn.getresponse()
            response.read()
            conn.close()
            return response

        assert preflight(allowed).headers.get("access-control-allow-origin") == allowed
        assert preflight("https://elsewhere.example").headers.get("access-control-allow-origin") is None


def test_time_limit_answers_503_and_the_server_recovers(tmp_path: Path) -> None:
    long_text = (BROKEN + " ") * 11_000  # 924,000 characters: well past 0.2 s to check
    with running(
        "--timeout", "0.2", "--max-chars", "1000000", "--max-request-bytes", "5000000", cwd=tmp_path
    ) as s:
        status, body = s.post({"text": long_text, "language": "en-US"})
        assert status == 503 and "longer than 0.2 s" in body
        time.sleep(0.5)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # the abandoned check finishes and frees its slot
            status, _ = s.post({"text": "Fine.", "language": "en-US"})
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200


def test_configuration_given_at_start_shapes_the_answers(tmp_path: Path) -> None:
    config = tmp_path / "newsroom.toml"
    config.write_text('ignore = ["MT005"]\n', encoding="utf-8")
    with running("--config", str(config), cwd=tmp_path) as s:
        status, answer = s.post({"text": DOUBLED + " " + BROKEN, "language": "en-US"})
        ids = {m["rule"]["id"] for m in answer["matches"]}
        assert status == 200 and "MT005" not in ids and "MT001" in ids
        status, answer = s.post({"text": DOUBLED, "language": "en-US", "enabledRules": "MT005"})
        assert "MT005" in {m["rule"]["id"] for m in answer["matches"]}  # a client may turn it back on


def test_bad_configuration_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('selectt = ["MT"]\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "lintkit", "serve", "--config", str(config)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 2 and "bad.toml" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_forwarding_merges_languagetool_matches(tmp_path: Path, lt_url: str) -> None:
    """Through lintkit to the REAL LanguageTool: its grammar match and lintkit's finding in
    one answer; an overlapping LanguageTool match on lintkit's span is dropped, as in
    `lintkit check`; its rules and categories are switched by the same parameters."""
    text = "😀 The minister said he go to Geneva every week. " + DOUBLED
    # (generous limits: a cold LanguageTool on a loaded machine took over the default 10 s)
    limits = ("--timeout", "120", "--languagetool-timeout", "120")
    with running("--languagetool-url", lt_url, *limits, cwd=tmp_path) as s:
        status, answer = s.post({"text": text, "language": "en-US"})
        assert status == 200, answer
        ids = [m["rule"]["id"] for m in answer["matches"]]
        assert "HE_VERB_AGR" in ids and "MT005" in ids
        assert "ENGLISH_WORD_REPEAT_RULE" not in ids  # lintkit's MT005 covers the same words
        units = text.encode("utf-16-le")
        (verb,) = [m for m in answer["matches"] if m["rule"]["id"] == "HE_VERB_AGR"]
        assert units[verb["offset"] * 2 : (verb["offset"] + verb["length"]) * 2].decode("utf-16-le") == "go"
        assert answer["warnings"]["incompleteResults"] is False
        status, answer = s.post({"text": text, "language": "en-US", "disabledRules": "HE_VERB_AGR"})
        assert "HE_VERB_AGR" not in {m["rule"]["id"] for m in answer["matches"]}
        status, answer = s.post({"text": "Ellos fueron a la la playa.", "language": "es"})
        ids = [m["rule"]["id"] for m in answer["matches"]]
        assert status == 200 and ids == ["SPANISH_WORD_REPEAT_RULE"]  # other languages: LanguageTool's alone
        status, langs = s.get("/v2/languages")
        assert {"es", "en-US"} <= {x["longCode"] for x in langs}


def test_forwarding_to_a_dead_server_answers_lintkit_matches_and_says_incomplete(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once closed
    with running(
        "--languagetool-url", f"http://127.0.0.1:{port}", "--languagetool-timeout", "2", cwd=tmp_path
    ) as s:
        status, answer = s.post({"text": DOUBLED, "language": "en-US"})
        assert status == 200 and answer["warnings"]["incompleteResults"] is True
        assert "MT005" in {m["rule"]["id"] for m in answer["matches"]}


# -- the protocol module, directly ------------------------------------------------------------


def test_utf16_conversions_round_trip() -> None:
    text = "a😀b𝐁c\u00e9d"
    units = back = Utf16Offsets(text)
    encoded = text.encode("utf-16-le")
    for i in range(len(text) + 1):
        u = units.unit(i)
        assert encoded[: u * 2].decode("utf-16-le") == text[:i]
        assert back.to_code_point(u) == i
    assert back.to_code_point(2) is None  # inside the pair of 😀


def test_forward_form_strips_lintkit_ids_and_credentials() -> None:
    request = ltapi.parse_check(
        {"text": "x", "language": "en-US", "enabledRules": "MT005,HE_VERB_AGR",
         "disabledRules": "MT,EN_QUOTES", "disabledCategories": "LINTKIT_MT,TYPOS", "apiKey": "k",
         "username": "u"}, 1000,
    )  # fmt: skip
    form = ltapi.forward_form(request, ["MT005", "MT001"], ["WHITESPACE_RULE"])
    assert form is not None
    assert form["enabledRules"] == "HE_VERB_AGR"
    assert form["disabledRules"] == "EN_QUOTES,WHITESPACE_RULE"
    assert form["disabledCategories"] == "TYPOS"
    assert "apiKey" not in form and "username" not in form
    only_ours = ltapi.parse_check(
        {"text": "x", "language": "en", "enabledRules": "MT005", "enabledOnly": "true"}, 10
    )
    assert ltapi.forward_form(only_ours, ["MT005"], []) is None


def test_multipart_forms_as_browsers_send_them(server: Server) -> None:
    import requests

    fields = {"text": (None, DOUBLED), "language": (None, "en-US"), "disabledRules": (None, "MT001")}
    response = requests.post(server.url + "/v2/check", files=fields, timeout=30)
    assert response.status_code == 200
    assert "MT005" in {m["rule"]["id"] for m in response.json()["matches"]}
    upload = {"text": ("story.txt", DOUBLED.encode()), "language": (None, "en-US")}
    response = requests.post(server.url + "/v2/check", files=upload, timeout=30)
    assert response.status_code == 400 and response.text.startswith("Error: ")
