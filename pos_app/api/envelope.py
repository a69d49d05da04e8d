"""The Loyalty.lt response envelope: decode a body, or turn it into the right ApiError."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import pydantic

from pos_app.api.errors import (
    ApiError,
    AuthError,
    ConflictError,
    InvalidResponseError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
)

_CODE_CLASSES: dict[str, type[ApiError]] = {
    "INVALID_CREDENTIALS": AuthError,
    "UNAUTHENTICATED": AuthError,
    "UNAUTHORIZED": AuthError,
    "FORBIDDEN": AuthError,
    "NOT_FOUND": NotFoundError,
    "RESOURCE_NOT_FOUND": NotFoundError,
    "RESOURCE_EXPIRED": NotFoundError,
    "VALIDATION_ERROR": ValidationError,
    "RESOURCE_ALREADY_EXISTS": ConflictError,
    "DUPLICATE": ConflictError,
    "RATE_LIMIT_EXCEEDED": RateLimitError,
}

_STATUS_CLASSES: dict[int, type[ApiError]] = {
    400: ValidationError,
    401: AuthError,
    403: AuthError,
    404: NotFoundError,
    409: ConflictError,
    410: NotFoundError,
    422: ValidationError,
    429: RateLimitError,
}

SESSION_EXPIRED = "The QR session has expired. Start a new one."

_CHECK_SETTINGS = "Check the API key and secret in Settings."
# 400 with one of these numeric codes: the credentials are wrong, not the request.
CREDENTIAL_CODES: dict[int, str] = {
    1010: "The API key or secret did not reach the loyalty service.",
    1011: "The loyalty service says this API key is not in the right form (it starts with lty_).",
    1012: "The loyalty service does not know this API key.",
    1013: "The loyalty service did not accept this API secret.",
    1014: "The loyalty service says this API key and secret have expired.",
}

_MESSAGES: dict[str, str] = {
    "RESOURCE_EXPIRED": SESSION_EXPIRED,
    "403": "This till is not allowed to do that (access denied). Ask a manager to check "
    "the shop's API settings.",
}


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def parse_json(body: bytes) -> Any:
    """JSON with every fraction as an exact Decimal; NaN and Infinity are refused."""
    return json.loads(body, parse_float=Decimal, parse_constant=_reject_constant)


@dataclass(frozen=True, slots=True)
class Answer:
    """A successful envelope's `data`, `request_id`, and `meta` (pagination) when present."""

    data: Any
    request_id: str | None
    meta: Any = None


def decode(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    scrub: Callable[[str], str] = str,
    messages: Mapping[str, str] | None = None,
) -> Answer:
    """The envelope's data for a 2xx success, else raise the matching ApiError.

    `scrub` cleans any text taken from the server (the secret must never be echoed);
    `messages` overrides the cashier text by API code or HTTP status (as a string),
    e.g. {"404": "No loyalty card has that number."}.
    """
    headers = {name.lower(): value for name, value in headers.items()}
    header_id = headers.get("x-request-id") or None
    try:
        envelope = parse_json(body) if body.strip() else None
    except (ValueError, RecursionError):
        envelope = None
    if not isinstance(envelope, dict) or not isinstance(envelope.get("success"), bool):
        raise _not_an_envelope(status, headers, header_id)

    request_id = _text(envelope.get("request_id"), scrub) or header_id
    if envelope["success"] and 200 <= status < 300:
        if "data" not in envelope:
            raise InvalidResponseError(request_id=request_id, status=status)
        return Answer(envelope["data"], request_id, envelope.get("meta"))
    if envelope["success"]:
        # "success": true on an error status is not the documented envelope.
        raise _not_an_envelope(status, headers, request_id)
    raise _error_from_envelope(status, headers, envelope, request_id, scrub, messages or {})


def _error_from_envelope(
    status: int,
    headers: Mapping[str, str],
    envelope: dict[str, Any],
    request_id: str | None,
    scrub: Callable[[str], str],
    messages: Mapping[str, str],
) -> ApiError:
    raw_code = envelope.get("code")
    code: str | None = None
    body_status: int | None = None
    if isinstance(raw_code, int) and not isinstance(raw_code, bool):
        body_status = raw_code
    elif isinstance(raw_code, str) and raw_code.strip():
        if raw_code.strip().isdigit():
            body_status = int(raw_code.strip())
        else:
            code = raw_code.strip().upper()
    # A 200 carrying "success": false takes its status from the body's numeric code.
    effective = status if status >= 300 else (body_status or 0)
    if body_status in CREDENTIAL_CODES:
        return AuthError(
            f"{CREDENTIAL_CODES[body_status]} {_CHECK_SETTINGS}",
            status=status if status >= 300 else 400,
            code=str(body_status),
            request_id=request_id,
            server_message=_shown_text(envelope.get("message"), scrub),
        )

    cls = _CODE_CLASSES.get(code or "") or _class_for_status(effective)
    texts = {**_MESSAGES, **messages}
    text = texts.get(code or "") or texts.get(str(effective))
    common: dict[str, Any] = {
        "status": status if status >= 300 else body_status,
        "code": code,
        "request_id": request_id,
        "server_message": _shown_text(envelope.get("message"), scrub),
    }
    if cls is RateLimitError:
        wait = rate_limit_wait(headers)
        if wait is None:
            wait = _seconds(envelope.get("retry_after"))
        return RateLimitError(text, retry_after=wait, **common)
    if cls is ValidationError:
        errors = field_errors(envelope.get("errors"), scrub)
        return ValidationError(text or _validation_text(errors), field_errors=errors, **common)
    return cls(text, **common)


def _class_for_status(status: int) -> type[ApiError]:
    if status in _STATUS_CLASSES:
        return _STATUS_CLASSES[status]
    if status >= 500:
        return ServerError
    if 400 <= status < 500:
        return ValidationError
    return ServerError


def _not_an_envelope(status: int, headers: Mapping[str, str], request_id: str | None) -> ApiError:
    """A proxy's HTML or empty page: classify by status, never show the page."""
    if status >= 500:
        return ServerError(
            "The loyalty service is temporarily unavailable "
            f"(HTTP {status}). Please try again in a moment.",
            status=status,
            request_id=request_id,
        )
    if status == 429:
        return RateLimitError(
            retry_after=rate_limit_wait(headers), status=status, request_id=request_id
        )
    if status in (401, 403):
        return AuthError(status=status, request_id=request_id, message=_MESSAGES.get(str(status)))
    if 300 <= status < 400:
        return InvalidResponseError(
            f"The loyalty service redirected the till (HTTP {status}). "
            "Check the API address in Settings.",
            status=status,
            request_id=request_id,
        )
    return InvalidResponseError(status=status, request_id=request_id)


def field_errors(errors: Any, scrub: Callable[[str], str] = str) -> dict[str, list[str]]:
    """Both documented shapes as {field: [message, ...]}; anything else is ignored."""
    result: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for field, found in errors.items():
            texts = found if isinstance(found, list) else [found]
            result[str(field)] = [scrub(t) for t in texts if isinstance(t, str)]
    elif isinstance(errors, list):
        for item in errors:
            if isinstance(item, dict):
                field = item.get("field")
                message = item.get("message")
                key = field if isinstance(field, str) else ""
                entry = result.setdefault(key, [])
                if isinstance(message, str):
                    entry.append(scrub(message))
    return result


# Field names the cashier may be shown: what an API field is called, never markup or a page.
_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,39}")
_MAX_NAMED_FIELDS = 5


def _validation_text(errors: dict[str, list[str]]) -> str:
    named = sorted(f for f in errors if _FIELD_NAME.fullmatch(f))
    fields = ", ".join(named[:_MAX_NAMED_FIELDS])
    if fields:
        return f"The loyalty service did not accept the request (check: {fields})."
    return ValidationError.default_message


def _seconds(value: Any) -> float | None:
    """A body's own `retry_after`, used only when the Retry-After header is missing."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool) and value >= 0:
        return float(value) if math.isfinite(value) else None
    return None


def _text(value: Any, scrub: Callable[[str], str]) -> str | None:
    return scrub(value) if isinstance(value, str) and value else None


# The UI puts the server's own words in brackets after its sentence; a page is not a sentence.
MAX_SERVER_MESSAGE = 200


def _shown_text(value: Any, scrub: Callable[[str], str]) -> str | None:
    """The server's message as one line of at most MAX_SERVER_MESSAGE characters."""
    text = _text(value, scrub)
    if text is None:
        return None
    text = " ".join(text.split())
    if len(text) > MAX_SERVER_MESSAGE:
        text = text[: MAX_SERVER_MESSAGE - 1].rstrip() + "…"
    return text or None


def parse_retry_after(
    headers: Mapping[str, str], now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None when absent/bad."""
    raw = next((v for k, v in headers.items() if k.lower() == "retry-after"), "").strip()
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        try:
            when = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - now()).total_seconds()
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def _header(headers: Mapping[str, str], name: str) -> str:
    return next((v for k, v in headers.items() if k.lower() == name), "").strip()


# An X-RateLimit-Reset below this is a number of seconds, not a Unix time (some servers
# send the one, some the other).
_EPOCH_FLOOR = 1_000_000_000


def parse_reset(headers: Mapping[str, str], wall: Callable[[], float]) -> float | None:
    """X-RateLimit-Reset as seconds from now (a Unix time, or plain seconds); None when absent."""
    raw = _header(headers, "x-ratelimit-reset")
    try:
        value = float(raw)
    except ValueError:
        return None
    if not math.isfinite(value) or value < 0:
        return None
    seconds = value - wall() if value >= _EPOCH_FLOOR else value
    # A reset more than a day away is a clock gone wrong, not a rate limit.
    return min(max(0.0, seconds), 86_400.0)


def rate_limit_wait(
    headers: Mapping[str, str],
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> float | None:
    """A 429's wait: Retry-After (seconds or an HTTP date), else X-RateLimit-Reset."""
    wait = parse_retry_after(headers, now)
    if wait is None:
        wait = parse_reset(headers, lambda: now().timestamp())
    return wait


ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)
UNREADABLE = "The loyalty service sent an answer the till does not understand"


def read_model(model: type[ModelT], data: Any, request_id: str | None) -> ModelT:
    """`data` as `model`, or InvalidResponseError naming (up to five of) the unusable fields."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        where = sorted({".".join(str(p) for p in e["loc"]) or "data" for e in exc.errors()})
        raise InvalidResponseError(
            f"{UNREADABLE} (bad or missing: {', '.join(where[:5])}).",
            request_id=request_id,
        ) from None
