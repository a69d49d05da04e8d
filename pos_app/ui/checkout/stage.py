"""Where the sale stands, in one line for the status banner when nothing else needs saying."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from pos_app.ui.checkout.view_model import RedemptionView


class SaleStage(StrEnum):
    """The steps of a sale at the counter; tests key on these, not on the words."""

    READY = "ready"  # nothing yet: scan a card
    NEEDS_TOTAL = "needs_total"  # a customer, no order total
    CHOOSE_POINTS = "choose_points"  # a customer who can redeem, nothing chosen yet
    CAN_COMPLETE = "can_complete"  # everything there: Ctrl+Enter
    NO_CUSTOMER = "no_customer"  # an order total without a card: a sale without loyalty
    SENDING = "sending"
    FINISHED = "finished"  # the sale was sent: next scan, Esc or F2 starts the next one


def stage_of(view: RedemptionView, *, sending: bool, finished: bool) -> SaleStage:
    """The stage for the redemption state `view` and the sale panel's state."""
    if sending:
        return SaleStage.SENDING
    if finished:
        return SaleStage.FINISHED
    total = view.order_total
    has_total = total is not None and total > 0
    if view.card is None:
        return SaleStage.NO_CUSTOMER if has_total else SaleStage.READY
    if not has_total:
        return SaleStage.NEEDS_TOTAL
    can_redeem = view.limits is not None and view.limits.possible
    if can_redeem and not view.use_points:
        return SaleStage.CHOOSE_POINTS
    return SaleStage.CAN_COMPLETE


def _tr(text: str) -> str:
    return QCoreApplication.translate("SaleStage", text)


def stage_hint(stage: SaleStage) -> str:
    """The banner's quiet line for `stage`, in the current UI language."""
    if stage is SaleStage.NEEDS_TOTAL:
        return _tr("Customer found: enter the order total (F3).")
    if stage is SaleStage.CHOOSE_POINTS:
        return _tr(
            "No points redeemed: choose points (Alt+U, Alt+L, Alt+H, Alt+O) "
            "or complete the sale as it is (Ctrl+Enter).",
        )
    if stage is SaleStage.CAN_COMPLETE:
        return _tr("Ready to complete the sale: Ctrl+Enter or F12.")
    if stage is SaleStage.NO_CUSTOMER:
        return _tr(
            "No loyalty card: scan one, or complete the sale without it (Ctrl+Enter)."
        )
    if stage is SaleStage.SENDING:
        return _tr("Sending the sale to Loyalty.lt…")
    if stage is SaleStage.FINISHED:
        return _tr("Sale finished. Scan the next card, or press Esc for a new sale.")
    return _tr("Ready: scan a card or type its number (F2).")


__all__ = ["SaleStage", "stage_hint", "stage_of"]
