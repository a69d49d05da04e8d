"""Redemption arithmetic: how many points may be redeemed and what they are worth. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pos_app.core.models import CardInfo, Redemption

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

Reason = Literal["no_redemption", "misconfigured", "inactive", "below_minimum", "order_too_small"]


@dataclass(frozen=True, slots=True)
class RedemptionLimits:
    """What the slider may offer: `min_points`..`max_points`, worth at most `max_discount`.

    `reason` is None when redemption is possible; otherwise both bounds are 0 and
    `max_discount` is 0.00. `cap_source` names the limit that sets `max_points`:
    "balance", "max_points" or "order_total" (None with a reason).
    """

    min_points: int
    max_points: int
    max_discount: Decimal
    reason: Reason | None = None
    cap_source: Literal["balance", "max_points", "order_total"] | None = None

    @property
    def possible(self) -> bool:
        return self.reason is None


def _floor_to_cent(value: Fraction) -> Decimal:
    # Built from text, so exact at any size (division would round to 28 digits).
    return Decimal(f"{math.floor(value * 100)}E-2")


def _is_misconfigured(redemption: Redemption) -> bool:
    if redemption.points_per_currency <= 0 or redemption.currency_amount <= 0:
        return True
    return bool(redemption.max_points) and redemption.max_points < redemption.min_points  # type: ignore[operator]


def discount_for(
    points: int, redemption: Redemption, order_total: Decimal | None = None
) -> Decimal:
    """Money off for `points`, rounded down to the cent, never above the order total."""
    if points <= 0 or redemption.points_per_currency <= 0 or redemption.currency_amount <= 0:
        return ZERO
    rate = Fraction(redemption.currency_amount) / Fraction(redemption.points_per_currency)
    discount = _floor_to_cent(points * rate)
    if order_total is not None:
        # Down, not half-even: 10.015 must cap at 10.01, never 10.02.
        discount = min(discount, _floor_to_cent(Fraction(max(order_total, ZERO))))
    return discount


def points_to_cover(amount: Decimal, redemption: Redemption) -> int:
    """The fewest points whose discount is at least `amount`."""
    if amount <= 0:
        return 0
    rate = Fraction(redemption.points_per_currency) / Fraction(redemption.currency_amount)
    return math.ceil(Fraction(amount) * rate)


def max_discount(card: CardInfo) -> Decimal:
    """What the whole balance is worth; 0.00 when the card cannot redeem at all."""
    redemption = card.redemption
    if redemption is None or not redemption.enabled or _is_misconfigured(redemption):
        return ZERO
    if not card.is_active:
        return ZERO
    return discount_for(card.points, redemption)


def limits(card: CardInfo, order_total: Decimal | None = None) -> RedemptionLimits:
    """The redeemable range for this card and order, or the first reason there is none."""
    redemption = card.redemption

    def refused(reason: Reason) -> RedemptionLimits:
        return RedemptionLimits(0, 0, ZERO, reason)

    if redemption is None or not redemption.enabled:
        return refused("no_redemption")
    if _is_misconfigured(redemption):
        return refused("misconfigured")
    if not card.is_active:
        return refused("inactive")
    lowest = max(redemption.min_points, 1)
    if card.points < lowest:
        return refused("below_minimum")
    cap = card.points
    source: Literal["balance", "max_points", "order_total"] = "balance"
    if redemption.max_points and redemption.max_points < cap:
        cap, source = redemption.max_points, "max_points"
    if order_total is not None:
        covering = points_to_cover(order_total, redemption)
        if covering < cap:
            cap, source = covering, "order_total"
        if cap < lowest:
            return refused("order_too_small")
    return RedemptionLimits(
        min_points=lowest,
        max_points=cap,
        max_discount=discount_for(cap, redemption, order_total),
        reason=None,
        cap_source=source,
    )
