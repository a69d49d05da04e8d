"""The lighter Shop API answers: a card's balance, the partner's shops and transactions, pages."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, Field

from pos_app.core.lenient import (
    ApiModel,
    Flag,
    Id,
    OptCount,
    OptId,
    OptMoney,
    OptText,
    OptTimestamp,
    Points,
    PointsChange,
    missing_when_unusable,
)

ItemT = TypeVar("ItemT", bound=BaseModel)


class Balance(ApiModel):
    """`data` of GET /{locale}/shop/loyalty-cards/balance: the points alone."""

    card_id: Id
    card_number: OptText = None
    points: Points


class Shop(ApiModel):
    """One of the partner's shops; a till belongs to one (`shop_id` on sales and QR sessions)."""

    id: Id
    name: Annotated[str, Field(max_length=200)]
    address: OptText = None
    city: OptText = None
    phone: OptText = None
    working_hours: Annotated[Any, missing_when_unusable()] = None
    is_active: Annotated[Flag, missing_when_unusable(True)] = True


class TransactionUser(ApiModel):
    """The customer of a history entry; any field may be missing."""

    id: OptId = None
    name: OptText = None
    email: OptText = None


class TransactionCard(ApiModel):
    """The card a history entry was made with."""

    id: OptId = None
    name: OptText = None
    number: OptText = None


class TransactionShop(ApiModel):
    """Where a history entry was made; none for the partner's web shop."""

    id: OptId = None
    name: OptText = None


class Transaction(ApiModel):
    """One entry of the partner's transactions list, from any till or web shop.

    `points` is negative for deductions; `reference_number` is the sale's `order_id`.
    """

    id: Id | Annotated[str, Field(min_length=1, max_length=128)]
    type: OptText = None
    points: PointsChange
    amount: OptMoney = None
    currency: OptText = None
    description: OptText = None
    reference_number: OptText = None
    status: OptText = None
    user: Annotated[TransactionUser | None, missing_when_unusable()] = None
    loyalty_card: Annotated[TransactionCard | None, missing_when_unusable()] = None
    shop: Annotated[TransactionShop | None, missing_when_unusable()] = None
    metadata: Annotated[dict[str, Any] | None, missing_when_unusable()] = None
    transaction_date: OptTimestamp = None
    created_at: OptTimestamp = None


class Page(BaseModel, Generic[ItemT]):
    """One page of a list answer: its items and the `meta` pagination beside them."""

    model_config = {"frozen": True}

    items: tuple[ItemT, ...]
    current_page: OptCount = 1
    last_page: OptCount = 1
    per_page: OptCount = 0
    total: OptCount = 0

    @property
    def has_more(self) -> bool:
        """Another page follows this one."""
        return self.current_page < self.last_page
