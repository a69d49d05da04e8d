"""QR Card Scan: generate, pending, the phone's scan (HTTP and Python), authenticated, expiry."""

from __future__ import annotations

import re
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from pos_app.sandbox import DEMO_QR_UUIDS, SandboxError, SandboxServer, SandboxState
from pos_app.sandbox.qr import ENDED_KEEP_S, MAX_SESSIONS, QrEndedForm
from tests.sandbox.conftest import AUTH, body

GENERATE = "/en/shop/qr-card/generate"


def new_session(client: httpx.Client, **extra: object) -> dict[str, object]:
    response = client.post(GENERATE, json={"device_name": "Till 1", **extra})
    assert response.status_code == 200, response.text
    data: dict[str, object] = body(response)["data"]
    return data


def status_of(client: httpx.Client, session_id: object) -> httpx.Response:
    return client.get(f"/en/shop/qr-card/status/{session_id}")


def test_generate_answers_the_documented_fields(client: httpx.Client) -> None:
    data = new_session(client, shop_id=2)
    session_id = str(data["session_id"])
    assert str(uuid.UUID(session_id)) == session_id
    assert re.fullmatch(
        rf"loyaltylt://qr-card\?code=[\w-]+&session={session_id}", str(data["qr_code"])
    )
    assert data["partner_id"] == 1
    assert data["partner_name"] == "Coffee Paradise"
    assert data["shop_id"] == 2
    assert data["ably_channel"]
    expires = datetime.fromisoformat(str(data["expires_at"]).replace("Z", "+00:00"))
    assert str(data["expires_at"]).endswith("Z")
    remaining = expires - datetime.now(UTC)
    assert timedelta(minutes=4) < remaining <= timedelta(minutes=5)


def test_pending_then_authenticated_after_the_phone_scans(client: httpx.Client) -> None:
    session_id = new_session(client)["session_id"]
    pending = status_of(client, session_id)
    assert pending.status_code == 200
    assert body(pending)["data"]["status"] == "pending"
    assert "card_data" not in body(pending)["data"]

    scan = client.post(
        f"/en/shop/qr-card/sandbox-scan/{session_id}", json={"card_number": "900-002-001"}
    )
    assert scan.status_code == 200
    assert body(scan)["data"]["status"] == "authenticated"

    done = body(status_of(client, session_id))["data"]
    assert done["status"] == "authenticated"
    card = done["card_data"]
    assert card["loyalty_card_id"] == 1002
    assert card["card_number"] == "900-002-001"
    assert card["points"] == 2500
    assert card["user"]["name"] == "Ona Petraitienė"
    assert card["redemption"]["min_points"] == 100
    assert card["scanned_at"].endswith("Z")


def test_python_shortcut_and_qr_uuid_scan(client: httpx.Client, sandbox: SandboxServer) -> None:
    session_id = str(new_session(client)["session_id"])
    sandbox.scan_qr_session(session_id, DEMO_QR_UUIDS["900-004-001"])
    card = body(status_of(client, session_id))["data"]["card_data"]
    assert card["card_number"] == "900-004-001"


def test_second_scan_of_a_session_is_refused(client: httpx.Client, sandbox: SandboxServer) -> None:
    session_id = str(new_session(client)["session_id"])
    sandbox.scan_qr_session(session_id, "900-001-001")
    with pytest.raises(SandboxError) as caught:
        sandbox.scan_qr_session(session_id, "900-002-001")
    assert caught.value.status == 409
    again = client.post(
        f"/en/shop/qr-card/sandbox-scan/{session_id}", json={"card_number": "900-002-001"}
    )
    assert again.status_code == 409


def test_expired_and_unknown_sessions_are_404_resource_expired(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    session_id = str(new_session(client)["session_id"])
    sandbox.expire_qr_session(session_id)
    for sid in (session_id, str(uuid.uuid4())):
        response = status_of(client, sid)
        assert response.status_code == 404
        assert body(response)["code"] == "RESOURCE_EXPIRED"
        scan = client.post(
            f"/en/shop/qr-card/sandbox-scan/{sid}", json={"card_number": "900-001-001"}
        )
        assert scan.status_code == 404
        assert body(scan)["code"] == "RESOURCE_EXPIRED"


def test_sessions_expire_on_their_own_after_the_ttl() -> None:
    with (
        SandboxServer(rate_limit=0, qr_ttl_s=0.3) as server,
        httpx.Client(base_url=server.base_url, headers=AUTH, timeout=5) as client,
    ):
        session_id = new_session(client)["session_id"]
        assert status_of(client, session_id).status_code == 200
        time.sleep(0.35)  # the session's 0.3 s lifetime must pass: time is what is tested
        assert status_of(client, session_id).status_code == 404


def test_scanning_an_unknown_card_is_404(client: httpx.Client) -> None:
    session_id = new_session(client)["session_id"]
    response = client.post(
        f"/en/shop/qr-card/sandbox-scan/{session_id}", json={"card_number": "123-123-123"}
    )
    assert response.status_code == 404
    assert body(response)["message"] == "Loyalty card not found"
    assert body(status_of(client, session_id))["data"]["status"] == "pending"


def test_bad_generate_and_scan_bodies_are_422(client: httpx.Client) -> None:
    missing = client.post(GENERATE, json={})
    assert missing.status_code == 422
    assert "device_name" in body(missing)["errors"]
    bad_shop = client.post(GENERATE, json={"device_name": "Till", "shop_id": "x"})
    assert set(body(bad_shop)["errors"]) == {"shop_id"}
    not_ours = client.post(GENERATE, json={"device_name": "Till", "shop_id": 7})
    assert not_ours.status_code == 422
    assert body(not_ours)["errors"]["shop_id"] == ["The selected shop id is invalid."]
    session_id = new_session(client)["session_id"]
    no_card = client.post(f"/en/shop/qr-card/sandbox-scan/{session_id}", json={})
    assert no_card.status_code == 422


def test_sandbox_scan_needs_credentials(client: httpx.Client, sandbox: SandboxServer) -> None:
    session_id = new_session(client)["session_id"]
    response = httpx.post(
        f"{sandbox.base_url}/en/shop/qr-card/sandbox-scan/{session_id}",
        json={"card_number": "900-001-001"},
    )
    assert response.status_code == 400
    assert body(response)["code"] == 1010


def test_reset_forgets_sessions(client: httpx.Client, sandbox: SandboxServer) -> None:
    session_id = new_session(client)["session_id"]
    sandbox.reset()
    assert status_of(client, session_id).status_code == 404


def test_scanned_sessions_can_say_completed(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.state.qr_done_status = "completed"
    session_id = str(new_session(client)["session_id"])
    sandbox.scan_qr_session(session_id, "900-001-001")
    data = body(status_of(client, session_id))["data"]
    assert data["status"] == "completed"
    assert data["card_data"]["card_number"] == "900-001-001"
    sandbox.reset()
    assert sandbox.state.qr_done_status == "authenticated"


@pytest.mark.parametrize(
    ("form", "status", "code"),
    [("404", 404, "RESOURCE_EXPIRED"), ("410", 410, "RESOURCE_EXPIRED"), ("410_bare", 410, None)],
)
def test_an_ended_session_answers_in_each_documented_error_form(
    client: httpx.Client, sandbox: SandboxServer, form: QrEndedForm, status: int, code: str | None
) -> None:
    sandbox.state.qr_ended_form = form
    session_id = str(new_session(client)["session_id"])
    sandbox.expire_qr_session(session_id)
    response = status_of(client, session_id)
    assert response.status_code == status
    payload = body(response)
    assert payload["success"] is False
    assert payload.get("code") == code
    assert "code" in payload if code else "code" not in payload
    # A session id never issued is not "ended": it is unknown, whatever the form.
    assert status_of(client, uuid.uuid4()).status_code == 404


def test_an_ended_session_can_answer_200_status_expired(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.state.qr_ended_form = "200"
    session_id = str(new_session(client)["session_id"])
    sandbox.scan_qr_session(session_id, "900-001-001")
    sandbox.expire_qr_session(session_id)
    response = status_of(client, session_id)
    assert response.status_code == 200
    data = body(response)["data"]
    assert data["status"] == "expired"
    assert "card_data" not in data
    scan = client.post(
        f"/en/shop/qr-card/sandbox-scan/{session_id}", json={"card_number": "900-001-001"}
    )
    assert scan.status_code == 404
    sandbox.reset()
    restored: str = sandbox.state.qr.ended_form
    assert restored == "404"


def test_ended_sessions_are_forgotten_after_an_hour_and_the_count_is_capped() -> None:
    clock = FakeClock()
    state = SandboxState(clock=clock)
    state.qr_ended_form = "410"  # known and ended: 410; forgotten or never issued: 404
    old = str(state.create_qr_session("Till", None)["session_id"])
    state.expire_qr_session(old)
    clock.now += ENDED_KEEP_S - 1
    state.create_qr_session("Till", None)
    with pytest.raises(SandboxError) as still_known:
        state.qr_status(old, "en")
    assert still_known.value.status == 410
    clock.now += 2
    state.create_qr_session("Till", None)  # forgets the old one
    with pytest.raises(SandboxError) as forgotten:
        state.qr_status(old, "en")
    assert forgotten.value.status == 404
    for _ in range(MAX_SESSIONS + 50):
        state.create_qr_session("Till", None)
    assert len(state.qr) <= MAX_SESSIONS


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now
