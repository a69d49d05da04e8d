"""SandboxServer lifecycle: port 0, start/stop/restart, failures, stopping under load, speed."""

from __future__ import annotations

import statistics
import threading
import time

import httpx
import pytest

from pos_app.sandbox import SandboxServer
from pos_app.testing.helpers import run_fresh
from tests.sandbox.conftest import AUTH

INFO = "/en/shop/loyalty-cards/info"
CARD = {"card_number": "900-001-001"}


def test_port_zero_gives_the_real_port_before_start_returns() -> None:
    server = SandboxServer(rate_limit=0)
    with pytest.raises(RuntimeError):
        _ = server.base_url
    server.start()
    try:
        assert server.port
        assert server.base_url == f"http://127.0.0.1:{server.port}"
        assert httpx.get(f"{server.base_url}{INFO}", params=CARD, headers=AUTH).status_code == 200
        with pytest.raises(RuntimeError, match="already running"):
            server.start()
    finally:
        server.stop()
    assert not server.running
    server.stop()  # twice is fine


def test_restart_after_stop_serves_again() -> None:
    server = SandboxServer(rate_limit=0)
    with server:
        first = server.base_url
    with server:
        response = httpx.get(f"{server.base_url}{INFO}", params=CARD, headers=AUTH)
        assert response.status_code == 200
    assert first.startswith("http://127.0.0.1:")


def test_a_taken_port_fails_at_start(sandbox: SandboxServer) -> None:
    taken = SandboxServer(port=sandbox.port or 0)
    with pytest.raises(OSError, match=r"(?i)address|in use|usage"):
        taken.start()
    assert not taken.running


def test_empty_credentials_are_refused() -> None:
    with pytest.raises(ValueError, match="key and secret"):
        SandboxServer(api_secret="")


def test_a_key_the_api_would_never_issue_is_refused() -> None:
    with pytest.raises(ValueError, match="lty_"):
        SandboxServer(api_key="demo_sandbox_key")


def test_stop_is_quick_even_with_a_slow_request_waiting() -> None:
    server = SandboxServer(rate_limit=0)
    server.start()
    server.faults.inject("slow")  # 15 s unless woken
    errors: list[BaseException] = []

    def call() -> None:
        try:
            httpx.get(f"{server.base_url}{INFO}", params=CARD, headers=AUTH, timeout=10)
        except httpx.HTTPError as exc:
            errors.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    deadline = time.monotonic() + 5
    while server.faults.pending and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)  # the request is inside its handler now; no signal says so from outside
    started = time.monotonic()
    server.stop()
    caller.join(5)
    assert time.monotonic() - started < 3
    assert not caller.is_alive()
    assert len(errors) == 1  # the slow request was dropped, not answered


def test_keep_alive_round_trips_take_about_a_millisecond(
    sandbox: SandboxServer, client: httpx.Client
) -> None:
    """Guards TCP_NODELAY: without it every answer waits ~40 ms for a delayed ACK."""
    timings = []
    for _ in range(15):
        started = time.perf_counter()
        assert client.get(INFO, params=CARD).status_code == 200
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.02


def test_can_start_from_inside_a_running_event_loop() -> None:
    async def embedded() -> int:
        with SandboxServer(rate_limit=0) as server:
            async with httpx.AsyncClient(base_url=server.base_url, headers=AUTH) as client:
                response = await client.get(INFO, params=CARD)
                return response.status_code

    assert run_fresh(embedded()) == 200
