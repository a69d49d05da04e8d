"""What the cashier is told about sales other than the current one, and about the journal."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.core.models import CardInfo
from pos_app.sale.journal import JournalError, SaleRecord, SaleState
from pos_app.sale.service import SaleOutcome
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.sale.messages import SaleBanner


def _tr(text: str, n: int = -1) -> str:
    result = QCoreApplication.translate("SaleNotices", text, None, n)
    return result.replace("(s)", "" if n == 1 else "s")


# -- the journal ------------------------------------------------------------------------------


def journal_reason(problem: JournalError) -> str:
    """What is wrong with the journal, in one sentence for the cashier."""
    if problem.reason == "damaged":
        return _tr("The sales journal on this till is damaged.")
    if problem.reason == "newer":
        return _tr("The sales journal was written by a newer version of this till.")
    if problem.reason == "read_only":
        return _tr("The sales journal cannot be written: the file or its folder is read-only.")
    if problem.reason == "locked":
        return _tr("The sales journal is held by another program (another till on this computer?).")
    return _tr("The sales journal cannot be used.")


def journal_unusable(problem: JournalError) -> SaleBanner:
    """At start: the journal cannot be used, so the till takes no sale at all."""
    action = {
        "damaged": _tr("Restart the till to start a new journal, and tell the manager."),
        "newer": _tr("Update the till, or ask the manager."),
        "locked": _tr("Close the other program: the till tries again by itself."),
    }.get(problem.reason, _tr("Ask the manager or support."))
    reason = journal_reason(problem)
    text = reason + " " + _tr("No sale can be completed now.") + " " + action
    if problem.moved_to is not None:
        text += " " + _tr(
            "It was kept for recovery, not deleted, as %1 in the same folder."
        ).replace("%1", problem.moved_to.name)
    return SaleBanner("error", text)


def journal_unusable_short(problem: JournalError) -> SaleBanner:
    """The window's short version of `journal_unusable` (the sale panel has the details)."""
    return SaleBanner("error", journal_reason(problem) + " " + _tr("No sale can be completed now."))


def journal_free_again() -> SaleBanner:
    """The journal another program held at start could be opened: sales go again."""
    return SaleBanner("info", _tr("The sales journal is free again: sales can be completed."))


def not_journaled(problem: JournalError) -> SaleBanner:
    """Mid-session: this sale could not be saved on the till, so it was never sent."""
    return SaleBanner(
        "error",
        _tr(
            "This sale could not be saved on this till, so it was NOT sent to Loyalty.lt: "
            "nothing was redeemed or recorded. %1 Press Complete sale to try again."
        ).replace("%1", journal_reason(problem)),
    )


def answer_not_journaled(problem: JournalError) -> str:
    """Added to a sale's banner when the server answered but the journal could not keep it."""
    return _tr(
        "This till could not save Loyalty.lt's answer in its sales journal (%1); "
        "the sale is checked again when the till restarts."
    ).replace("%1", journal_reason(problem))


# -- other sales of the same card ---------------------------------------------------------------


def _describe(record: SaleRecord, fmt: Formatter) -> str:
    """'€25.30, card 900-001-001, 500 points redeemed, 01/12/2026 13:52' (what the cashier rang)."""
    request = record.request
    parts = [fmt.money(request.order_total)]
    if request.card_number:
        parts.append(_tr("card %1").replace("%1", request.card_number))
    if request.points_redeemed:
        parts.append(_tr("%n point(s) redeemed", request.points_redeemed))
    parts.append(fmt.local_datetime(record.created_at))
    return ", ".join(parts)


def _fate(outcome: SaleOutcome) -> str:
    state = outcome.record.state
    if state is SaleState.CONFIRMED:
        return _tr("recorded by Loyalty.lt now")
    if state is SaleState.RECONCILED:
        return _tr("Loyalty.lt already had it: counted once, nothing twice")
    if state is SaleState.SENDING:
        return _tr("still being sent")
    if state is SaleState.FAILED:
        return _tr("refused by Loyalty.lt, nothing recorded")
    return _tr("not settled yet: Loyalty.lt could not be asked")


def _open(outcome: SaleOutcome) -> bool:
    return outcome.record.state not in (
        SaleState.CONFIRMED,
        SaleState.RECONCILED,
        SaleState.FAILED,
        SaleState.CLOSED,
    )


def earlier_sales(outcomes: tuple[SaleOutcome, ...] | list[SaleOutcome], fmt: Formatter) -> str:
    """One sentence per earlier sale: what it was and what became of it."""
    return " ".join(
        _tr("Earlier sale (%1): %2.")
        .replace("%1", _describe(outcome.record, fmt))
        .replace("%2", _fate(outcome))
        for outcome in outcomes
    )


def held(outcome: SaleOutcome, fmt: Formatter) -> SaleBanner:
    """A sale that was not sent because the same card had earlier sales to hear about first.

    What to do comes first, the earlier sales after it: a long banner is cut at its end.
    """
    details = earlier_sales(outcome.earlier, fmt)
    if any(_open(o) for o in outcome.earlier):
        text = _tr(
            "NOT sent: this card's earlier sale is not settled yet. Press Complete sale again "
            "in a moment, or Esc to sell without loyalty."
        )
        return SaleBanner("error", text + " " + details)
    text = _tr(
        "NOT sent. The same purchase as the earlier sale? Press New sale. "
        "A new purchase? Press Complete sale again."
    )
    return SaleBanner("warning", text + " " + details)


def reconciled_at_start(outcomes: list[SaleOutcome], fmt: Formatter) -> SaleBanner | None:
    """After start-up: what became of the sales the till had left unfinished."""
    if not outcomes:
        return None
    text = _tr(
        "Checked with Loyalty.lt: %n sale(s) left unfinished when the till last stopped.",
        len(outcomes),
    )
    details = earlier_sales(outcomes, fmt)
    if any(_open(o) for o in outcomes):
        return SaleBanner(
            "warning", text + " " + _tr("Open ones are in Today's sales.") + " " + details
        )
    return SaleBanner("info", text + " " + _tr("Do not ring them again.") + " " + details)


def reconciled_at_start_short(outcomes: list[SaleOutcome]) -> SaleBanner | None:
    """The window's one-line version of `reconciled_at_start` (the sale panel has the details)."""
    if not outcomes:
        return None
    text = _tr(
        "Checked with Loyalty.lt: %n sale(s) left unfinished when the till last stopped "
        "(details under the order).",
        len(outcomes),
    )
    return SaleBanner("warning" if any(_open(o) for o in outcomes) else "info", text)


def finished_in_background(outcome: SaleOutcome, fmt: Formatter) -> SaleBanner:
    """A sale the cashier left with New sale while it was sent has now got its answer."""
    text = earlier_sales([outcome], fmt)
    if outcome.record.state in (SaleState.UNCERTAIN, SaleState.PENDING):
        text += " " + _tr("Retry it in Today's sales.")
    severity = "info" if outcome.confirmed else "warning"
    return SaleBanner(severity, text)


def no_loyalty_user(card: CardInfo) -> str:
    """Why loyalty cannot be applied to a card that belongs to no Loyalty.lt user."""
    del card
    return _tr(
        "This card is not linked to a Loyalty.lt customer account, and Loyalty.lt records "
        "sales only for a customer: no points can be redeemed or earned with it. "
        "Complete sale closes the sale without loyalty."
    )
