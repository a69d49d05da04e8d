"""What the till says about stamps and coupons: one clear sentence per thing that can happen.

All text goes through QCoreApplication.translate (context "Loyalty") so lupdate finds it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from pos_app.api.errors import (
    ApiError,
    AuthError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    ServerError,
)
from pos_app.api.games_coupons import (
    BUSINESS_CARD_BLOCKED,
    COUPON_ALREADY_USED,
    COUPON_EXPIRED,
    OPERATION_NOT_ALLOWED,
    RESOURCE_NOT_FOUND,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Loyalty", text)


@dataclass(frozen=True, slots=True)
class Notice:
    """One banner of the loyalty panels: `kind` (stable, for tests), severity and text."""

    kind: str
    severity: str  # "info", "warning", "error", "busy", "success"
    text: str


def coupon_error(exc: ApiError, code: str) -> Notice:
    """Why a coupon could not be checked or redeemed; each API code has its own sentence."""
    if exc.code == COUPON_ALREADY_USED:
        text = _tr("Coupon %1 has already been used. Do not give the reward again.")
        return Notice("coupon_used", "error", text.replace("%1", code))
    if exc.code == COUPON_EXPIRED:
        text = _tr("Coupon %1 has expired and can no longer be redeemed.")
        return Notice("coupon_expired", "error", text.replace("%1", code))
    if exc.code == OPERATION_NOT_ALLOWED:
        text = _tr(
            "Coupon %1 is being redeemed at another shop, so it cannot be used here. "
            "Ask the customer, or try again once that shop has finished."
        )
        return Notice("coupon_elsewhere", "error", text.replace("%1", code))
    if exc.code == RESOURCE_NOT_FOUND or isinstance(exc, NotFoundError):
        text = _tr("Loyalty.lt does not know coupon %1. Check the code or scan it again.")
        return Notice("coupon_not_found", "warning", text.replace("%1", code))
    return common_error(exc)


def stamp_error(exc: ApiError) -> Notice:
    """Why stamps were not given."""
    if exc.code == BUSINESS_CARD_BLOCKED:
        return Notice(
            "card_blocked",
            "error",
            _tr("This card is blocked at this business: no stamps were given."),
        )
    if exc.code == RESOURCE_NOT_FOUND or isinstance(exc, NotFoundError):
        return Notice(
            "game_not_found",
            "warning",
            _tr("Loyalty.lt no longer runs this stamp card here: no stamps were given."),
        )
    return common_error(exc)


def common_error(exc: ApiError) -> Notice:
    """What every call can run into."""
    if isinstance(exc, RateLimitError):
        if exc.retry_after is not None:
            seconds = max(1, math.ceil(exc.retry_after))
            text = _tr("Loyalty.lt is busy. Try again in %1 s.").replace("%1", str(seconds))
        else:
            text = _tr("Loyalty.lt is busy. Try again in a moment.")
        return Notice("rate_limited", "warning", text)
    if isinstance(exc, AuthError):
        return Notice(
            "auth",
            "error",
            _tr("Loyalty.lt rejected this till's credentials: check the API key in Settings."),
        )
    if isinstance(exc, NetworkError):
        return Notice("offline", "error", _tr("Cannot reach Loyalty.lt. Check the network."))
    if isinstance(exc, ServerError):
        return Notice("server", "error", _tr("Loyalty.lt is having trouble. Try again soon."))
    if isinstance(exc, InvalidResponseError):
        return Notice(
            "invalid_response", "error", _tr("Loyalty.lt sent an answer the till cannot read.")
        )
    text = _tr("Loyalty.lt refused the request.")
    if exc.server_message:
        text = f"{text} ({exc.server_message})"
    return Notice("refused", "warning", text)


def no_shop() -> Notice:
    return Notice(
        "no_shop",
        "warning",
        _tr("Choose this till's shop in Settings to use stamp cards and coupons."),
    )


def checking_coupon(code: str) -> Notice:
    return Notice("busy", "busy", _tr("Checking coupon %1…").replace("%1", code))


def redeeming() -> Notice:
    return Notice("busy", "busy", _tr("Redeeming the coupon with Loyalty.lt…"))


def coupon_ready() -> Notice:
    return Notice(
        "coupon_ready", "info", _tr("Valid. Press Enter to redeem it, or Esc to dismiss.")
    )


def choose_product() -> Notice:
    return Notice(
        "choose_product", "info", _tr("Choose the product the customer takes, then press Enter.")
    )


def redeemed(when: str) -> Notice:
    text = _tr("Redeemed, confirmed by Loyalty.lt at %1. Give the customer the reward.")
    return Notice("redeemed", "success", text.replace("%1", when))


def redeemed_after_check() -> Notice:
    return Notice(
        "redeemed",
        "success",
        _tr(
            "The answer was lost, but Loyalty.lt now shows the coupon as used: it was "
            "redeemed. Give the customer the reward."
        ),
    )


def not_redeemed_after_check(reason: Notice) -> Notice:
    text = _tr("The coupon was not redeemed (Loyalty.lt still shows it unused). %1")
    return Notice(reason.kind, reason.severity, text.replace("%1", reason.text))


def redeem_unknown() -> Notice:
    return Notice(
        "redeem_unknown",
        "error",
        _tr(
            "The answer was lost and the coupon could not be checked again. Do not give the "
            "reward yet: scan the coupon again in a moment to see whether it was used."
        ),
    )


def stamps_given(count: int, name: str, current: int, required: int) -> Notice:
    text = QCoreApplication.translate(
        "Loyalty", "%n stamp(s) given on %2: %3 of %4.", None, count
    ).replace("(s)", "" if count == 1 else "s")
    return Notice(
        "stamps_given",
        "success",
        text.replace("%2", name)
        .replace("%3", str(current))
        .replace("%4", str(required)),
    )


def stamps_sending() -> Notice:
    return Notice("busy", "busy", _tr("Giving the stamp…"))


def stamps_open() -> Notice:
    return Notice(
        "stamps_open",
        "warning",
        _tr(
            "The stamp is kept on this till and will be given once Loyalty.lt confirms it; "
            "it is never given twice."
        ),
    )


def stamps_waiting() -> Notice:
    return Notice(
        "stamps_waiting",
        "info",
        _tr("The stamp will be given once Loyalty.lt confirms the sale."),
    )


def stamps_off() -> Notice:
    return Notice(
        "stamps_off",
        "error",
        _tr("The stamp journal cannot be opened: stamps are off on this till."),
    )


def saving_requests() -> Notice:
    return Notice(
        "saving_requests",
        "info",
        _tr(
            "Stamp cards and coupons are not shown now: the Loyalty.lt allowance is kept for "
            "cards and sales. They show again with the next customer."
        ),
    )


def not_a_coupon() -> Notice:
    return Notice(
        "not_a_coupon",
        "warning",
        _tr("That is not a coupon code (K and 8 to 12 digits). Nothing was redeemed."),
    )
