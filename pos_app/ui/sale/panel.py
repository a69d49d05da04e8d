"""The sale panel: 'Complete sale', the server's answer, Retry, and 'New sale'."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.models import CardInfo
from pos_app.sale.journal import SaleRequest, SaleState, new_order_id
from pos_app.sale.service import SaleOutcome, SaleService
from pos_app.ui.common import theme
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.sale.messages import (
    SaleBanner,
    outcome_banner,
    reconciled_banner,
    redemption_blocked,
)

log = logging.getLogger(__name__)

_NEEDS_RETRY = (SaleState.UNCERTAIN, SaleState.PENDING)


class SalePanel(QWidget):
    """Completes the current sale exactly once through a `SaleService`.

    The window feeds it with `set_context(...)` whenever the card, order total or points
    change; the panel never computes balances itself: the result shows the server's answer.
    The order id is fixed when a sale starts (construction, or 'New sale') and reused by
    every retry of that sale.

    Signals:
        saleFinished(object): a `SaleOutcome` after every Complete/Retry, whatever the state.
        saleConfirmed(object): a `SaleOutcome` the server confirmed (201 or 409), or a sale
            closed without a customer. Refresh the card with card_info after this.
        newSaleRequested(): the cashier pressed 'New sale': clear the customer and order.
        busyChanged(bool): True while a sale is being sent.
        reachabilityChanged(bool): False once the loyalty service could not be reached,
            True once it answers again; redemption is blocked while False.
        reconciled(object): the list of `SaleOutcome`s of a start-up/background reconcile.
        lockedChanged(bool): True once the current sale was sent and its numbers may no
            longer change (freeze the card/order/points inputs), False after 'New sale' or
            when the server refused it (the cashier may correct it).
        resultShown(bool): the confirmed result (points redeemed, discount, amount to pay,
            points awarded, new balance) appeared or went away.
    """

    saleFinished = Signal(object)
    saleConfirmed = Signal(object)
    newSaleRequested = Signal()
    busyChanged = Signal(bool)
    reachabilityChanged = Signal(bool)
    reconciled = Signal(object)
    lockedChanged = Signal(bool)
    resultShown = Signal(bool)

    def __init__(
        self,
        service: SaleService,
        formatter: Formatter,
        *,
        device_name: str = "till",
        currency: str = "EUR",
        flush_interval_ms: int = 60_000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("salePanel")
        self._service = service
        self._fmt = formatter
        self._device = device_name
        self._currency = currency
        self._card: CardInfo | None = None
        self._order_total: Decimal | None = None
        self._points = 0
        self._discount = Decimal("0.00")
        self._reachable = True
        self._busy = False
        self._outcome: SaleOutcome | None = None
        self._banner_source: str | None = None
        self._locked = False
        self._result_shown = False
        self._tasks: set[asyncio.Task[Any]] = set()
        self.order_id = new_order_id(device_name)
        self._build()
        # Earn-only sales kept while offline go out once the service answers again.
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(flush_interval_ms)
        self._flush_timer.timeout.connect(self._flush_queued)
        self._flush_timer.start()
        self._refresh()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = QLabel(self)
        self.banner.setObjectName("saleBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        theme.set_font(self.banner, theme.BODY_PT, bold=True)
        self.complete_button = QPushButton(self.tr("Complete sale"), self)
        self.complete_button.setObjectName("completeSaleButton")
        self.complete_button.setMinimumHeight(56)
        theme.set_font(self.complete_button, theme.BIG_PT, bold=True)
        self.complete_button.clicked.connect(self._complete_clicked)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setObjectName("saleRetryButton")
        self.retry_button.setMinimumHeight(56)
        theme.set_font(self.retry_button, theme.BIG_PT)
        self.retry_button.clicked.connect(self._retry_clicked)
        self.new_sale_button = QPushButton(self.tr("New sale"), self)
        self.new_sale_button.setObjectName("newSaleButton")
        self.new_sale_button.setMinimumHeight(56)
        theme.set_font(self.new_sale_button, theme.BIG_PT)
        self.new_sale_button.clicked.connect(self.new_sale)
        buttons = QHBoxLayout()
        buttons.addWidget(self.complete_button, 2)
        buttons.addWidget(self.retry_button, 1)
        buttons.addWidget(self.new_sale_button, 1)

        self.result_panel = QFrame(self)
        self.result_panel.setObjectName("saleResultPanel")
        self.result_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.result_panel.setVisible(False)
        form = QFormLayout(self.result_panel)
        self.result_labels: dict[str, QLabel] = {}
        rows = (
            ("pointsRedeemedLabel", self.tr("Points redeemed")),
            ("discountAppliedLabel", self.tr("Discount")),
            ("amountToPayLabel", self.tr("Amount to pay")),
            ("pointsAwardedLabel", self.tr("Points awarded")),
            ("newBalanceLabel", self.tr("New balance")),
        )
        for name, caption in rows:
            value = QLabel(self.result_panel)
            value.setObjectName(name)
            theme.set_font(value, theme.BIG_PT, bold=True)
            self.result_labels[name] = value
            form.addRow(caption, value)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        layout.addWidget(self.result_panel)
        layout.addStretch(1)  # spare height stays below, never inflates the banner

    # -- inputs ------------------------------------------------------------------------------

    def set_context(
        self,
        card: CardInfo | None,
        order_total: Decimal | None,
        points: int,
        discount: Decimal,
    ) -> None:
        """The sale as the cashier has it now: customer (or None), total, chosen points."""
        self._card, self._order_total = card, order_total
        self._points, self._discount = (points, discount) if card is not None else (0, Decimal(0))
        self._refresh()

    def set_api_reachable(self, reachable: bool) -> None:
        """Tell the panel the loyalty service is (un)reachable, e.g. from a failed lookup."""
        if reachable != self._reachable:
            self._reachable = reachable
            self.reachabilityChanged.emit(reachable)
        self._refresh()

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def locked(self) -> bool:
        """True while the current sale is sent or done: its inputs must not change."""
        return self._locked

    @property
    def outcome(self) -> SaleOutcome | None:
        """The last outcome of the current sale (None before 'Complete')."""
        return self._outcome

    def request(self) -> SaleRequest | None:
        """The sale 'Complete' would send now, or None when it cannot be completed."""
        if self._order_total is None or self._order_total <= 0:
            return None
        card = self._card
        return SaleRequest(
            order_id=self.order_id,
            order_total=self._order_total,
            card_id=card.id if card is not None else None,
            card_number=card.card_number if card is not None else None,
            user_id=card.user.id if card is not None and card.user is not None else None,
            points_redeemed=self._points,
            discount=self._discount if self._points else Decimal("0.00"),
            currency=self._currency,
            description=self.tr("Sale at %1").replace("%1", self._device),
        )

    # -- actions -----------------------------------------------------------------------------

    def new_sale(self) -> None:
        """Start a new sale with a fresh order id (an open one stays in the journal)."""
        if self._busy:
            return
        self.order_id = new_order_id(self._device)
        self._outcome = None
        self._refresh()
        self.newSaleRequested.emit()

    def shutdown(self) -> None:
        """Stop the background queue timer and cancel running sends (before the journal closes).

        A cancelled send stays journaled as 'sending' and is reconciled at the next start.
        """
        self._flush_timer.stop()
        for task in list(self._tasks):
            task.cancel()

    def start_reconcile(self) -> asyncio.Task[list[SaleOutcome]]:
        """Settle the journal's unresolved sales (call once at start-up); shows the result."""
        return self._spawn(self._reconcile())

    def _complete_clicked(self) -> None:
        request = self.request()
        if self._busy or request is None or not self._can_complete():
            return  # a second click of a double-click lands here: one sale only
        self._spawn(self._send(self._service.complete(request)))

    def _retry_clicked(self) -> None:
        if self._busy or self._outcome is None:
            return
        self._spawn(self._send(self._service.retry(self._outcome.record.order_id)))

    def _flush_queued(self) -> None:
        queued = [
            r for r in self._service.journal.unresolved() if r.state is SaleState.EARN_ONLY_QUEUED
        ]
        if not self._busy and queued:
            self._spawn(self._send_queued())

    async def _send_queued(self) -> None:
        outcomes = await self._service.send_queued()
        if outcomes:
            self.set_api_reachable(all(o.reachable for o in outcomes))
            self.reconciled.emit(outcomes)

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busyChanged.emit(busy)
        self._refresh()

    async def _send(self, sending: Coroutine[Any, Any, SaleOutcome]) -> None:
        self._set_busy(True)
        self._show_banner(
            SaleBanner("busy", self.tr("Sending the sale to Loyalty.lt…")), source="busy"
        )
        try:
            outcome = await sending
        except Exception:
            log.exception("sale %s could not be completed", self.order_id)
            self._show_banner(
                SaleBanner(
                    "error",
                    self.tr(
                        "Unexpected error: the sale is kept on this till and will be checked "
                        "with Loyalty.lt again. Do not take payment with the discount yet."
                    ),
                ),
                source="unexpected",
            )
            return
        finally:
            self._set_busy(False)
        self._outcome = outcome
        self.set_api_reachable(outcome.reachable)
        self._refresh()
        self.saleFinished.emit(outcome)
        if outcome.confirmed:
            self.saleConfirmed.emit(outcome)

    async def _reconcile(self) -> list[SaleOutcome]:
        self._set_busy(True)
        try:
            outcomes = await self._service.reconcile_pending()
        finally:
            self._set_busy(False)
        if outcomes:
            self.set_api_reachable(all(o.reachable for o in outcomes))
        banner = reconciled_banner(outcomes)
        if banner is not None and self._outcome is None:
            self._show_banner(banner, source="reconcile")
        self.reconciled.emit(outcomes)
        return outcomes

    # -- showing -----------------------------------------------------------------------------

    def _can_complete(self) -> bool:
        blocked = not self._reachable and self._points > 0
        return not (self._busy or blocked or self._sent())

    def _sent(self) -> bool:
        return self._outcome is not None and self._outcome.state is not SaleState.FAILED

    def _show_banner(self, banner: SaleBanner | None, *, source: str | None = None) -> None:
        self._banner_source = source if banner is not None else None
        self.banner.setVisible(banner is not None)
        if banner is None:
            self.banner.clear()
            self.banner.setProperty("severity", "none")
            return
        self.banner.setText(banner.text)
        self.banner.setProperty("severity", banner.severity)
        self.banner.setStyleSheet(theme.banner_style(banner.severity, self.palette()))

    def _refresh(self) -> None:
        outcome = self._outcome
        locked = self._busy or self._sent()
        if locked != self._locked:
            self._locked = locked
            self.lockedChanged.emit(locked)
        request = self.request()
        self.complete_button.setEnabled(request is not None and self._can_complete())
        self.retry_button.setVisible(outcome is not None and outcome.state in _NEEDS_RETRY)
        self.retry_button.setEnabled(not self._busy)
        self.new_sale_button.setVisible(outcome is not None)
        self.new_sale_button.setEnabled(not self._busy)
        if self._busy:
            return
        if outcome is not None:
            self._show_banner(outcome_banner(outcome, self._fmt), source="outcome")
        elif not self._reachable and self._points > 0:
            self._show_banner(redemption_blocked(), source="blocked")
        elif self._banner_source in ("busy", "outcome", "blocked"):
            self._show_banner(None)
        self._show_result(outcome)

    def _show_result(self, outcome: SaleOutcome | None) -> None:
        shown = outcome is not None and outcome.state in (
            SaleState.CONFIRMED,
            SaleState.RECONCILED,
            SaleState.CLOSED,
            SaleState.EARN_ONLY_QUEUED,
        )
        if shown != self._result_shown:
            # Whatever goes away goes first: showing a widget lays the window out at once, and
            # the result and the redemption panel together would grow it past a till screen.
            self._result_shown = shown
            if shown:
                self.resultShown.emit(True)
                self.result_panel.setVisible(True)
            else:
                self.result_panel.setVisible(False)
                self.resultShown.emit(False)
        if outcome is None or not shown:
            return
        record, request = outcome.record, outcome.record.request
        unknown = self.tr("not reported")
        awarded = record.points_awarded
        balance = record.points_balance
        if record.state is SaleState.RECONCILED:
            unknown = self.tr("not reported (recorded earlier)")
        if record.state is SaleState.EARN_ONLY_QUEUED:
            unknown = self.tr("when Loyalty.lt is back")
        if record.state is SaleState.CLOSED:
            unknown = self.tr("no loyalty customer")
        labels = self.result_labels
        labels["pointsRedeemedLabel"].setText(self._fmt.number(request.points_redeemed))
        labels["discountAppliedLabel"].setText(self._fmt.money(request.discount))
        labels["amountToPayLabel"].setText(self._fmt.money(request.amount_to_pay))
        labels["pointsAwardedLabel"].setText(
            unknown if awarded is None else self._fmt.number(awarded)
        )
        labels["newBalanceLabel"].setText(unknown if balance is None else self._fmt.number(balance))
