"""`lintkit serve`: the LanguageTool HTTP API on Starlette and uvicorn.

Starlette gives routing and CORS and nothing else; uvicorn is a maintained HTTP/1.1 server
(h11) that handles keep-alive, slow clients and signals. What a public text-checking
endpoint needs besides is here, as small ASGI pieces: a request-size limit enforced while
the body arrives, an optional bearer token (also accepted as LanguageTool's `apiKey`
parameter, which the browser add-on and CMS plugins can send), bounded concurrency with a
short queue and a per-request time limit (a check that runs over is abandoned, its slot
freed only when it ends, so memory stays bounded), and one JSON line per request in the
access log.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import sys
import time
import urllib.parse
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .. import __version__
from . import ltapi
from .service import Service

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

OPENAPI = Path(__file__).with_name("openapi.json")


@dataclass(frozen=True)
class Limits:
    """What one server accepts: see `lintkit serve --help`."""

    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body: int = 1_000_000  # bytes of request body
    timeout: float = 10.0  # seconds from arrival to answer
    concurrency: int = 4  # checks running at once
    queue: int = 64  # requests waiting for a slot; more are answered 503 at once
    access_log: TextIO | None = field(default=None, compare=False)


class BodyLimit:
    """Refuse a body over `max_body` bytes with 413: at once from Content-Length, else as
    soon as the bytes received pass the limit (a chunked body cannot slip past). The body is
    read here, whole (it is small by then), and handed on to the application."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(scope, receive, send, self.max_body)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await _too_large(scope, receive, send, self.max_body)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()  # after the body: a disconnect, when it comes

        await self.app(scope, replay, send)


async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    scope.setdefault("state", {})["error"] = "body too large"
    response = PlainTextResponse(
        f"Error: request body larger than this server's limit of {limit:,} bytes", 413
    )
    await response(scope, receive, send)


class AccessLog:
    """One JSON line per request: time, client, method, path, status, milliseconds, bytes
    in and out, the browser origin (for --cors-origin), and (for /v2/check) the number of
    matches and how forwarding went."""

    def __init__(self, app: ASGIApp, stream: TextIO) -> None:
        self.app, self.stream = app, stream

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        state = scope.setdefault("state", {})
        seen = {"status": 0, "out": 0, "in": 0}

        async def counting_receive() -> Message:
            message = await receive()
            seen["in"] += len(message.get("body", b""))
            return message

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, counting_send)
        finally:
            client = scope.get("client")
            origin = dict(scope.get("headers") or []).get(b"origin")
            record = {
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "client": f"{client[0]}:{client[1]}" if client else None,
                "method": scope.get("method"),
                "path": scope.get("path"),
                "status": seen["status"],
                "ms": round((time.perf_counter() - began) * 1000, 1),
                "bytes_in": seen["in"],
                "bytes_out": seen["out"],
                "origin": origin.decode("latin-1")[:200] if origin else None,
                **{k: v for k, v in state.items() if k in ("matches", "forwarded", "error")},
            }
            try:
                self.stream.write(json.dumps(record) + "\n")
                self.stream.flush()
            except (OSError, ValueError):  # a closed log must not fail the request
                pass


class Gate:
    """At most `slots` checks at once, at most `queue` requests waiting for one."""

    def __init__(self, slots: int, queue: int) -> None:
        self.slots = asyncio.Semaphore(slots)
        self.queue, self.waiting = queue, 0
        self.pool = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="lintkit-check")


async def _form(request: Request) -> dict[str, str]:
    """The parameters of a request: the query string, and a urlencoded or multipart body
    (which LanguageTool clients send), the body winning."""
    form = dict(request.query_params)
    if request.method != "POST":
        return form
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        try:
            async with request.form(max_files=0, max_fields=100) as fields:
                form.update({k: v for k, v in fields.items() if isinstance(v, str)})
        except AssertionError:  # Starlette's way of saying python-multipart is missing
            missing = "multipart forms need python-multipart on this server; send urlencoded"
            raise ltapi.RequestError(missing) from None
        except HTTPException as exc:  # a malformed body, or a file where fields belong
            raise ltapi.RequestError(f"cannot read the form: {exc.detail}") from None
        return form
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ltapi.RequestError("request body is not UTF-8") from None
    try:
        form.update(urllib.parse.parse_qsl(text, keep_blank_values=True, max_num_fields=100))
    except ValueError as exc:
        raise ltapi.RequestError(f"cannot read the form: {exc}") from None
    return form


def _authorised(request: Request, form: dict[str, str], token: str | None) -> bool:
    if token is None:
        return True
    header = request.headers.get("authorization", "")
    given = header[7:].strip() if header[:7].lower() == "bearer " else form.get("apiKey", "")
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def create_app(service: Service, limits: Limits) -> Starlette:
    """The ASGI application: routes, then CORS, the body limit and the access log around them."""
    gate = Gate(limits.concurrency, limits.queue)

    async def check(request: Request) -> Response:
        deadline = time.monotonic() + limits.timeout
        try:
            form = await _form(request)
        except ltapi.RequestError as exc:
            return _error(request, 400, f"Error: {exc}")
        if not _authorised(request, form, limits.token):
            return _error(request, 401, "Error: missing or wrong token (Authorization: Bearer …, or apiKey)",
                          {"WWW-Authenticate": "Bearer"})  # fmt: skip
        try:
            parsed = ltapi.parse_check(form, service.settings.max_chars)
        except ltapi.RequestError as exc:
            return _error(request, 400, f"Error: {exc}")
        if gate.slots.locked() and gate.waiting >= gate.queue:
            return _error(request, 503, "Error: server busy, try again", {"Retry-After": "1"})
        gate.waiting += 1
        try:
            await asyncio.wait_for(gate.slots.acquire(), max(0.0, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            return _error(request, 503, "Error: server busy, try again", {"Retry-After": "1"})
        finally:
            gate.waiting -= 1
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(gate.pool, service.check, parsed)
        future.add_done_callback(lambda _: gate.slots.release())  # freed when the check ends
        try:
            answer = await asyncio.wait_for(asyncio.shield(future), max(0.0, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            return _error(request, 503, f"Error: checking took longer than {limits.timeout:g} s")
        except ltapi.RequestError as exc:
            return _error(request, 400, f"Error: {exc}")
        request.state.matches = answer.matches
        if answer.forwarded is not None:
            request.state.forwarded = answer.forwarded
        return JSONResponse(answer.body)

    async def languages(request: Request) -> Response:
        found = await asyncio.get_running_loop().run_in_executor(None, service.languages)
        return JSONResponse(found)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "software": "lintkit", "version": __version__,
                             "rules": len(service.rules),
                             "languagetool": service.settings.languagetool_url})  # fmt: skip

    async def openapi(request: Request) -> Response:
        return Response(OPENAPI.read_bytes(), media_type="application/json")

    routes = [
        Route("/v2/check", check, methods=["GET", "POST"]),
        Route("/v2/languages", languages, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/v2/openapi.json", openapi, methods=["GET"]),
    ]
    middleware = []
    if limits.cors_origins:
        methods, headers = ["GET", "POST", "OPTIONS"], ["Authorization", "Content-Type"]
        origins = list(limits.cors_origins)
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=methods,
                allow_headers=headers,
                max_age=600,
            )
        )
    app = Starlette(routes=routes, middleware=middleware)
    app.state.gate = gate
    return app


def wrap(app: Starlette, limits: Limits) -> ASGIApp:
    """The application with the body limit and, when a stream is given, the access log."""
    limited: ASGIApp = BodyLimit(app, limits.max_body)
    return AccessLog(limited, limits.access_log) if limits.access_log is not None else limited


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    request.state.error = message[:200]
    return PlainTextResponse(message, status, headers=headers)


def serve(service: Service, limits: Limits, host: str, port: int) -> None:
    """Run until interrupted (SIGINT or SIGTERM), printing the address once listening."""
    import uvicorn

    class _Server(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets=sockets)
            for server in self.servers:
                for sock in server.sockets:
                    bound = sock.getsockname()
                    print(f"lintkit serve: listening on http://{bound[0]}:{bound[1]} "
                          f"({len(service.rules)} rules)", file=sys.stderr, flush=True)  # fmt: skip

    config = uvicorn.Config(
        wrap(create_app(service, limits), limits), host=host, port=port, access_log=False,
        log_level="warning", server_header=False, timeout_keep_alive=5,
        limit_concurrency=max(64, limits.queue * 2),
        lifespan="off",
    )  # fmt: skip
    _Server(config).run()
