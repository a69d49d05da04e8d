"""The demo-mode sandbox in a child process, so its server stack never loads into the till.

Started first thing in demo mode, it imports and binds on the second core while the till
imports Qt and builds its window. The child exits when told to, or when the till dies (its
end of the pipe closes). Uses multiprocessing's spawn context, which works in frozen builds.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from multiprocessing.connection import Connection
from typing import Any


def _peak_rss_kib() -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _serve(conn: Connection, options: dict[str, Any]) -> None:
    from pos_app.sandbox.server import SandboxServer

    server = SandboxServer(**options)
    try:
        server.start()
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
    """`SandboxServer` options in, a base URL out; `stop()` ends the child at once."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._conn: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._base_url: str | None = None
        self.peak_rss_mib: float | None = None

    def start(self) -> None:
        """Launch the child; returns at once (see `wait_ready`)."""
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(
            target=_serve, args=(child, self._options), name="pos-app-sandbox", daemon=True
        )
        process.start()
        child.close()
        self._conn, self._process = parent, process

    def wait_ready(self, timeout: float = 20.0) -> str:
        """The base URL once the child listens; RuntimeError with the reason otherwise."""
        if self._base_url is not None:
            return self._base_url
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
        self._base_url = str(value)
        return self._base_url

    @property
    def base_url(self) -> str:
        return self.wait_ready()

    def stop(self) -> None:
        conn, process = self._conn, self._process
        self._conn = self._process = None
        if conn is not None:
            try:
                conn.send("stop")
                if conn.poll(1.0):
                    kind, value = conn.recv()
                    if kind == "stopped" and value is not None:
                        self.peak_rss_mib = int(value) / 1024
            except (EOFError, OSError):
                pass
            conn.close()
        if process is not None:
            process.kill()  # the sandbox holds nothing worth a graceful shutdown
            process.join(2.0)
