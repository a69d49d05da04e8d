"""GET loyalty-cards/info, validate-credentials, auth, locales and unknown paths over loopback."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from pos_app.sandbox import DEMO_CARD_NUMBERS, DEMO_QR_UUIDS, SandboxServer
from tests.sandbox.conftest import AUTH, body

INFO = "/en/shop/loyalty-cards/info"


@pytest.mark.parametrize(
    ("card_number", "points"),
    [
        ("900-001-001", 1000),
        ("900-002-001", 2500),
        ("900-003-001", 500),
        ("900-004-001", 10000),
        ("900-005-001", 150),
    ],
)
def test_staging_demo_cards_have_their_balances(
    client: httpx.Client, card_number: str, points: int
) -> None:
    response = client.get(INFO, params={"card_number": card_number})
    assert response.status_code == 200
    payload = body(response)
    assert payload["success"] is True
    assert payload["data"]["card_number"] == card_number
    assert payload["data"]["points"] == points
    assert payload["data"]["partner"]["name"] == "Coffee Paradise"
    assert payload["data"]["partner"]["id"] == 1
    user_id = int(card_number[4:7])  # 900-{user}-{partner}
    assert payload["data"]["user"]["id"] == user_id
    assert payload["data"]["user"]["email"] == f"demo{user_id}@loyalty.lt"
    assert payload["data"]["user"]["phone"] == f"+3706000000{user_id}"
    assert payload["data"]["redemption"] == {
        "enabled": True,
        "points_per_currency": 100,
        "currency_amount": Decimal("1.0"),
        "min_points": 100,
        "max_points": 5000,
    }
    assert payload["request_id"] == response.headers["x-request-id"]


@pytest.mark.parametrize("card_number", DEMO_CARD_NUMBERS)
def test_every_card_is_found_by_its_qr_uuid_in_any_case(
    client: httpx.Client, card_number: str
) -> None:
    for value in (DEMO_QR_UUIDS[card_number], DEMO_QR_UUIDS[card_number].upper()):
        response = client.get(INFO, params={"card_number": value})
        assert response.status_code == 200
        assert body(response)["data"]["card_number"] == card_number


def test_lookup_by_card_id_and_user_id(client: httpx.Client) -> None:
    by_id = body(client.get(INFO, params={"card_id": 1002}))["data"]
    by_user = body(client.get(INFO, params={"user_id": 3}))["data"]
    assert by_id["card_number"] == "900-002-001"
    assert by_user["card_number"] == "900-003-001"
    assert by_user["user"]["name"] == "Rūta Žemaitytė"


def test_odd_rate_and_null_cards_keep_their_shapes(client: httpx.Client) -> None:
    odd = body(client.get(INFO, params={"card_number": "900-010-001"}))["data"]
    assert odd["redemption"]["points_per_currency"] == 3
    assert odd["redemption"]["currency_amount"] == Decimal("0.1")
    assert odd["redemption"]["max_points"] is None
    bare = body(client.get(INFO, params={"card_number": "900-011-001"}))["data"]
    assert bare["redemption"] is None
    assert bare["user"] is None
    fresh = body(client.get(INFO, params={"card_number": "900-005-001"}))["data"]
    assert fresh["last_used_at"] is None
    assert fresh["transactions_count"] == 0


def test_unknown_card_is_404(client: httpx.Client) -> None:
    response = client.get(INFO, params={"card_number": "999-999-999"})
    assert response.status_code == 404
    payload = body(response)
    assert payload["success"] is False
    assert payload["message"] == "Loyalty card not found"


def test_lithuanian_locale_answers_in_lithuanian(client: httpx.Client) -> None:
    response = client.get("/lt/shop/loyalty-cards/info", params={"card_number": "999-999-999"})
    assert response.status_code == 404
    assert body(response)["message"] == "Lojalumo kortelė nerasta"


def test_no_identifier_is_422_with_a_field_map(client: httpx.Client) -> None:
    response = client.get(INFO)
    assert response.status_code == 422
    payload = body(response)
    assert payload["code"] == 422
    assert isinstance(payload["errors"]["card_number"], list)


def test_non_integer_card_id_is_422(client: httpx.Client) -> None:
    response = client.get(INFO, params={"card_id": "abc"})
    assert response.status_code == 422
    assert "card_id" in body(response)["errors"]


@pytest.mark.parametrize(
    "headers",
    [
        {"X-API-Key": AUTH["X-API-Key"], "X-API-Secret": "wrong"},
        {"X-API-Key": "lty_other", "X-API-Secret": AUTH["X-API-Secret"]},
    ],
)
def test_wrong_key_or_secret_is_401(sandbox: SandboxServer, headers: dict[str, str]) -> None:
    response = httpx.get(
        f"{sandbox.base_url}{INFO}", params={"card_number": "900-001-001"}, headers=headers
    )
    assert response.status_code == 401
    assert body(response) == {
        "success": False,
        "code": "INVALID_CREDENTIALS",
        "message": "Partner not authenticated",
    }


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-API-Key": AUTH["X-API-Key"]},
        {"X-API-Secret": AUTH["X-API-Secret"]},
        {"X-API-Key": "", "X-API-Secret": AUTH["X-API-Secret"]},
    ],
)
def test_missing_credentials_are_400_code_1010(
    sandbox: SandboxServer, headers: dict[str, str]
) -> None:
    response = httpx.get(
        f"{sandbox.base_url}{INFO}", params={"card_number": "900-001-001"}, headers=headers
    )
    assert response.status_code == 400
    payload = body(response)
    assert (payload["success"], payload["code"]) == (False, 1010)
    assert "X-API-Key" in payload["message"]
    assert payload["request_id"] == response.headers["x-request-id"]


@pytest.mark.parametrize("key", ["demo_sandbox_key", "LTY_demo_sandbox_key", "pk_live_123"])
def test_a_key_not_starting_lty_is_400_code_1011(sandbox: SandboxServer, key: str) -> None:
    headers = {"X-API-Key": key, "X-API-Secret": AUTH["X-API-Secret"]}
    response = httpx.post(f"{sandbox.base_url}/lt/shop/validate-credentials", headers=headers)
    assert response.status_code == 400
    payload = body(response)
    assert payload["code"] == 1011
    assert "lty_" in payload["message"]


def test_validate_credentials(client: httpx.Client) -> None:
    response = client.post("/en/shop/validate-credentials")
    assert response.status_code == 200
    assert body(response)["data"] == {
        "valid": True,
        "partner": {"id": 1, "name": "Coffee Paradise"},
        "environment": "staging",
    }


def test_unknown_locale_and_path_and_method_answer_json(client: httpx.Client) -> None:
    wrong_locale = client.get("/de/shop/loyalty-cards/info", params={"card_number": "900-001-001"})
    assert wrong_locale.status_code == 404
    assert body(wrong_locale)["success"] is False
    unknown = client.get("/en/shop/nothing-here")
    assert unknown.status_code == 404
    assert body(unknown)["code"] == 404
    wrong_method = client.get("/en/shop/transactions/create")
    assert wrong_method.status_code == 405
    assert wrong_method.headers["allow"] == "POST"
    assert body(wrong_method)["success"] is False


def test_every_response_has_timing_and_request_id(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    responses = [
        client.get(INFO, params={"card_number": "900-001-001"}),
        client.get(INFO),
        client.get("/en/shop/nothing-here"),
        httpx.post(f"{sandbox.base_url}/en/shop/validate-credentials"),
    ]
    for response in responses:
        assert response.headers["server-timing"].startswith("app;dur=")
        assert float(response.headers["server-timing"].removeprefix("app;dur=")) >= 0
        assert response.headers["x-request-id"].startswith("req_")
    ids = {r.headers["x-request-id"] for r in responses}
    assert len(ids) == len(responses)
