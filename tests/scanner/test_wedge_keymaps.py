"""Native key codes -> US characters, per platform, and layout-independent bursts end to end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from pos_app.scanner import parse_scan
from pos_app.scanner.keycodes import (
    EVDEV_CODES,
    MAC_KEYMAP,
    MAC_VIRTUAL_KEYS,
    WINDOWS_KEYMAP,
    XKB_KEYMAP,
    NativeKeymap,
    NullKeymap,
    keymap_for_platform,
)
from pos_app.scanner.layouts import LAYOUTS, US_KEYS, Layout
from pos_app.scanner.routing import mark_scan_field
from pos_app.scanner.wedge import WedgeDetector
from pos_app.testing.wedge_keys import FakeClock, press_enter, type_us


@pytest.mark.parametrize("table", [EVDEV_CODES, MAC_VIRTUAL_KEYS])
def test_tables_cover_every_us_key_once(table: dict[str, int]) -> None:
    assert set(table) == set(US_KEYS)
    assert len(set(table.values())) == len(table)


@pytest.mark.parametrize(
    ("keymap", "scan_code", "virtual_key", "shift", "expected"),
    [
        (XKB_KEYMAP, 10, 0x1B1, False, "1"),  # xcb: evdev KEY_1 (2) + 8; keysym says "ą"
        (XKB_KEYMAP, 10, 0x1A1, True, "!"),
        (XKB_KEYMAP, 24, 0, False, "q"),  # evdev KEY_Q 16 + 8
        (XKB_KEYMAP, 20, 0, False, "-"),  # evdev KEY_MINUS 12 + 8
        (XKB_KEYMAP, 0, 0, False, None),
        (XKB_KEYMAP, 2, 0, False, None),  # an evdev code without the offset is not a key here
        (WINDOWS_KEYMAP, 0x02, 0x31, False, "1"),
        (WINDOWS_KEYMAP, 0x10, 0x41, False, "q"),  # AZERTY reports VK "A" here; set 1 says Q
        (WINDOWS_KEYMAP, 0x1E, 0x51, True, "A"),
        (WINDOWS_KEYMAP, 0x2C, 0x59, False, "z"),
        (WINDOWS_KEYMAP, 0x35, 0xBD, False, "/"),
        (MAC_KEYMAP, 0, 0x00, False, "a"),
        (MAC_KEYMAP, 0, 0x12, False, "1"),
        (MAC_KEYMAP, 0, 0x0C, True, "Q"),
        (MAC_KEYMAP, 0, 0x06, False, "z"),
        (MAC_KEYMAP, 0, 0x1B, False, "-"),
        (MAC_KEYMAP, 0, 0x7A, False, None),  # F1
        (NullKeymap(), 10, 0x31, False, None),
    ],
)
def test_native_codes_give_the_us_character(
    keymap: NativeKeymap, scan_code: int, virtual_key: int, shift: bool, expected: str | None
) -> None:
    assert keymap.us_char(scan_code, virtual_key, shift) == expected


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("xcb", XKB_KEYMAP),
        ("wayland", XKB_KEYMAP),
        ("windows", WINDOWS_KEYMAP),
        ("cocoa", MAC_KEYMAP),
    ],
)
def test_keymap_for_platform(platform: str, expected: object) -> None:
    assert keymap_for_platform(platform) is expected


def test_unknown_platform_falls_back_to_event_text() -> None:
    assert isinstance(keymap_for_platform("offscreen"), NullKeymap)


@pytest.fixture
def field(qtbot: QtBot) -> QLineEdit:
    line_edit = QLineEdit()
    mark_scan_field(line_edit)  # the card field
    qtbot.addWidget(line_edit)
    return line_edit


@pytest.fixture
def detector(qapp: QApplication) -> Iterator[WedgeDetector]:
    detector = WedgeDetector(keymap=XKB_KEYMAP, clock=FakeClock())
    detector.install(qapp)
    yield detector
    detector.uninstall()


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
@pytest.mark.parametrize(
    "printed",
    [
        "900-001-001",
        "LC00000567",
        "https://loyalty.lt/c/3F2A1B2C-9D8E-4F70-8A6B-5C4D3E2F1A0B",
        "yzYZ-qwaQWA-m7M",  # the letters French and German layouts move
    ],
)
def test_burst_under_any_layout_is_the_printed_text(
    field: QLineEdit, detector: WedgeDetector, layout: Layout, printed: str
) -> None:
    scans: list[str] = []
    detector.scanned.connect(scans.append)
    end = type_us(field, printed, layout, start_ms=5_000, gap_ms=4)
    press_enter(field, timestamp=end)
    assert scans == [printed]
    assert field.text() == ""
    assert parse_scan(scans[0]) == parse_scan(printed)
