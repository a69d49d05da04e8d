"""Envelope decoding: both success shapes, both errors shapes, codes as int or string, proxies."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from pos_app.api import (
    ApiError,
    AuthError,
    ConflictError,
    InvalidResponseError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from pos_app.api.envelope import (
    decode,
    parse_json,
    parse_reset,
    parse_retry_after,
    rate_limit_wait,
)

HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


def _body(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _error(status: int, envelope: Any, headers: dict[str, str] | None = None) -> ApiError:
    with pytest.raises(ApiError) as raised:
        decode(
            status, headers or {}, _body(envelope) if not isinstance(envelope, bytes) else envelope
        )
    return raised.value


def test_full_and_bare_success_envelopes() -> None:
    full = decode(
        200,
        {},
        _body(
            {"success": True, "code": 200, "request_id": "r-1", "message": "ok", "data": {"a": 1}}
        ),
    )
    assert (full.data, full.request_id) == ({"a": 1}, "r-1")
    bare = decode(201, {"X-Request-Id": "h-2"}, b'{"success": true, "data": null}')
    assert (bare.data, bare.request_id) == (None, "h-2")


def test_money_is_decoded_as_exact_decimal() -> None:
    answer = decode(200, {}, b'{"success": true, "data": {"x": 0.29, "n": 3}}')
    assert answer.data == {"x": Decimal("0.29"), "n": 3}
    assert isinstance(answer.data["n"], int)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   ",
        HTML_502,
        b"[1, 2]",
        b'{"data": {}}',
        b'{"success": "true", "data": {}}',
        b'{"success": true}',
        b'{"success": true, "data": {"x": NaN}}',
        b'{"success": tr',
        b"\xff\xfe garbage",
    ],
)
def test_a_2xx_that_is_not_the_envelope_is_invalid(body: bytes) -> None:
    error = _error(200, body)
    assert type(error) is InvalidResponseError
    assert "<" not in error.message


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ValidationError),
        (401, AuthError),
        (403, AuthError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, ValidationError),
        (429, RateLimitError),
        (418, ValidationError),
        (500, ServerError),
        (503, ServerError),
    ],
)
@pytest.mark.parametrize("code_form", ["int", "str", "missing"])
def test_error_class_follows_the_http_status(
    status: int, cls: type[ApiError], code_form: str
) -> None:
    envelope: dict[str, Any] = {"success": False, "message": "Klaida"}
    if code_form == "int":
        envelope["code"] = status
    elif code_form == "str":
        envelope["code"] = str(status)
    error = _error(status, envelope)
    assert type(error) is cls
    assert (error.status, error.code, error.server_message) == (status, None, "Klaida")
    assert error.message
    assert error.message != "Klaida"


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        ("VALIDATION_ERROR", ValidationError),
        ("RESOURCE_ALREADY_EXISTS", ConflictError),
        ("RESOURCE_EXPIRED", NotFoundError),
        ("INVALID_CREDENTIALS", AuthError),
        ("RATE_LIMIT_EXCEEDED", RateLimitError),
    ],
)
def test_a_known_string_code_wins_over_a_generic_status(code: str, cls: type[ApiError]) -> None:
    error = _error(400, {"success": False, "code": code, "message": "x"})
    assert type(error) is cls
    assert error.code == code


def test_a_200_saying_success_false_is_an_error_by_its_body_code() -> None:
    error = _error(200, {"success": False, "code": 409, "message": "dup"})
    assert type(error) is ConflictError
    assert error.status == 409


def test_success_true_on_an_error_status_is_not_trusted() -> None:
    assert type(_error(500, {"success": True, "data": {}})) is ServerError
    assert type(_error(404, {"success": True, "data": {}})) is InvalidResponseError


def test_errors_as_a_map() -> None:
    error = _error(
        422,
        {
            "success": False,
            "code": "VALIDATION_ERROR",
            "message": "Validation error",
            "errors": {"order_total": ["must be a number"], "order_id": "required"},
        },
    )
    assert isinstance(error, ValidationError)
    assert error.field_errors == {"order_total": ["must be a number"], "order_id": ["required"]}
    assert "order_id, order_total" in error.message


def test_errors_as_a_list() -> None:
    error = _error(
        400,
        {
            "success": False,
            "code": "VALIDATION_ERROR",
            "message": "Nepakanka taškų",
            "errors": [
                {"field": "points_redeemed", "message": "Nepakanka taškų", "code": "INSUFFICIENT"},
                {"message": "general"},
                "junk",
            ],
        },
    )
    assert isinstance(error, ValidationError)
    assert error.field_errors == {"points_redeemed": ["Nepakanka taškų"], "": ["general"]}
    assert error.server_message == "Nepakanka taškų"
    assert error.message.isascii()


@pytest.mark.parametrize("errors", [None, 42, "bad", {"f": [1, None]}])
def test_odd_errors_never_crash(errors: Any) -> None:
    error = _error(422, {"success": False, "errors": errors})
    assert isinstance(error, ValidationError)


@pytest.mark.parametrize(
    ("status", "body", "cls"),
    [
        (502, HTML_502, ServerError),
        (503, b"", ServerError),
        (504, b"Gateway Timeout", ServerError),
        (500, b'{"detail": "boom"}', ServerError),
        (401, b"<html>Unauthorized</html>", AuthError),
        (404, b"<html>Not Found</html>", InvalidResponseError),
        (301, b"", InvalidResponseError),
    ],
)
def test_proxy_pages_become_readable_errors(status: int, body: bytes, cls: type[ApiError]) -> None:
    error = _error(status, body)
    assert type(error) is cls
    assert error.status == status
    for raw in ("<", "nginx", "boom", "Gateway Timeout"):
        assert raw not in error.message
        assert raw not in str(error)


def test_proxy_429_keeps_its_retry_after() -> None:
    error = _error(429, b"<html>slow down</html>", {"Retry-After": "7"})
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 7.0


def test_messages_override_by_status_or_code() -> None:
    error = _error(404, {"success": False, "message": "Loyalty card not found"})
    assert error.message == NotFoundError.default_message
    with pytest.raises(NotFoundError, match="No card"):
        decode(404, {}, b'{"success": false}', messages={"404": "No card."})
    expired = _error(404, {"success": False, "code": "RESOURCE_EXPIRED"})
    assert "expired" in expired.message


def test_server_text_is_scrubbed() -> None:
    with pytest.raises(ValidationError) as raised:
        decode(
            422,
            {},
            b'{"success": false, "message": "bad s3cr3t", "errors": {"k": ["s3cr3t!"]}}',
            scrub=lambda text: text.replace("s3cr3t", "***"),
        )
    assert raised.value.server_message == "bad ***"
    assert raised.value.field_errors == {"k": ["***!"]}


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 1.5 ", 1.5),
        ("-3", 0.0),
        ("Sun, 22 Nov 2026 03:00:30 GMT", 30.0),
        ("Sun, 22 Nov 2026 02:59:00 GMT", 0.0),
        ("soon", None),
        ("", None),
        ("inf", None),
    ],
)
def test_retry_after_seconds_or_http_date(value: str, seconds: float | None) -> None:
    now = datetime(2026, 11, 22, 3, 0, 0, tzinfo=UTC)
    assert parse_retry_after({"retry-after": value}, now=lambda: now) == seconds


def test_retry_after_absent() -> None:
    assert parse_retry_after({}) is None


def test_parse_json_refuses_nan() -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_json(b"[Infinity]")


def test_429_falls_back_to_the_bodys_retry_after_only_without_the_header() -> None:
    body = {"success": False, "code": "RATE_LIMIT_EXCEEDED", "retry_after": 42}
    from_body = _error(429, body)
    assert isinstance(from_body, RateLimitError)
    assert from_body.retry_after == 42.0
    from_header = _error(429, body, {"Retry-After": "3"})
    assert isinstance(from_header, RateLimitError)
    assert from_header.retry_after == 3.0
    odd = _error(429, {**body, "retry_after": True})
    assert isinstance(odd, RateLimitError)
    assert odd.retry_after is None


@pytest.mark.parametrize("code", [1010, 1011, 1012, 1013, 1014, "1011", " 1013 "])
def test_credential_codes_are_auth_errors_that_point_to_settings(code: Any) -> None:
    error = _error(400, {"success": False, "code": code, "message": "Invalid API key"})
    assert isinstance(error, AuthError)
    assert (error.status, error.code) == (400, str(code).strip())
    assert "Settings" in error.message
    assert error.server_message == "Invalid API key"


def test_other_numeric_codes_on_400_stay_validation_errors() -> None:
    assert type(_error(400, {"success": False, "code": 1015})) is ValidationError
    assert type(_error(400, {"success": False, "code": 400})) is ValidationError


def test_410_is_gone_like_a_404() -> None:
    error = _error(410, {"success": False, "message": "Gone"})
    assert isinstance(error, NotFoundError)
    assert error.status == 410


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"X-RateLimit-Reset": "1700000042"}, 42.0),
        ({"x-ratelimit-reset": "30"}, 30.0),
        ({"X-RateLimit-Reset": "1699999999"}, 0.0),
        ({"X-RateLimit-Reset": "soon"}, None),
        ({"X-RateLimit-Reset": "1700000042", "Retry-After": "5"}, 5.0),
        ({}, None),
    ],
)
def test_the_wait_is_retry_after_else_the_reset_time(
    headers: dict[str, str], seconds: float | None
) -> None:
    now = datetime.fromtimestamp(1_700_000_000, UTC)
    assert rate_limit_wait(headers, lambda: now) == seconds
    assert parse_reset({"X-RateLimit-Reset": str(10**12)}, lambda: 0) == 86_400.0
