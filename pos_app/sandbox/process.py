"""The demo-mode sandbox in a child process, so its server stack never loads into the till.

Started first thing in demo mode on a socket the till bound, it imports and starts serving on
the second core while the till imports Qt and builds its window. The child exits when told
to, or when the till dies (its end of the pipe closes). Uses multiprocessing's spawn context,
which works in frozen builds.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import socket
from multiprocessing.connection import Connection
from typing import Any

from pos_app.sandbox.listen import listening_socket


def _peak_rss_kib() -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _serve(conn: Connection, options: dict[str, Any], listening: socket.socket) -> None:
    from pos_app.sandbox.server import SandboxServer

    try:
        server = SandboxServer(**options)
        server.start(listening)
    except Exception as exc:  # told to the parent as one line
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", server.base_url))
    try:
        conn.recv()  # "stop", or EOFError when the till has gone
    except (EOFError, OSError):
        return
    with contextlib.suppress(OSError):
        conn.send(("stopped", _peak_rss_kib()))


class SandboxProcess:
    """`SandboxServer` options in, a base URL out at once; `stop()` ends the child at once.

    The till binds the listening socket itself and hands it to the child, so `base_url` is
    known before the child has even started: the till builds its window meanwhile, and a
    request sent early waits in the socket's backlog until the child serves it.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, **options: Any) -> None:
        self._host = host
        self._port = port
        self._options = options
        self._conn: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._url: str | None = None
        self._ready = False
        self.peak_rss_mib: float | None = None

    def start(self) -> None:
        """Bind the port (OSError if taken) and launch the child; returns at once."""
        listening = listening_socket(self._host, self._port)
        try:
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            options = dict(self._options, host=self._host)
            process = context.Process(
                target=_serve,
                args=(child, options, listening),
                name="pos-app-sandbox",
                daemon=True,
            )
            process.start()  # the child gets its own copy of the socket now
            child.close()
        finally:
            listening_port = listening.getsockname()[1]
            listening.close()
        host = f"[{self._host}]" if ":" in self._host else self._host
        self._url = f"http://{host}:{listening_port}"
        self._conn, self._process = parent, process

    @property
    def base_url(self) -> str:
        """Where the sandbox listens; valid as soon as `start()` returned."""
        if self._url is None:
            raise RuntimeError("the demo sandbox was not started")
        return self._url

    @property
    def ready(self) -> bool:
        """True once the child said it serves (see `failure`, which reads that answer)."""
        return self._ready

    def failure(self) -> str | None:
        """Without waiting: why the child could not start, or None (ready or still starting)."""
        if self._ready or self._conn is None:
            return None
        try:
            if not self._conn.poll(0):
                return None
            kind, value = self._conn.recv()
        except (EOFError, OSError):
            return "the demo sandbox process ended while starting"
        if kind == "ready":
            self._ready = True
            return None
        return f"the demo sandbox could not start: {value}"

    def wait_ready(self, timeout: float = 20.0) -> str:
        """The base URL once the child serves; RuntimeError with the reason otherwise."""
        if self._ready:
            return self.base_url
        if self._conn is None:
            raise RuntimeError("the demo sandbox was not started")
        try:
            if not self._conn.poll(timeout):
                raise RuntimeError(f"the demo sandbox did not start within {timeout:.0f} s")
            kind, value = self._conn.recv()
        except (EOFError, OSError):
            raise RuntimeError("the demo sandbox process ended while starting") from None
        if kind != "ready":
            raise RuntimeError(f"the demo sandbox could not start: {value}")
        self._ready = True
        return self.base_url

    def stop(self) -> None:
        conn, process = self._conn, self._process
        self._conn = self._process = None
        if conn is not None:
            try:
                conn.send("stop")
                # "ready" may still be unread (nothing waits for it); read on to "stopped".
                while conn.poll(1.0):
                    kind, value = conn.recv()
                    if kind == "stopped":
                        if value is not None:
                            self.peak_rss_mib = int(value) / 1024
                        break
            except (EOFError, OSError):
                pass
            conn.close()
        if process is not None:
            process.kill()  # the sandbox holds nothing worth a graceful shutdown
            process.join(2.0)
