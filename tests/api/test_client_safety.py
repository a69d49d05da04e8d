"""LoyaltyClient safety: the secret never leaks, plain http only on loopback, sane inputs."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from pos_app.api import ApiError, LoyaltyClient, RequestRecord
from pos_app.testing.helpers import run_fresh
from pos_app.testing.mock_server import CARD, KEY, SECRET, Server, fail, ok, raw, run


def test_secret_never_appears_in_repr_errors_records_or_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    records: list[RequestRecord] = []
    echo = json.dumps(
        {
            "success": False,
            "code": "INVALID_CREDENTIALS",
            "message": f"Bad secret {SECRET}",
            "errors": {"X-API-Secret": [SECRET]},
        }
    ).encode()
    seen: list[str] = []

    async def calls(client: LoyaltyClient) -> None:
        seen.append(repr(client))
        seen.append(str(client))
        for _ in range(3):
            try:
                await client.card_info(card_number="123-456-789")
            except ApiError as exc:
                seen.extend([str(exc), repr(exc), str(vars(exc))])

    server = Server(raw(401, echo), raw(422, echo), fail(httpx.ConnectError(f"x {SECRET}")))
    run(server, calls, on_request=records.append)
    seen.extend(repr(r) for r in records)
    seen.append(caplog.text)
    assert len(seen) > 5
    for text in seen:
        assert SECRET not in text


@pytest.mark.parametrize(
    "url",
    ["http://api.loyalty.lt", "http://192.168.1.5:8000", "ftp://127.0.0.1", "not a url", ""],
)
def test_plain_http_is_refused_off_this_machine(url: str) -> None:
    with pytest.raises(ValueError, match=r"https|address"):
        LoyaltyClient(url, KEY, SECRET)


@pytest.mark.parametrize(
    "url",
    ["https://api.loyalty.lt", "http://127.0.0.1:8000", "http://localhost:1", "http://[::1]:8"],
)
def test_https_and_loopback_http_are_accepted(url: str) -> None:
    async def go() -> str:
        async with LoyaltyClient(url, KEY, SECRET) as client:
            return client.locale

    assert run_fresh(go()) == "en"


def test_locale_is_checked_when_given_and_when_changed() -> None:
    with pytest.raises(ValueError, match="locale"):
        LoyaltyClient("https://a.test", KEY, SECRET, locale="de")
    with pytest.raises(ValueError, match="secret is missing"):
        LoyaltyClient("https://a.test", KEY, "")
    client = LoyaltyClient("https://a.test", KEY, SECRET, locale="lt")
    with pytest.raises(ValueError, match="locale"):
        client.locale = "de"
    assert client.locale == "lt"
    client.locale = "en"  # the cashier chose English in Settings: the server's words follow
    assert client.locale == "en"
    run_fresh(client.aclose())


@pytest.mark.parametrize("secret", ["two words", "line\nbreak", "slaptažodis", "tab\there"])
def test_credentials_that_cannot_be_a_header_are_refused_without_echo(secret: str) -> None:
    with pytest.raises(ValueError, match="paste it again") as raised:
        LoyaltyClient("https://a.test", KEY, secret)
    assert secret not in str(raised.value)


def test_user_agent_names_the_till_and_default_headers_hold_no_secret() -> None:
    server = Server(ok(CARD))
    held: list[str] = []

    async def call(client: LoyaltyClient) -> None:
        held.append(repr(vars(client)))
        await client.card_info(card_id=1)

    run(server, call)
    assert server.requests[0].headers["User-Agent"].startswith("pos-app/")
    assert SECRET not in held[0]
