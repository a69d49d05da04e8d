"""LoyaltyClient: the Shop API endpoints the till uses, on top of ShopHttp."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from types import TracebackType
from typing import Any
from urllib.parse import quote

import httpx

from pos_app.api.budget import RateBudget
from pos_app.api.envelope import SESSION_EXPIRED, read_model
from pos_app.api.errors import ApiError, InvalidResponseError, NotFoundError, RequestRecord
from pos_app.api.games_coupons import GamesCouponsCalls
from pos_app.api.http import (
    DEFAULT_LOOKUP_TIMEOUT,
    DEFAULT_SALE_TIMEOUT,
    DEFAULT_TIMEOUT,
    ShopHttp,
)
from pos_app.api.shop_calls import ShopCalls, card_query
from pos_app.api.wire import DEFAULT_MAX_ANSWER_BYTES
from pos_app.core.lenient import flag
from pos_app.core.models import CardInfo, QrSession, QrStatus, TransactionResult

_CARD_MESSAGES = {"404": "No loyalty card was found for that number."}
_SALE_MESSAGES = {"404": "The loyalty service does not know this customer."}
_QR_MESSAGES = {"404": SESSION_EXPIRED}


class LoyaltyClient(ShopCalls, GamesCouponsCalls):
    """An async context manager around one shared HTTP connection pool to Loyalty.lt.

    One per till: `requests_per_minute` (or a shared `budget`) caps what this till sends
    in any rolling minute. `on_request` receives a RequestRecord after every request.
    `lookup_timeout` bounds every call from start to last byte, `sale_timeout` one attempt of
    a sale; an answer over `max_answer_bytes` (counted unpacked) is refused unread. `shop_id`
    (settable) is the till's shop: sales and QR sessions carry it unless given another.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        api_secret: str,
        *,
        locale: str = "en",
        transport: httpx.AsyncBaseTransport | None = None,
        budget: RateBudget | None = None,
        requests_per_minute: int = 60,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        limits: httpx.Limits | None = None,
        on_request: Callable[[RequestRecord], None] | None = None,
        lookup_timeout: float = DEFAULT_LOOKUP_TIMEOUT,
        sale_timeout: float = DEFAULT_SALE_TIMEOUT,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        shop_id: int | None = None,
    ) -> None:
        self._http = ShopHttp(
            base_url,
            api_key,
            api_secret,
            locale=locale,
            transport=transport,
            budget=budget if budget is not None else RateBudget(requests_per_minute),
            timeout=timeout,
            limits=limits,
            on_request=on_request,
            lookup_timeout=lookup_timeout,
            sale_timeout=sale_timeout,
            max_answer_bytes=max_answer_bytes,
        )
        # The till's shop: sales and QR sessions carry it unless the caller names another.
        self.shop_id = shop_id
        self._key_hint = api_key[:8]

    @property
    def locale(self) -> str:
        return self._http.locale

    @locale.setter
    def locale(self, value: str) -> None:
        """The server's message language from the next call on (the cashier chose another)."""
        self._http.locale = value

    @property
    def budget(self) -> RateBudget:
        return self._http.budget

    def __repr__(self) -> str:
        return (
            f"LoyaltyClient(base_url={self._http.base_url!r}, locale={self.locale!r}, "
            f"api_key={self._key_hint + '…'!r})"
        )

    async def __aenter__(self) -> LoyaltyClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def card_info(
        self,
        *,
        card_number: str | None = None,
        card_id: int | None = None,
        user_id: int | None = None,
    ) -> CardInfo:
        """A card by printed number or QR UUID (`card_number`), `card_id` or `user_id`."""
        params = card_query(card_number, card_id, user_id)
        answer = await self._http.request(
            "GET", "loyalty-cards/info", params=params, messages=_CARD_MESSAGES
        )
        return read_model(CardInfo, answer.data, answer.request_id)

    async def validate_credentials(self) -> dict[str, Any]:
        """`data` of validate-credentials: `valid` (as a bool), `partner`, `environment`."""
        answer = await self._http.request("POST", "validate-credentials")
        data = answer.data
        try:
            valid = flag(data.get("valid")) if isinstance(data, dict) else None
        except ValueError:
            valid = None
        if valid is None or not isinstance(data, dict):
            raise InvalidResponseError(request_id=answer.request_id)
        return {**data, "valid": valid}

    async def create_transaction(
        self,
        *,
        order_id: str,
        order_total: Decimal,
        loyalty_card_id: int | None = None,
        user_id: int | None = None,
        points_redeemed: int = 0,
        points_discount_amount: Decimal = Decimal("0"),
        currency: str = "EUR",
        description: str | None = None,
        shop_id: int | None = None,
    ) -> TransactionResult:
        """Record a sale, awarding and redeeming points; a repeated order_id is ConflictError.

        Never retried here: after a NetworkError with `may_have_reached_server`, repeat
        with the same order_id, and a ConflictError then means the first one landed.
        """
        if not order_id.strip():
            raise ValueError("order_id is empty")
        _check_money("order_total", order_total)
        _check_money("points_discount_amount", points_discount_amount)
        if points_redeemed < 0:
            raise ValueError("points_redeemed must not be negative")
        body: dict[str, Any] = {
            "order_id": order_id,
            "order_total": order_total,
            "currency": currency,
        }
        optional: dict[str, Any] = {
            "loyalty_card_id": loyalty_card_id,
            "user_id": user_id,
            "description": description,
            "shop_id": shop_id if shop_id is not None else self.shop_id,
        }
        body.update({k: v for k, v in optional.items() if v is not None})
        if points_redeemed:
            body["points_redeemed"] = points_redeemed
            body["points_discount_amount"] = points_discount_amount
        answer = await self._http.request(
            "POST",
            "transactions/create",
            body=body,
            messages=_SALE_MESSAGES,
            deadline=self._http.sale_timeout,
        )
        return read_model(TransactionResult, answer.data, answer.request_id)

    async def qr_generate(self, *, device_name: str, shop_id: int | None = None) -> QrSession:
        """Open a QR Card Scan session for the till's screen."""
        body: dict[str, Any] = {"device_name": device_name}
        if shop_id is None:
            shop_id = self.shop_id
        if shop_id is not None:
            body["shop_id"] = shop_id
        answer = await self._http.request("POST", "qr-card/generate", body=body)
        return read_model(QrSession, answer.data, answer.request_id)

    async def qr_status(self, session_id: str) -> QrStatus:
        """Poll a session. However the server says it ended (200 with status "expired", 404
        RESOURCE_EXPIRED, 410 with or without a code), it reads as status "expired"."""
        try:
            answer = await self._http.request(
                "GET", f"qr-card/status/{_segment(session_id)}", messages=_QR_MESSAGES
            )
        except ApiError as exc:
            gone = exc.status == 410
            if gone or (isinstance(exc, NotFoundError) and exc.code == "RESOURCE_EXPIRED"):
                return QrStatus.expired()
            raise
        return read_model(QrStatus, answer.data, answer.request_id)

    async def sandbox_scan_qr(self, session_id: str, card_number: str) -> None:
        """Sandbox only: act as the customer's phone scanning the session's QR code."""
        await self._http.request(
            "POST",
            f"qr-card/sandbox-scan/{_segment(session_id)}",
            body={"card_number": card_number},
            messages=_QR_MESSAGES,
        )


def _check_money(name: str, value: Decimal) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise ValueError(f"{name} must be a non-negative Decimal")


def _segment(value: str) -> str:
    if not value.strip():
        raise ValueError("session_id is empty")
    return quote(value, safe="")
