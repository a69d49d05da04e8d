"""The sandbox's in-memory, thread-safe data: cards, transactions, QR sessions, request log."""

from __future__ import annotations

import copy
import secrets
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pos_app.sandbox.data import PARTNER, qr_uuid_for, seed_cards
from pos_app.sandbox.messages import SandboxError, text
from pos_app.sandbox.transactions import TransactionRequest, points_awarded, redemption_discount

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
FIRST_TRANSACTION_ID = 50001
REQUEST_LOG_LIMIT = 10_000  # a demo till polls all day; keep the newest


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


@dataclass(slots=True)
class _QrSession:
    session_id: str
    device_name: str
    shop_id: int | None
    expires_at: datetime
    expires_mono: float
    card_number: str | None = None
    scanned_at: datetime | None = None
    expired: bool = False


class SandboxState:
    """Cards, transactions, QR sessions and the request log, guarded by one lock.

    Reads return deep copies, so a test can inspect them while the server thread writes.
    `qr_done_status` is what a scanned QR session reports: "authenticated" (default) or
    "completed", the other word the public docs use; reset() restores the default.
    """

    def __init__(
        self,
        *,
        qr_ttl_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._lock = threading.RLock()
        self._clock = clock
        self._now = now
        self.qr_ttl_s = qr_ttl_s
        self._cards: list[dict[str, Any]] = []
        self._transactions: list[dict[str, Any]] = []
        self._log: deque[LoggedRequest] = deque(maxlen=REQUEST_LOG_LIMIT)
        self.qr_done_status = "authenticated"
        self._sessions: dict[str, _QrSession] = {}
        self.reset()

    def reset(self) -> None:
        """Back to the seed cards; no transactions, sessions or logged requests."""
        with self._lock:
            self._cards = seed_cards()
            self._transactions = []
            self._log.clear()
            self.qr_done_status = "authenticated"
            self._sessions = {}

    # -- inspection (copies) -------------------------------------------------------------

    @property
    def cards(self) -> dict[str, dict[str, Any]]:
        """Every card by printed number, as the API would show it."""
        with self._lock:
            return {c["card_number"]: self._public(c) for c in self._cards}

    @property
    def transactions(self) -> list[dict[str, Any]]:
        """Recorded transactions, oldest first."""
        with self._lock:
            return copy.deepcopy(self._transactions)

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
            unknown = set(changes) - set(PUBLIC_CARD_FIELDS)
            if unknown:
                raise KeyError(f"unknown card fields: {sorted(unknown)}")
            card.update(copy.deepcopy(changes))

    def log_request(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._log.append(entry)

    # -- card lookup -------------------------------------------------------------------------

    @staticmethod
    def _public(card: dict[str, Any]) -> dict[str, Any]:
        return {k: copy.deepcopy(card[k]) for k in PUBLIC_CARD_FIELDS}

    def _by_number_or_uuid(self, value: str) -> dict[str, Any]:
        """The card whose printed number or QR UUID (any case) is `value`; KeyError if none."""
        for card in self._cards:
            if _matches(card, value):
                return card
        raise KeyError(value)

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

    # -- transactions --------------------------------------------------------------------------

    def _customer_card(self, req: TransactionRequest, locale: str) -> dict[str, Any]:
        if req.loyalty_card_id is not None:
            for card in self._cards:
                if card["id"] == req.loyalty_card_id:
                    return card
            raise SandboxError(404, text("card_not_found", locale), code=404)
        for card in self._cards:
            user = card["user"] or {}
            if req.user_id is not None and user.get("id") == req.user_id:
                return card
            email = user.get("email")
            if req.user_email is not None and email and email.lower() == req.user_email.lower():
                return card
        raise SandboxError(404, text("user_not_found", locale), code=404)

    def create_transaction(self, req: TransactionRequest, locale: str) -> dict[str, Any]:
        """Record a sale: redeem, award, move the points. Exactly once per order_id."""
        with self._lock:
            if any(t["order_id"] == req.order_id for t in self._transactions):
                message = text("duplicate_order", locale)
                raise SandboxError(
                    409, message, code="RESOURCE_ALREADY_EXISTS", errors={"order_id": [message]}
                )
            card = self._customer_card(req, locale)
            discount = redemption_discount(card, req, locale)
            awarded = points_awarded(req.order_total, discount)
            moment = iso_z(self._now())
            card["points"] = card["points"] - req.points_redeemed + awarded
            card["transactions_count"] += 1
            card["last_used_at"] = moment
            card["updated_at"] = moment
            user_id = (card["user"] or {}).get("id")
            record = {
                "transaction_id": FIRST_TRANSACTION_ID + len(self._transactions),
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
            return {
                key: record[key]
                for key in (
                    "transaction_id",
                    "points_awarded",
                    "points_balance",
                    "loyalty_card_id",
                    "card_number",
                    "user_id",
                    "order_total",
                    "currency",
                )
            }

    # -- QR Card Scan ------------------------------------------------------------------------

    def create_qr_session(self, device_name: str, shop_id: int | None) -> dict[str, Any]:
        """A new pending session: what qr-card/generate answers."""
        session_id = str(uuid.uuid4())
        expires_at = self._now() + timedelta(seconds=self.qr_ttl_s)
        with self._lock:
            now = self._clock()
            for old in [k for k, v in self._sessions.items() if v.expired or now >= v.expires_mono]:
                del self._sessions[old]  # unknown and expired answer the same 404
            self._sessions[session_id] = _QrSession(
                session_id=session_id,
                device_name=device_name,
                shop_id=shop_id,
                expires_at=expires_at,
                expires_mono=self._clock() + self.qr_ttl_s,
            )
        return {
            "session_id": session_id,
            "qr_code": f"loyaltylt://qr-card?code={secrets.token_urlsafe(16)}&session={session_id}",
            "ably_channel": f"qr-card:{session_id}",
            "partner_id": PARTNER["id"],
            "partner_name": PARTNER["name"],
            "shop_id": shop_id,
            "expires_at": iso_z(expires_at),
        }

    def _live_session(self, session_id: str, locale: str) -> _QrSession:
        session = self._sessions.get(session_id)
        if session is None or session.expired or self._clock() >= session.expires_mono:
            raise SandboxError(404, text("qr_expired", locale), code="RESOURCE_EXPIRED")
        return session

    def qr_status(self, session_id: str, locale: str) -> dict[str, Any]:
        """`pending` until a phone scans, then `authenticated` with the card; 404 when over."""
        with self._lock:
            session = self._live_session(session_id, locale)
            result: dict[str, Any] = {
                "session_id": session_id,
                "expires_at": iso_z(session.expires_at),
            }
            if session.card_number is None or session.scanned_at is None:
                result["status"] = "pending"
                return result
            card = self._by_number_or_uuid(session.card_number)
            result["status"] = self.qr_done_status
            result["card_data"] = {
                "loyalty_card_id": card["id"],
                "card_number": card["card_number"],
                "points": card["points"],
                "user": copy.deepcopy(card["user"]),
                "redemption": copy.deepcopy(card["redemption"]),
                "scanned_at": iso_z(session.scanned_at),
            }
            return result

    def scan_qr_session(
        self, session_id: str, card_number: str, locale: str = "en"
    ) -> dict[str, Any]:
        """Play the customer's phone: share `card_number` (or its QR UUID) with the session."""
        with self._lock:
            session = self._live_session(session_id, locale)
            if session.card_number is not None:
                raise SandboxError(
                    409, text("qr_already_used", locale), code="RESOURCE_ALREADY_EXISTS"
                )
            try:
                card = self._by_number_or_uuid(card_number)
            except KeyError:
                raise SandboxError(404, text("card_not_found", locale), code=404) from None
            session.card_number = card["card_number"]
            session.scanned_at = self._now()
            return {"session_id": session_id, "status": self.qr_done_status}

    def expire_qr_session(self, session_id: str) -> None:
        """End a session now (tests); KeyError when unknown."""
        with self._lock:
            self._sessions[session_id].expired = True
