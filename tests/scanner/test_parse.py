"""parse_scan: the documented rules (docs/API.md) for scanned and typed card identifiers."""

from __future__ import annotations

import re
import uuid as uuidlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.scanner import InvalidScan, ScanCode, parse_scan
from pos_app.scanner.parse import AMBIGUOUS, NOT_A_CARD, NOTHING_SCANNED, TOO_LONG

CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CARD_ALPHABET = re.compile(r"[A-Za-z0-9-]{4,32}")
U = "3f2a1b2c-9d8e-4f70-8a6b-5c4d3e2f1a0b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("900-001-001", ScanCode("card_number", "900-001-001")),
        ("900001001", ScanCode("card_number", "900-001-001")),
        ("900 001 001", ScanCode("card_number", "900-001-001")),
        ("900\u00a0001\u2009001", ScanCode("card_number", "900-001-001")),
        ("  900-001-001\r\n", ScanCode("card_number", "900-001-001")),
        ("]C1900001001", ScanCode("card_number", "900-001-001")),
        ("]E0900001001\x1d", ScanCode("card_number", "900-001-001")),
        ("LC00000567", ScanCode("card_number", "LC00000567")),
        ("lc-0000-0567", ScanCode("card_number", "lc-0000-0567")),
        ("1234", ScanCode("card_number", "1234")),
        (U, ScanCode("qr_uuid", U)),
        (U.upper(), ScanCode("qr_uuid", U)),
        (U.replace("-", ""), ScanCode("qr_uuid", U)),
        ("{" + U + "}", ScanCode("qr_uuid", U)),
        ("urn:uuid:" + U, ScanCode("qr_uuid", U)),
        ("]Q1" + U, ScanCode("qr_uuid", U)),
        ("https://loyalty.lt/c/" + U, ScanCode("qr_uuid", U)),
        ("loyalty.lt/c/" + U.upper(), ScanCode("qr_uuid", U)),
        ("loyaltylt://qr-card?code=" + U, ScanCode("qr_uuid", U)),
        (
            f"loyaltylt://qr-card?code={U}&session={uuidlib.UUID(int=7)}",
            ScanCode("qr_uuid", U),
        ),
    ],
)
def test_accepts(text: str, expected: ScanCode) -> None:
    assert parse_scan(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", NOTHING_SCANNED),
        ("   \t ", NOTHING_SCANNED),
        ("\x00\x01\x1b\x7f", NOTHING_SCANNED),
        ("]C1", NOTHING_SCANNED),
        ("9" * 500, NOT_A_CARD),
        ("x" * 600, TOO_LONG),
        ("' OR 1=1; --", NOT_A_CARD),
        ("1; DROP TABLE cards", NOT_A_CARD),
        ("<script>alert(1)</script>", NOT_A_CARD),
        ("<b>900-001-001</b>", NOT_A_CARD),
        ("/etc/passwd", NOT_A_CARD),
        ("C:\\Windows\\system32", NOT_A_CARD),
        ("../../900001001", NOT_A_CARD),
        ("😀", NOT_A_CARD),
        ("900-001-001😀", NOT_A_CARD),
        ("DROP", NOT_A_CARD),
        ("null", NOT_A_CARD),
        ("123", NOT_A_CARD),
        ("12--34", NOT_A_CARD),
        ("-1234", NOT_A_CARD),
        ("A" * 31 + "12", NOT_A_CARD),
        ("90000100１", NOT_A_CARD),  # fullwidth digit
        ("٩٠٠٠٠١٠٠١", NOT_A_CARD),  # Arabic-Indic digits
        ("javascript:alert('" + U + "')", NOT_A_CARD),
        ("https://loyalty.lt/c/" + U + "/" + str(uuidlib.UUID(int=9)), NOT_A_CARD),
        ("loyaltylt://qr-card?code=not-a-uuid", NOT_A_CARD),
        ("https://loyalty.lt/ c/" + U, NOT_A_CARD),
        (U + "0", NOT_A_CARD),
        ("hello " + U, NOT_A_CARD),
    ],
)
def test_refuses(text: str, message: str) -> None:
    with pytest.raises(InvalidScan) as info:
        parse_scan(text)
    assert info.value.message == message
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_scan_code_is_frozen() -> None:
    code = parse_scan("900001001")
    with pytest.raises(AttributeError):
        code.value = "x"  # type: ignore[misc]


def test_messages_are_distinct_and_cashier_readable() -> None:
    messages = {NOTHING_SCANNED, NOT_A_CARD, TOO_LONG, AMBIGUOUS}
    assert len(messages) == 4
    assert all(m.endswith(".") and m[0].isupper() for m in messages)


@st.composite
def formatted_uuids(draw: st.DrawFn) -> tuple[str, str]:
    """(text a QR code or a cashier could give, the canonical UUID it holds)."""
    value = str(draw(st.uuids()))
    body = value if draw(st.booleans()) else value.replace("-", "")
    case = draw(st.lists(st.booleans(), min_size=len(body), max_size=len(body)))
    body = "".join(ch.upper() if up else ch for ch, up in zip(body, case, strict=True))
    other = str(draw(st.uuids()))
    wrapper = draw(
        st.sampled_from(
            [
                "{}",
                "{{{}}}",
                "urn:uuid:{}",
                "https://loyalty.lt/c/{}",
                "http://loyalty.lt/c/{}?utm_source=till",
                "loyalty.lt/c/{}",
                "loyaltylt://qr-card?code={}",
                "loyaltylt://qr-card?code={}&session=" + other,
                "LOYALTYLT://qr-card?session=" + other + "&code={}",
            ]
        )
    )
    text = wrapper.format(body)
    prefix = draw(st.sampled_from(["", " ", "]Q1", "\x02", "\t]Q1"]))
    suffix = draw(st.sampled_from(["", "\r", "\n", "\r\n", " \x03", "\x00"]))
    return prefix + text + suffix, value


@given(formatted_uuids())
def test_any_uuid_formatting_round_trips(case: tuple[str, str]) -> None:
    text, value = case
    assert parse_scan(text) == ScanCode("qr_uuid", value)


@given(
    st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9),
    st.lists(st.sampled_from(["", "", "-", " ", " - "]), min_size=8, max_size=8),
)
def test_nine_digits_in_any_grouping(digits: list[str], separators: list[str]) -> None:
    text = digits[0] + "".join(sep + d for sep, d in zip(separators, digits[1:], strict=True))
    plain = "".join(digits)
    assert parse_scan(text) == ScanCode("card_number", f"{plain[:3]}-{plain[3:6]}-{plain[6:]}")


def check_parse_is_safe(text: str) -> None:
    """parse_scan either refuses with InvalidScan or returns a value in the allowed alphabet."""
    try:
        code = parse_scan(text)
    except InvalidScan as exc:
        message = exc.message
        assert message
        return
    if code.kind == "qr_uuid":
        assert CANONICAL_UUID.fullmatch(code.value)
    else:
        assert code.kind == "card_number"
        assert CARD_ALPHABET.fullmatch(code.value)
        assert any(ch.isdigit() for ch in code.value)


@given(st.text(max_size=80))
def test_fuzz_any_text_is_safe(text: str) -> None:
    check_parse_is_safe(text)


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=60))
def test_fuzz_ascii_text_is_safe(text: str) -> None:
    check_parse_is_safe(text)


@given(st.text(alphabet="0123456789abcdefABCDEF-:/?=&.{}] lcqrt", max_size=60))
def test_fuzz_near_misses_are_safe(text: str) -> None:
    check_parse_is_safe(text)
