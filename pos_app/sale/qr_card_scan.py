"""QR Card Scan, till side: open a session, show its code, poll until a phone shares a card.

Pure asyncio, no Qt. Polling is the documented fallback of the push channel; every ~2 s is
what the API pages recommend. An expired session is renewed for as long as the caller keeps
the scan running; cancelling the task stops everything.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Protocol

from pos_app.api.errors import (
    ApiError,
    AuthError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    ServerError,
)
from pos_app.core.models import QrCardData, QrSession, QrStatus

log = logging.getLogger(__name__)

_TRANSIENT = (NetworkError, ServerError, RateLimitError, InvalidResponseError)


class QrApi(Protocol):
    """The session calls; `pos_app.api.LoyaltyClient` provides them."""

    async def qr_generate(self, *, device_name: str, shop_id: int | None = None) -> QrSession: ...

    async def qr_status(self, session_id: str) -> QrStatus: ...


SessionCallback = Callable[[QrSession], None]
ProblemCallback = Callable[[ApiError | None], None]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class QrCardScan:
    """One till-shows-QR scan: `await run(...)` returns the card a phone shared.

    `on_session` is called with every session to show (the first and each renewal);
    `on_problem` with a transient error while it lasts, and with None once polling works
    again. AuthError (and anything unexpected) ends the scan by raising.
    """

    def __init__(
        self,
        api: QrApi,
        device_name: str,
        *,
        shop_id: int | None = None,
        interval: float = 2.0,
        max_backoff: float = 15.0,
        clock: Callable[[], datetime] = _utc_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._api = api
        self._device_name = device_name
        self._shop_id = shop_id
        self._interval = interval
        self._max_backoff = max_backoff
        self._now = clock
        self._sleep = sleep
        self.session: QrSession | None = None
        self.renewals = 0

    async def run(
        self, on_session: SessionCallback, on_problem: ProblemCallback | None = None
    ) -> QrCardData:
        report = on_problem or (lambda _error: None)
        while True:
            session = await self._open(report)
            self.session = session
            on_session(session)
            card = await self._poll(session, report)
            if card is not None:
                return card
            self.renewals += 1
            log.info("QR session %s expired; opening a new one", session.session_id)

    async def _open(self, report: ProblemCallback) -> QrSession:
        failures = 0
        while True:
            try:
                session = await self._api.qr_generate(
                    device_name=self._device_name, shop_id=self._shop_id
                )
            except AuthError:
                raise
            except _TRANSIENT as exc:
                failures += 1
                report(exc)
                await self._sleep(self._backoff(exc, failures))
                continue
            if failures:
                report(None)
            return session

    async def _poll(self, session: QrSession, report: ProblemCallback) -> QrCardData | None:
        """The shared card, or None when the session is over and must be renewed."""
        failures = 0
        last: ApiError | None = None
        while True:
            await self._sleep(self._backoff(last, failures) if failures else self._interval)
            if session.expires_at is not None and self._now() >= session.expires_at:
                return None
            try:
                status = await self._api.qr_status(session.session_id)
            except NotFoundError:
                return None  # RESOURCE_EXPIRED (or a session the server forgot): renew
            except AuthError:
                raise
            except _TRANSIENT as exc:
                failures, last = failures + 1, exc
                report(exc)
                continue
            if failures:
                failures = 0
                report(None)
            if status.status == "expired":
                return None  # however the server said the session ended: renew
            if status.is_done and status.card_data is not None:
                return status.card_data

    def _backoff(self, exc: ApiError | None, failures: int) -> float:
        if isinstance(exc, RateLimitError) and exc.retry_after is not None:
            return max(float(exc.retry_after), self._interval)
        return min(self._interval * 2.0 ** max(failures - 1, 0), self._max_backoff)
