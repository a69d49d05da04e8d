"""transactions/create: body checks (422), the customer, redemption (400), points earned."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pos_app.core.models import Redemption
from pos_app.core.redemption import discount_for, points_to_cover
from pos_app.sandbox.fields import Fields, invalid
from pos_app.sandbox.messages import SandboxError, insufficient_points, text

_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class TransactionRequest:
    """A validated transactions/create body."""

    order_id: str
    order_total: Decimal
    user_id: int | None = None
    user_email: str | None = None
    loyalty_card_id: int | None = None
    points: int | None = None  # a manual award instead of the card's earning rules
    currency: str = "EUR"
    description: str | None = None
    shop_id: int | None = None
    points_redeemed: int = 0
    points_discount_amount: Decimal | None = None
    cart_items: list[Any] | None = None
    meta_data: dict[str, Any] | None = None


def parse_transaction(body: Any, locale: str) -> TransactionRequest:
    """Validate a transactions/create body; raise a 422 with a map of field errors.

    The customer is `user_id` or `user_email`: a card id alone does not say who bought, and
    the API refuses it. A body in the other published shape (card_id, amount, type,
    reference) therefore answers 422 naming order_id, order_total and user_id.
    """
    if not isinstance(body, dict):
        raise invalid(locale, {"body": [text("field_object", locale, field="body")]})
    check = Fields(body, locale)
    order_id = check.string("order_id", required=True)
    order_total = check.amount("order_total", required=True)
    user_id = check.integer("user_id", minimum=1)
    user_email = check.email("user_email")
    if not check.present("user_id") and not check.present("user_email"):
        check.fail_text("user_id", text("user_required", locale))
    loyalty_card_id = check.integer("loyalty_card_id")
    points = check.integer("points")
    currency = check.string("currency", max_len=3)
    if currency is not None and not _CURRENCY.match(currency):
        check.fail("currency", "field_currency")
    description = check.string("description", max_len=1000)
    shop_id = check.integer("shop_id", minimum=1)
    points_redeemed = check.integer("points_redeemed")
    discount = check.amount("points_discount_amount")
    cart_items = body.get("cart_items")
    if cart_items is not None and not isinstance(cart_items, list):
        check.fail("cart_items", "field_array")
    meta_data = body.get("meta_data")
    if meta_data is not None and not isinstance(meta_data, dict):
        check.fail("meta_data", "field_object")
    if check.errors or order_id is None or order_total is None:
        check.refuse()
    return TransactionRequest(
        order_id=order_id,
        order_total=order_total,
        user_id=user_id,
        user_email=user_email,
        loyalty_card_id=loyalty_card_id,
        points=points,
        currency=currency or "EUR",
        description=description,
        shop_id=shop_id,
        points_redeemed=points_redeemed or 0,
        points_discount_amount=discount,
        cart_items=cart_items,
        meta_data=meta_data,
    )


def customer_card(
    cards: list[dict[str, Any]], req: TransactionRequest, locale: str
) -> dict[str, Any]:
    """The user's card with the partner (the given `loyalty_card_id`, which must be theirs)."""
    owned = []
    for card in cards:
        user = card["user"] or {}
        email = user.get("email")
        if req.user_id is not None and user.get("id") != req.user_id:
            continue
        if req.user_email is not None and (
            not email or email.casefold() != req.user_email.casefold()
        ):
            continue
        owned.append(card)
    if not owned:
        raise SandboxError(404, text("user_not_found", locale), code=404)
    if req.loyalty_card_id is None:
        return owned[0]
    for card in owned:
        if card["id"] == req.loyalty_card_id:
            return card
    if not any(card["id"] == req.loyalty_card_id for card in cards):
        raise SandboxError(404, text("card_not_found", locale), code=404)
    raise invalid(locale, {"loyalty_card_id": [text("card_not_users", locale)]})


def _refuse(
    message: str, field: str, error_code: str, *, code: int | str = "VALIDATION_ERROR"
) -> SandboxError:
    """A 400 with the list shape of `errors`."""
    return SandboxError(
        400, message, code=code, errors=[{"field": field, "message": message, "code": error_code}]
    )


def redemption_discount(card: dict[str, Any], req: TransactionRequest, locale: str) -> Decimal:
    """The money off this request's points are worth on `card`; raise a 400 if refused."""
    points = req.points_redeemed
    if points == 0:
        if req.points_discount_amount:
            raise _refuse(
                text("discount_without_points", locale),
                "points_discount_amount",
                "DISCOUNT_WITHOUT_POINTS",
            )
        return Decimal("0")
    if not card["is_active"]:
        raise _refuse(text("card_inactive", locale), "loyalty_card_id", "CARD_INACTIVE", code=400)
    raw = card["redemption"]
    if raw is None or not raw["enabled"]:
        raise _refuse(text("redemption_disabled", locale), "points_redeemed", "REDEMPTION_DISABLED")
    redemption = Redemption.model_validate(raw)
    if redemption.points_per_currency <= 0 or redemption.currency_amount <= 0:
        raise _refuse(
            text("redemption_misconfigured", locale), "points_redeemed", "REDEMPTION_MISCONFIGURED"
        )
    if points > card["points"]:
        raise _refuse(
            insufficient_points(card["points"], points), "points_redeemed", "INSUFFICIENT_POINTS"
        )
    if points < redemption.min_points:
        raise _refuse(
            text("below_min_points", locale, min_points=redemption.min_points),
            "points_redeemed",
            "BELOW_MIN_POINTS",
        )
    if redemption.max_points and points > redemption.max_points:
        raise _refuse(
            text("above_max_points", locale, max_points=redemption.max_points),
            "points_redeemed",
            "ABOVE_MAX_POINTS",
        )
    needed = points_to_cover(req.order_total, redemption)
    if points > needed:
        raise _refuse(
            text("exceeds_order", locale, needed=needed), "points_redeemed", "EXCEEDS_ORDER"
        )
    worth = discount_for(points, redemption, req.order_total)
    if req.points_discount_amount is None:
        return worth
    if req.points_discount_amount > worth:
        raise _refuse(
            text("discount_too_high", locale, points=points, worth=worth),
            "points_discount_amount",
            "DISCOUNT_TOO_HIGH",
        )
    return req.points_discount_amount


def earned_points(order_total: Decimal, earning: dict[str, Any]) -> int:
    """The documented earning rule: order_total / currency_amount * points_per_currency,
    rounded down (up when the card says `round_points_up`), plus `points_per_visit`."""
    per_currency = Decimal(earning["points_per_currency"])
    amount = Decimal(earning["currency_amount"])
    # Multiply first: 88.44 * 13 / 0.26 is exactly 4422; 88.44 / 0.26 * 13 falls just short.
    base = order_total * per_currency / amount if amount > 0 and per_currency > 0 else Decimal(0)
    rounded = math.ceil(base) if earning["round_points_up"] else math.floor(base)
    return max(0, int(rounded) + int(earning["points_per_visit"]))


def points_awarded(card: dict[str, Any], req: TransactionRequest) -> int:
    """The `points` override when given, else the card's earning rule on the order total."""
    if req.points is not None:
        return req.points
    return earned_points(req.order_total, card["earning"])
