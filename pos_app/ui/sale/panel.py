"""The sale panel: 'Complete sale', the server's answer, Retry, and 'New sale'."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
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
from pos_app.ui.common.labels import plain_tooltip
from pos_app.ui.sale import notices
from pos_app.ui.sale.messages import (
    SaleBanner,
    outcome_banner,
    redemption_blocked,
)

log = logging.getLogger(__name__)

_NEEDS_RETRY = (SaleState.UNCERTAIN, SaleState.PENDING)
_BANNER_CHARS = 300
_RESULT_ROWS = (
    "pointsRedeemedLabel",
    "discountAppliedLabel",
    "amountToPayLabel",
    "pointsAwardedLabel",
    "newBalanceLabel",
)


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
        reconciled(object): the list of `SaleOutcome`s settled apart from the current sale: at
            start-up, from the queue, before a held sale, or left with New sale.
        lockedChanged(bool): True once the current sale was sent and its numbers may no
            longer change (freeze the card/order/points inputs), False after 'New sale' or
            when the server refused it (the cashier may correct it).
        resultShown(bool): the confirmed result (points redeemed, discount, amount to pay,
            points awarded, new balance) appeared or went away.
        backgroundFinished(object): a `SaleBanner` about a sale the cashier left with New
            sale while it was being sent: its answer came later (never the current sale's).
    """

    saleFinished = Signal(object)
    saleConfirmed = Signal(object)
    newSaleRequested = Signal()
    busyChanged = Signal(bool)
    reachabilityChanged = Signal(bool)
    reconciled = Signal(object)
    lockedChanged = Signal(bool)
    resultShown = Signal(bool)
    backgroundFinished = Signal(object)

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
        self._looking_up = False
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
        self.banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.complete_button = QPushButton(self)
        self.complete_button.setObjectName("completeSaleButton")
        self.complete_button.setMinimumHeight(52)
        theme.set_font(self.complete_button, theme.BIG_PT, bold=True)
        self.complete_button.clicked.connect(self.complete)
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("saleRetryButton")
        self.retry_button.setMinimumHeight(52)
        theme.set_font(self.retry_button, theme.BIG_PT)
        self.retry_button.clicked.connect(self._retry_clicked)
        self.new_sale_button = QPushButton(self)
        self.new_sale_button.setObjectName("newSaleButton")
        self.new_sale_button.setMinimumHeight(52)
        theme.set_font(self.new_sale_button, theme.BIG_PT)
        self.new_sale_button.clicked.connect(self.new_sale)
        for button in (self.complete_button, self.retry_button, self.new_sale_button):
            # Keys do it (Ctrl+Enter, F5, Esc): Space on a focused button must not sell.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
        # Why Complete sale is greyed out, in words, right under it (and in its tooltip).
        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("completeSaleReason")
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_label.setWordWrap(True)
        self.reason_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        theme.set_font(self.reason_label, theme.SMALL_PT + 1)
        self.reason_label.setStyleSheet(f"color: {theme.muted(self.palette())};")
        # Complete sale across the column; Retry and New sale (shown after a sale) under it:
        # three big buttons side by side do not fit half a 1024 px screen.
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.complete_button)
        after = QHBoxLayout()  # a hidden Retry leaves New sale the whole width
        after.setSpacing(6)
        after.addWidget(self.retry_button, 1)
        after.addWidget(self.new_sale_button, 1)
        buttons.addLayout(after)

        self.result_panel = QFrame(self)
        self.result_panel.setObjectName("saleResultPanel")
        self.result_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.result_panel.setVisible(False)
        form = QFormLayout(self.result_panel)
        form.setVerticalSpacing(4)
        self.result_labels: dict[str, QLabel] = {}
        self._result_captions: dict[str, QLabel] = {}
        for name in _RESULT_ROWS:
            value = QLabel(self.result_panel)
            value.setObjectName(name)
            value.setTextFormat(Qt.TextFormat.PlainText)
            theme.set_font(value, theme.BIG_PT, bold=True)
            caption = QLabel(self.result_panel)
            self.result_labels[name] = value
            self._result_captions[name] = caption
            form.addRow(caption, value)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.result_panel)
        layout.addStretch(1)  # spare height stays below, never inflates the banner
        self.retranslate()

    def retranslate(self) -> None:
        """Every fixed text in the current UI language (at start and on a language change)."""
        self.complete_button.setText(self.tr("Complete sale (F12)"))
        self.retry_button.setText(self.tr("Retry"))
        self.new_sale_button.setText(self.tr("New sale (Esc)"))
        captions = {
            "pointsRedeemedLabel": self.tr("Points redeemed"),
            "discountAppliedLabel": self.tr("Discount"),
            "amountToPayLabel": self.tr("Amount to pay"),
            "pointsAwardedLabel": self.tr("Points awarded"),
            "newBalanceLabel": self.tr("New balance"),
        }
        for name, caption in captions.items():
            self._result_captions[name].setText(caption)
        if hasattr(self, "_flush_timer"):  # built: show the current state in the new words
            self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

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

    def set_lookup_busy(self, busy: bool) -> None:
        """A card is being looked up: completing now would sell without its customer."""
        if busy != self._looking_up:
            self._looking_up = busy
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
        if card is not None and _without_user(card):
            # Loyalty.lt refuses a sale with the card alone: this one goes without loyalty.
            return SaleRequest(
                order_id=self.order_id,
                order_total=self._order_total,
                card_number=card.card_number,
                currency=self._currency,
                description=self.tr("Sale at %1").replace("%1", self._device),
            )
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
        """Start a new sale with a fresh order id (an open one stays in the journal).

        Works while the current sale is still being sent: that one carries on in the
        background and its answer comes as `backgroundFinished`, never as the new sale's.
        """
        if self._busy:
            self._busy = False
            self.busyChanged.emit(False)
            self._show_banner(None)
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

    @property
    def finished(self) -> bool:
        """The current sale was sent (whatever came of it): the next scan starts a new one."""
        return self._outcome is not None

    def complete(self) -> None:
        """Complete sale (the button, Ctrl+Enter, F12); does nothing while it cannot."""
        request = self.request()
        if self.blocked_reason() is not None or request is None:
            return  # a second click of a double-click lands here: one sale only
        self._spawn(self._send(self._service.complete(request), request.order_id))

    def _retry_clicked(self) -> None:
        if self._busy or self._outcome is None:
            return
        order_id = self._outcome.record.order_id
        self._spawn(self._send(self._service.retry(order_id), order_id))

    def _flush_queued(self) -> None:
        queued = self._service.queued_sales()
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

    async def _send(self, sending: Coroutine[Any, Any, SaleOutcome], order_id: str) -> None:
        self._set_busy(True)
        self._show_banner(
            SaleBanner("busy", self.tr("Sending the sale to Loyalty.lt…")), source="busy"
        )
        try:
            outcome = await sending
        except Exception:
            log.exception("sale %s could not be completed", order_id)
            if order_id != self.order_id:
                return  # left with New sale; its row stays open for Today's sales
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
            if order_id == self.order_id:
                self._set_busy(False)
        if order_id != self.order_id:
            # The cashier pressed New sale while this one was sent: report it apart.
            self.set_api_reachable(outcome.reachable)
            self.saleFinished.emit(outcome)
            self.backgroundFinished.emit(notices.finished_in_background(outcome, self._fmt))
            self.reconciled.emit([outcome])  # settled apart from the current sale (its stamps)
            return
        self._outcome = outcome
        self.set_api_reachable(outcome.reachable)
        self._refresh()
        self.saleFinished.emit(outcome)
        if outcome.earlier:
            self.reconciled.emit(list(outcome.earlier))  # the card's earlier sales, settled now
        if outcome.confirmed:
            self.saleConfirmed.emit(outcome)

    async def _reconcile(self) -> list[SaleOutcome]:
        # Not busy: other customers' sales go on meanwhile; the service holds a new sale for
        # a card whose earlier sale is still being settled.
        outcomes = await self._service.reconcile_pending()
        if outcomes:
            self.set_api_reachable(all(o.reachable for o in outcomes))
        banner = notices.reconciled_at_start(outcomes, self._fmt)
        if banner is not None and self._outcome is None and not self._busy:
            self._show_banner(banner, source="reconcile")
        self.reconciled.emit(outcomes)
        return outcomes

    # -- showing -----------------------------------------------------------------------------

    def blocked_reason(self) -> str | None:
        """Why Complete sale cannot be pressed now, in the cashier's words; None when it can."""
        if self._service.journal_problem is not None:
            return self.tr("No sale can be completed: this till's sales journal cannot be used.")
        if self._busy:
            return self.tr("The sale is being sent to Loyalty.lt.")
        if self._sent():
            return self.tr("This sale is done. New sale: Esc.")
        if self._looking_up:
            return self.tr("Wait: the card is being looked up.")
        if self._order_total is None or self._order_total <= 0:
            return self.tr("Enter the order total first (F3).")
        if not self._reachable and self._points > 0:
            return self.tr(
                "Loyalty.lt cannot be reached, so no points can be redeemed: "
                "press Alt+U to sell without them."
            )
        if self._card is not None and _without_user(self._card) and self._points > 0:
            return self.tr(
                "This card has no Loyalty.lt customer: press Alt+U to sell without points."
            )
        return None

    def show_notice(self, banner: SaleBanner) -> None:
        """A standing notice (the journal cannot be used) until a sale's outcome replaces it."""
        self._refresh()  # what can be pressed may have changed with it (the journal is back)
        self._show_banner(banner, source="notice")

    def _sent(self) -> bool:
        return self._outcome is not None and self._outcome.state is not SaleState.FAILED

    def _show_banner(self, banner: SaleBanner | None, *, source: str | None = None) -> None:
        self._banner_source = source if banner is not None else None
        self.banner.setVisible(banner is not None)
        if banner is None:
            self.banner.clear()
            self.banner.setProperty("severity", "none")
            return
        text = banner.text
        # A server's message can be any length: the banner shows the start, the tooltip all.
        self.banner.setToolTip(plain_tooltip(text) if len(text) > _BANNER_CHARS else "")
        if len(text) > _BANNER_CHARS:
            text = text[:_BANNER_CHARS].rstrip() + "…"
        self.banner.setText(text)
        self.banner.setProperty("severity", banner.severity)
        self.banner.setStyleSheet(theme.banner_style(banner.severity, self.palette()))

    def _refresh(self) -> None:
        outcome = self._outcome
        locked = self._busy or self._sent()
        if locked != self._locked:
            self._locked = locked
            self.lockedChanged.emit(locked)
        reason = self.blocked_reason()
        self.complete_button.setEnabled(reason is None and self.request() is not None)
        self.complete_button.setToolTip(reason or "")
        # Once the sale is done the result and New sale say it all.
        inline = reason if reason is not None and not self._sent() else ""
        self.reason_label.setText(inline)
        self.reason_label.setVisible(bool(inline))
        self.retry_button.setVisible(outcome is not None and outcome.state in _NEEDS_RETRY)
        self.retry_button.setEnabled(not self._busy)
        # The way out: New sale also while this sale is being sent (it goes on in the background).
        self.new_sale_button.setVisible(outcome is not None or self._busy)
        self.new_sale_button.setEnabled(True)
        if self._busy:
            return
        if outcome is not None:
            self._show_banner(outcome_banner(outcome, self._fmt), source="outcome")
        elif not self._reachable and self._points > 0:
            self._show_banner(redemption_blocked(), source="blocked")
        elif self._card is not None and _without_user(self._card):
            # Said before anything is sent: Loyalty.lt refuses a sale with the card alone.
            self._show_banner(
                SaleBanner("warning", notices.no_loyalty_user(self._card)), source="blocked"
            )
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


def _without_user(card: CardInfo) -> bool:
    """A card no Loyalty.lt customer account owns: the API takes no sale for it."""
    return card.user is None or card.user.id is None
