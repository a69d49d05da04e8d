"""What the till tells the cashier about a sale's outcome: one banner per journal state."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from pos_app.api.errors import NetworkError, RateLimitError, ServerError, ValidationError
from pos_app.sale.journal import SaleState
from pos_app.sale.service import SaleOutcome
from pos_app.ui.common.formatting import Formatter


def _tr(text: str, n: int = -1) -> str:
    result = QCoreApplication.translate("SaleMessages", text, None, n)
    return result.replace("(s)", "" if n == 1 else "s")


@dataclass(frozen=True, slots=True)
class SaleBanner:
    """`severity` is "info", "warning" or "error" (theme.SEVERITY_COLOURS); `text` is plain."""

    severity: str
    text: str


def redemption_blocked() -> SaleBanner:
    return SaleBanner(
        "error",
        _tr(
            "Loyalty.lt cannot be reached: points cannot be redeemed now, because the balance "
            "cannot be trusted. Set the points to 0 to sell without a discount; the customer's "
            "points will be awarded when the service is back."
        ),
    )


def _refusal(outcome: SaleOutcome) -> str:
    error = outcome.error
    request = outcome.record.request
    server_words = f" ({error.server_message})" if error and error.server_message else ""
    if isinstance(error, NetworkError | ServerError):
        return _tr(
            "Cannot reach Loyalty.lt: nothing was redeemed and nothing was recorded. "
            "Redemption is blocked while the service is unreachable. Set the points to 0 "
            "to sell without a discount, or try again."
        )
    if (
        isinstance(error, ValidationError)
        and request.points_redeemed
        and ("points_redeemed" in error.field_errors or error.status == 400)
    ):
        return (
            _tr(
                "Loyalty.lt refused to redeem %n point(s): the card's balance is too low or the "
                "points are outside its limits. Nothing was redeemed or recorded. Choose fewer "
                "points and complete again.",
                request.points_redeemed,
            )
            + server_words
        )
    if isinstance(error, ValidationError) and error.field_errors:
        details = "; ".join(
            f"{field or 'sale'}: {' '.join(texts)}" for field, texts in error.field_errors.items()
        )
        return _tr("Loyalty.lt did not accept the sale: %1. Nothing was recorded.").replace(
            "%1", details
        )
    message = error.message if error is not None else _tr("refused")
    return (
        _tr("Loyalty.lt refused the sale: %1 Nothing was recorded.").replace("%1", message)
        + server_words
    )


def outcome_banner(outcome: SaleOutcome, fmt: Formatter) -> SaleBanner:
    """The banner for a finished `complete()`: never 'done' without the server's word."""
    from pos_app.ui.sale import notices

    if outcome.held:
        return notices.held(outcome, fmt)
    problem = outcome.journal_problem
    if problem is not None and outcome.record.state is SaleState.FAILED:
        return notices.not_journaled(problem)
    banner = _state_banner(outcome, fmt)
    if outcome.earlier:
        banner = SaleBanner(
            banner.severity, notices.earlier_sales(outcome.earlier, fmt) + " " + banner.text
        )
    if problem is not None:
        return SaleBanner("warning", banner.text + " " + notices.answer_not_journaled(problem))
    return banner


def _state_banner(outcome: SaleOutcome, fmt: Formatter) -> SaleBanner:
    record = outcome.record
    to_pay = fmt.money(record.request.amount_to_pay)
    state = record.state
    if state is SaleState.CONFIRMED:
        text = _tr("Sale complete: confirmed by Loyalty.lt. Take payment of %1.")
        return SaleBanner("info", text.replace("%1", to_pay))
    if state is SaleState.RECONCILED:
        text = _tr(
            "Sale complete: Loyalty.lt had already recorded this sale before the connection "
            "dropped: it was recorded once, nothing twice. The server does not repeat the "
            "points awarded for a repeated order. Take payment of %1."
        )
        if record.points_balance is None:
            text += " " + _tr("The new balance could not be read yet.")
        return SaleBanner("info", text.replace("%1", to_pay))
    if state is SaleState.CLOSED:
        text = _tr("Sale closed without a loyalty customer. Take payment of %1.")
        return SaleBanner("info", text.replace("%1", to_pay))
    if state is SaleState.EARN_ONLY_QUEUED:
        text = _tr(
            "Loyalty.lt cannot be reached. The sale is saved on this till and its points will "
            "be awarded when the service is back. Take payment of %1."
        )
        return SaleBanner("warning", text.replace("%1", to_pay))
    if state is SaleState.UNCERTAIN:
        return SaleBanner(
            "error",
            _tr(
                "No answer from Loyalty.lt: this sale may or may not have been recorded. Do not "
                "take payment with the discount yet. Press Retry: the same order is sent again "
                "and can never be recorded twice."
            ),
        )
    if state is SaleState.PENDING:
        wait = outcome.error.retry_after if isinstance(outcome.error, RateLimitError) else None
        text = _tr("Loyalty.lt is busy (too many requests); the sale was not sent yet.")
        if wait is not None:
            text += " " + _tr("Press Retry in %n second(s).", max(1, round(wait)))
        return SaleBanner("warning", text)
    return SaleBanner("error", _refusal(outcome))
