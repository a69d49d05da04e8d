"""Laravel-style checks for request bodies and query strings: collect every error, then 422."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, NoReturn

from starlette.requests import Request

from pos_app.core.models import to_decimal
from pos_app.sandbox.messages import SandboxError, text

_INTEGER = re.compile(r"-?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TRUE = ("1", "true")
# What the API's database columns hold: money as DECIMAL(10,2), counts and ids as INT.
MAX_AMOUNT = Decimal("99999999.99")
MAX_INTEGER = 2**31 - 1
_FALSE = ("0", "false")


def as_integer(value: Any) -> int | None:
    """A JSON integer or a string of digits as int; anything else (booleans too) None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    return None


def invalid(locale: str, errors: dict[str, list[str]], message: str | None = None) -> SandboxError:
    """The 422 the API answers for field errors (the map shape of `errors`)."""
    return SandboxError(422, message or text("invalid_data", locale), code=422, errors=errors)


class Fields:
    """Reads fields from a JSON body or a query string, recording Laravel-style messages.

    A field is absent when missing, null, or (in a query string) empty. Each reader returns
    the converted value, or None when the field is absent or wrong (the error is recorded).
    """

    def __init__(self, values: Mapping[str, Any], locale: str, *, query: bool = False) -> None:
        if query:
            values = {k: v for k, v in values.items() if v != ""}
        self.values = values
        self.locale = locale
        self.errors: dict[str, list[str]] = {}

    def fail(self, field: str, key: str, **values: Any) -> None:
        label = field.replace("_", " ")
        self.errors.setdefault(field, []).append(text(key, self.locale, field=label, **values))

    def fail_text(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def present(self, field: str) -> bool:
        return self.values.get(field) is not None

    def string(self, field: str, *, required: bool = False, max_len: int = 255) -> str | None:
        if not self.present(field):
            if required:
                self.fail(field, "field_required")
            return None
        value = self.values[field]
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

    def amount(
        self, field: str, *, required: bool = False, maximum: Decimal = MAX_AMOUNT
    ) -> Decimal | None:
        """A number from 0 to `maximum` (JSON number or numeric string) as a Decimal."""
        if not self.present(field):
            if required:
                self.fail(field, "field_required")
            return None
        try:
            value = to_decimal(self.values[field])
        except ValueError:
            self.fail(field, "field_numeric")
            return None
        if value < 0:
            self.fail(field, "field_min0")
            return None
        if value > maximum:
            self.fail(field, "field_max_value", max=maximum)
            return None
        return value

    def integer(
        self,
        field: str,
        *,
        required: bool = False,
        minimum: int = 0,
        maximum: int = MAX_INTEGER,
    ) -> int | None:
        if not self.present(field):
            if required:
                self.fail(field, "field_required")
            return None
        value = as_integer(self.values[field])
        if value is None:
            self.fail(field, "field_integer")
            return None
        if value < minimum:
            self.fail(field, "field_min0" if minimum == 0 else "field_min", min=minimum)
            return None
        if value > maximum:
            self.fail(field, "field_max_value", max=maximum)
            return None
        return value

    def boolean(self, field: str) -> bool | None:
        """true/false, 1/0 (JSON or text), as Laravel's `boolean` rule reads them."""
        if not self.present(field):
            return None
        value = self.values[field]
        if isinstance(value, bool):
            return value
        lowered = str(value).strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        self.fail(field, "field_boolean")
        return None

    def day(self, field: str) -> date | None:
        """A calendar date written YYYY-MM-DD."""
        if not self.present(field):
            return None
        value = self.values[field]
        if isinstance(value, str) and _DATE.fullmatch(value.strip()):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(field, "field_date")
        return None

    def email(self, field: str) -> str | None:
        value = self.string(field)
        if value is not None and not EMAIL.match(value):
            self.fail(field, "field_email")
            return None
        return value

    def check(self) -> None:
        """Raise the 422 when any field was wrong."""
        if self.errors:
            raise invalid(self.locale, self.errors)

    def refuse(self) -> NoReturn:
        raise invalid(self.locale, self.errors)


async def json_body(request: Request, locale: str) -> dict[str, Any]:
    """The JSON object body ({} when empty); 400 when unreadable, 422 when not an object."""
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError):
        raise SandboxError(400, text("malformed_json", locale), code=400) from None
    if not isinstance(body, dict):
        raise invalid(locale, {"body": [text("field_object", locale, field="body")]})
    return body
