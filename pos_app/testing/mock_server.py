"""A MockTransport server for byte-level client tests, and the client wired to it."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import httpx

from pos_app.api import LoyaltyClient
from pos_app.testing.helpers import run_fresh

KEY = "lty_test_key"
SECRET = "s3cr3t-Do-Not-Leak"
T = TypeVar("T")

CARD: dict[str, Any] = {
    "id": 567,
    "card_number": "123-456-789",
    "points": 1250,
    "is_active": True,
    "extra_field": {"nested": True},
    "redemption": {
        "enabled": True,
        "points_per_currency": 100,
        "currency_amount": 0.29,
        "min_points": 100,
        "max_points": 5000,
    },
}


class Server:
    """A MockTransport that answers from a queue of handlers and keeps what it was sent."""

    def __init__(self, *answers: Callable[[httpx.Request], httpx.Response]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answers.pop(0)(request)


def ok(data: Any, **extra: Any) -> Callable[[httpx.Request], httpx.Response]:
    return lambda _: httpx.Response(200, json={"success": True, "data": data, **extra})


def raw(status: int, body: bytes, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda _: httpx.Response(status, content=body, headers=headers)


def fail(exc: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def answer(request: httpx.Request) -> httpx.Response:
        raise exc

    return answer


def run(
    server: Server,
    call: Callable[[LoyaltyClient], Coroutine[Any, Any, T]],
    **options: Any,
) -> T:
    async def go() -> T:
        options.setdefault("locale", "lt")
        async with LoyaltyClient(
            "https://api.example.test",
            KEY,
            SECRET,
            transport=httpx.MockTransport(server),
            **options,
        ) as client:
            return await call(client)

    return run_fresh(go())
