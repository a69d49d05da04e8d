"""An HTTP/1.1 server on 127.0.0.1 for tests that need real sockets: trickle, flood, framing."""

from __future__ import annotations

import asyncio
import json
import ssl
import zlib
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any

Answer = Callable[["Exchange"], Awaitable[None]]


class Exchange:
    """One request on one connection, and the writer to answer it with raw bytes."""

    def __init__(
        self, server: RawServer, connection: int, path: str, writer: asyncio.StreamWriter
    ) -> None:
        self.server = server
        self.connection = connection
        self.path = path
        self.writer = writer

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()
        self.server.sent += len(data)


class RawServer:
    """Answers the n-th request with `answers[n]` (the last one repeats).

    `connections` counts accepted connections; `paths` lists (connection, path) per request;
    `sent` counts the bytes the answers managed to write before the client hung up.
    """

    def __init__(self, *answers: Answer, tls: ssl.SSLContext | None = None) -> None:
        self._answers = list(answers)
        self._tls = tls
        self.connections = 0
        self.paths: list[tuple[int, str]] = []
        self.sent = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        assert self._server is not None
        port = self._server.sockets[0].getsockname()[1]
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{port}"

    async def __aenter__(self) -> RawServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self._tls)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self.connections += 1
        number = self.connections
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                if length:
                    await reader.readexactly(length)
                path = head.split(b" ", 2)[1].decode("ascii")
                self.paths.append((number, path))
                answer = self._answers[min(len(self.paths), len(self._answers)) - 1]
                await answer(Exchange(self, number, path, writer))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except asyncio.CancelledError:
            # The server is closing. Ending normally keeps asyncio's stream callback from
            # logging the cancelled handler as an error.
            pass
        finally:
            writer.close()
            self._tasks.discard(task)


def envelope(data: Any) -> bytes:
    return json.dumps({"success": True, "data": data}).encode()


def head(length: int | None, *extra: str, status: str = "200 OK") -> bytes:
    lines = [f"HTTP/1.1 {status}", "Content-Type: application/json", *extra]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def ok_answer(data: Any) -> Answer:
    async def answer(exchange: Exchange) -> None:
        body = envelope(data)
        await exchange.send(head(len(body)) + body)

    return answer


def gzip_bomb(inflated: int) -> bytes:
    """A gzip body of zeros that inflates to `inflated` bytes (about 1 KiB packed per MiB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(inflated >> 20)]
    parts.append(packer.flush())
    return b"".join(parts)
