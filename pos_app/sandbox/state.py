"""The sandbox's in-memory, thread-safe data: cards, shops, transactions, games, QR, request log."""

from __future__ import annotations

import copy
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pos_app.sandbox.data import PARTNER, qr_uuid_for, seed_cards
from pos_app.sandbox.data_shops import seed_history, seed_shops
from pos_app.sandbox.games import GameBook
from pos_app.sandbox.listing import (
    ShopQuery,
    TransactionQuery,
    select_shops,
    select_transactions,
    transaction_item,
)
from pos_app.sandbox.messages import SandboxError, text
from pos_app.sandbox.qr import QrEndedForm, QrSessions
from pos_app.sandbox.transactions import (
    TransactionRequest,
    customer_card,
    points_awarded,
    redemption_discount,
)

PUBLIC_CARD_FIELDS = (
    "id",
    "card_number",
    "card_name",
    "card_type",
    "points",
    "is_active",
    "transactions_count",
    "last_used_at",
    "redemption",
    "user",
    "partner",
    "created_at",
    "updated_at",
)
CHANGEABLE_CARD_FIELDS = (*PUBLIC_CARD_FIELDS, "earning")
FIRST_TRANSACTION_ID = 50001
REQUEST_LOG_LIMIT = 10_000  # a demo till polls all day; keep the newest
_ANSWER_FIELDS = (
    "transaction_id",
    "points_awarded",
    "points_balance",
    "loyalty_card_id",
    "card_number",
    "user_id",
    "order_total",
    "currency",
)


def iso_z(moment: datetime) -> str:
    """The API's timestamp style: UTC, milliseconds, trailing Z."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def _matches(card: dict[str, Any], value: str) -> bool:
    wanted = value.strip()
    return card["card_number"] == wanted or qr_uuid_for(card["card_number"]) == wanted.lower()


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One request the sandbox saw. `status` is None when the client got no complete answer."""

    method: str
    path: str
    status: int | None
    duration_ms: float
    fault: str | None = None


class SandboxState:
    """Cards, shops, transactions, games and coupons, QR sessions and the request log, guarded
    by one lock.

    Reads return deep copies, so a test can inspect them while the server thread writes.
    `games` (stamps, coupons) and `qr` (sessions) share the lock. `qr_done_status` and
    `qr_ended_form` choose between the forms the docs allow (see `QrSessions`); reset()
    restores the defaults.
    """

    def __init__(
        self,
        *,
        qr_ttl_s: float = 300.0,
        qr_ended_form: QrEndedForm = "404",
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._lock = threading.RLock()
        self._now = now
        self._cards: list[dict[str, Any]] = []
        self._shops: list[dict[str, Any]] = []
        self._history: list[dict[str, Any]] = []
        self._transactions: list[dict[str, Any]] = []
        self._log: deque[LoggedRequest] = deque(maxlen=REQUEST_LOG_LIMIT)
        self.games = GameBook(self._lock, self._card_by_id, now, iso_z)
        self.qr = QrSessions(
            self._lock, self._by_number_or_uuid, clock, now, iso_z, qr_ttl_s, qr_ended_form
        )
        self.reset()

    def reset(self) -> None:
        """Back to the seed data; no new transactions, sessions or logged requests."""
        with self._lock:
            self._cards = seed_cards()
            self._shops = seed_shops()
            self._history = seed_history()
            self._transactions = []
            self._log.clear()
            self.games.reset()
            self.qr.reset()

    @property
    def qr_ttl_s(self) -> float:
        return self.qr.ttl_s

    @property
    def qr_done_status(self) -> str:
        return self.qr.done_status

    @qr_done_status.setter
    def qr_done_status(self, value: str) -> None:
        self.qr.done_status = value

    @property
    def qr_ended_form(self) -> QrEndedForm:
        return self.qr.ended_form

    @qr_ended_form.setter
    def qr_ended_form(self, value: QrEndedForm) -> None:
        self.qr.ended_form = value

    # -- inspection (copies) -------------------------------------------------------------

    @property
    def cards(self) -> dict[str, dict[str, Any]]:
        """Every card by printed number, as the API would show it."""
        with self._lock:
            return {c["card_number"]: self._public(c) for c in self._cards}

    @property
    def transactions(self) -> list[dict[str, Any]]:
        """Transactions recorded through transactions/create, oldest first (not the seeded
        history)."""
        with self._lock:
            return copy.deepcopy(self._transactions)

    @property
    def shops(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._shops)

    @property
    def request_log(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._log)

    def card(self, card_number: str) -> dict[str, Any]:
        """One card as the API shows it; KeyError when unknown."""
        with self._lock:
            return self._public(self._by_number_or_uuid(card_number))

    def update_card(self, card_number: str, **changes: Any) -> None:
        """Change a card's fields in place (tests and demos: set points, deactivate...)."""
        with self._lock:
            card = self._by_number_or_uuid(card_number)
            unknown = set(changes) - set(CHANGEABLE_CARD_FIELDS)
            if unknown:
                raise KeyError(f"unknown card fields: {sorted(unknown)}")
            card.update(copy.deepcopy(changes))

    def update_shop(self, shop_id: int, **changes: Any) -> None:
        """Change a shop in place (tests: `is_active=False` leaves a one-shop partner)."""
        with self._lock:
            shop = next(s for s in self._shops if s["id"] == shop_id)
            unknown = set(changes) - set(shop)
            if unknown:
                raise KeyError(f"unknown shop fields: {sorted(unknown)}")
            shop.update(copy.deepcopy(changes))

    def log_request(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._log.append(entry)

    # -- cards and shops ---------------------------------------------------------------------

    @staticmethod
    def _public(card: dict[str, Any]) -> dict[str, Any]:
        return {k: copy.deepcopy(card[k]) for k in PUBLIC_CARD_FIELDS}

    def _by_number_or_uuid(self, value: str) -> dict[str, Any]:
        """The card whose printed number or QR UUID (any case) is `value`; KeyError if none."""
        for card in self._cards:
            if _matches(card, value):
                return card
        raise KeyError(value)

    def _card_by_id(self, card_id: int) -> dict[str, Any] | None:
        return next((c for c in self._cards if c["id"] == card_id), None)

    def card_id_for_user(self, user_id: int) -> int | None:
        with self._lock:
            for card in self._cards:
                if (card["user"] or {}).get("id") == user_id:
                    return int(card["id"])
        return None

    def find_card(
        self,
        locale: str,
        *,
        card_number: str | None = None,
        card_id: int | None = None,
        user_id: int | None = None,
    ) -> dict[str, Any]:
        """The card matching every given identifier, as the API shows it; 404 otherwise."""
        with self._lock:
            for card in self._cards:
                if card_number is not None and not _matches(card, card_number):
                    continue
                if card_id is not None and card["id"] != card_id:
                    continue
                if user_id is not None and (card["user"] or {}).get("id") != user_id:
                    continue
                return self._public(card)
        raise SandboxError(404, text("card_not_found", locale), code=404)

    def shop_exists(self, shop_id: int) -> bool:
        with self._lock:
            return any(s["id"] == shop_id for s in self._shops)

    def list_shops(self, query: ShopQuery) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(select_shops(self._shops, query))

    # -- transactions --------------------------------------------------------------------------

    def create_transaction(self, req: TransactionRequest, locale: str) -> dict[str, Any]:
        """Record a sale: redeem, award, move the points. Exactly once per order_id."""
        with self._lock:
            if any(t["order_id"] == req.order_id for t in self._transactions):
                message = text("duplicate_order", locale)
                raise SandboxError(
                    409, message, code="RESOURCE_ALREADY_EXISTS", errors={"order_id": [message]}
                )
            card = customer_card(self._cards, req, locale)
            discount = redemption_discount(card, req, locale)
            awarded = points_awarded(card, req)
            moment = iso_z(self._now())
            card["points"] = card["points"] - req.points_redeemed + awarded
            card["transactions_count"] += 1
            card["last_used_at"] = moment
            card["updated_at"] = moment
            user_id = (card["user"] or {}).get("id")
            record = {
                "transaction_id": FIRST_TRANSACTION_ID + len(self._transactions),
                "type": "purchase",
                "order_id": req.order_id,
                "order_total": req.order_total,
                "currency": req.currency,
                "points_redeemed": req.points_redeemed,
                "points_discount_amount": discount,
                "points_awarded": awarded,
                "points_balance": card["points"],
                "loyalty_card_id": card["id"],
                "card_number": card["card_number"],
                "user_id": user_id,
                "description": req.description,
                "shop_id": req.shop_id,
                "cart_items": copy.deepcopy(req.cart_items),
                "meta_data": copy.deepcopy(req.meta_data),
                "created_at": moment,
            }
            self._transactions.append(record)
            return {key: record[key] for key in _ANSWER_FIELDS}

    def list_transactions(self, query: TransactionQuery) -> list[dict[str, Any]]:
        """The partner's transactions (seeded history and new sales) matching `query`."""
        with self._lock:
            shops = {s["id"]: s for s in self._shops}
            items = [
                transaction_item(
                    record,
                    self._card_by_id(int(record["loyalty_card_id"])),
                    shops.get(record.get("shop_id")),
                )
                for record in (*self._history, *self._transactions)
            ]
            return copy.deepcopy(select_transactions(items, query))

    # -- QR Card Scan (see QrSessions) -----------------------------------------------------

    def create_qr_session(self, device_name: str, shop_id: int | None) -> dict[str, Any]:
        return self.qr.create(device_name, shop_id, PARTNER)

    def qr_status(self, session_id: str, locale: str) -> dict[str, Any]:
        return self.qr.status(session_id, locale)

    def scan_qr_session(
        self, session_id: str, card_number: str, locale: str = "en"
    ) -> dict[str, Any]:
        return self.qr.scan(session_id, card_number, locale)

    def expire_qr_session(self, session_id: str) -> None:
        self.qr.expire(session_id)
