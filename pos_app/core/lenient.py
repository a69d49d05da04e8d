"""How the till reads API values: numbers as text, 0/1 booleans, and bounds no real card passes."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Final

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

# Far above any balance a loyalty card reaches, far below what garbles the screen: a point
# figure past this is a broken or hostile answer, not a customer.
MAX_POINTS: Final = 10**12
MAX_COUNT: Final = 10**12
# Ids fit in a JavaScript number, as the API's own web clients need.
MAX_ID: Final = 2**53 - 1
# Money and rates: a billion in any currency, to at most 8 decimal places. Beyond that the
# redemption arithmetic would overflow or the amount could not be shown.
MAX_MONEY: Final = Decimal(10**9)
MAX_DECIMALS: Final = 8
# Text longer than this cannot be a number anybody meant.
_MAX_NUMBER_TEXT = 40

# The pydantic error type of a value that no card can have. Unlike a merely unusable optional
# field (read as missing), such a value makes the whole answer unreadable.
OUT_OF_REASON: Final = "out_of_reason"


class ApiModel(BaseModel):
    """An API answer's part: frozen, unknown fields ignored, validators built on first use."""

    # Building every model's validator at import took ~35 ms of the till's start-up, before
    # its window could show; `pos_app.core.models.build_validators()` builds them later.
    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)


def out_of_reason(what: str) -> PydanticCustomError:
    return PydanticCustomError(OUT_OF_REASON, "{what} is beyond any real card", {"what": what})


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
        text = value.strip()
        if len(text) > _MAX_NUMBER_TEXT:
            raise out_of_reason("a number this long")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {value[:20]!r}") from None
    else:
        raise ValueError("a number is required")
    if not result.is_finite():
        raise ValueError("a finite number is required")
    return result


def whole_number(value: Any) -> int:
    """An int from a JSON number or numeric text ("1250", "1250.00"); never from a boolean."""
    if isinstance(value, bool):
        raise ValueError("a whole number is required, not a boolean")
    if isinstance(value, int):
        return value
    number = to_decimal(value)
    if abs(number) > MAX_POINTS * 1000:
        raise out_of_reason("a number this large")
    if number != number.to_integral_value():
        raise ValueError("a whole number is required")
    return int(number)


def flag(value: Any) -> bool:
    """true/false, 0/1, or their text forms ("0", "1", "true", "false")."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("0", "1", "true", "false"):
        return value.strip().lower() in ("1", "true")
    raise ValueError("true or false is required")


def _bounded(low: int, high: int, what: str) -> BeforeValidator:
    def check(value: Any) -> int:
        number = whole_number(value)
        if not low <= number <= high:
            raise out_of_reason(what)
        return number

    return BeforeValidator(check)


def money(value: Any) -> Decimal:
    """An exact Decimal within MAX_MONEY and MAX_DECIMALS; other numbers are out of reason."""
    number = to_decimal(value)
    if abs(number) > MAX_MONEY:
        raise out_of_reason("an amount this large")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
        raise out_of_reason("an amount this finely divided")
    return number


def timestamp_text(value: Any) -> Any:
    """Timestamps arrive as ISO 8601 text; a bare number would slip through as epoch seconds."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, str) and not value.strip().lstrip("-").replace(".", "").isdigit():
        return value
    raise ValueError("an ISO 8601 timestamp is required")


def aware(value: datetime | None) -> datetime | None:
    """The API writes UTC with a trailing Z; a timestamp without an offset is taken as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _text(value: Any) -> Any:
    """Free text; a number where text was expected (an order id, a phone) is read as its digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def missing_when_unusable(default: Any = None) -> WrapValidator:
    """An optional field the till cannot use reads as missing (`default`), as the API asks.

    A value out of reason still fails: that answer is broken, not merely unusual.
    """

    def validate(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError as exc:
            if any(error["type"] == OUT_OF_REASON for error in exc.errors()):
                raise
            return default

    return WrapValidator(validate)


Points = Annotated[int, _bounded(0, MAX_POINTS, "a points balance")]
PointsChange = Annotated[int, _bounded(-MAX_POINTS, MAX_POINTS, "a points change")]
Count = Annotated[int, _bounded(0, MAX_COUNT, "a count")]
Id = Annotated[int, _bounded(0, MAX_ID, "an id")]
Flag = Annotated[bool, BeforeValidator(flag)]
Money = Annotated[Decimal, BeforeValidator(money)]
Text = Annotated[str, BeforeValidator(_text)]
Timestamp = Annotated[datetime, BeforeValidator(timestamp_text), AfterValidator(aware)]

# Optional fields: null or unusable read as missing; out-of-reason values still fail.
OptId = Annotated[Id | None, missing_when_unusable()]
OptText = Annotated[Text | None, missing_when_unusable()]
OptCount = Annotated[Count, missing_when_unusable(0)]
OptPoints = Annotated[Points | None, missing_when_unusable()]
OptMoney = Annotated[Money | None, missing_when_unusable()]
OptTimestamp = Annotated[Timestamp | None, missing_when_unusable()]
