"""parse_scan undoes what a US-programmed scanner types under LT, DE and FR OS layouts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.scanner import InvalidScan, ScanCode, parse_scan
from pos_app.scanner.layouts import (
    FRENCH,
    GERMAN,
    LAYOUTS,
    LITHUANIAN,
    LITHUANIAN_STANDARD,
    US_KEYS,
    Layout,
)
from pos_app.scanner.parse import AMBIGUOUS

PRINTABLE_US = "".join(chr(c) for c in range(0x20, 0x7F))


@pytest.mark.parametrize(
    ("layout", "typed"),
    [
        # The digit row of the Lithuanian layout xkb calls "Lithuanian Numeric".
        (LITHUANIAN, "„““-““ą-““ą"),
        (LITHUANIAN, "ąčęėįšųū„"),
        (LITHUANIAN_STANDARD, "())?))!?))!"),
        (GERMAN, "900ß001ß001"),
        (FRENCH, "çàà)àà&)àà&"),
    ],
)
def test_known_screens(layout: Layout, typed: str) -> None:
    assert layout.recover_us(typed) is not None
    assert layout.type_as(layout.recover_us(typed) or "") == typed
    assert parse_scan(typed).kind == "card_number"


def test_documented_characters() -> None:
    assert LITHUANIAN.type_as("1234567890-=") == "ąčęėįšųū„“-ž"
    assert GERMAN.type_as("yz-/Y:") == "zyß-ZÖ"
    assert FRENCH.type_as("1234567890aqzwm;") == "&é\"'(-è_çàqawz,m"
    assert LITHUANIAN_STANDARD.type_as("1q") == "!ą"


def test_dead_keys_compose_like_windows() -> None:
    assert GERMAN.type_as("=a") == "á"
    assert GERMAN.type_as("=3") == "´3"
    assert GERMAN.type_as("x=") == "x´"
    assert FRENCH.type_as("[e") == "ê"
    assert FRENCH.type_as("{ ") == "¨"


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_every_printable_us_character_has_a_meaning(layout: Layout) -> None:
    typed = layout.type_as(PRINTABLE_US)
    assert layout.recover_us(typed) == PRINTABLE_US


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_a_character_the_layout_cannot_type_is_not_recovered(layout: Layout) -> None:
    assert layout.recover_us("900😀001") is None


def test_us_table_is_complete_ascii() -> None:
    chars = {c for pair in US_KEYS.values() for c in pair}
    assert chars == set(PRINTABLE_US)


def test_a_layout_typing_one_character_on_two_keys_is_rejected() -> None:
    with pytest.raises(ValueError, match="two keys"):
        Layout("broken", {"AE01": ("2", "!")})


digit = st.sampled_from("0123456789")


@st.composite
def printed_codes(draw: st.DrawFn) -> tuple[str, ScanCode]:
    """(what a scanner sends as US key presses, what parse_scan must return)."""
    kind = draw(st.sampled_from(["nine", "uuid", "url", "deeplink"]))
    if kind == "nine":
        digits = "".join(draw(st.lists(digit, min_size=9, max_size=9)))
        canonical = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        sent = draw(st.sampled_from([canonical, digits, canonical.replace("-", " ")]))
        return sent, ScanCode("card_number", canonical)
    value = str(draw(st.uuids()))
    body = draw(st.sampled_from([value, value.upper(), value.replace("-", "")]))
    sent = {
        "uuid": body,
        "url": f"https://loyalty.lt/c/{body}",
        "deeplink": f"loyaltylt://qr-card?code={body}&session={draw(st.uuids())}",
    }[kind]
    return sent, ScanCode("qr_uuid", value)


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
@given(case=printed_codes(), aim=st.sampled_from(["", "]Q1", "]C1"]))
def test_us_scanner_under_layout_recovers_the_printed_code(
    layout: Layout, case: tuple[str, ScanCode], aim: str
) -> None:
    sent, expected = case
    assert parse_scan(layout.type_as(aim + sent) + "\r") == expected


# German swaps y and z; a card number that still parses after the swap cannot be told apart.
_SAFE_LETTERS = {
    "lt": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "lt_std": "ABCDEGHIJKLMNOPRSTUVYZ",
    "de": "ABCDEFGHIJKLMNOPQRSTUVWX",
    "fr": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
@given(data=st.data())
def test_partner_card_numbers_with_digits_survive_layouts(
    layout: Layout, data: st.DataObject
) -> None:
    letters = data.draw(st.text(alphabet=_SAFE_LETTERS[layout.name], min_size=1, max_size=3))
    digits = data.draw(st.text(alphabet="0123456789", min_size=5, max_size=12))
    card = letters + digits
    try:
        result = parse_scan(layout.type_as(card))
    except InvalidScan as exc:  # two layouts read it as two different cards: refuse, never guess
        message = exc.message
        assert message == AMBIGUOUS
        return
    if re.fullmatch(r"K[0-9]{8,12}", card):  # "K" and 8-12 digits is a coupon code
        assert result == ScanCode("coupon", card)
        return
    assert result == ScanCode("card_number", card)


def test_recovery_prefers_the_loyalty_formats() -> None:
    # Text that is a nine-digit card under one layout wins over a partner format under another.
    typed = LITHUANIAN.type_as("900001001")
    assert parse_scan(typed) == ScanCode("card_number", "900-001-001")


def test_text_that_parses_as_is_is_not_reinterpreted() -> None:
    # "LC00000567" is also what German QWERTZ shows for it; it must stay as it is.
    assert parse_scan("LC00000567") == ScanCode("card_number", "LC00000567")
    assert parse_scan("LCZ0000567") == ScanCode("card_number", "LCZ0000567")


def test_layout_recovery_can_be_turned_off() -> None:
    """The wedge reads key positions itself, so it asks for the text exactly as it is."""
    garbled = LITHUANIAN.type_as("900-001-001")
    assert parse_scan(garbled).value == "900-001-001"
    with pytest.raises(InvalidScan):
        parse_scan(garbled, recover_layouts=False)
    assert parse_scan("900-001-001", recover_layouts=False).value == "900-001-001"
