"""The per-key rolling-minute rate limit: 429 with an honest Retry-After."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from pos_app.sandbox import DEMO_API_KEY, SandboxServer
from pos_app.sandbox.faults import RateLimiter
from tests.sandbox.conftest import AUTH, body

INFO = "/en/shop/loyalty-cards/info"
CARD = {"card_number": "900-001-001"}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def limited() -> Iterator[SandboxServer]:
    with SandboxServer(rate_limit=3) as server:
        yield server


def test_fourth_request_in_a_minute_is_429_with_retry_after(limited: SandboxServer) -> None:
    with httpx.Client(base_url=limited.base_url, headers=AUTH) as client:
        answers = [client.get(INFO, params=CARD) for _ in range(3)]
        assert [r.status_code for r in answers] == [200, 200, 200]
        assert [r.headers["x-ratelimit-remaining"] for r in answers] == ["2", "1", "0"]
        refused = client.get(INFO, params=CARD)
    assert refused.status_code == 429
    payload = body(refused)
    assert payload["code"] == "RATE_LIMIT_EXCEEDED"
    assert payload["success"] is False
    retry_after = int(refused.headers["retry-after"])
    assert 58 <= retry_after <= 60
    assert payload["retry_after"] == retry_after
    assert str(retry_after) in payload["message"]


def test_limit_is_per_key(limited: SandboxServer) -> None:
    other_key = {**AUTH, "X-API-Key": "lty_another_till"}
    with httpx.Client(base_url=limited.base_url) as client:
        for _ in range(3):
            client.get(INFO, params=CARD, headers=AUTH)
        assert client.get(INFO, params=CARD, headers=AUTH).status_code == 429
        # Another key has its own budget (and is then refused for its credentials).
        assert client.get(INFO, params=CARD, headers=other_key).status_code == 401


def test_phone_scan_endpoint_does_not_spend_the_budget(limited: SandboxServer) -> None:
    with httpx.Client(base_url=limited.base_url, headers=AUTH) as client:
        session_id = body(client.post("/en/shop/qr-card/generate", json={"device_name": "T"}))[
            "data"
        ]["session_id"]
        for _ in range(3):
            scan = client.post(
                f"/en/shop/qr-card/sandbox-scan/{session_id}", json={"card_number": "900-001-001"}
            )
            assert scan.status_code in (200, 409)
        assert client.get(f"/en/shop/qr-card/status/{session_id}").status_code == 200
        assert client.get(INFO, params=CARD).status_code == 200
        assert client.get(INFO, params=CARD).status_code == 429


def test_lowering_the_limit_at_runtime_and_reset(limited: SandboxServer) -> None:
    with httpx.Client(base_url=limited.base_url, headers=AUTH) as client:
        limited.faults.rate_limit = 1
        assert client.get(INFO, params=CARD).status_code == 200
        assert client.get(INFO, params=CARD).status_code == 429
        limited.faults.rate_limit = 0
        assert client.get(INFO, params=CARD).status_code == 200
        limited.reset()
        assert limited.faults.rate_limit == 3
        assert [client.get(INFO, params=CARD).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_rolling_window_frees_slots_as_they_age() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock)
    assert limiter.hit(DEMO_API_KEY, 2) == (1, None)
    clock.now += 20
    assert limiter.hit(DEMO_API_KEY, 2) == (0, None)
    clock.now += 10
    assert limiter.hit(DEMO_API_KEY, 2) == (0, 30)  # the first hit ages out 60 s after it
    clock.now += 29.5
    assert limiter.hit(DEMO_API_KEY, 2) == (0, 1)
    clock.now += 0.5
    assert limiter.hit(DEMO_API_KEY, 2) == (0, None)
    assert limiter.hit("lty_other", 2) == (1, None)
    assert limiter.hit(DEMO_API_KEY, 0) == (0, None)


def test_refused_requests_do_not_extend_the_wait() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock)
    limiter.hit("k", 1)
    for _ in range(10):
        clock.now += 5
        _, retry_after = limiter.hit("k", 1)
        assert retry_after is not None
    clock.now += 10.1
    assert limiter.hit("k", 1) == (0, None)


def test_every_answer_says_the_limit_and_what_is_left(limited: SandboxServer) -> None:
    with httpx.Client(base_url=limited.base_url, headers=AUTH) as client:
        answers = [
            client.get(INFO, params=CARD),  # 200
            client.get(INFO),  # 422
            client.get(INFO, params={"card_number": "999-999-999"}),  # 404
        ]
    assert [r.status_code for r in answers] == [200, 422, 404]
    assert [r.headers["x-ratelimit-limit"] for r in answers] == ["3", "3", "3"]
    assert [r.headers["x-ratelimit-remaining"] for r in answers] == ["2", "1", "0"]
    assert all("x-ratelimit-reset" not in r.headers for r in answers)


def test_refused_credentials_and_app_faults_carry_the_headers_too(limited: SandboxServer) -> None:
    limited.faults.inject("server_error")
    with httpx.Client(base_url=limited.base_url) as client:
        failed = client.get(INFO, params=CARD, headers=AUTH)
        unknown_key = client.get(INFO, params=CARD, headers={**AUTH, "X-API-Key": "lty_x"})
        no_key = client.get(INFO, params=CARD)
    assert [r.status_code for r in (failed, unknown_key, no_key)] == [500, 401, 400]
    assert failed.headers["x-ratelimit-remaining"] == "2"
    # Keys the sandbox does not know count against the address, one shared bucket.
    assert [r.headers["x-ratelimit-remaining"] for r in (unknown_key, no_key)] == ["2", "1"]


def test_a_proxy_answer_has_no_rate_limit_headers(limited: SandboxServer) -> None:
    limited.faults.inject("bad_gateway_html")
    with httpx.Client(base_url=limited.base_url, headers=AUTH) as client:
        response = client.get(INFO, params=CARD)
        assert response.status_code == 502
        assert "x-ratelimit-remaining" not in response.headers
        # ...and did not spend the budget.
        assert client.get(INFO, params=CARD).headers["x-ratelimit-remaining"] == "2"


def test_429_says_when_as_seconds_and_as_a_unix_time(limited: SandboxServer) -> None:
    with httpx.Client(base_url=limited.base_url, headers=AUTH) as client:
        for _ in range(3):
            client.get(INFO, params=CARD)
        before = time.time()
        refused = client.get(INFO, params=CARD)
    assert refused.status_code == 429
    retry_after = int(refused.headers["retry-after"])
    reset = int(refused.headers["x-ratelimit-reset"])
    assert before + retry_after - 1 <= reset <= time.time() + retry_after + 1
    assert refused.headers["x-ratelimit-remaining"] == "0"
    assert refused.headers["x-ratelimit-limit"] == "3"


def test_no_rate_limit_headers_when_the_limit_is_off(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    assert sandbox.faults.rate_limit == 0
    assert "x-ratelimit-remaining" not in client.get(INFO, params=CARD).headers


def test_made_up_keys_do_not_grow_the_limiter(limited: SandboxServer) -> None:
    with httpx.Client(base_url=limited.base_url) as client:
        for n in range(200):
            headers = {"X-API-Key": f"lty_guess_{n}", "X-API-Secret": "s"} if n % 2 else {}
            assert client.get(INFO, params=CARD, headers=headers).status_code in (400, 401, 429)
        client.get(INFO, params=CARD, headers=AUTH)
    assert limited.rate_limit_buckets == 2  # the demo key's and the address's


def test_the_limiter_forgets_idle_buckets_first_and_holds_at_most_its_cap() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock, max_keys=3)
    limiter.hit("busy", 5)
    for key in ("a", "b"):
        limiter.hit(key, 5)
    clock.now += 61  # a, b and busy are idle now
    limiter.hit("busy", 5)
    limiter.hit("c", 5)  # full: the idle a and b go, busy stays
    assert len(limiter) == 2
    for n in range(10):
        limiter.hit(f"k{n}", 5)
    assert len(limiter) == 3
    assert limiter.hit("k9", 5) == (3, None)  # the newest kept its count
