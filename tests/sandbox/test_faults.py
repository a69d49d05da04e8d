"""Injected faults as httpx sees them, random failures, latency, and what reset() restores."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
import pytest

from pos_app.sandbox import FAULT_KINDS, SandboxServer
from pos_app.sandbox.faults import RANDOM_FAULT_KINDS
from tests.sandbox.conftest import body

INFO = "/en/shop/loyalty-cards/info"
CREATE = "/en/shop/transactions/create"
CARD = {"card_number": "900-001-001"}


def order(order_id: str) -> dict[str, object]:
    return {"order_id": order_id, "order_total": 10, "user_id": 1, "loyalty_card_id": 1001}


def test_server_error_is_a_500_envelope(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.faults.inject("server_error")
    response = client.get(INFO, params=CARD)
    assert response.status_code == 500
    payload = body(response)
    assert payload["success"] is False
    assert payload["request_id"] == response.headers["x-request-id"]


def test_bad_gateway_is_html_like_nginx(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.faults.inject("bad_gateway_html")
    response = client.get(INFO, params=CARD)
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert "502 Bad Gateway" in response.text
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_empty_503(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.faults.inject("empty_503")
    response = client.get(INFO, params=CARD)
    assert response.status_code == 503
    assert response.content == b""


def test_drop_before_is_a_transport_error_and_nothing_is_recorded(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults.inject("drop_before")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.post(CREATE, json=order("D1"))
    assert sandbox.state.transactions == []
    assert client.post(CREATE, json=order("D1")).status_code == 200


def test_drop_after_records_the_sale_but_the_client_never_hears(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults.inject("drop_after")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.post(CREATE, json=order("D2"))
    assert [t["order_id"] for t in sandbox.state.transactions] == ["D2"]
    assert sandbox.state.card("900-001-001")["points"] == 1010
    retry = client.post(CREATE, json=order("D2"))
    assert retry.status_code == 409
    assert sandbox.state.card("900-001-001")["points"] == 1010


def test_injected_rate_limit_says_retry_after_2(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults.inject("rate_limit")
    response = client.get(INFO, params=CARD)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "2"
    assert body(response)["code"] == "RATE_LIMIT_EXCEEDED"


def test_rate_limit_saying_when_only_by_its_reset_header(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults.inject("rate_limit_reset_only")
    response = client.get(INFO, params=CARD)
    assert response.status_code == 429
    assert "retry-after" not in response.headers
    wait = int(response.headers["x-ratelimit-reset"]) - time.time()
    assert 1 <= wait <= 3
    payload = body(response)
    assert (payload["code"], payload["errors"][0]["code"]) == (429, "429")


def test_rate_limit_with_an_http_date(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.faults.inject("rate_limit_http_date")
    response = client.get(INFO, params=CARD)
    assert response.status_code == 429
    when = parsedate_to_datetime(response.headers["retry-after"])
    wait = (when - datetime.now(UTC)).total_seconds()
    assert 1 <= wait <= 4


def test_forbidden_is_403(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.faults.inject("forbidden")
    response = client.get(INFO, params=CARD)
    assert response.status_code == 403
    assert body(response)["code"] == "FORBIDDEN"


def test_malformed_json_and_bad_envelope(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.faults.inject("malformed_json")
    sandbox.faults.inject("bad_envelope")
    broken = client.get(INFO, params=CARD)
    assert broken.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        broken.json()
    odd = client.get(INFO, params=CARD)
    assert odd.status_code == 200
    assert "success" not in odd.json()


def test_slow_answers_late_and_still_records(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.faults.slow_s = 0.6
    sandbox.faults.inject("slow", path_contains="transactions")
    with pytest.raises(httpx.ReadTimeout):
        client.post(CREATE, json=order("S1"), timeout=0.2)
    assert sandbox.state.transactions == []
    deadline = time.monotonic() + 3
    while not sandbox.state.transactions and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [t["order_id"] for t in sandbox.state.transactions] == ["S1"]


def test_slow_answer_arrives_when_the_client_waits(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults.slow_s = 0.3
    sandbox.faults.inject("slow")
    started = time.monotonic()
    response = client.get(INFO, params=CARD)
    assert response.status_code == 200
    assert time.monotonic() - started >= 0.3
    # Server-Timing is the handler's own time, not the injected wait.
    assert float(response.headers["server-timing"].removeprefix("app;dur=")) < 250


def test_reset_drops_waiting_requests_unprocessed(
    client: httpx.Client, sandbox: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    sandbox.faults.inject("slow")  # the default 15 s
    with pytest.raises(httpx.ReadTimeout):
        client.post(CREATE, json=order("S2"), timeout=0.2)
    sandbox.reset()
    time.sleep(0.2)  # a fixed wait: the woken handler must record nothing, which leaves no trace
    assert sandbox.state.transactions == []
    assert sandbox.faults.slow_s == 15.0
    assert [r.getMessage() for r in caplog.records if r.name.startswith("uvicorn")] == []


def test_drops_leave_no_server_errors_in_the_log(
    client: httpx.Client, sandbox: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    for kind in ("drop_before", "drop_after"):
        sandbox.faults.inject(kind)
        with pytest.raises(httpx.TransportError):
            client.get(INFO, params=CARD)
    assert client.get(INFO, params=CARD).status_code == 200
    assert [r.getMessage() for r in caplog.records if r.name.startswith("uvicorn")] == []


def test_injected_faults_match_paths_and_counts(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults.inject("server_error", count=2, path_contains="transactions")
    assert client.get(INFO, params=CARD).status_code == 200
    assert client.post(CREATE, json=order("P1")).status_code == 500
    assert client.post(CREATE, json=order("P1")).status_code == 500
    assert sandbox.faults.pending == []
    assert client.post(CREATE, json=order("P1")).status_code == 200


def test_unknown_fault_kind_is_refused(sandbox: SandboxServer) -> None:
    with pytest.raises(ValueError, match="unknown fault kind"):
        sandbox.faults.inject("meteor")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="count"):
        sandbox.faults.inject("slow", count=0)
    with pytest.raises(ValueError, match="fail_rate"):
        sandbox.faults.fail_rate = 1.5


def test_fail_rate_one_fails_every_request_with_a_random_kind(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults.fail_rate = 1.0
    for _ in range(12):
        try:
            response = client.get(INFO, params=CARD)
        except httpx.TransportError:
            continue
        assert response.status_code >= 500
    kinds = [entry.fault for entry in sandbox.state.request_log]
    assert len(kinds) == 12
    assert set(kinds) <= set(RANDOM_FAULT_KINDS)
    assert len(set(kinds)) > 1


def test_same_seed_same_failures() -> None:
    def run() -> list[str | None]:
        server = SandboxServer(rate_limit=0, fail_rate=0.5, seed=7)
        return [server.faults.take("/en/shop/x") for _ in range(30)]

    first = run()
    assert first == run()
    assert None in first
    assert any(kind is not None for kind in first)


def test_latency_delays_answers_but_not_server_timing(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults.latency_ms = 250
    started = time.monotonic()
    response = client.get(INFO, params=CARD)
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed >= 0.25
    assert float(response.headers["server-timing"].removeprefix("app;dur=")) < 200
    [entry] = sandbox.state.request_log
    assert entry.duration_ms >= 250


def test_reset_restores_constructor_settings(sandbox: SandboxServer) -> None:
    sandbox.faults.latency_ms = 500
    sandbox.faults.fail_rate = 0.3
    sandbox.faults.rate_limit = 5
    sandbox.faults.inject("server_error")
    sandbox.reset()
    assert (sandbox.faults.latency_ms, sandbox.faults.fail_rate, sandbox.faults.rate_limit) == (
        0,
        0.0,
        0,
    )
    assert sandbox.faults.pending == []


def test_request_log_records_status_and_faults(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults.inject("drop_before", path_contains="transactions")
    client.get(INFO, params=CARD)
    with pytest.raises(httpx.TransportError):
        client.post(CREATE, json=order("L1"))
    log = sandbox.state.request_log
    assert [(e.method, e.path, e.status, e.fault) for e in log] == [
        ("GET", INFO, 200, None),
        ("POST", CREATE, None, "drop_before"),
    ]


def test_every_fault_kind_is_covered_here() -> None:
    assert set(FAULT_KINDS) == {
        "server_error",
        "bad_gateway_html",
        "empty_503",
        "drop_before",
        "drop_after",
        "rate_limit",
        "slow",
        "malformed_json",
        "bad_envelope",
        "rate_limit_http_date",
        "forbidden",
        "rate_limit_reset_only",
    }


def test_path_contains_also_matches_the_query_string(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.faults.inject("server_error", path_contains="900-003-001")
    assert client.get(INFO, params=CARD).status_code == 200
    assert client.get(INFO, params={"card_number": "900-003-001"}).status_code == 500
    assert client.get(INFO, params={"card_number": "900-003-001"}).status_code == 200


@pytest.mark.parametrize("fault", ["empty_503", "bad_gateway_html", "server_error", "rate_limit"])
def test_a_fault_is_in_the_log_before_the_client_has_its_answer(
    client: httpx.Client, sandbox: SandboxServer, fault: str
) -> None:
    # Tests and the chaos run match what the till saw with the sandbox's log: the log line
    # must already be there when the answer arrives (an empty 503 is complete at its headers).
    for _ in range(200):  # the race it guards against shows in a few rounds of 100
        before = len(sandbox.state.request_log)
        sandbox.faults.inject(fault)  # type: ignore[arg-type]
        status = client.get(INFO, params=CARD).status_code
        logged = sandbox.state.request_log[before:]
        assert [(e.status, e.fault) for e in logged] == [(status, fault)]
