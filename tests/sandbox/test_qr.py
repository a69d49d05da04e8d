"""QR Card Scan: generate, pending, the phone's scan (HTTP and Python), authenticated, expiry."""

from __future__ import annotations

import re
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from pos_app.sandbox import DEMO_QR_UUIDS, SandboxError, SandboxServer
from tests.sandbox.conftest import AUTH, body

GENERATE = "/en/shop/qr-card/generate"


def new_session(client: httpx.Client, **extra: object) -> dict[str, object]:
    response = client.post(GENERATE, json={"device_name": "Till 1", **extra})
    assert response.status_code == 201, response.text
    data: dict[str, object] = body(response)["data"]
    return data


def status_of(client: httpx.Client, session_id: object) -> httpx.Response:
    return client.get(f"/en/shop/qr-card/status/{session_id}")


def test_generate_answers_the_documented_fields(client: httpx.Client) -> None:
    data = new_session(client, shop_id=7)
    session_id = str(data["session_id"])
    assert str(uuid.UUID(session_id)) == session_id
    assert re.fullmatch(
        rf"loyaltylt://qr-card\?code=[\w-]+&session={session_id}", str(data["qr_code"])
    )
    assert data["partner_id"] == 45
    assert data["partner_name"] == "Coffee Paradise"
    assert data["shop_id"] == 7
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
        time.sleep(0.35)
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
    session_id = new_session(client)["session_id"]
    no_card = client.post(f"/en/shop/qr-card/sandbox-scan/{session_id}", json={})
    assert no_card.status_code == 422


def test_sandbox_scan_needs_credentials(client: httpx.Client, sandbox: SandboxServer) -> None:
    session_id = new_session(client)["session_id"]
    response = httpx.post(
        f"{sandbox.base_url}/en/shop/qr-card/sandbox-scan/{session_id}",
        json={"card_number": "900-001-001"},
    )
    assert response.status_code == 401


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


def test_expired_sessions_are_forgotten_but_still_404(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    old = str(new_session(client)["session_id"])
    sandbox.expire_qr_session(old)
    new_session(client)  # purges the expired one
    assert status_of(client, old).status_code == 404
    with pytest.raises(KeyError):
        sandbox.expire_qr_session(old)
