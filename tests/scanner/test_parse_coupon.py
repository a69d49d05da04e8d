"""parse_scan recognises a Loyalty.lt coupon code: "K" and 8-12 digits, alone or carried."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.scanner import InvalidScan, ScanCode, parse_scan
from pos_app.scanner.layouts import LAYOUTS, Layout

digits = st.text(alphabet="0123456789", min_size=8, max_size=12)
letter_k = st.sampled_from("Kk")


@st.composite
def coupon_codes(draw: st.DrawFn) -> str:
    return draw(letter_k) + draw(digits)


@given(code=coupon_codes(), prefix=st.sampled_from(["", " ", "]Q1", "]C1", "\t"]))
def test_a_code_alone(code: str, prefix: str) -> None:
    assert parse_scan(prefix + code + "\r\n") == ScanCode("coupon", code.upper())


@given(
    code=coupon_codes(),
    wrap=st.sampled_from(
        [
            "https://loyalty.lt/coupon/{}",
            "https://loyalty.lt/c?coupon={}",
            "loyaltylt://coupon?code={}",
            "loyaltylt://coupon?coupon_code={}&shop=1",
            "loyalty.lt/coupons/{}",
            "COUPON:{}",
            "coupon {}",
        ]
    ),
)
def test_a_code_in_a_link_or_payload(code: str, wrap: str) -> None:
    text = wrap.format(code)
    if "://" not in text and "/" in text:
        text = "https://" + text
    assert parse_scan(text) == ScanCode("coupon", code.upper())


@given(code=coupon_codes())
def test_a_code_in_a_json_payload(code: str) -> None:
    payload = json.dumps({"type": "coupon", "coupon_code": code, "partner": 1})
    assert parse_scan(payload) == ScanCode("coupon", code.upper())


@given(code=coupon_codes())
def test_what_a_us_scanner_types_under_other_layouts(code: str) -> None:
    for layout in LAYOUTS:
        typed = layout.type_as(code)
        assert parse_scan(typed) == ScanCode("coupon", code.upper()), layout.name


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_layout_example(layout: Layout) -> None:
    assert parse_scan(layout.type_as("K4810000501")) == ScanCode("coupon", "K4810000501")


@given(n=st.sampled_from([1, 2, 3, 4, 5, 6, 7, 13, 14, 20]))
def test_other_lengths_are_not_coupons(n: int) -> None:
    text = "K" + "4" * n
    try:
        code = parse_scan(text)
    except InvalidScan:
        return
    assert code.kind != "coupon"


@pytest.mark.parametrize(
    "text",
    [
        "please pay K12345678 now",  # a stray K-number in text that is not a coupon payload
        "coupon K12345678 and K87654321",  # two codes: which one?
        "https://loyalty.lt/c?coupon=K123",  # the parameter is named but is not a code
        "javascript:alert('K12345678')",
        "XK12345678",
        "K12345678X",
    ],
)
def test_refused_or_not_a_coupon(text: str) -> None:
    try:
        code = parse_scan(text)
    except InvalidScan:
        return
    assert code.kind != "coupon", code


def test_cards_are_still_cards() -> None:
    assert parse_scan("900-001-001") == ScanCode("card_number", "900-001-001")
    assert parse_scan("LC00000567") == ScanCode("card_number", "LC00000567")
    assert parse_scan("K1234567").kind == "card_number"  # seven digits: another partner's card
