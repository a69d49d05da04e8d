"""Loyalty.lt domain models: what the Shop API says about cards, sales and QR sessions.

Read leniently, as the API asks: numbers may come as text, booleans as 0/1, optional fields
as null or in a form the till cannot use (then they read as missing). Only a missing or
unusable required field, or a number no real card can have, makes an answer unreadable.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from pydantic import BaseModel, BeforeValidator, Field, field_validator

from pos_app.core.lenient import (
    MAX_COUNT,
    MAX_DECIMALS,
    MAX_ID,
    MAX_MONEY,
    MAX_POINTS,
    OUT_OF_REASON,
    ApiModel,
    Count,
    Flag,
    Id,
    Money,
    OptCount,
    OptId,
    OptMoney,
    OptPoints,
    OptText,
    OptTimestamp,
    Points,
    PointsChange,
    Text,
    missing_when_unusable,
    to_decimal,
)

__all__ = [
    "API_MODELS",
    "MAX_COUNT",
    "MAX_DECIMALS",
    "MAX_ID",
    "MAX_MONEY",
    "MAX_POINTS",
    "OUT_OF_REASON",
    "QR_STATUSES",
    "ApiModel",
    "Balance",
    "CardInfo",
    "CardUser",
    "Money",
    "Page",
    "Partner",
    "QrCardData",
    "QrSession",
    "QrStatus",
    "Redemption",
    "Shop",
    "Transaction",
    "TransactionCard",
    "TransactionResult",
    "TransactionShop",
    "TransactionUser",
    "build_validators",
    "to_decimal",
]


def _null_is_zero(value: Any) -> Any:
    return 0 if value is None else value


class Redemption(ApiModel):
    """How a card's points turn into money at this partner.

    A null `min_points` means no minimum; a null `max_points` means no cap (the balance
    still caps).
    """

    enabled: Flag
    points_per_currency: Money
    currency_amount: Money
    min_points: Annotated[Count, BeforeValidator(_null_is_zero)] = 0
    max_points: Count | None = None


class CardUser(ApiModel):
    """The card's owner; any field may be missing."""

    id: OptId = None
    name: OptText = None
    email: OptText = None
    phone: OptText = None


class Partner(ApiModel):
    """The shop chain the card belongs to."""

    id: OptId = None
    name: OptText = None
    logo: OptText = None


def _empty_when_missing(value: Any) -> Any:
    return "" if value is None else value


OptRedemption = Annotated[Redemption | None, missing_when_unusable()]
OptUser = Annotated[CardUser | None, missing_when_unusable()]
OptPartner = Annotated[Partner | None, missing_when_unusable()]
Label = Annotated[str, BeforeValidator(_empty_when_missing), missing_when_unusable("")]
CardNumber = Annotated[Text, Field(min_length=1, max_length=64)]


class CardInfo(ApiModel):
    """`data` of GET /{locale}/shop/loyalty-cards/info, with the API's own field names."""

    id: Id
    card_number: CardNumber
    card_name: Label = ""
    card_type: Label = ""
    points: Points
    is_active: Flag
    transactions_count: OptCount = 0
    last_used_at: OptTimestamp = None
    redemption: OptRedemption = None
    user: OptUser = None
    partner: OptPartner = None
    created_at: OptTimestamp = None
    updated_at: OptTimestamp = None


class TransactionResult(ApiModel):
    """`data` of POST /{locale}/shop/transactions/create."""

    transaction_id: Id | Annotated[str, Field(min_length=1, max_length=128)]
    points_awarded: PointsChange
    points_balance: Points
    loyalty_card_id: OptId = None
    card_number: OptText = None
    user_id: OptId = None
    order_total: OptMoney = None
    currency: OptText = None


class QrSession(ApiModel):
    """`data` of POST /{locale}/shop/qr-card/generate: a session the customer's phone can join."""

    session_id: Annotated[str, Field(min_length=1)]
    qr_code: Annotated[str, Field(min_length=1)]
    expires_at: OptTimestamp = None
    ably_channel: OptText = None
    partner_id: OptId = None
    partner_name: OptText = None
    shop_id: OptId = None


class QrCardData(ApiModel):
    """The card a phone shared with a QR Card Scan session."""

    loyalty_card_id: Id
    card_number: OptText = None
    points: OptPoints = None
    user: OptUser = None
    redemption: OptRedemption = None
    scanned_at: OptTimestamp = None


# What `QrStatus.status` can be, whatever word the server used.
QR_STATUSES: Final = ("pending", "authenticated", "expired")
_QR_WORDS: Final = {
    "pending": "pending",
    "waiting": "pending",
    "created": "pending",
    "authenticated": "authenticated",
    "completed": "authenticated",
    "expired": "expired",
    "cancelled": "expired",
    "canceled": "expired",
    "closed": "expired",
    "used": "expired",
    "failed": "expired",
}


class QrStatus(ApiModel):
    """`data` of GET /{locale}/shop/qr-card/status/{session_id}.

    `status` is one of QR_STATUSES: some pages say `completed` for `authenticated`, and a
    session that ended in any documented way reads as `expired`. An unknown word reads as
    `pending` (the session's own expiry time still ends it).
    """

    status: str
    card_data: QrCardData | None = None

    @field_validator("status", mode="before")
    @classmethod
    def _one_of_three(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _QR_WORDS.get(value.strip().lower(), "pending")
        return value

    @property
    def is_done(self) -> bool:
        """The phone scanned and shared its card."""
        return self.status == "authenticated" and self.card_data is not None

    @property
    def is_expired(self) -> bool:
        return self.status == "expired"

    @classmethod
    def expired(cls) -> QrStatus:
        """What an ended session reads as, however the server said so."""
        return cls(status="expired")


# Lists and the lighter calls live beside these; imported here so this stays the one place
# (and `pos_app.models` the one public path) for every API model.
from pos_app.core.shop_models import (  # noqa: E402
    Balance,
    Page,
    Shop,
    Transaction,
    TransactionCard,
    TransactionShop,
    TransactionUser,
)

API_MODELS: tuple[type[BaseModel], ...] = (
    Redemption,
    CardInfo,
    TransactionResult,
    QrSession,
    QrCardData,
    QrStatus,
    Balance,
    Shop,
    Transaction,
)


def build_validators() -> None:
    """Build the validators `defer_build` postponed (the till calls this once its window shows)."""
    for model in API_MODELS:
        if not model.__pydantic_complete__:
            model.model_rebuild()
