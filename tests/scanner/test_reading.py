"""choose_reading: whichever of the typed text and the US key positions reads as a code wins."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.scanner.layouts import FRENCH, GERMAN, LAYOUTS, LITHUANIAN, US_KEYS, Layout
from pos_app.scanner.reading import (
    FREE_FORM,
    ISSUED,
    KEY,
    NOT_A_CODE,
    ScanCodeReader,
    choose_reading,
)
from pos_app.testing.wedge_keys import host_positions

READER = ScanCodeReader()
layouts = st.sampled_from(LAYOUTS)
issued_codes = st.one_of(
    st.from_regex(r"[0-9]{3}-[0-9]{3}-[0-9]{3}", fullmatch=True),
    st.from_regex(r"[0-9]{9}", fullmatch=True),
    st.uuids().map(str),
    st.uuids().map(lambda u: f"https://loyalty.lt/c/{u}"),
    st.from_regex(r"K[0-9]{8,12}", fullmatch=True),
)
free_form = st.from_regex(r"[A-Za-z]{1,6}[0-9]{4,10}", fullmatch=True)


def us_keys_of(text: str, layout: Layout) -> str:
    """The US characters of the keys a scanner programmed for `layout` presses for `text`."""
    positions = host_positions(layout)
    return "".join(US_KEYS[positions[ch][0]][int(positions[ch][1])] for ch in text)


def typed_under(text: str, layout: Layout) -> str:
    """What `layout` shows for the keys a US-programmed scanner presses for `text`."""
    return "".join(layout.type_as(ch) for ch in text)


@given(text=issued_codes, layout=layouts)
def test_a_code_loyalty_issues_reads_right_from_either_kind_of_scanner(
    text: str, layout: Layout
) -> None:
    us_programmed = choose_reading(typed_under(text, layout), text, READER)
    host_programmed = choose_reading(text, us_keys_of(text, layout), READER)
    assert us_programmed is not None
    assert us_programmed.text == text
    assert host_programmed is not None
    assert host_programmed.text == text


@given(text=free_form, layout=layouts)
def test_a_free_form_card_reads_right_once_the_scanners_kind_is_known(
    text: str, layout: Layout
) -> None:
    us_programmed = choose_reading(typed_under(text, layout), text, READER, prefer="keys")
    host_programmed = choose_reading(text, us_keys_of(text, layout), READER, prefer="typed")
    assert us_programmed is not None
    assert us_programmed.text == text
    assert host_programmed is not None
    assert host_programmed.text == text


@pytest.mark.parametrize("text", ["12.50", "/tmp/sales.csv", "null", "a b", "<b>1</b>"])
@pytest.mark.parametrize("layout", [LITHUANIAN, GERMAN, FRENCH], ids=lambda lay: lay.name)
def test_what_is_no_code_either_way_is_no_reading(text: str, layout: Layout) -> None:
    assert choose_reading(typed_under(text, layout), text, READER) is None
    assert choose_reading(text, None, READER) is None


def test_without_key_positions_the_typed_text_is_repaired() -> None:
    garbled = typed_under("900-001-001", LITHUANIAN)
    reading = choose_reading(garbled, None, READER)
    assert reading is not None
    assert (reading.text, reading.source, reading.rank) == ("900-001-001", "typed", ISSUED)


def test_ranks() -> None:
    reader = ScanCodeReader(is_extra=lambda text: text == "MGR-1")
    assert reader.rank("MGR-1", recover_layouts=False) == KEY
    assert reader.rank("K12345678", recover_layouts=False) == ISSUED
    assert reader.rank("LC00000567", recover_layouts=False) == FREE_FORM
    assert reader.rank("12.50", recover_layouts=True) == NOT_A_CODE
