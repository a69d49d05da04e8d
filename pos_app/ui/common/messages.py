"""Every sentence the till says to a cashier about lookups and limits, in one place.

All text goes through QCoreApplication.translate (context "Messages") so lupdate finds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_app.core.redemption import RedemptionLimits
from pos_app.scanner import parse

if TYPE_CHECKING:
    from pos_app.core.models import CardInfo


def _tr(text: str, n: int = -1) -> str:
    result = QCoreApplication.translate("Messages", text, None, n)
    return result.replace("(s)", "" if n == 1 else "s")


class BannerKind(StrEnum):
    """What the status banner is saying; tests and styling key on this, not on the text."""

    NONE = "none"
    BUSY = "busy"
    INFO = "info"
    NOT_FOUND = "not_found"
    UNREADABLE_SCAN = "unreadable_scan"
    AUTH = "auth"
    RATE_LIMITED = "rate_limited"
    OFFLINE = "offline"
    SERVER = "server"
    INVALID_RESPONSE = "invalid_response"
    REFUSED = "refused"
    UNEXPECTED = "unexpected"
    BADGE_TYPED = "badge_typed"


@dataclass(frozen=True, slots=True)
class BannerState:
    """One banner: its kind, severity ("none", "busy", "info", "warning", "error") and text.

    `retry_in` counts down the seconds to an automatic retry; `can_retry` offers a Retry button.
    """

    kind: BannerKind
    severity: str
    text: str
    retry_in: int | None = None
    can_retry: bool = False


NO_BANNER = BannerState(BannerKind.NONE, "none", "")


def busy(card_number: str) -> BannerState:
    return BannerState(
        BannerKind.BUSY, "busy", _tr("Looking up card %1…").replace("%1", card_number)
    )


def not_found(card_number: str) -> BannerState:
    text = _tr("Card %1 not found. Check the number or scan again.").replace("%1", card_number)
    return BannerState(BannerKind.NOT_FOUND, "warning", text)


def unreadable_scan(detail: str) -> BannerState:
    """`detail` is `InvalidScan.message`; the known ones are said in the till's language."""
    known = {
        parse.NOTHING_SCANNED: _tr("Nothing was scanned."),
        parse.NOT_A_CARD: _tr("That code isn't a loyalty card."),
        parse.TOO_LONG: _tr("That code is too long to be a loyalty card."),
        parse.AMBIGUOUS: _tr("That code could not be read reliably."),
    }
    reason = known.get(detail, _tr("Could not read that code."))
    advice = _tr("Scan again or type the card number.")
    text = f"{reason} {advice}"
    return BannerState(BannerKind.UNREADABLE_SCAN, "warning", text)


def auth_rejected() -> BannerState:
    text = _tr(
        "The loyalty service rejected this till's credentials: check the API key in Settings."
    )
    return BannerState(BannerKind.AUTH, "error", text)


def rate_limited(seconds_left: int) -> BannerState:
    text = QCoreApplication.translate(
        "Messages",
        "The loyalty service is busy. Retrying automatically in %n second(s)…",
        None,
        seconds_left,
    ).replace("(s)", "" if seconds_left == 1 else "s")
    return BannerState(BannerKind.RATE_LIMITED, "warning", text, retry_in=seconds_left)


def offline() -> BannerState:
    text = _tr("Cannot reach the loyalty service. Check the network, then press Retry (F5).")
    return BannerState(BannerKind.OFFLINE, "error", text, can_retry=True)


def server_trouble() -> BannerState:
    text = _tr("The loyalty service is having trouble. Press Retry (F5) in a moment.")
    return BannerState(BannerKind.SERVER, "error", text, can_retry=True)


def invalid_response() -> BannerState:
    text = _tr("The loyalty service sent an answer the till cannot read. Press Retry (F5).")
    return BannerState(BannerKind.INVALID_RESPONSE, "error", text, can_retry=True)


def refused(server_message: str | None) -> BannerState:
    text = _tr("The loyalty service refused this card number.")
    if server_message:
        text = f"{text} ({server_message})"
    return BannerState(BannerKind.REFUSED, "warning", text)


def unexpected() -> BannerState:
    text = _tr("Something went wrong in the till. Press Retry (F5); if it repeats, call support.")
    return BannerState(BannerKind.UNEXPECTED, "error", text, can_retry=True)


def manager_unlocked() -> BannerState:
    return BannerState(BannerKind.INFO, "info", _tr("Manager view unlocked."))


def badge_typed(*, has_pin: bool) -> BannerState:
    """The manager badge's number was typed, not scanned: that does not unlock."""
    if has_pin:
        text = _tr("A typed badge number does not unlock. Scan the badge or enter the PIN.")
    else:
        text = _tr("A typed badge number does not unlock. Scan the manager badge.")
    return BannerState(BannerKind.BADGE_TYPED, "warning", text)


def keeping_points() -> str:
    return _tr("Not redeeming: the customer keeps the points (Alt+U to use them).")


def limit_line(
    card: CardInfo | None, limits: RedemptionLimits | None, points: str, min_: str
) -> str:
    """The live line under the slider: which limit holds the cap, or why nothing can be redeemed.

    `points` is the cap and `min_` the lowest amount, already formatted for the locale.
    """
    if card is None or limits is None:
        return _tr("Scan a card to redeem points.")
    reason = limits.reason
    if reason == "no_redemption":
        if card.redemption is None:
            return _tr("This card cannot redeem points at this shop.")
        return _tr("Redemption is disabled for this card.")
    if reason == "misconfigured":
        return _tr("This card's redemption settings are broken: points cannot be redeemed.")
    if reason == "inactive":
        return _tr("This card is inactive: points cannot be redeemed.")
    if reason == "below_minimum":
        return _tr("The balance is below the minimum of %1 points.").replace("%1", min_)
    if reason == "order_too_small":
        return _tr("The order is too small to redeem the minimum of %1 points.").replace("%1", min_)
    if limits.cap_source == "max_points":
        return _tr("Capped by the card's maximum: %1 points per order.").replace("%1", points)
    if limits.cap_source == "order_total":
        return _tr("Capped by the order total: %1 points cover it.").replace("%1", points)
    return _tr("Capped by the balance: %1 points.").replace("%1", points)
