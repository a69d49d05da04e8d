"""Loyalty.lt domain models: what the Shop API says about cards, sales and QR sessions."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, field_validator

StrictInt = Annotated[int, Strict()]
StrictBool = Annotated[bool, Strict()]
NonNegativeInt = Annotated[int, Strict(), Field(ge=0)]


def to_decimal(value: Any) -> Decimal:
    """Money and rates arrive as JSON numbers (parsed to Decimal) or numeric strings."""
    if isinstance(value, bool):
        raise ValueError("a number is required, not a boolean")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        # repr() is the shortest text that round-trips: 0.29 stays 0.29, not 0.28999…
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value[:20]!r}") from None
    else:
        raise ValueError("a number is required")
    if not result.is_finite():
        raise ValueError("a finite number is required")
    return result


Money = Annotated[Decimal, BeforeValidator(to_decimal)]


def _aware(value: datetime | None) -> datetime | None:
    """The API writes UTC with a trailing Z; a timestamp without an offset is taken as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _timestamp_text(value: Any) -> Any:
    """Timestamps arrive as ISO 8601 text; a bare number would slip through as epoch seconds."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str) and not value.strip().lstrip("-").replace(".", "").isdigit():
        return value
    raise ValueError("an ISO 8601 timestamp is required")


class _ApiModel(BaseModel):
    # Validators are built on first use or by `build_validators()`: building all of them at
    # import took ~35 ms of the till's start-up, before its window could show.
    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)


class Redemption(_ApiModel):
    """How a card's points turn into money at this partner."""

    enabled: StrictBool
    points_per_currency: Money
    currency_amount: Money
    min_points: NonNegativeInt = 0
    max_points: NonNegativeInt | None = None


class CardUser(_ApiModel):
    """The card's owner; any field may be missing."""

    id: StrictInt | None = None
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class Partner(_ApiModel):
    """The shop chain the card belongs to."""

    id: StrictInt | None = None
    name: str | None = None
    logo: str | None = None


class CardInfo(_ApiModel):
    """`data` of GET /{locale}/shop/loyalty-cards/info, with the API's own field names."""

    id: StrictInt
    card_number: str = Field(min_length=1)
    card_name: str = ""
    card_type: str = ""
    points: NonNegativeInt
    is_active: StrictBool
    transactions_count: NonNegativeInt = 0
    last_used_at: datetime | None = None
    redemption: Redemption | None = None
    user: CardUser | None = None
    partner: Partner | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    _aware_times = field_validator("last_used_at", "created_at", "updated_at")(_aware)
    _text_times = field_validator("last_used_at", "created_at", "updated_at", mode="before")(
        _timestamp_text
    )

    @field_validator("card_name", "card_type", mode="before")
    @classmethod
    def _null_is_empty(cls, value: Any) -> Any:
        return "" if value is None else value


class TransactionResult(_ApiModel):
    """`data` of POST /{locale}/shop/transactions/create."""

    transaction_id: StrictInt | str
    points_awarded: Annotated[int, Strict()]
    points_balance: NonNegativeInt
    loyalty_card_id: StrictInt | None = None
    card_number: str | None = None
    user_id: StrictInt | None = None
    order_total: Money | None = None
    currency: str | None = None


class QrSession(_ApiModel):
    """`data` of POST /{locale}/shop/qr-card/generate: a session the customer's phone can join."""

    session_id: str = Field(min_length=1)
    qr_code: str = Field(min_length=1)
    expires_at: datetime | None = None
    ably_channel: str | None = None
    partner_id: StrictInt | None = None
    partner_name: str | None = None
    shop_id: StrictInt | None = None

    _aware_times = field_validator("expires_at")(_aware)
    _text_times = field_validator("expires_at", mode="before")(_timestamp_text)


class QrCardData(_ApiModel):
    """The card a phone shared with a QR Card Scan session."""

    loyalty_card_id: StrictInt
    card_number: str | None = None
    points: NonNegativeInt | None = None
    user: CardUser | None = None
    redemption: Redemption | None = None
    scanned_at: datetime | None = None

    _aware_times = field_validator("scanned_at")(_aware)
    _text_times = field_validator("scanned_at", mode="before")(_timestamp_text)


class QrStatus(_ApiModel):
    """`data` of GET /{locale}/shop/qr-card/status/{session_id}."""

    status: str
    card_data: QrCardData | None = None

    @property
    def is_done(self) -> bool:
        """Some pages say `authenticated`, others `completed`: both mean the phone scanned."""
        return self.status in ("authenticated", "completed") and self.card_data is not None


API_MODELS: tuple[type[BaseModel], ...] = (
    Redemption,
    CardInfo,
    TransactionResult,
    QrSession,
    QrCardData,
    QrStatus,
)


def build_validators() -> None:
    """Build the validators `defer_build` postponed (the till calls this once its window shows)."""
    for model in API_MODELS:
        if not model.__pydantic_complete__:
            model.model_rebuild()
