"""transactions/create for the sandbox: body validation (422) and the redemption rules (400)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pos_app.core.models import Redemption, to_decimal
from pos_app.core.redemption import discount_for, points_to_cover
from pos_app.sandbox.messages import SandboxError, insufficient_points, text

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class TransactionRequest:
    """A validated transactions/create body."""

    order_id: str
    order_total: Decimal
    user_id: int | None = None
    user_email: str | None = None
    loyalty_card_id: int | None = None
    currency: str = "EUR"
    description: str | None = None
    shop_id: int | None = None
    points_redeemed: int = 0
    points_discount_amount: Decimal | None = None
    cart_items: list[Any] | None = None
    meta_data: dict[str, Any] | None = None


def _number(value: Any) -> Decimal | None:
    """A JSON number or numeric string as a finite Decimal, else None (Laravel `numeric`)."""
    try:
        return to_decimal(value)
    except ValueError:
        return None


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


class _Checker:
    """Collects Laravel-style field errors: {"field": ["message", ...]}."""

    def __init__(self, body: dict[str, Any], locale: str) -> None:
        self.body = body
        self.locale = locale
        self.errors: dict[str, list[str]] = {}

    def fail(self, field: str, key: str, **values: Any) -> None:
        label = field.replace("_", " ")
        self.errors.setdefault(field, []).append(text(key, self.locale, field=label, **values))

    def present(self, field: str) -> bool:
        return self.body.get(field) is not None

    def string(self, field: str, *, required: bool = False, max_len: int = 255) -> str | None:
        if not self.present(field):
            if required:
                self.fail(field, "field_required")
            return None
        value = self.body[field]
        if not isinstance(value, str):
            self.fail(field, "field_string")
            return None
        if required and not value.strip():
            self.fail(field, "field_required")
            return None
        if len(value) > max_len:
            self.fail(field, "field_max", max=max_len)
            return None
        return value

    def amount(self, field: str, *, required: bool = False) -> Decimal | None:
        if not self.present(field):
            if required:
                self.fail(field, "field_required")
            return None
        value = _number(self.body[field])
        if value is None:
            self.fail(field, "field_numeric")
            return None
        if value < 0:
            self.fail(field, "field_min0")
            return None
        return value

    def integer(self, field: str) -> int | None:
        if not self.present(field):
            return None
        value = _integer(self.body[field])
        if value is None:
            self.fail(field, "field_integer")
            return None
        if value < 0:
            self.fail(field, "field_min0")
            return None
        return value


def parse_transaction(body: Any, locale: str) -> TransactionRequest:
    """Validate a transactions/create body; raise a 422 with a map of field errors."""
    if not isinstance(body, dict):
        raise SandboxError(
            422,
            text("invalid_data", locale),
            code=422,
            errors={"body": [text("field_object", locale, field="body")]},
        )
    check = _Checker(body, locale)
    order_id = check.string("order_id", required=True)
    order_total = check.amount("order_total", required=True)
    user_id = check.integer("user_id")
    loyalty_card_id = check.integer("loyalty_card_id")
    user_email = check.string("user_email")
    if user_email is not None and not _EMAIL.match(user_email):
        check.fail("user_email", "field_email")
    if not any(check.present(f) for f in ("user_id", "user_email", "loyalty_card_id")):
        check.errors.setdefault("user_id", []).append(text("customer_required", locale))
    currency = check.string("currency", max_len=3)
    if currency is not None and not _CURRENCY.match(currency):
        check.fail("currency", "field_currency")
    description = check.string("description", max_len=1000)
    shop_id = check.integer("shop_id")
    points_redeemed = check.integer("points_redeemed")
    discount = check.amount("points_discount_amount")
    cart_items = body.get("cart_items")
    if cart_items is not None and not isinstance(cart_items, list):
        check.fail("cart_items", "field_array")
    meta_data = body.get("meta_data")
    if meta_data is not None and not isinstance(meta_data, dict):
        check.fail("meta_data", "field_object")
    if check.errors or order_id is None or order_total is None:
        raise SandboxError(422, text("invalid_data", locale), code=422, errors=check.errors)
    return TransactionRequest(
        order_id=order_id,
        order_total=order_total,
        user_id=user_id,
        user_email=user_email,
        loyalty_card_id=loyalty_card_id,
        currency=currency or "EUR",
        description=description,
        shop_id=shop_id,
        points_redeemed=points_redeemed or 0,
        points_discount_amount=discount,
        cart_items=cart_items,
        meta_data=meta_data,
    )


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


def points_awarded(order_total: Decimal, discount: Decimal) -> int:
    """One point per full currency unit actually paid."""
    return max(0, math.floor(order_total - discount))
