"""The ASGI layer in front of the routes: request ids, timing, latency, faults, rate limit, log."""

from __future__ import annotations

import asyncio
import hmac
import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate
from typing import Any, Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pos_app.sandbox.faults import FaultKind, Faults, RateLimiter, Sleeper
from pos_app.sandbox.messages import SandboxError, text
from pos_app.sandbox.responses import failure, json_response
from pos_app.sandbox.state import LoggedRequest, SandboxState

REQUEST_ID_KEY: Final = "sandbox.request_id"
# The sandbox's own control endpoint plays the customer's phone: no faults, no rate limit.
CONTROL_PATH_MARK: Final = "/qr-card/sandbox-scan/"
NGINX_502: Final = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)
_MALFORMED_JSON: Final = b'{"success": true, "code": 200, "data": {"id": 1001, "points": 10'
_BAD_ENVELOPE: Final = b'{"status": "ok", "result": {"points": "many"}}'
# Answers a proxy writes (the API never saw the request): no rate-limit headers, not counted.
_PROXY_FAULTS: Final = ("bad_gateway_html", "empty_503")
_RATE_FAULTS: Final = ("rate_limit", "rate_limit_http_date", "rate_limit_reset_only")

Dropper = Callable[[Scope], bool]


@dataclass(slots=True)
class _Outcome:
    state: SandboxState
    method: str
    path: str
    started: float
    status: int | None = None
    fault: str | None = None
    logged: bool = False

    def log(self) -> None:
        """Record once, before the last byte or the drop, so a client never sees it first."""
        if self.logged:
            return
        self.logged = True
        self.state.log_request(
            LoggedRequest(
                method=self.method,
                path=self.path,
                status=self.status,
                duration_ms=round((time.perf_counter() - self.started) * 1000, 3),
                fault=self.fault,
            )
        )


def _locale_of(path: str) -> str:
    parts = path.split("/", 2)
    return parts[1] if len(parts) > 1 else "en"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The request body, and False when the client left before sending all of it."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks), False
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), True


def _replay(request_body: bytes, receive: Receive) -> Receive:
    """A receive() that hands out the buffered body once, then defers to the real one."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": request_body, "more_body": False}
        return await receive()

    return replay


class SandboxMiddleware:
    """Wraps the Starlette app; every answer gets `X-Request-Id` and `Server-Timing`.

    With a rate limit on, every answer the API itself writes also gets `X-RateLimit-Limit` and
    `X-RateLimit-Remaining`, and a 429 `Retry-After` and `X-RateLimit-Reset` (Unix seconds).
    Requests are counted per accepted API key; any other key counts against the client's
    address, so made-up keys cannot grow the limiter. `drop` aborts the request's TCP
    connection without writing anything (given by the server, which owns the connections)
    and answers False when it cannot.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        state: SandboxState,
        faults: Faults,
        limiter: RateLimiter,
        sleeper: Sleeper,
        drop: Dropper,
        api_key: str,
    ) -> None:
        self.app = app
        self._api_key = api_key.encode()
        self.state = state
        self.faults = faults
        self.limiter = limiter
        self.sleeper = sleeper
        self.drop = drop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = f"req_{uuid.uuid4().hex[:24]}"
        scope[REQUEST_ID_KEY] = request_id
        outcome = _Outcome(self.state, scope["method"], scope["path"], time.perf_counter())
        try:
            await self._handle(scope, receive, send, request_id, outcome)
        finally:
            outcome.log()

    async def _handle(
        self, scope: Scope, receive: Receive, send: Send, request_id: str, outcome: _Outcome
    ) -> None:
        path: str = scope["path"]
        # Read the whole body first, as nginx does, so a request whose client gave up while
        # it waited on latency or "slow" is still processed: the outcome is then unknown to it.
        request_body, complete = await _read_body(receive)
        if not complete:
            return
        receive = _replay(request_body, receive)
        control = CONTROL_PATH_MARK in path
        query = bytes(scope.get("query_string", b"")).decode("latin-1")
        fault = None if control else self.faults.take(f"{path}?{query}" if query else path)
        outcome.fault = fault
        if not control and not await self.sleeper.sleep(self.faults.latency_ms / 1000):
            await self._drop(scope, receive, outcome)
            return
        if fault == "slow" and not await self.sleeper.sleep(self.faults.slow_s):
            await self._drop(scope, receive, outcome)
            return
        if fault == "drop_before":
            await self._drop(scope, receive, outcome)
            return
        if fault in _PROXY_FAULTS or fault in _RATE_FAULTS:
            await self._send_fault(fault, scope, send, request_id, outcome, [])
            return
        extra: list[tuple[bytes, bytes]] = []
        if not control and self.faults.rate_limit > 0:
            limit = self.faults.rate_limit
            remaining, retry_after = self.limiter.hit(self._rate_key(scope), limit)
            if retry_after is not None:
                await self._send_rate_limited(scope, send, request_id, outcome, retry_after, limit)
                return
            extra = [
                (b"x-ratelimit-limit", str(limit).encode()),
                (b"x-ratelimit-remaining", str(remaining).encode()),
            ]
        if fault is not None and fault not in ("slow", "drop_after"):
            await self._send_fault(fault, scope, send, request_id, outcome, extra)
            return
        handler_started = time.perf_counter()

        if fault == "drop_after":

            async def swallow(message: Message) -> None:
                return None

            await self.app(scope, receive, swallow)
            await self._drop(scope, receive, outcome)
            return

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                outcome.status = message["status"]
                ms = (time.perf_counter() - handler_started) * 1000
                message = dict(message)
                message["headers"] = [
                    *message.get("headers", []),
                    *self._common_headers(request_id, ms),
                    *extra,
                ]
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                outcome.log()
            await send(message)

        await self.app(scope, receive, timed_send)

    def _rate_key(self, scope: Scope) -> str:
        key = _header(scope, b"x-api-key") or ""
        if key and hmac.compare_digest(key.encode(), self._api_key):
            return f"key:{key}"
        return f"ip:{(scope.get('client') or ('?',))[0]}"

    def _limit_headers(self) -> list[tuple[bytes, bytes]]:
        """What a 429 says about the limit, when one is on (an injected 429 may come without)."""
        limit = self.faults.rate_limit
        if limit <= 0:
            return []
        return [(b"x-ratelimit-limit", str(limit).encode()), (b"x-ratelimit-remaining", b"0")]

    @staticmethod
    def _common_headers(request_id: str, ms: float) -> list[tuple[bytes, bytes]]:
        return [
            (b"x-request-id", request_id.encode()),
            (b"server-timing", f"app;dur={ms:.2f}".encode()),
        ]

    async def _send_raw(
        self,
        send: Send,
        status: int,
        body: bytes,
        content_type: bytes | None,
        request_id: str,
        outcome: _Outcome,
        extra: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        headers = [
            (b"content-length", str(len(body)).encode()),
            *self._common_headers(request_id, 0),
        ]
        if content_type is not None:
            headers.append((b"content-type", content_type))
        headers.extend(extra or [])
        outcome.status = status
        # Logged before the first byte: with an empty body the headers are the whole answer.
        outcome.log()
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _send_fault(
        self,
        fault: FaultKind,
        scope: Scope,
        send: Send,
        request_id: str,
        outcome: _Outcome,
        extra: list[tuple[bytes, bytes]],
    ) -> None:
        """One injected fault; `extra` are the rate-limit headers of an answer the API wrote."""
        locale = _locale_of(scope["path"])
        json_type = b"application/json"
        if fault == "server_error":
            error = SandboxError(500, text("server_error", locale), code=500)
            response = failure(error, request_id=request_id)
            body = bytes(response.body)
            await self._send_raw(send, 500, body, json_type, request_id, outcome, extra)
        elif fault == "bad_gateway_html":
            await self._send_raw(send, 502, NGINX_502, b"text/html", request_id, outcome)
        elif fault == "empty_503":
            await self._send_raw(send, 503, b"", None, request_id, outcome)
        elif fault == "rate_limit":
            await self._send_rate_limited(scope, send, request_id, outcome, 2, None)
        elif fault == "rate_limit_http_date":
            await self._send_rate_limited(scope, send, request_id, outcome, 2, None, http_date=True)
        elif fault == "rate_limit_reset_only":
            await self._send_reset_only(send, request_id, outcome)
        elif fault == "forbidden":
            error = SandboxError(403, text("forbidden", locale), code="FORBIDDEN")
            response = failure(error, request_id=request_id)
            body = bytes(response.body)
            await self._send_raw(send, 403, body, json_type, request_id, outcome, extra)
        elif fault == "malformed_json":
            await self._send_raw(send, 200, _MALFORMED_JSON, json_type, request_id, outcome, extra)
        elif fault == "bad_envelope":
            await self._send_raw(send, 200, _BAD_ENVELOPE, json_type, request_id, outcome, extra)
        else:  # pragma: no cover - every kind is handled above or by the caller
            raise AssertionError(fault)

    async def _send_rate_limited(
        self,
        scope: Scope,
        send: Send,
        request_id: str,
        outcome: _Outcome,
        retry_after: int,
        limit: int | None,
        *,
        http_date: bool = False,
    ) -> None:
        locale = _locale_of(scope["path"])
        payload: dict[str, Any] = {
            "success": False,
            "code": "RATE_LIMIT_EXCEEDED",
            "request_id": request_id,
            "message": text("rate_limited", locale, seconds=retry_after),
            "retry_after": retry_after,
        }
        header = str(retry_after)
        if http_date:  # the other form RFC 9110 allows; whole seconds, so round up
            header = formatdate(time.time() + retry_after + 1, usegmt=True)
        reset = math.ceil(time.time()) + retry_after
        extra = [(b"retry-after", header.encode()), (b"x-ratelimit-reset", str(reset).encode())]
        if limit is not None:
            extra += [(b"x-ratelimit-limit", str(limit).encode()), (b"x-ratelimit-remaining", b"0")]
        else:
            extra += self._limit_headers()
        body = bytes(json_response(payload).body)
        await self._send_raw(send, 429, body, b"application/json", request_id, outcome, extra)

    async def _send_reset_only(self, send: Send, request_id: str, outcome: _Outcome) -> None:
        """A 429 saying when only through `X-RateLimit-Reset`, its body the list-error form."""
        payload = {
            "success": False,
            "code": 429,
            "message": "Too Many Attempts.",
            "errors": [{"field": "rate_limit", "message": "Too Many Attempts.", "code": "429"}],
        }
        reset = math.ceil(time.time()) + 2
        extra = [(b"x-ratelimit-reset", str(reset).encode()), *self._limit_headers()]
        body = bytes(json_response(payload).body)
        await self._send_raw(send, 429, body, b"application/json", request_id, outcome, extra)

    async def _drop(self, scope: Scope, receive: Receive, outcome: _Outcome) -> None:
        """Close the connection with nothing (more) written, then wait for the server to notice."""
        outcome.log()
        if not self.drop(scope):
            # The client already left (gave up on a slow answer): nothing to drop. Were it
            # still connected, returning without an answer makes uvicorn send a 500 and log it.
            return
        try:
            async with asyncio.timeout(2):
                while (await receive())["type"] != "http.disconnect":
                    pass
        except TimeoutError:
            pass
