"""balance, shops and transactions: the requests they send and every page shape they read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from pos_app.api import InvalidResponseError
from pos_app.api.envelope import Answer
from pos_app.api.shop_calls import read_page
from pos_app.core.models import Shop, Transaction
from pos_app.testing.mock_server import Server, ok, run

ITEM = {"id": 1, "points": "-5", "amount": "1.10"}
META = {"current_page": 2, "last_page": 3, "per_page": 1, "total": 3}


def test_transactions_sends_only_the_filters_given() -> None:
    server = Server(ok([ITEM], meta=META))
    page = run(
        server,
        lambda c: c.transactions(
            loyalty_card_id=1001,
            date_from=date(2024, 12, 1),
            date_to=datetime(2024, 12, 7, 23, 59, 59, tzinfo=UTC),
            page=2,
            per_page=10,
        ),
    )
    (request,) = server.requests
    assert request.url.path == "/lt/shop/transactions"
    assert dict(request.url.params) == {
        "loyalty_card_id": "1001",
        "date_from": "2024-12-01",
        "date_to": "2024-12-07T23:59:59+00:00",
        "page": "2",
        "per_page": "10",
    }
    assert page.items[0].points == -5
    assert page.items[0].amount == Decimal("1.10")
    assert (page.current_page, page.has_more) == (2, True)


def test_shops_and_balance_requests() -> None:
    server = Server(ok([{"id": 1, "name": "A"}]), ok({"card_id": 7, "points": 5}))

    async def calls(client: Any) -> tuple[Any, Any]:
        return await client.shops(search=" Kaunas ", is_active=False), await client.balance(
            card_id=7
        )

    shops, balance = run(server, calls)
    first, second = server.requests
    assert dict(first.url.params) == {"page": "1", "search": "Kaunas", "is_active": "0"}
    assert first.url.path == "/lt/shop/shops"
    assert (second.url.path, dict(second.url.params)) == (
        "/lt/shop/loyalty-cards/balance",
        {"card_id": "7"},
    )
    # No meta at all: one page holding what came.
    assert (shops.current_page, shops.last_page, shops.has_more) == (1, 1, False)
    assert balance.points == 5


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda c: c.shops(page=0), "page"),
        (lambda c: c.shops(per_page=101), "per_page"),
        (lambda c: c.transactions(page=True), "page"),
        (lambda c: c.transactions(date_from=""), "date_from"),
        (lambda c: c.balance(), "card_number, card_id or user_id"),
        (lambda c: c.balance(card_number="  "), "card_number"),
    ],
)
def test_bad_arguments_are_refused_before_anything_is_sent(call: Any, says: str) -> None:
    server = Server()
    with pytest.raises(ValueError, match=says):
        run(server, call)
    assert server.requests == []


@pytest.mark.parametrize(
    ("data", "meta"),
    [
        ([ITEM], META),
        ({"data": [ITEM], "meta": META}, None),
        ({"transactions": [ITEM], "pagination": META}, None),
        ({"data": [ITEM], **META}, None),
    ],
    ids=["documented", "nested", "named", "laravel-flat"],
)
def test_every_page_shape_reads_the_same(data: Any, meta: Any) -> None:
    page = read_page(Transaction, Answer(data, "r", meta), "transactions")
    assert [item.id for item in page.items] == [1]
    assert (page.current_page, page.last_page, page.total) == (2, 3, 3)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"shops": "none"},
        [{"name": "no id"}],
        [{"id": 1, "name": "x" * 201}],
        [{"id": 10**20, "name": "A"}],
    ],
)
def test_an_unusable_list_is_an_unreadable_answer(data: Any) -> None:
    with pytest.raises(InvalidResponseError) as raised:
        read_page(Shop, Answer(data, "req-1"), "shops")
    assert raised.value.request_id == "req-1"
