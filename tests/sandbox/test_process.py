"""The demo sandbox in a child process: starts, serves over loopback, ends with the till."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET
from pos_app.sandbox.process import SandboxProcess

HEADERS = {"X-API-Key": DEMO_API_KEY, "X-API-Secret": DEMO_API_SECRET, "Accept": "application/json"}


def test_child_serves_cards_and_stop_ends_it() -> None:
    sandbox = SandboxProcess()
    sandbox.start()
    try:
        url = sandbox.wait_ready()
        assert url.startswith("http://127.0.0.1:")
        answer = httpx.get(
            f"{url}/en/shop/loyalty-cards/info",
            params={"card_number": "900-002-001"},
            headers=HEADERS,
        )
        assert answer.status_code == 200
        assert answer.json()["data"]["points"] == 2500
        process = sandbox._process
        assert process is not None
    finally:
        sandbox.stop()
    assert not process.is_alive()
    assert sandbox.peak_rss_mib is not None
    assert sandbox.peak_rss_mib > 10
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/en/shop/loyalty-cards/info", headers=HEADERS, timeout=2)


def test_child_exits_when_the_till_goes_away() -> None:
    sandbox = SandboxProcess()
    sandbox.start()
    sandbox.wait_ready()
    process, conn = sandbox._process, sandbox._conn
    assert process is not None
    assert conn is not None
    conn.close()  # what the OS does to the pipe when the till process dies
    deadline = time.monotonic() + 10
    while process.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not process.is_alive()
    process.join()


def test_a_taken_port_is_refused_before_any_child_starts() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        sandbox = SandboxProcess(port=taken.getsockname()[1])
        with pytest.raises(OSError, match="in use"):
            sandbox.start()
        assert sandbox._process is None


def test_the_url_is_known_at_once_and_an_early_request_waits_for_the_child() -> None:
    sandbox = SandboxProcess()
    sandbox.start()
    try:
        assert not sandbox.ready  # the child is still importing its server stack
        answer = httpx.post(f"{sandbox.base_url}/en/shop/validate-credentials", headers=HEADERS)
        assert answer.status_code == 200
        sandbox.wait_ready()
        assert sandbox.ready
        assert sandbox.failure() is None
    finally:
        sandbox.stop()


def test_stop_reports_the_childs_peak_memory_even_if_ready_was_never_read() -> None:
    sandbox = SandboxProcess()
    sandbox.start()
    httpx.post(f"{sandbox.base_url}/en/shop/validate-credentials", headers=HEADERS)
    sandbox.stop()
    assert sandbox.peak_rss_mib is not None


def test_a_child_that_cannot_serve_says_why() -> None:
    sandbox = SandboxProcess(api_key="")  # SandboxServer refuses an empty key
    sandbox.start()
    try:
        with pytest.raises(RuntimeError, match="could not start"):
            sandbox.wait_ready(timeout=20)
    finally:
        sandbox.stop()
