"""The one place that speaks HTTP to Loyalty.lt: headers, timeouts, budget, errors."""

from __future__ import annotations

import asyncio
import json
import logging
import math
import ssl
import time
from collections.abc import Callable, Generator, Mapping
from decimal import Decimal
from typing import Any

import httpx

from pos_app import __version__
from pos_app.api.budget import RateBudget
from pos_app.api.envelope import Answer, decode
from pos_app.api.errors import ApiError, NetworkError, RateLimitError, RequestRecord
from pos_app.api.wire import (
    ACCEPT_ENCODING,
    DEFAULT_MAX_ANSWER_BYTES,
    GuardedTransport,
    read_capped,
)
from pos_app.core.urls import api_url_problem

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0, pool=2.0)
# Whole-call deadlines (httpx's own timeouts are per phase: a server trickling one byte a
# second would never trip them). A lookup must answer within this, start to last byte.
DEFAULT_LOOKUP_TIMEOUT = 15.0
# One attempt of a sale; the sale service repeats it with the same order id.
DEFAULT_SALE_TIMEOUT = 20.0
LOCALES = ("en", "lt")
USER_AGENT = f"pos-app/{__version__}"
_log = logging.getLogger(__name__)


def _tls_for(base_url: httpx.URL) -> ssl.SSLContext | bool:
    """Certificate checks as usual for https; for plain http (loopback only, see the URL
    check) no TLS is ever negotiated, so skip loading the CA bundle (~30 ms at start-up).
    Should TLS happen anyway, this context trusts nothing and verifies everything."""
    if base_url.scheme == "https":
        return True
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


# Clients set aside after a PoolTimeout that stay open for their in-flight requests.
_MAX_RETIRED = 2

# Failures that prove the request never left the till: repeating it is safe.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def check_base_url(base_url: str) -> httpx.URL:
    """The API address as httpx reads it, once the one URL rule (`pos_app.core.urls`) allows it."""
    if problem := api_url_problem(base_url):
        raise ValueError(problem)
    try:
        return httpx.URL(base_url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise ValueError(f"Not a valid API address: {base_url!r}") from exc


def _check_credential(name: str, value: str) -> None:
    """Header-safe text only; the value itself never goes into the message."""
    if not value:
        raise ValueError(f"The API {name} is missing.")
    if not value.isascii() or not value.isprintable() or any(c.isspace() for c in value):
        raise ValueError(
            f"The API {name} contains spaces, line breaks or non-ASCII characters; "
            "paste it again exactly as issued."
        )


class _SecretAuth(httpx.Auth):
    """Adds X-API-Secret to each request, so the client's default headers never hold it."""

    def __init__(self, secret: str) -> None:
        self._secret = secret

    def __repr__(self) -> str:
        return "_SecretAuth(***)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-API-Secret"] = self._secret
        yield request


def encode_json(value: Any) -> bytes:
    """JSON with Decimal written as an exact number (12.50, never 12.5000000001)."""

    def encode(item: Any) -> str:
        if isinstance(item, Decimal):
            if not item.is_finite():
                raise ValueError("money must be a finite number")
            return format(item, "f")
        if isinstance(item, dict):
            pairs = (f"{encode(str(k))}:{encode(v)}" for k, v in item.items())
            return "{" + ",".join(pairs) + "}"
        if isinstance(item, list | tuple):
            return "[" + ",".join(encode(v) for v in item) + "]"
        if isinstance(item, float):
            raise TypeError("use Decimal, not float, in a request body")
        return json.dumps(item, ensure_ascii=False)

    return encode(value).encode("utf-8")


class ShopHttp:
    """Sends one request to the Shop API and returns the envelope's data, or raises ApiError.

    Connection set-up is retried by the transport (safe for POST); nothing else is
    retried here: whether a failed sale may be repeated is the sale's decision.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        api_secret: str,
        *,
        locale: str = "en",
        transport: httpx.AsyncBaseTransport | None = None,
        budget: RateBudget,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        limits: httpx.Limits | None = None,
        on_request: Callable[[RequestRecord], None] | None = None,
        lookup_timeout: float = DEFAULT_LOOKUP_TIMEOUT,
        sale_timeout: float = DEFAULT_SALE_TIMEOUT,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        if locale not in LOCALES:
            raise ValueError(f"locale must be one of {', '.join(LOCALES)}")
        _check_credential("key", api_key)
        _check_credential("secret", api_secret)
        self._base_url = check_base_url(base_url)
        self._locale = locale
        self._auth = _SecretAuth(api_secret)
        self._scrub_secret = api_secret
        self._headers = {
            "X-API-Key": api_key,
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
            "Accept-Encoding": ACCEPT_ENCODING,
        }
        for name, seconds in (("lookup_timeout", lookup_timeout), ("sale_timeout", sale_timeout)):
            if not (math.isfinite(seconds) and seconds > 0):
                raise ValueError(f"{name} must be a positive number of seconds")
        if max_answer_bytes < 1:
            raise ValueError("max_answer_bytes must be positive")
        self.lookup_timeout = float(lookup_timeout)
        self.sale_timeout = float(sale_timeout)
        self._max_answer_bytes = max_answer_bytes
        self._transport = transport
        self._timeout = timeout
        self._limits = limits or httpx.Limits(max_connections=10, max_keepalive_connections=5)
        self._budget = budget
        self._on_request = on_request
        self._retired: list[httpx.AsyncClient] = []
        self._client = self._new_client()

    @property
    def locale(self) -> str:
        return self._locale

    @locale.setter
    def locale(self, value: str) -> None:
        """The language of the server's messages from the next request on ("en" or "lt")."""
        if value not in LOCALES:
            raise ValueError(f"locale must be one of {', '.join(LOCALES)}")
        self._locale = value

    @property
    def base_url(self) -> str:
        return str(self._base_url)

    @property
    def budget(self) -> RateBudget:
        return self._budget

    def _new_client(self) -> httpx.AsyncClient:
        transport = self._transport or GuardedTransport(
            verify=_tls_for(self._base_url), retries=2, limits=self._limits
        )
        return httpx.AsyncClient(
            base_url=self._base_url,
            headers=self._headers,
            auth=self._auth,
            timeout=self._timeout,
            transport=transport,
            follow_redirects=False,
            trust_env=False,
        )

    def scrub(self, text: str) -> str:
        """Whatever came back, the secret is never repeated."""
        secret = self._scrub_secret
        return text.replace(secret, "***") if secret in text else text

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        body: Any = None,
        messages: Mapping[str, str] | None = None,
        deadline: float | None = None,
    ) -> Answer:
        """`path` below /{locale}/shop/, e.g. "loyalty-cards/info".

        The whole call, from waiting for a connection to the answer's last byte, must finish
        within `deadline` seconds (default: the lookup deadline), or NetworkError. The answer
        is read as a stream and abandoned (InvalidResponseError) once it passes the size cap.
        """
        full_path = f"/{self._locale}/shop/{path}"
        limit = self.lookup_timeout if deadline is None else deadline
        self._budget.acquire()
        started = time.perf_counter()
        status: int | None = None
        request_id: str | None = None
        error: ApiError | None = None
        outcome: str | None = None
        try:
            try:
                async with asyncio.timeout(limit):
                    async with self._client.stream(
                        method,
                        full_path,
                        params=params,
                        content=None if body is None else encode_json(body),
                        headers=None if body is None else {"Content-Type": "application/json"},
                    ) as response:
                        status = response.status_code
                        headers = response.headers
                        # budget: every answer's rate-limit headers
                        self._budget.observe(headers)
                        content = await read_capped(response, self._max_answer_bytes)
            except TimeoutError:
                # Our own deadline (httpx's phase timeouts are TransportErrors): whether the
                # request reached the server is unknown, so a sale must be repeated as such.
                error = NetworkError(
                    "The loyalty service did not answer within "
                    f"{_whole_seconds(limit)} s. Please try again.",
                    may_have_reached_server=True,
                )
                raise error from None
            except httpx.TransportError as exc:
                if isinstance(exc, httpx.PoolTimeout) and self._transport is None:
                    await self._replace_client()
                error = _network_error(exc)
                raise error from None
            except ApiError as exc:  # too large, or packed in a way the till cannot read
                error = exc
                raise
            try:
                answer = decode(status, headers, content, scrub=self.scrub, messages=messages)
            except RateLimitError as exc:
                # The shop's other tills share the key: hold everything off, and say how long.
                error = RateLimitError(
                    retry_after=self._budget.hold_off(exc.retry_after),
                    status=exc.status,
                    code=exc.code,
                    request_id=exc.request_id,
                    server_message=exc.server_message,
                )
                raise error from None
            except ApiError as exc:
                error = exc
                raise
            self._budget.succeeded()
            request_id = answer.request_id
            return answer
        except asyncio.CancelledError:
            outcome = "cancelled"
            raise
        finally:
            if error is not None:
                request_id = error.request_id
                outcome = type(error).__name__
            self._record(method, full_path, status, started, request_id, outcome)

    async def _replace_client(self) -> None:
        """A cancelled wait can leak a pool slot for good (httpcore #1093): start afresh.

        The old client stays open for whatever it still has in flight; only the oldest
        set-aside one is closed, so repeated pool timeouts cannot pile up connections.
        """
        self._retired.append(self._client)
        self._client = self._new_client()
        while len(self._retired) > _MAX_RETIRED:
            await self._retired.pop(0).aclose()

    def _record(
        self,
        method: str,
        path: str,
        status: int | None,
        started: float,
        request_id: str | None,
        outcome: str | None,
    ) -> None:
        record = RequestRecord(
            method=method,
            path=path,
            status=status,
            elapsed=time.perf_counter() - started,
            request_id=request_id,
            error=outcome,
        )
        # Support reads this line: no headers, no query string, so no secret and no card data.
        _log.log(
            logging.INFO if outcome is None else logging.WARNING,
            "%s %s -> %s in %.0f ms (request %s)%s",
            method,
            path,
            status if status is not None else "no answer",
            record.elapsed * 1000,
            request_id or "-",
            f" [{outcome}]" if outcome else "",
        )
        if self._on_request is None:
            return
        try:
            self._on_request(record)
        except Exception:
            # A broken log hook must not turn a recorded sale into a failed one.
            _log.exception("on_request hook failed")

    async def aclose(self) -> None:
        clients, self._retired = [*self._retired, self._client], []
        for client in clients:
            await client.aclose()


def _whole_seconds(seconds: float) -> str:
    return f"{seconds:.0f}" if seconds >= 1 else f"{seconds:.1f}"


def _network_error(exc: httpx.TransportError) -> NetworkError:
    if isinstance(exc, httpx.PoolTimeout):
        return NetworkError(
            "The till is waiting on too many loyalty requests. Please try again.",
            may_have_reached_server=False,
        )
    if isinstance(exc, _NOT_SENT):
        return NetworkError(may_have_reached_server=False)
    if isinstance(exc, httpx.TimeoutException):
        return NetworkError(
            "The loyalty service did not answer in time. Please try again.",
            may_have_reached_server=True,
        )
    return NetworkError(
        "The connection to the loyalty service broke off. Please try again.",
        may_have_reached_server=True,
    )
