"""The checkout's state without widgets: which card is current, what the order may redeem."""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QMetaMethod, QObject, QTimer, Signal

from pos_app.api.errors import (
    ApiError,
    AuthError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from pos_app.core.redemption import RedemptionLimits, discount_for, limits, points_to_cover
from pos_app.scanner import InvalidScan, ScanCode, parse_scan
from pos_app.ui.common import messages
from pos_app.ui.common.messages import BannerState

if TYPE_CHECKING:
    from pos_app.core.models import CardInfo

log = logging.getLogger(__name__)


class CardLookup(Protocol):
    """What the view-model needs from `pos_app.api.LoyaltyClient`."""

    async def card_info(
        self, *, card_number: str | None = None, card_id: int | None = None
    ) -> CardInfo: ...


@dataclass(frozen=True, slots=True)
class _Query:
    """One lookup: a card number / QR value, or a card id (QR Card Scan); `value` is shown."""

    value: str
    card_id: int | None = None


@dataclass(frozen=True, slots=True)
class RedemptionView:
    """Everything the redemption panel shows, computed from the card, order total and points.

    `points` is what this sale redeems: 0 until the cashier chooses points (a preset, the
    slider, the spin box or "Use points"), and 0 when redemption is impossible. `amount_due`
    is None without an order total; `cover_points` is the fewest points that pay the order
    (clamped to the cap).
    """

    card: CardInfo | None
    order_total: Decimal | None
    limits: RedemptionLimits | None
    points: int
    discount: Decimal
    amount_due: Decimal | None
    cover_points: int | None
    use_points: bool = False


class CheckoutViewModel(QObject):
    """Owns the card lookup, the status banner state and the redemption choice.

    Signals:
        cardChanged(object): the current `CardInfo`, or None (cleared at once on a new scan).
        bannerChanged(object): a `messages.BannerState` for the status banner.
        busyChanged(bool): True while a lookup is in flight.
        redemptionChanged(object): a `RedemptionView` after any card/order/points change.
        couponScanned(str): a coupon code (upper case) was scanned or typed; the customer on
            screen stays, and the coupon is checked by whoever listens.
    """

    cardChanged = Signal(object)
    bannerChanged = Signal(object)
    busyChanged = Signal(bool)
    redemptionChanged = Signal(object)
    couponScanned = Signal(str)

    def __init__(
        self,
        client: CardLookup,
        *,
        badge_handler: Callable[[str, str], BannerState | None] | None = None,
        duplicate_window_s: float = 1.5,
        default_backoff_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._badge_handler = badge_handler
        self._duplicate_window_s = duplicate_window_s
        self._default_backoff_s = default_backoff_s
        self._clock = clock
        self._generation = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._current_task: asyncio.Task[None] | None = None
        self._card: CardInfo | None = None
        self._code: _Query | None = None
        self._last_scan: tuple[str, float] | None = None
        self._pending_coupon: str | None = None
        self._busy = False
        self._banner = messages.NO_BANNER
        self._order_total: Decimal | None = None
        self._wanted = 0  # 0: nothing chosen, the lowest redeemable amount
        # Points are the customer's: nothing is redeemed until the cashier chooses to.
        self._use_points = False
        self._view = self._compute()
        self._rate_limit_streak = 0
        self._retry_deadline: float | None = None
        self._countdown = QTimer(self)
        self._countdown.setInterval(200)
        self._countdown.timeout.connect(self._tick)

    # --- what the window and the sale service read -------------------------------------
    @property
    def card(self) -> CardInfo | None:
        return self._card

    @property
    def order_total(self) -> Decimal | None:
        return self._order_total

    @property
    def points(self) -> int:
        """The points this sale redeems now (what the slider shows; 0 when none)."""
        return self._view.points

    @property
    def view(self) -> RedemptionView:
        return self._view

    @property
    def banner(self) -> BannerState:
        return self._banner

    @property
    def busy(self) -> bool:
        return self._busy

    # --- scans -----------------------------------------------------------------------
    def submit_scan(self, text: str, source: str = "keyboard") -> None:
        """Look up what was scanned or typed; the latest scan always wins.

        `source` ("keyboard", "wedge", "camera") is for the log only: every source is treated
        alike, including the duplicate window.
        """
        log.debug("scan from %s", source)
        if self._badge_handler is not None:
            # The manager badge is no card: the handler says what to show (unlocked, or
            # "scan it" when its number was typed) and nothing is looked up.
            badge = self._badge_handler(text.strip(), source)
            if badge is not None:
                self._set_banner(badge)
                return
        try:
            code = parse_scan(text)
        except InvalidScan as exc:
            self._abandon()
            self._set_card(None)
            self._set_banner(messages.unreadable_scan(exc.message))
            return
        if code.kind == "coupon":
            if self.isSignalConnected(QMetaMethod.fromSignal(self.couponScanned)):
                self.couponScanned.emit(code.value)
            else:  # the coupon side loads after the first paint: it takes this one then
                self._pending_coupon = code.value
            return
        now = self._clock()
        if self._is_repeat(code, now):
            return
        self._last_scan = (code.value, now)
        self._rate_limit_streak = 0
        self._start(_Query(code.value), clear=True)

    def take_pending_coupon(self) -> str | None:
        """The coupon scanned before anything listened to `couponScanned`, once; or None."""
        code, self._pending_coupon = self._pending_coupon, None
        return code

    def submit_card_id(self, card_id: int, shown: str) -> None:
        """Look a card up by id (a QR Card Scan result); `shown` names it in the banner."""
        self._last_scan = (shown, self._clock())
        self._rate_limit_streak = 0
        self._start(_Query(shown, card_id), clear=True)

    def retry(self) -> None:
        """Repeat the last lookup (Retry button, F5, end of a rate-limit countdown)."""
        if self._code is not None:
            self._start(self._code, clear=True)

    def show_confirmed_balance(self, card_id: int | None, points: int) -> None:
        """The balance a confirmed sale's answer reported, shown before `refresh` confirms it.

        Should that refresh fail, the customer panel still agrees with the sale's result
        instead of showing the balance from before the sale.
        """
        card = self._card
        if card is None or points < 0 or (card_id is not None and card_id != card.id):
            return
        self._set_card(card.model_copy(update={"points": points}))

    def refresh(self) -> None:
        """Look the current card up again, e.g. after a sale changed its balance."""
        if self._card is not None:
            self._start(_Query(self._card.card_number, self._card.id), clear=False)

    def clear(self) -> None:
        """Forget the customer (Esc): cancels any lookup or countdown; keeps the order total."""
        self._abandon()
        self._code = None
        self._set_card(None)
        self._set_banner(messages.NO_BANNER)

    def _is_repeat(self, code: ScanCode, now: float) -> bool:
        """The same code again within the window while it is being looked up or shown.

        Scanners double-read, cameras see a code in many frames, cashiers press Enter twice.
        A repeat after a failure is not swallowed: that is the cashier asking again.
        """
        if self._last_scan is None:
            return False
        value, when = self._last_scan
        if value != code.value or now - when > self._duplicate_window_s:
            return False
        shown = self._card is not None and self._code is not None and self._code.value == value
        return self._busy or shown

    def _start(self, code: _Query, *, clear: bool) -> None:
        self._abandon()
        self._generation += 1
        self._code = code
        if clear:
            self._set_card(None)
        self._set_busy(True)
        self._set_banner(messages.busy(code.value))
        task = asyncio.get_running_loop().create_task(self._lookup(self._generation, code))
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        self._current_task = task

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if task.cancelled() or task.exception() is None:
            return
        # Showing the answer failed (the lookup itself catches everything): say so now,
        # not at garbage-collection time, and only if this is still the current lookup.
        log.error("showing a card failed", exc_info=task.exception())
        if task is self._current_task:
            self._set_busy(False)
            self._set_banner(messages.unexpected())

    def _abandon(self) -> None:
        """Cancel the lookup in flight and any pending automatic retry; late answers drop."""
        self._generation += 1
        self._countdown.stop()
        self._retry_deadline = None
        if self._current_task is not None and not self._current_task.done():
            self._current_task.cancel()
        self._current_task = None
        self._set_busy(False)

    async def _lookup(self, generation: int, code: _Query) -> None:
        try:
            if code.card_id is not None:
                card = await self._client.card_info(card_id=code.card_id)
            else:
                card = await self._client.card_info(card_number=code.value)
        except asyncio.CancelledError:
            raise
        except RateLimitError as exc:
            if generation == self._generation:
                self._rate_limited(exc)
            return
        except ApiError as exc:
            if generation == self._generation:
                self._set_banner(self._banner_for(exc, code))
            return
        except Exception:
            log.exception("card lookup failed unexpectedly")
            if generation == self._generation:
                self._set_banner(messages.unexpected())
            return
        finally:
            if generation == self._generation:
                self._set_busy(False)
        if generation != self._generation:
            return
        self._rate_limit_streak = 0
        self._set_banner(messages.NO_BANNER)
        self._set_card(card)

    @staticmethod
    def _banner_for(exc: ApiError, code: _Query) -> BannerState:
        if isinstance(exc, NotFoundError):
            return messages.not_found(code.value)
        if isinstance(exc, AuthError):
            return messages.auth_rejected()
        if isinstance(exc, NetworkError):
            return messages.offline()
        if isinstance(exc, ServerError):
            return messages.server_trouble()
        if isinstance(exc, InvalidResponseError):
            return messages.invalid_response()
        if isinstance(exc, ValidationError):
            return messages.refused(exc.server_message)
        return messages.server_trouble()

    # --- rate limit: a live countdown, then an automatic retry -------------------------
    def _rate_limited(self, exc: RateLimitError) -> None:
        self._rate_limit_streak += 1
        wait = exc.retry_after
        if wait is None or wait <= 0:
            wait = min(60.0, self._default_backoff_s * 2 ** (self._rate_limit_streak - 1))
        self._retry_deadline = self._clock() + wait
        self._set_banner(messages.rate_limited(max(1, math.ceil(wait))))
        self._countdown.start()

    def _tick(self) -> None:
        if self._retry_deadline is None or self._code is None:
            self._countdown.stop()
            return
        remaining = self._retry_deadline - self._clock()
        if remaining <= 0:
            self._countdown.stop()
            self._retry_deadline = None
            self._start(self._code, clear=False)
            return
        seconds = math.ceil(remaining)
        if self._banner.retry_in != seconds:
            self._set_banner(messages.rate_limited(seconds))

    # --- the redemption choice -------------------------------------------------------
    def set_order_total(self, total: Decimal | None) -> None:
        if total == self._order_total:
            return
        self._order_total = total
        self._refresh()

    def set_points(self, points: int) -> None:
        """Redeem `points`, snapped into the allowed range; a lower cap lowers it, a higher
        cap gives it back (the cashier's choice is remembered, not the clamp)."""
        self._use_points = True
        self._wanted = points
        self._refresh()

    def set_use_points(self, use: bool) -> None:
        """Whether this sale redeems points at all (the customer may keep them)."""
        self._use_points = use
        self._refresh()

    def choose_none(self) -> None:
        self.set_use_points(False)

    def choose_lowest(self) -> None:
        if self._view.limits is not None and self._view.limits.possible:
            self.set_points(self._view.limits.min_points)

    def choose_highest(self) -> None:
        if self._view.limits is not None and self._view.limits.possible:
            self.set_points(self._view.limits.max_points)

    def choose_cover(self) -> None:
        if self._view.cover_points is not None:
            self.set_points(self._view.cover_points)

    def _refresh(self) -> None:
        view = self._compute()
        if view != self._view:
            self._view = view
            self.redemptionChanged.emit(view)

    def _compute(self) -> RedemptionView:
        card, total = self._card, self._order_total
        if card is None:
            return RedemptionView(None, total, None, 0, Decimal("0.00"), total, None)
        lim = limits(card, total)
        points = 0
        if lim.possible and self._use_points:
            # "Use points" without an amount yet (0): the lowest redeemable amount.
            points = min(max(self._wanted, lim.min_points), lim.max_points)
        redemption = card.redemption
        discount = Decimal("0.00")
        cover: int | None = None
        if redemption is not None and points:
            discount = discount_for(points, redemption, total)
        if redemption is not None and lim.possible and total is not None and total > 0:
            cover = min(max(points_to_cover(total, redemption), lim.min_points), lim.max_points)
        due = None if total is None else max(total - discount, Decimal("0.00"))
        return RedemptionView(card, total, lim, points, discount, due, cover, self._use_points)

    # --- state changes ---------------------------------------------------------------
    def _set_card(self, card: CardInfo | None) -> None:
        if card is None and self._card is None:
            return
        self._card = card
        self.cardChanged.emit(card)
        self._use_points = False  # every customer starts redeeming nothing
        self._wanted = 0
        self._view = self._compute()
        self.redemptionChanged.emit(self._view)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    def _set_banner(self, banner: BannerState) -> None:
        if banner != self._banner:
            self._banner = banner
            self.bannerChanged.emit(banner)
