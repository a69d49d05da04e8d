"""LoyaltyHookup: feeds the loyalty panel, gives each confirmed sale its stamps, opens coupons."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from pos_app.api.errors import ApiError
from pos_app.core.loyalty_programs import CardCoupons, CardGame, StampResult
from pos_app.core.models import CardInfo
from pos_app.sale.stamps import ANY_GAME, StampGrant, StampOutcome, StampService, StampState
from pos_app.ui.common.dialogs import DialogOnce
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.messages import BannerKind, BannerState
from pos_app.ui.loyalty import messages
from pos_app.ui.loyalty.coupon_dialog import CouponApi, CouponDialog
from pos_app.ui.loyalty.programs_panel import HISTORY_ROWS, LoyaltyProgramsPanel
from pos_app.ui.loyalty.reward_panel import RewardPanel, RewardView

if TYPE_CHECKING:
    from pos_app.core.shop_models import Page, Transaction
    from pos_app.sale.journal import SaleRecord
    from pos_app.sale.service import SaleOutcome
    from pos_app.ui.checkout.view_model import CheckoutViewModel
    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.manager.lock import ManagerLock
    from pos_app.ui.sale.panel import SalePanel

log = logging.getLogger(__name__)


class LoyaltyApi(CouponApi, Protocol):
    """The Shop API calls stamp cards, coupons and history need (`LoyaltyClient` has them)."""

    async def card_games(self, card_id: int, shop_id: int | None = None) -> list[CardGame]: ...

    async def add_stamps(
        self, game_id: int, *, card_id: int, shop_id: int, stamps_count: int = 1
    ) -> StampResult: ...

    async def card_coupons(self, *, shop_id: int, card_id: int) -> CardCoupons: ...

    async def transactions(
        self, *, loyalty_card_id: int | None = None, per_page: int | None = None
    ) -> Page[Transaction]: ...


ShopId = Callable[[], int | None]
# Requests kept back for the card lookup and the sale (with its refresh and stamps): below
# this many left in the key's minute, stamp cards, coupons and history wait for the next card.
BUDGET_RESERVE = 6
SaleLookup = Callable[[str], "SaleRecord | None"]


class LoyaltyHookup(QObject):
    """Feeds the programs panel from the current card, gives each confirmed sale its stamps
    (exactly once, through `StampService`), opens the coupon dialog for a coupon scan (or a
    coupon chosen from the list), and shows the history to an unlocked manager.

    Signals:
        rewardShown(object): a `RewardView` when a sale's stamp completed a stamp card
            (for the customer display).
    """

    rewardShown = Signal(object)

    def __init__(
        self,
        window: MainWindow,
        vm: CheckoutViewModel,
        api: LoyaltyApi,
        stamps: StampService | None,
        formatter: Formatter,
        *,
        shop_id: ShopId,
        lock: ManagerLock,
        locale: str = "en",
        sale_lookup: SaleLookup | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._vm = vm
        self._api = api
        self._stamps = stamps
        self._fmt = formatter
        self._shop_id = shop_id
        self._lock = lock
        self._locale = locale
        self._sale_lookup = sale_lookup
        self._card: CardInfo | None = None
        self._games_card: int | None = None  # the card whose stamp cards the panel shows
        self._generation = 0
        self._tasks: set[asyncio.Task[Any]] = set()
        self._intents: dict[str, asyncio.Task[Any]] = {}
        self.panel = LoyaltyProgramsPanel(formatter, locale)
        self.reward = RewardPanel(formatter)
        self.panel.set_top_widget(self.reward)  # the reward in big type, above the stamps
        window.customer_panel.set_programs_widget(self.panel)
        self._coupon_dialog: DialogOnce[CouponDialog] = DialogOnce(self._build_dialog, self)

        vm.cardChanged.connect(self._card_changed)
        vm.couponScanned.connect(self.open_coupon)
        if (early := vm.take_pending_coupon()) is not None:  # scanned while this side loaded
            QTimer.singleShot(0, lambda: self.open_coupon(early))
        self.panel.couponChosen.connect(lambda coupon: self.open_coupon(coupon.code))
        lock.lockedChanged.connect(self._manager_locked)
        self._shortcuts: list[QShortcut] = []
        keys = (
            (Qt.Key.Key_F7, self.panel.focus_stamp_count),
            (Qt.Key.Key_F8, self.panel.choose_coupon),
        )
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)
        window.add_async_closer(self.aclose)

    # -- the sale ----------------------------------------------------------------------------

    def attach_sale(self, sale_panel: SalePanel) -> None:
        """Stamps follow this sale panel: journaled when it sends, given once it is confirmed."""
        sale_panel.lockedChanged.connect(lambda locked: self._sale_locked(sale_panel, locked))
        sale_panel.saleConfirmed.connect(self._sale_confirmed)
        sale_panel.reconciled.connect(self._reconciled)
        if self._stamps is not None:
            # Stamps a crash or an outage left open: settled once the event loop runs.
            QTimer.singleShot(0, self._settle_open)

    def _sale_locked(self, sale_panel: SalePanel, locked: bool) -> None:
        self.panel.set_choice_locked(locked)
        card = self._card
        if not locked or card is None or self._stamps is None:
            return
        order_id = sale_panel.order_id
        shop = self._shop_id()
        stamps = self._stamps
        if self._games_card != card.id and shop is not None:
            # Completed before the card's stamp cards were read: the default, one stamp on
            # the shop's running stamp card, chosen when it is sent.
            grant = StampGrant(order_id, card.id, shop, ANY_GAME, 1)
            self._intents[order_id] = self._spawn(stamps.intend(grant))
            return
        game = self.panel.chosen_game()
        count = self.panel.stamps_to_give()
        if game is None or count < 1 or shop is None:
            # The cashier chose none (maybe after a refused sale had some): give none.
            self._intents[order_id] = self._spawn(stamps.cancel(order_id, "none chosen"))
            return
        grant = StampGrant(order_id, card.id, shop, game.id, count, game.name.text(self._locale))
        self._intents[order_id] = self._spawn(stamps.intend(grant))

    def _sale_confirmed(self, outcome: SaleOutcome) -> None:
        if self._stamps is None or outcome.record.request.card_id is None:
            return
        self._spawn(self._give(outcome.record.order_id, shown=True))

    def _reconciled(self, outcomes: list[SaleOutcome]) -> None:
        for outcome in outcomes:
            if outcome.confirmed and self._stamps is not None:
                self._spawn(self._give(outcome.record.order_id, shown=False))
        if outcomes:
            self._settle_open()

    async def _give(self, order_id: str, *, shown: bool) -> None:
        assert self._stamps is not None
        intent = self._intents.pop(order_id, None)
        if intent is not None:
            await asyncio.wait({intent})  # journaled before it is sent (same worker, in order)
        if shown:
            record = await self._stamps.record(order_id)
            if record is not None and record.state.open:
                self.panel.show_notice(messages.stamps_sending())
        try:
            outcome = await self._stamps.give(order_id)
        except Exception:
            log.exception("stamps for %s could not be given", order_id)
            if shown:
                self.panel.show_notice(messages.stamps_open())
            return
        if outcome is None or not shown:
            return
        card = self._card
        if card is None or card.id != outcome.record.grant.card_id:
            return  # another customer is on screen now
        self._show_stamp_outcome(outcome)

    def _show_stamp_outcome(self, outcome: StampOutcome) -> None:
        record = outcome.record
        grant = record.grant
        if record.state is StampState.GIVEN:
            game = next((g for g in self.panel.games if g.id == grant.game_id), None)
            required = record.stamps_required or (game.required if game is not None else 0)
            current = record.current_step if record.current_step is not None else 0
            # A completed card says it in big type instead (the reward panel).
            self.panel.show_notice(
                None
                if record.completed
                else messages.stamps_given(grant.stamps_count, grant.game_name, current, required)
            )
            if record.completed:
                expires = _parse_time(record.expires_at)
                view = RewardView(
                    record.coupon_code or "", record.product_name or "", expires, grant.game_name
                )
                self.reward.show_reward(view)
                self.rewardShown.emit(view)
            # The answer (or the re-read) said where the card stands: no second read. Only a
            # completed card changed the coupons (its reward).
            self.panel.apply_progress(grant.game_id, current, record.completed)
            if record.completed:
                self._reload(coupons=True)
        elif record.state is StampState.REFUSED and outcome.error is not None:
            self.panel.show_notice(messages.stamp_error(outcome.error))
        elif record.state.open:
            self.panel.show_notice(messages.stamps_open())

    def _settle_open(self) -> None:
        if self._stamps is None:
            return
        stamps = self._stamps

        async def sale_confirmed(order_id: str) -> bool | None:
            if self._sale_lookup is None:
                return None
            try:
                record = self._sale_lookup(order_id)
            except Exception:
                log.exception("the sale journal cannot say whether %s was confirmed", order_id)
                return None
            if record is None:
                return False  # never journaled as a sale: it was not sent
            if record.state.done:
                return True
            return None if record.state.unresolved else False

        async def settle() -> None:
            try:
                await stamps.settle_open(sale_confirmed)
            except Exception:
                log.exception("settling open stamps failed")

        self._spawn(settle())

    # -- the customer on screen --------------------------------------------------------------

    def _card_changed(self, card: object) -> None:
        previous = self._card
        self._card = card if isinstance(card, CardInfo) else None
        self._generation += 1
        if self._card is None or self._card.id != self._games_card:
            self._games_card = None
        if self._card is None:
            self.panel.clear()
            self.reward.clear()
            return
        same = previous is not None and previous.id == self._card.id
        if not same:
            self.panel.clear()
            self.reward.clear()
            if self._stamps is None:
                self.panel.show_notice(messages.stamps_off())
        if same:
            # The same card again (refreshed after a sale): its stamps follow the stamp
            # outcome, so only the manager's history is read again, for the new sale.
            self._reload(history=True)
            return
        self._reload(games=True, coupons=True, history=True, reset_choice=True)

    def _reload(
        self,
        *,
        games: bool = False,
        coupons: bool = False,
        history: bool = False,
        reset_choice: bool = False,
    ) -> None:
        card = self._card
        if card is None:
            return
        self._spawn(self._load(self._generation, card, games, coupons, history, reset_choice))

    async def _load(
        self,
        generation: int,
        card: CardInfo,
        games: bool,
        coupons: bool,
        history: bool,
        reset_choice: bool,
    ) -> None:
        def current() -> bool:
            return generation == self._generation

        shop = self._shop_id()
        if shop is None:
            if current():
                self.panel.show_notice(messages.no_shop())
        elif self._budget_low():
            if current():
                self.panel.show_notice(messages.saving_requests())
            return
        else:
            try:
                if games:
                    found = await self._api.card_games(card.id, shop)
                    if not current():
                        return
                    self.panel.show_games(found, reset_choice=reset_choice)
                    self._games_card = card.id
                if coupons:
                    listed = await self._api.card_coupons(shop_id=shop, card_id=card.id)
                    if not current():
                        return
                    self.panel.show_coupons(listed.coupons)
            except ApiError as exc:
                if current():
                    self.panel.show_notice(messages.common_error(exc))
        if history and not self._lock.is_locked:
            await self._load_history(generation, card)

    def _budget_low(self) -> bool:
        budget = getattr(self._api, "budget", None)
        remaining = getattr(budget, "remaining", None)
        return isinstance(remaining, int) and remaining < BUDGET_RESERVE

    async def _load_history(self, generation: int, card: CardInfo) -> None:
        if self._budget_low():
            return
        try:
            page = await self._api.transactions(loyalty_card_id=card.id, per_page=HISTORY_ROWS)
        except ApiError as exc:
            if generation == self._generation:
                self.panel.show_notice(messages.common_error(exc))
            return
        if generation != self._generation or self._lock.is_locked:
            return
        oldest = datetime.min.replace(tzinfo=UTC)
        items = sorted(
            page.items,
            key=lambda t: t.transaction_date or t.created_at or oldest,
            reverse=True,
        )
        self.panel.show_history(items[:HISTORY_ROWS])

    def _manager_locked(self, locked: bool) -> None:
        if locked:
            self.panel.show_history(None)
        elif self._card is not None:
            self._spawn(self._load_history(self._generation, self._card))

    # -- coupons -----------------------------------------------------------------------------

    def open_coupon(self, code: str) -> None:
        """Check `code` in the coupon dialog (a scan, or a coupon chosen from the list)."""
        if self._shop_id() is None:
            notice = messages.no_shop()
            self._window.show_banner(BannerState(BannerKind.REFUSED, "warning", notice.text))
            return
        self._coupon_dialog.open().check(code)

    def _build_dialog(self) -> CouponDialog:
        shop = self._shop_id()
        assert shop is not None
        dialog = CouponDialog(
            self._api, self._fmt, shop_id=shop, locale=self._locale, parent=self._window
        )
        dialog.redeemed.connect(lambda _result: self._reload(coupons=True))
        return dialog

    @property
    def coupon_dialog(self) -> CouponDialog | None:
        return self._coupon_dialog.dialog

    # -- plumbing ----------------------------------------------------------------------------

    def _spawn(self, work: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("loyalty work failed", exc_info=task.exception())

    async def aclose(self) -> None:
        """Cancel loads and sends (an interrupted stamp stays journaled and is settled by
        re-reading at the next start), then close the stamp journal."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks))
        if self._stamps is not None:
            await self._stamps.aclose()


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
