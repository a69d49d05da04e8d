"""Plugs the sale panel, the QR Card Scan dialog and today's sales report into the window."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QVBoxLayout

from pos_app.core.models import QrCardData
from pos_app.sale.qr_card_scan import QrApi
from pos_app.sale.service import SaleOutcome, SaleService
from pos_app.ui.checkout.view_model import CheckoutViewModel, RedemptionView
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.messages import BannerKind, BannerState
from pos_app.ui.main_window import MainWindow
from pos_app.ui.manager.lock import ManagerLock
from pos_app.ui.sale.panel import SalePanel

SimulatePhone = Callable[[str], Awaitable[None]]


def attach_sale(
    window: MainWindow,
    vm: CheckoutViewModel,
    service: SaleService,
    formatter: Formatter,
    *,
    device_name: str,
) -> SalePanel:
    """The Complete-sale panel under the redemption panel, fed from the view-model."""
    panel = SalePanel(service, formatter, device_name=device_name, parent=window.sale_area)
    window.set_sale_widget(panel)

    def push(view: RedemptionView) -> None:
        panel.set_context(view.card, view.order_total, view.points, view.discount)

    def reachable(banner: BannerState) -> None:
        if banner.kind is BannerKind.OFFLINE:
            panel.set_api_reachable(False)

    def answered(card: object) -> None:
        if card is not None:
            panel.set_api_reachable(True)

    vm.redemptionChanged.connect(push)
    vm.cardChanged.connect(answered)
    vm.bannerChanged.connect(reachable)

    def confirmed(outcome: SaleOutcome) -> None:
        record = outcome.record
        if record.points_balance is not None:
            vm.show_confirmed_balance(record.request.card_id, record.points_balance)
        vm.refresh()

    panel.saleConfirmed.connect(confirmed)
    panel.newSaleRequested.connect(window.start_new_sale)
    panel.lockedChanged.connect(window.redemption_panel.set_frozen)
    panel.resultShown.connect(window.show_sale_result)
    push(vm.view)

    async def shutdown() -> None:
        panel.shutdown()

    window.add_async_closer(shutdown)
    return panel


class QrHookup(QObject):
    """Opens the QR Card Scan dialog (F4) and looks up the card a phone shared.

    No signals.
    """

    def __init__(
        self,
        window: MainWindow,
        vm: CheckoutViewModel,
        api: QrApi,
        formatter: Formatter,
        *,
        device_name: str,
        simulate_phone: SimulatePhone | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._vm = vm
        self._api = api
        self._fmt = formatter
        self._device = device_name
        self._simulate = simulate_phone
        self.dialog: QDialog | None = None
        window.qrRequested.connect(self.open)

    def open(self) -> None:
        from pos_app.ui.checkout.qr_dialog import QrDialog

        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = QrDialog(
            self._api,
            self._fmt,
            device_name=self._device,
            simulate_phone=self._simulate,
            parent=self._window,
        )
        dialog.cardScanned.connect(self._scanned)
        dialog.failed.connect(self._failed)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.show()

    def _scanned(self, data: QrCardData) -> None:
        self._window.card_input.setText(data.card_number or "")
        self._vm.submit_card_id(
            data.loyalty_card_id, data.card_number or f"#{data.loyalty_card_id}"
        )

    def _failed(self, reason: str) -> None:
        self._window.banner.show_state(BannerState(BannerKind.REFUSED, "warning", reason))

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None


class SalesReportHookup(QObject):
    """Opens today's sales in a non-modal window, for the manager only. No signals.

    The report retries open sales and exports CSV: with the manager view locked the button
    is disabled, and locking again (by hand or when idle) closes the report.
    """

    def __init__(
        self,
        window: MainWindow,
        service: SaleService,
        formatter: Formatter,
        panel: SalePanel,
        lock: ManagerLock,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._fmt = formatter
        self._panel = panel
        self._lock = lock
        self.dialog: QDialog | None = None
        window.reportRequested.connect(self.open)
        lock.lockedChanged.connect(self._locked)
        self._locked(lock.is_locked)

    def _locked(self, locked: bool) -> None:
        button = self._window.report_button
        button.setEnabled(not locked)
        button.setToolTip(
            QCoreApplication.translate("MainWindow", "Unlock the manager view to see today's sales")
            if locked
            else ""
        )
        if locked and self.dialog is not None:
            self.dialog.hide()

    def open(self) -> None:
        from pos_app.ui.sale.report import SalesReport

        if self._lock.is_locked:
            return

        if self.dialog is None:
            dialog = QDialog(self._window)
            dialog.setObjectName("salesReportDialog")
            dialog.setWindowTitle(QCoreApplication.translate("MainWindow", "Today's sales"))
            report = SalesReport(self._service, self._fmt, parent=dialog)
            QVBoxLayout(dialog).addWidget(report)
            self._panel.saleFinished.connect(lambda _outcome: report.refresh())
            dialog.resize(820, 520)
            self.dialog = dialog
            self._report: Any = report
        self._report.refresh()
        self.dialog.show()
        self.dialog.raise_()
