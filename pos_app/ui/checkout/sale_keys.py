"""The sale's keys and the next-sale rule of the till window (mixed into `MainWindow`).

Ctrl+Enter or F12 completes the sale from anywhere; after a sale, Esc, F2, F3 or the next
customer's scan start the next sale (result, customer, order total and points go); the
status banner's quiet line says where the sale stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pos_app.ui.checkout.stage import SaleStage, stage_hint, stage_of

if TYPE_CHECKING:
    from pos_app.ui.checkout.view_model import CheckoutViewModel
    from pos_app.ui.common.status_banner import StatusBanner
    from pos_app.ui.manager.lock import ManagerLock
    from pos_app.ui.sale.panel import SalePanel


class SaleKeys:
    """The sale flow's key handlers; the window provides what is declared below. No signals."""

    sale_panel: SalePanel | None
    vm: CheckoutViewModel
    lock: ManagerLock
    banner: StatusBanner
    _stage: SaleStage

    # What the window does, used here.
    def focus_card_input(self) -> None:
        raise NotImplementedError

    def focus_order_total(self) -> None:
        raise NotImplementedError

    def clear_customer(self) -> None:
        raise NotImplementedError

    def start_new_sale(self) -> None:
        raise NotImplementedError

    def _next_sale_before_scan(self, text: str) -> None:
        """A customer's scan after a sale starts the next sale (a manager's badge does not)."""
        if self.sale_finished and not self.lock.is_badge(text.strip()):
            self.new_sale()

    @property
    def sale_finished(self) -> bool:
        """The current sale was sent: the screen shows its outcome until the next sale."""
        return self.sale_panel is not None and self.sale_panel.finished

    def new_sale(self) -> None:
        """Start the next sale (New sale's key): result, customer, order total and points go."""
        if self.sale_panel is not None:
            self.sale_panel.new_sale()  # a fresh order id; it asks for start_new_sale
        else:
            self.start_new_sale()

    def complete_sale(self) -> None:
        """Ctrl+Enter or F12: Complete sale, wherever the focus is (nothing if it can't)."""
        if self.sale_panel is not None:
            self.sale_panel.complete()

    def escape_pressed(self) -> None:
        """Esc: after a sale (or while one is sent) the next sale; otherwise clear the customer."""
        panel = self.sale_panel
        if panel is not None and (panel.finished or panel.busy):
            panel.new_sale()
        else:
            self.clear_customer()

    def f2_pressed(self) -> None:
        """F2: the card field; after a sale that is the next sale's."""
        if self.sale_finished:
            self.new_sale()
        self.focus_card_input()

    def f3_pressed(self) -> None:
        """F3: the order total; after a sale, a new sale's (one without a card yet)."""
        if self.sale_finished:
            self.new_sale()
        self.focus_order_total()

    @property
    def stage(self) -> SaleStage:
        """Where the sale stands (what the banner's quiet line says)."""
        return self._stage

    def _update_stage(self, *_args: object) -> None:
        panel = self.sale_panel
        sending = panel is not None and panel.busy
        self._stage = stage_of(self.vm.view, sending=sending, finished=self.sale_finished)
        self.banner.set_hint(stage_hint(self._stage))


__all__ = ["SaleKeys"]
