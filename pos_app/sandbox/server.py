"""SandboxServer: the Loyalty.lt stand-in served by uvicorn on a background thread.

Why Starlette + uvicorn: both are maintained by the Encode team, widely deployed, typed, and
pure Python with the h11 backend (no compiled extras for PyInstaller to chase). uvicorn serves
a socket we bind ourselves, so `port=0` yields the real port before `start()` returns, and it
installs no signal handlers outside the main thread, so the till can embed it.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn
from starlette.types import Scope

from pos_app.core.models import build_validators
from pos_app.sandbox.app import KEY_PREFIX, build_app
from pos_app.sandbox.data import DEMO_API_KEY, DEMO_API_SECRET
from pos_app.sandbox.faults import Faults, RateLimiter, Sleeper
from pos_app.sandbox.listen import listening_socket
from pos_app.sandbox.middleware import SandboxMiddleware
from pos_app.sandbox.qr import QR_ENDED_FORMS, QrEndedForm
from pos_app.sandbox.state import SandboxState

START_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 5.0


class SandboxServer:
    """A faithful Loyalty.lt Shop API stand-in over real HTTP on loopback.

    `state` holds cards, transactions and the request log; `faults` changes latency, failures
    and the rate limit at runtime. Use as a context manager, or `start()` / `stop()`.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        api_key: str = DEMO_API_KEY,
        api_secret: str = DEMO_API_SECRET,
        rate_limit: int = 60,
        latency_ms: float = 0,
        fail_rate: float = 0.0,
        qr_ttl_s: float = 300.0,
        qr_ended_form: QrEndedForm = "404",
        seed: int | None = None,
        slow_s: float = 15.0,
    ) -> None:
        if not api_key or not api_secret:
            raise ValueError("the sandbox needs a non-empty API key and secret")
        if not api_key.startswith(KEY_PREFIX):
            raise ValueError(f"a Loyalty.lt API key starts with {KEY_PREFIX!r}")
        self.host = host
        self._requested_port = port
        self._api_key = api_key
        self._api_secret = api_secret
        if qr_ended_form not in QR_ENDED_FORMS:
            raise ValueError(f"qr_ended_form must be one of {QR_ENDED_FORMS}")
        self.state = SandboxState(qr_ttl_s=qr_ttl_s, qr_ended_form=qr_ended_form)
        self.faults = Faults(
            latency_ms=latency_ms,
            fail_rate=fail_rate,
            rate_limit=rate_limit,
            slow_s=slow_s,
            seed=seed,
        )
        self._limiter = RateLimiter()
        self._sleeper = Sleeper()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._error: BaseException | None = None
        self.port: int | None = None

    @property
    def base_url(self) -> str:
        """`http://HOST:PORT` with the real port; only valid once started."""
        if self.port is None:
            raise RuntimeError("the sandbox is not running")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def rate_limit_buckets(self) -> int:
        """How many rate-limit buckets the sandbox holds (bounded whatever keys clients send)."""
        return len(self._limiter)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _bind(self) -> socket.socket:
        return listening_socket(self.host, self._requested_port)

    def start(self, listening: socket.socket | None = None) -> None:
        """Bind (or take `listening`, a bound and listening TCP socket), serve on a daemon
        thread, and return once it accepts connections."""
        if self.running:
            raise RuntimeError("the sandbox is already running")
        # Built here, not lazily on the server thread while a till in this process builds them.
        build_validators()
        if listening is not None:
            listening.setblocking(False)
        sock = listening if listening is not None else self._bind()
        self._socket = sock
        self.port = sock.getsockname()[1]
        app = SandboxMiddleware(
            build_app(self.state, api_key=self._api_key, api_secret=self._api_secret),
            state=self.state,
            faults=self.faults,
            limiter=self._limiter,
            sleeper=self._sleeper,
            drop=self._drop_connection,
            api_key=self._api_key,
        )
        config = uvicorn.Config(
            app,
            http="h11",
            loop="asyncio",
            lifespan="off",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=1,
            server_header=False,
        )
        self._server = uvicorn.Server(config)
        self._error = None
        self._thread = threading.Thread(target=self._run, name="loyalty-sandbox", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the sandbox did not start: {self._error!r}")
            time.sleep(0.005)

    def _run(self) -> None:
        server, sock = self._server, self._socket
        if server is None or sock is None:
            return
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except BaseException as exc:
            self._error = exc

    def stop(self) -> None:
        """Stop serving and join the thread; safe to call twice."""
        server, thread = self._server, self._thread
        if server is not None:
            server.should_exit = True
        self._sleeper.wake_all()
        if thread is not None:
            thread.join(STOP_TIMEOUT_S)
            if thread.is_alive() and server is not None:
                server.force_exit = True
                thread.join(STOP_TIMEOUT_S)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None
        self.port = None

    def reset(self) -> None:
        """Seed data back; no transactions, sessions, queued faults or rate counts; constructor
        settings restored. Requests still waiting on latency or "slow" are dropped unprocessed."""
        self._sleeper.wake_all()
        self.faults.reset()
        self._limiter.reset()
        self.state.reset()

    def expire_qr_session(self, session_id: str) -> None:
        """End a QR session now, as if its five minutes had passed."""
        self.state.expire_qr_session(session_id)

    def scan_qr_session(self, session_id: str, card_number: str) -> dict[str, Any]:
        """Play the customer's phone, like POST .../qr-card/sandbox-scan/{session_id}."""
        return self.state.scan_qr_session(session_id, card_number)

    def _drop_connection(self, scope: Scope) -> bool:
        """Abort the TCP connection the request in `scope` came on; runs on the server loop."""
        server, client = self._server, scope.get("client")
        if server is None or client is None:
            return False
        for connection in list(server.server_state.connections):
            if getattr(connection, "client", None) == tuple(client):
                transport = getattr(connection, "transport", None)
                if transport is not None:
                    transport.abort()
                    return True
        return False

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


__all__ = ["SandboxServer"]
