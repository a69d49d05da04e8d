"""Stamp-card games and coupons as the Shop API describes them: typed, leniently read, no Qt."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from pos_app.core.lenient import (
    MAX_ID,
    Points,
    aware,
    flag,
    money,
    timestamp_text,
    whole_number,
)

# Far above anything a shop configures, far below what a garbled answer can hold (a stamp
# row of that many stamps could not be drawn).
MAX_STAMPS = 10_000


def _timestamp(value: Any) -> Any:
    """ISO 8601 text; empty text is no time (the API's leniency), a bare number is refused."""
    checked = timestamp_text(value)
    if isinstance(checked, str):
        return datetime.fromisoformat(checked.strip().replace("Z", "+00:00"))
    return checked


# The reading rules are the till's one set (`pos_app.core.lenient`); only the bounds are ours.
Id = Annotated[int, BeforeValidator(whole_number), Field(ge=0, le=MAX_ID)]
Count = Annotated[int, BeforeValidator(whole_number), Field(ge=0, le=MAX_STAMPS)]
Flag = Annotated[bool, BeforeValidator(flag)]
Amount = Annotated[Decimal, BeforeValidator(money), Field(ge=0)]
Moment = Annotated[datetime | None, BeforeValidator(_timestamp), AfterValidator(aware)]


def _null_is_false(value: Any) -> Any:
    return False if value is None else value


# Before-validators run last-first: null becomes False before the flag is read.
OptionalFlag = Annotated[bool, BeforeValidator(flag), BeforeValidator(_null_is_false)]


def plain_text(value: Any) -> str:
    """Server text that may come as a string, a number, a {lt, en} map or a small object."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | Decimal | float):
        return str(value)
    if isinstance(value, dict):
        for key in ("en", "lt", "text", "title", "name", "product_name", "description", "value"):
            if key in value:
                found = plain_text(value[key])
                if found:
                    return found
        return ", ".join(t for t in (plain_text(v) for v in value.values()) if t)
    if isinstance(value, list):
        return ", ".join(t for t in (plain_text(v) for v in value) if t)
    return ""


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)


class LocalizedText(_Model):
    """A name the API gives per language (`{"lt": ..., "en": ...}`) or as one string."""

    lt: str = ""
    en: str = ""

    @classmethod
    def of(cls, value: Any) -> LocalizedText:
        if isinstance(value, LocalizedText):
            return value
        if isinstance(value, dict):
            return cls(lt=plain_text(value.get("lt")), en=plain_text(value.get("en")))
        text = plain_text(value)
        return cls(lt=text, en=text)

    def text(self, locale: str) -> str:
        """The name in `locale`, else in the other language."""
        first, second = (self.lt, self.en) if locale == "lt" else (self.en, self.lt)
        return first or second


def _localized(value: Any) -> LocalizedText:
    return LocalizedText.of(value)


Localized = Annotated[LocalizedText, BeforeValidator(_localized)]


class GameProgress(_Model):
    """How far this card is in one game: `current_step` stamps so far."""

    current_step: Count = 0
    completed: OptionalFlag = False
    completed_at: Moment = None
    history: list[Any] = Field(default_factory=list)

    @field_validator("history", mode="before")
    @classmethod
    def _history_list(cls, value: Any) -> Any:
        return value if isinstance(value, list) else []


class StampSettings(_Model):
    """A stamp game's rules: how many stamps, what the reward is."""

    stamps_required: Count | None = None
    reward_type: str | None = None
    stamp_icon: str | None = None


_ENDED = frozenset({"inactive", "disabled", "ended", "expired", "archived"})


class CardGame(_Model):
    """One item of GET cards/{card_id}/games: a stamp card (or other game) on this card."""

    id: Id
    name: Localized = LocalizedText()
    game_type: str = ""
    is_active: OptionalFlag = True
    status: str | None = None
    stamps_required: Count | None = None
    user_progress: GameProgress | None = None
    stamp_settings: StampSettings | None = None

    @field_validator("is_active", mode="before")
    @classmethod
    def _missing_is_active(cls, value: Any) -> Any:
        return True if value is None else value

    @property
    def required(self) -> int:
        """Stamps that complete the game (0 when the answer does not say)."""
        if self.stamps_required:
            return self.stamps_required
        if self.stamp_settings is not None and self.stamp_settings.stamps_required:
            return self.stamp_settings.stamps_required
        return 0

    @property
    def current(self) -> int:
        return self.user_progress.current_step if self.user_progress is not None else 0

    @property
    def completed(self) -> bool:
        if (self.status or "").lower() == "completed":
            return True
        return self.user_progress is not None and self.user_progress.completed

    @property
    def is_stamp_card(self) -> bool:
        """A stamp game (started or not) that is running."""
        ended = (self.status or "").lower() in _ENDED
        return self.game_type in ("", "stamps") and self.is_active and not ended

    @property
    def takes_stamps(self) -> bool:
        """A running stamp game this card has not completed: a sale can add stamps to it."""
        return self.is_stamp_card and not self.completed and self.required > 0


class RewardCoupon(_Model):
    """`reward_generated` of add-stamps: the coupon a completed game just created."""

    type: str = "coupon"
    coupon_code: str = Field(min_length=1, max_length=64)
    reward_type: str | None = None
    product_name: str = ""
    expires_at: Moment = None

    @field_validator("product_name", mode="before")
    @classmethod
    def _product_text(cls, value: Any) -> Any:
        return plain_text(value)


class StampResult(_Model):
    """`data` of POST games/{game_id}/add-stamps."""

    current_step: Count
    stamps_required: Count | None = None
    is_completed: OptionalFlag = False
    was_already_completed: OptionalFlag = False
    remaining: Count | None = None
    reward_generated: RewardCoupon | None = None

    @field_validator("reward_generated", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return value or None


class CouponOffer(_Model):
    """What a coupon gives: the offer's title and reward, in the server's words."""

    id: Id | None = None
    title: Localized = LocalizedText()
    description: Localized = LocalizedText()
    reward_details: Localized = LocalizedText()
    discount_type: str | None = None
    reward_type: str | None = None
    original_price: Amount | None = None


class CouponProduct(_Model):
    """A product a coupon may be redeemed for (`requires_product_selection`)."""

    id: Id
    name: str = ""

    @field_validator("name", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return plain_text(value)


class CouponOwner(_Model):
    """Whose coupon it is; any field may be missing."""

    id: Id | None = None
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class Coupon(_Model):
    """A coupon as card-coupons and verify describe it."""

    id: Id
    code: str = Field(min_length=1, max_length=64)
    status: str = ""
    expiry_time: Moment = None
    offer: CouponOffer = CouponOffer()
    user: CouponOwner | None = None
    is_pending: OptionalFlag = False
    pending_shop_id: Id | None = None
    products: list[CouponProduct] = Field(default_factory=list)
    requires_product_selection: OptionalFlag = False

    @field_validator("offer", mode="before")
    @classmethod
    def _null_offer(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("products", mode="before")
    @classmethod
    def _null_products(cls, value: Any) -> Any:
        return [] if value is None else value

    def expired(self, now: datetime) -> bool:
        return self.status == "expired" or (
            self.expiry_time is not None and self.expiry_time <= now
        )

    @property
    def usable(self) -> bool:
        """Not used or expired by the server's own word (the expiry is checked separately)."""
        return self.status.lower() in ("", "active", "valid", "pending")


class CardCoupons(_Model):
    """`data` of GET coupons/card: the customer's coupons for this shop."""

    coupons: list[Coupon] = Field(default_factory=list)
    total_count: Count | None = None

    @field_validator("coupons", mode="before")
    @classmethod
    def _null_list(cls, value: Any) -> Any:
        return [] if value is None else value


class CouponCard(_Model):
    """The card a verified coupon belongs to."""

    id: Id | None = None
    card_number: str | None = None
    user_id: Id | None = None
    points_balance: Points | None = None


class CouponCheck(_Model):
    """`data` of POST coupons/verify: the coupon, its offer, whose it is and their card."""

    coupon: Coupon
    user: CouponOwner | None = None
    card: CouponCard | None = None

    @property
    def owner_name(self) -> str:
        for owner in (self.user, self.coupon.user):
            if owner is not None and (owner.name or owner.email):
                return owner.name or owner.email or ""
        return ""


class CouponRedemption(_Model):
    """`data` of POST coupons/redeem: the server's confirmation."""

    coupon_id: Id
    redeemed_at: Moment = None
    shop_id: Id | None = None


PROGRAM_MODELS: tuple[type[BaseModel], ...] = (
    CardGame,
    StampResult,
    Coupon,
    CardCoupons,
    CouponCheck,
    CouponRedemption,
)


def stamp_row(current: int, required: int, adding: int = 0) -> str:
    """Progress as stamps: ● earned, ◉ the ones this sale adds, ○ still to go."""
    required = max(required, 0)
    earned = min(max(current, 0), required)
    added = min(max(adding, 0), required - earned)
    return "●" * earned + "◉" * added + "○" * (required - earned - added)


__all__ = [
    "PROGRAM_MODELS",
    "CardCoupons",
    "CardGame",
    "Coupon",
    "CouponCard",
    "CouponCheck",
    "CouponOffer",
    "CouponOwner",
    "CouponProduct",
    "CouponRedemption",
    "GameProgress",
    "LocalizedText",
    "RewardCoupon",
    "StampResult",
    "StampSettings",
    "plain_text",
    "stamp_row",
]
