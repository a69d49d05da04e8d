"""Fuzzing the till's two doors to the outside: scanned text and the server's answers.

Whatever arrives, parse_scan only ever raises InvalidScan, and the API layer only ever raises
an ApiError whose message is short calm text a cashier can be shown: no markup, no page dump.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos_app.api import ApiError, LoyaltyClient, RateBudget, RateLimitError
from pos_app.api.envelope import MAX_SERVER_MESSAGE, decode, field_errors, parse_retry_after
from pos_app.core.models import CardInfo, TransactionResult
from pos_app.scanner import InvalidScan, ScanCode, parse_scan
from pos_app.ui.common.messages import refused

CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NINE_DIGITS = re.compile(r"[0-9]{3}-[0-9]{3}-[0-9]{3}")
CARD_SHAPE = re.compile(r"[A-Za-z0-9-]{4,32}")
# A cashier reads one or two sentences; a whole page pasted into the banner is a bug.
MAX_MESSAGE = 300
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]")
KEY = "lty_fuzz_key"
SECRET = "fuzz-S3CR3T-never-shown"

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- parse_scan --------------------------------------------------------------------------------

scan_alphabet = st.characters(codec="utf-8") | st.sampled_from(
    list("0123456789-abcdefABCDEF ]{}:/?=&.\r\n\t\x00\x1b\u00a0ąčęėįšųū„“ßé\"'(è_çà")
)
# Text shaped like what reaches the till: near-card numbers, URLs, AIM prefixes, junk.
scan_texts = st.one_of(
    st.text(scan_alphabet, max_size=80),
    st.text(max_size=700),
    st.from_regex(r"(\][A-Za-z][0-9])?[0-9 -]{7,14}", fullmatch=True),
    st.from_regex(r"(https?|loyaltylt)://[a-z.]{1,12}/[A-Za-z0-9/?=&-]{0,60}", fullmatch=True),
    st.uuids()
    .map(str)
    .flatmap(lambda u: st.sampled_from([u, u.upper(), u.replace("-", ""), f"x{u}", f"{u}{u}"])),
)


def _check_scan(text: str) -> ScanCode | None:
    """parse_scan's answer, checked against the contract; None when it refused the text."""
    refusal: InvalidScan | None = None
    try:
        code = parse_scan(text)
    except InvalidScan as exc:  # anything else propagates and fails the test
        refusal = exc
    if refusal is not None:
        assert isinstance(refusal, ValueError)
        assert refusal.message
        assert len(refusal.message) <= MAX_MESSAGE
        assert not MARKUP.search(refusal.message)
        return None
    assert code.kind in ("card_number", "qr_uuid")
    if code.kind == "qr_uuid":
        assert CANONICAL_UUID.fullmatch(code.value), code
    else:
        assert CARD_SHAPE.fullmatch(code.value), code
        assert code.value.isascii()
        assert any(ch.isdigit() for ch in code.value), code
    return code


@FUZZ
@given(scan_texts)
@example("<script>alert(1)</script>")
@example("'; DROP TABLE cards; --")
@example("9" * 500)
@example("\x00\x01\x02900-001-001\x7f")
@example("900-001-001🙂")
def test_parse_scan_only_refuses_with_invalid_scan(text: str) -> None:
    _check_scan(text)


@FUZZ
@given(scan_texts)
def test_parse_scan_is_stable_on_its_own_output(text: str) -> None:
    """What the till sends as card_number= is itself a scan that means the same card."""
    code = _check_scan(text)
    if code is not None:
        assert parse_scan(code.value) == code


# --- envelope.decode ---------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(
        ["<html><body>502</body></html>", "<b>x</b>", "A" * 2000, "RATE_LIMIT_EXCEEDED"]
    ),
)
json_trees = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)
envelope_keys = st.sampled_from(
    ["success", "data", "code", "message", "errors", "request_id", "retry_after", "error"]
)
# Trees that look like the envelope often enough to reach the deeper branches.
envelopes = st.dictionaries(envelope_keys | st.text(max_size=8), json_trees, max_size=7)
markup_or_long = st.sampled_from(
    ["<script>alert(1)</script>", "<h1>oops</h1>", "x" * 5000, "<" * 50, "field"]
)
hostile_envelopes = st.fixed_dictionaries(
    {
        "success": st.just(False),
        "code": st.sampled_from(["VALIDATION_ERROR", 422, "422", 400, "<b>", "", None]),
        "message": markup_or_long | st.text(max_size=30),
        "errors": st.one_of(
            st.dictionaries(markup_or_long | st.text(max_size=20), json_trees, max_size=4),
            st.lists(
                st.fixed_dictionaries({"field": markup_or_long, "message": markup_or_long}),
                max_size=3,
            ),
        ),
    }
)


def _json_bytes(tree: Any) -> bytes:
    return json.dumps(tree, ensure_ascii=False).encode("utf-8")


bodies = st.one_of(
    st.binary(max_size=300),
    json_trees.map(_json_bytes),
    envelopes.map(_json_bytes),
    hostile_envelopes.map(_json_bytes),
    st.sampled_from(
        [
            b"",
            b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            b'{"success": true, "data": {"id": 1, "points": 1e999999}}',
            b'{"success": true, "data": NaN}',
            b"[" * 5000 + b"]" * 5000,
            b'{"success": false, "code": "RATE_LIMIT_EXCEEDED", "retry_after": 1e400}',
            b"\xef\xbb\xbf{}",
        ]
    ),
)
statuses = st.one_of(
    st.sampled_from([200, 201, 204, 301, 400, 401, 403, 404, 409, 418, 422, 429, 500, 502, 503]),
    st.integers(100, 599),
)
header_values = st.one_of(
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
    st.sampled_from(
        ["5", "-3", "1e400", "nan", "inf", "Wed, 21 Oct 2015 07:28:00 GMT", "999999999"]
    ),
)
headers = st.dictionaries(
    st.sampled_from(["Retry-After", "retry-after", "X-Request-Id", "Content-Type", "X-Other"]),
    header_values,
    max_size=4,
)


def _check_error(exc: BaseException) -> None:
    assert isinstance(exc, ApiError), f"{type(exc).__name__}: {exc!r}"
    message = exc.message
    assert isinstance(message, str)
    assert message.strip()
    assert len(message) <= MAX_MESSAGE, message[:400]
    assert not MARKUP.search(message), message
    for shown in (message, str(exc), repr(exc)):
        assert SECRET not in shown
    # The server's own words go into banners in brackets: one short line, never a page.
    server = exc.server_message
    if server is not None:
        assert SECRET not in server
        assert len(server) <= MAX_SERVER_MESSAGE, server[:400]
        assert "\n" not in server
        assert len(refused(server).text) <= MAX_MESSAGE + MAX_SERVER_MESSAGE
    if isinstance(exc, RateLimitError) and exc.retry_after is not None:
        assert 0 <= exc.retry_after < float("inf")


@FUZZ
@given(status=statuses, head=headers, body=bodies)
@example(status=422, head={}, body=_json_bytes({"success": False, "errors": {"<b>" * 200: ["x"]}}))
@example(
    status=400,
    head={},
    body=_json_bytes({"success": False, "errors": [{"field": "<script>", "message": "m"}]}),
)
def test_decode_answers_or_raises_a_readable_api_error(
    status: int, head: dict[str, str], body: bytes
) -> None:
    scrub: Callable[[str], str] = lambda text: text.replace(SECRET, "***")  # noqa: E731
    try:
        decode(status, head, body, scrub=scrub)
    except Exception as exc:
        _check_error(exc)
    else:
        assert 200 <= status < 300


@FUZZ
@given(errors=json_trees)
def test_field_errors_always_give_lists_of_text(errors: Any) -> None:
    result = field_errors(errors)
    assert all(isinstance(k, str) for k in result)
    assert all(isinstance(v, list) and all(isinstance(t, str) for t in v) for v in result.values())


@FUZZ
@given(head=headers)
def test_retry_after_is_never_negative_or_infinite(head: dict[str, str]) -> None:
    seconds = parse_retry_after(head)
    assert seconds is None or 0 <= seconds < float("inf")


# --- LoyaltyClient over MockTransport ----------------------------------------------------------


def _call_all(
    status: int, head: dict[str, str], body: bytes
) -> list[BaseException | CardInfo | TransactionResult | dict[str, Any]]:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=head, content=body)

    async def go() -> list[BaseException | CardInfo | TransactionResult | dict[str, Any]]:
        results: list[BaseException | CardInfo | TransactionResult | dict[str, Any]] = []
        # A 429 holds the client off; a clock that leaps ahead lets every call reach the server.
        leaps = itertools.count(step=10**12)
        async with LoyaltyClient(
            "https://api.example.test",
            KEY,
            SECRET,
            transport=httpx.MockTransport(answer),
            budget=RateBudget(0, clock=lambda: float(next(leaps))),
        ) as client:
            calls: list[Callable[[], Coroutine[Any, Any, Any]]] = [
                lambda: client.card_info(card_number="900-001-001"),
                lambda: client.validate_credentials(),
                lambda: client.create_transaction(order_id="o-1", order_total=Decimal("1.00")),
            ]
            for call in calls:
                try:
                    results.append(await call())
                except Exception as exc:
                    results.append(exc)
        return results

    # On a thread of its own: the Qt tests leave their qasync loop running on this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, go()).result()


@FUZZ
@given(status=statuses, head=headers, body=bodies)
def test_client_raises_only_api_errors(status: int, head: dict[str, str], body: bytes) -> None:
    for result in _call_all(status, head, body):
        if isinstance(result, BaseException):
            _check_error(result)
        else:
            assert 200 <= status < 300
            assert isinstance(result, CardInfo | TransactionResult | dict)


card_like = st.fixed_dictionaries(
    {"id": json_trees, "card_number": json_trees, "points": json_trees, "is_active": json_trees},
    optional={
        "redemption": json_trees,
        "user": json_trees,
        "partner": json_trees,
        "last_used_at": json_trees
        | st.sampled_from(["2024-12-07T14:30:00Z", "2024-13-99", "yesterday", "0"]),
        "transactions_count": json_trees,
    },
)


@FUZZ
@given(data=card_like | json_trees)
@example(data={"id": 1, "card_number": "x", "points": 1e400, "is_active": True})
def test_card_data_of_any_shape_is_a_card_or_invalid_response(data: Any) -> None:
    body = _json_bytes({"success": True, "data": data})
    (card, *_) = _call_all(200, {}, body)
    if isinstance(card, BaseException):
        _check_error(card)
    else:
        assert isinstance(card, CardInfo)
        assert isinstance(card.points, int)


def test_markup_check_itself_sees_a_tag() -> None:
    """The guard the fuzzers rely on: it must catch the shapes a proxy page has."""
    assert MARKUP.search("<html>")
    assert MARKUP.search("x </b>")
    assert MARKUP.search("< script>")
    assert not MARKUP.search("fewer than 5 < 6 points")
