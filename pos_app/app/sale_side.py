"""Wiring the sale side: the sale panel, QR Card Scan and today's sales, after the first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from pos_app.config.settings import AppSettings
from pos_app.ui.checkout.view_model import CheckoutViewModel, RedemptionView
from pos_app.ui.common.dialogs import DialogOnce
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.messages import BannerKind, BannerState
from pos_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pos_app.api.client import LoyaltyClient
    from pos_app.app import TillOptions
    from pos_app.core.models import QrCardData
    from pos_app.sale.service import SaleOutcome, SaleService
    from pos_app.ui.customer_display.model import CustomerDisplayModel
    from pos_app.ui.sale.panel import SalePanel


DEMO_PHONE_CARD = "900-001-001"


def attach_sale(
    window: MainWindow,
    vm: CheckoutViewModel,
    service: SaleService,
    formatter: Formatter,
    *,
    device_name: str,
) -> SalePanel:
    """The Complete-sale panel under the redemption panel, fed from the view-model."""
    from pos_app.ui.sale.panel import SalePanel

    panel = SalePanel(service, formatter, device_name=device_name, parent=window)
    window.set_sale_widget(panel)

    def push(view: RedemptionView) -> None:
        panel.set_context(view.card, view.order_total, view.points, view.discount)

    def reachable(banner: BannerState) -> None:
        if banner.kind is BannerKind.OFFLINE:
            panel.set_api_reachable(False)

    def answered(card: object) -> None:
        if card is not None:
            panel.set_api_reachable(True)

    def confirmed(outcome: SaleOutcome) -> None:
        record = outcome.record
        if record.points_balance is not None:
            vm.show_confirmed_balance(record.request.card_id, record.points_balance)
        vm.refresh()

    vm.redemptionChanged.connect(push)
    vm.cardChanged.connect(answered)
    vm.bannerChanged.connect(reachable)
    panel.saleConfirmed.connect(confirmed)
    panel.newSaleRequested.connect(window.start_new_sale)
    panel.lockedChanged.connect(window.set_redemption_frozen)
    panel.resultShown.connect(window.show_sale_result)
    push(vm.view)

    async def shutdown() -> None:
        panel.shutdown()

    window.add_async_closer(shutdown)
    return panel


def attach_sale_and_qr(
    window: MainWindow,
    vm: CheckoutViewModel,
    client: LoyaltyClient,
    formatter: Formatter,
    settings: AppSettings,
    opts: TillOptions,
    display: CustomerDisplayModel | None = None,
) -> None:
    from pos_app.sale.journal import journal_path_for
    from pos_app.ui.sale.start import announce_and_reconcile, open_sale_journal

    # One journal per server (apiUrl is set on the window by create_main_window).
    own_path = journal_path_for(str(window.property("apiUrl") or ""), demo=opts.demo)
    sale_journal = opts.journal if opts.journal is not None else open_sale_journal(own_path)
    from pos_app.sale.service import SaleService

    service = SaleService(client, sale_journal)
    if opts.journal is None:

        async def close_journal() -> None:
            sale_journal.close()

        window.add_async_closer(close_journal)  # runs last: closers go in reverse
    panel = attach_sale(window, vm, service, formatter, device_name=settings.device_name)
    announce_and_reconcile(window, service, panel, formatter)  # before any sale for that card
    _attach_sales_report(window, service, formatter, panel)
    _attach_qr(window, vm, client, formatter, settings, demo=opts.demo, display=display)
    if display is not None:
        from pos_app.ui.customer_display.attach import follow_sale

        follow_sale(display, panel)
    from pos_app.ui.loyalty.hookup import attach_loyalty, till_shop

    loyalty = attach_loyalty(
        window,
        vm,
        client,
        panel,
        formatter,
        shop_id=till_shop(client, settings, demo=opts.demo),
        locale=client.locale,
        sale_journal_path=sale_journal.path,
        sale_lookup=sale_journal.get,
    )
    if display is not None:
        loyalty.rewardShown.connect(display.show_reward)


def _attach_qr(
    window: MainWindow,
    vm: CheckoutViewModel,
    client: LoyaltyClient,
    formatter: Formatter,
    settings: AppSettings,
    *,
    demo: bool,
    display: CustomerDisplayModel | None = None,
) -> None:
    """The QR Card Scan dialog (F4); the card a phone shared is looked up like a scan."""

    async def simulate_phone(session_id: str) -> None:
        # Demo mode only: the sandbox plays the customer's phone with the first demo card.
        await client.sandbox_scan_qr(session_id, DEMO_PHONE_CARD)

    def scanned(data: QrCardData) -> None:
        window.show_card_number(data.card_number or "")
        vm.submit_card_id(data.loyalty_card_id, data.card_number or f"#{data.loyalty_card_id}")

    def failed(reason: str) -> None:
        window.show_banner(BannerState(BannerKind.REFUSED, "warning", reason))

    def build() -> QDialog:
        from pos_app.ui.checkout.qr_dialog import QrDialog

        dialog = QrDialog(
            client,
            formatter,
            device_name=settings.device_name,
            simulate_phone=simulate_phone if demo else None,
            parent=window,
        )
        dialog.cardScanned.connect(scanned)
        dialog.failed.connect(failed)
        if display is not None:
            from pos_app.ui.customer_display.attach import follow_qr_dialog

            follow_qr_dialog(display, dialog)
        return dialog

    window.qrRequested.connect(DialogOnce(build, window).open)


def _attach_sales_report(
    window: MainWindow, service: SaleService, formatter: Formatter, panel: SalePanel
) -> None:
    """Today's sales in a non-modal window, for the manager only.

    The report retries open sales and exports CSV: with the manager view locked the button
    is disabled, and locking again (by hand or when idle) hides the report.
    """
    from pos_app.ui.sale.report import SalesReportDialog

    lock = window.lock

    def build() -> SalesReportDialog:
        dialog = SalesReportDialog(service, formatter, window)
        panel.saleFinished.connect(dialog.refresh)  # a bound slot: gone with the dialog
        return dialog

    report_dialog = DialogOnce(build, window, keep=True)

    def open_report() -> None:
        if lock.is_locked:
            return
        report_dialog.open().refresh()

    def locked(is_locked: bool) -> None:
        window.set_report_allowed(not is_locked)
        if is_locked:
            report_dialog.hide()

    window.reportRequested.connect(open_report)
    lock.lockedChanged.connect(locked)
    locked(lock.is_locked)
