"""QR Card Scan sessions: generate, poll, the customer's phone sharing a card, and how one ends."""

from __future__ import annotations

import copy
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, Literal, get_args

from pos_app.sandbox.messages import SandboxError, text

# How an ended session answers a status poll; the public docs show all of them.
QrEndedForm = Literal["404", "200", "410", "410_bare"]
QR_ENDED_FORMS: Final[tuple[QrEndedForm, ...]] = get_args(QrEndedForm)
# Ended sessions are remembered this long (so they answer as ended, not unknown), and at most
# this many sessions are kept at all: a till polling all day must not grow the sandbox.
ENDED_KEEP_S: Final = 3600.0
MAX_SESSIONS: Final = 1000

CardFinder = Callable[[str], dict[str, Any]]  # by number or QR UUID; KeyError when unknown


@dataclass(slots=True)
class _Session:
    session_id: str
    device_name: str
    shop_id: int | None
    expires_at: datetime
    expires_mono: float
    card_number: str | None = None
    scanned_at: datetime | None = None
    ended_mono: float | None = None


class QrSessions:
    """The sessions, guarded by the sandbox state's lock.

    `done_status` is what a scanned session reports ("authenticated", or "completed", the
    other word the docs use); `ended_form` how an ended one answers: "404" (404
    RESOURCE_EXPIRED), "200" (200 with status "expired"), "410" (410 RESOURCE_EXPIRED) or
    "410_bare" (410 without a code); reset() restores the form given at construction. A
    session id never issued always answers 404.
    """

    def __init__(
        self,
        lock: threading.RLock,
        find_card: CardFinder,
        clock: Callable[[], float],
        now: Callable[[], datetime],
        iso: Callable[[datetime], str],
        ttl_s: float,
        ended_form: QrEndedForm = "404",
    ) -> None:
        self._lock = lock
        self._find_card = find_card
        self._clock = clock
        self._now = now
        self._iso = iso
        self.ttl_s = ttl_s
        self.done_status = "authenticated"
        self._default_form: QrEndedForm = ended_form
        self.ended_form: QrEndedForm = ended_form
        self._sessions: dict[str, _Session] = {}

    def reset(self) -> None:
        with self._lock:
            self._sessions = {}
            self.done_status = "authenticated"
            self.ended_form = self._default_form

    def __len__(self) -> int:
        with self._lock:
            return len(self._sessions)

    def _ended(self, session: _Session, now: float) -> bool:
        if session.ended_mono is None and now >= session.expires_mono:
            session.ended_mono = session.expires_mono
        return session.ended_mono is not None

    def _forget_old(self, now: float) -> None:
        for key, old in list(self._sessions.items()):
            ended = self._ended(old, now) and old.ended_mono is not None
            if ended and now - (old.ended_mono or now) >= ENDED_KEEP_S:
                del self._sessions[key]
        while len(self._sessions) >= MAX_SESSIONS:
            del self._sessions[next(iter(self._sessions))]  # the oldest

    def create(
        self, device_name: str, shop_id: int | None, partner: dict[str, Any]
    ) -> dict[str, Any]:
        """A new pending session: what qr-card/generate answers."""
        session_id = str(uuid.uuid4())
        expires_at = self._now() + timedelta(seconds=self.ttl_s)
        with self._lock:
            now = self._clock()
            self._forget_old(now)
            self._sessions[session_id] = _Session(
                session_id=session_id,
                device_name=device_name,
                shop_id=shop_id,
                expires_at=expires_at,
                expires_mono=now + self.ttl_s,
            )
        return {
            "session_id": session_id,
            "qr_code": f"loyaltylt://qr-card?code={secrets.token_urlsafe(16)}&session={session_id}",
            "ably_channel": f"qr-card:{session_id}",
            "partner_id": partner["id"],
            "partner_name": partner["name"],
            "shop_id": shop_id,
            "expires_at": self._iso(expires_at),
        }

    def _ended_error(self, locale: str, *, known: bool) -> SandboxError:
        message = text("qr_expired", locale)
        if known and self.ended_form == "410":
            return SandboxError(410, message, code="RESOURCE_EXPIRED")
        if known and self.ended_form == "410_bare":
            return SandboxError(410, message, code=None)
        return SandboxError(404, message, code="RESOURCE_EXPIRED")

    def _live(self, session_id: str, locale: str) -> _Session:
        session = self._sessions.get(session_id)
        if session is None:
            raise self._ended_error(locale, known=False)
        if self._ended(session, self._clock()):
            raise self._ended_error(locale, known=True)
        return session

    def status(self, session_id: str, locale: str) -> dict[str, Any]:
        """`pending` until a phone scans, then the done status with the card; ended: see class."""
        with self._lock:
            session = self._sessions.get(session_id)
            if (
                session is not None
                and self.ended_form == "200"
                and self._ended(session, self._clock())
            ):
                return {
                    "session_id": session_id,
                    "status": "expired",
                    "expires_at": self._iso(session.expires_at),
                }
            session = self._live(session_id, locale)
            result: dict[str, Any] = {
                "session_id": session_id,
                "expires_at": self._iso(session.expires_at),
            }
            if session.card_number is None or session.scanned_at is None:
                result["status"] = "pending"
                return result
            card = self._find_card(session.card_number)
            result["status"] = self.done_status
            result["card_data"] = {
                "loyalty_card_id": card["id"],
                "card_number": card["card_number"],
                "points": card["points"],
                "user": copy.deepcopy(card["user"]),
                "redemption": copy.deepcopy(card["redemption"]),
                "scanned_at": self._iso(session.scanned_at),
            }
            return result

    def scan(self, session_id: str, card_number: str, locale: str = "en") -> dict[str, Any]:
        """Play the customer's phone: share `card_number` (or its QR UUID) with the session."""
        with self._lock:
            session = self._live(session_id, locale)
            if session.card_number is not None:
                raise SandboxError(
                    409, text("qr_already_used", locale), code="RESOURCE_ALREADY_EXISTS"
                )
            try:
                card = self._find_card(card_number)
            except KeyError:
                raise SandboxError(404, text("card_not_found", locale), code=404) from None
            session.card_number = card["card_number"]
            session.scanned_at = self._now()
            return {"session_id": session_id, "status": self.done_status}

    def expire(self, session_id: str) -> None:
        """End a session now (tests); KeyError when unknown."""
        with self._lock:
            self._sessions[session_id].ended_mono = self._clock()
