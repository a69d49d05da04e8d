"""Below ShopHttp: a pool that never reuses a badly framed connection; answers read within a cap."""

from __future__ import annotations

import ssl
import typing
import zlib
from collections.abc import Iterable

import h11
import httpcore
import httpx

from pos_app.api.errors import InvalidResponseError

DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024
# We inflate answers ourselves (bounded), so only what we can inflate is asked for.
ACCEPT_ENCODING = "gzip, deflate"

_TOO_LARGE = (
    "The loyalty service sent a far larger answer than any the till expects, so the till "
    "stopped reading it. Please try again; if it keeps happening, call support."
)
_UNKNOWN_ENCODING = "The loyalty service sent an answer packed in a way the till cannot read."
_BAD_PACKING = "The loyalty service sent a damaged answer (it could not be unpacked)."


class AnswerTooLarge(InvalidResponseError):
    """An answer past the size cap, counted after unpacking; reading stopped there."""

    default_message = _TOO_LARGE


# ---- framing guard -----------------------------------------------------------------------


class _FramingGuard(httpcore.AsyncNetworkStream):
    """Watches the HTTP/1.1 bytes of one connection with its own parser.

    After each request it follows the answer to its end exactly as the pool's parser does; a
    byte past that end (a Content-Length that was too short, a second answer nobody asked
    for), or bytes it cannot parse, spoil the connection. A spoiled connection reports itself
    readable while idle, which is how the pool recognises a connection it must close rather
    than reuse: the next request then gets a fresh connection and its own answer.
    """

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._shadow: h11.Connection | None = None
        self.spoiled = False

    # The signatures are httpcore's network-stream interface, timeouts included.
    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        data = await self._inner.read(max_bytes, timeout)
        self._watch(data)
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        self._request_started(buffer)
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109
    ) -> httpcore.AsyncNetworkStream:
        inner = await self._inner.start_tls(ssl_context, server_hostname, timeout)
        return _FramingGuard(inner)

    def get_extra_info(self, info: str) -> typing.Any:
        if info == "is_readable" and self.spoiled:
            return True
        return self._inner.get_extra_info(info)

    def _request_started(self, buffer: bytes) -> None:
        """The first write after a finished answer is the next request's head."""
        shadow = self._shadow
        if self.spoiled or (shadow is not None and shadow.their_state is not h11.DONE):
            return  # a request body, or a connection already lost
        method = buffer.split(b" ", 1)[0]
        if not method or not method.isalpha():
            self.spoiled = True
            return
        shadow = h11.Connection(h11.CLIENT)
        # The shadow only needs the method: it decides whether the answer can have a body.
        shadow.send(h11.Request(method=method, target="/", headers=[("Host", "till")]))
        shadow.send(h11.EndOfMessage())
        self._shadow = shadow

    def _watch(self, data: bytes) -> None:
        shadow = self._shadow
        if self.spoiled or shadow is None:
            if data and shadow is None:
                self.spoiled = True  # bytes before any request: nothing may follow them
            return
        if shadow.their_state is h11.DONE:
            self.spoiled = bool(data)
            return
        try:
            shadow.receive_data(data)
            while True:
                event = shadow.next_event()
                if event is h11.NEED_DATA or event is h11.PAUSED:
                    break
                if isinstance(event, h11.ConnectionClosed):
                    break
        except h11.RemoteProtocolError:
            self.spoiled = True
            return
        if shadow.their_state is h11.DONE and shadow.trailing_data[0]:
            self.spoiled = True


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """The default network backend, each stream wrapped in a _FramingGuard."""

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _FramingGuard(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._inner.connect_unix_socket(path, timeout, socket_options)
        return _FramingGuard(stream)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's HTTP/1.1 transport whose connections are watched by a _FramingGuard.

    Connection set-up is retried `retries` times (safe even for POST: nothing was sent).
    """

    def __init__(
        self, *, verify: ssl.SSLContext | bool, limits: httpx.Limits, retries: int
    ) -> None:
        super().__init__(verify=verify, limits=limits, retries=retries, trust_env=False)
        # httpx builds its pool without a way to pass a network backend: build the same
        # pool again with ours (nothing was opened yet).
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            retries=retries,
            network_backend=_GuardedBackend(),
        )


# ---- bounded reading ---------------------------------------------------------------------


class _Inflater:
    """Unpacks one Content-Encoding, never producing more than it is asked for."""

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._zlib: typing.Any = None
        # "deflate" is zlib-wrapped by the standard and raw by some servers: the first two
        # bytes (a zlib header or not) decide, so they wait for each other across chunks.
        self._undecided: bytes | None = None
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._undecided = b""
        elif encoding not in ("", "identity"):
            raise InvalidResponseError(_UNKNOWN_ENCODING)

    def feed(self, data: bytes, limit: int) -> bytes:
        """At most `limit` bytes of unpacked answer for `data`; the rest waits inside."""
        if self._undecided is not None:
            data = self._undecided + data
            if len(data) < 2:
                self._undecided = data
                return b""
            self._undecided = None
            zlib_header = (data[0] & 0x0F) == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)
        if self._zlib is None:
            return data[:limit] if len(data) > limit else data
        try:
            out: bytes = self._zlib.decompress(data, limit)
        except zlib.error:
            raise InvalidResponseError(_BAD_PACKING) from None
        return out

    def finish(self, limit: int) -> bytes:
        if self._undecided is not None:
            if self._undecided:  # one lone byte cannot be a deflate stream
                raise InvalidResponseError(_BAD_PACKING)
            return b""  # an empty body, whatever its header says
        if self._zlib is None:
            return b""
        try:
            out: bytes = self._zlib.flush(max(limit, 1))
        except zlib.error:
            raise InvalidResponseError(_BAD_PACKING) from None
        return out[:limit] if len(out) > limit else out


async def read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The whole answer body, unpacked, or AnswerTooLarge as soon as it passes `max_bytes`.

    Raw bytes are unpacked here with a bound on the output, so a small packed answer that
    would unpack to gigabytes (a "zip bomb") never grows past `max_bytes + 1` in memory.
    """
    try:
        body = response.content  # answered from memory (a test transport), already unpacked
    except httpx.ResponseNotRead:
        pass
    else:
        if len(body) > max_bytes:
            raise AnswerTooLarge()
        return body
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    inflater = _Inflater(encoding)
    declared = response.headers.get("Content-Length", "")
    if encoding in ("", "identity") and declared.isdigit() and int(declared) > max_bytes:
        raise AnswerTooLarge()
    parts: list[bytes] = []
    total = 0
    async for raw in response.aiter_raw():
        piece = inflater.feed(raw, max_bytes - total + 1)
        total += len(piece)
        if total > max_bytes:
            raise AnswerTooLarge()
        parts.append(piece)
    piece = inflater.finish(max_bytes - total + 1)
    total += len(piece)
    if total > max_bytes:
        raise AnswerTooLarge()
    parts.append(piece)
    return b"".join(parts)
