"""WedgeDetector: a scanner burst is one `scanned` signal; typing reaches its widget as typed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDoubleSpinBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)
from pytestqt.qtbot import QtBot

from pos_app.scanner import parse_scan
from pos_app.scanner.keycodes import XKB_KEYMAP, NullKeymap
from pos_app.scanner.layouts import LITHUANIAN
from pos_app.scanner.routing import mark_scan_field
from pos_app.scanner.wedge import WedgeConfig, WedgeDetector
from pos_app.testing.wedge_keys import (
    FakeClock,
    RecordingLineEdit,
    collect,
    press_enter,
    press_tab,
    send_press_release,
    texts,
    type_us,
)

# The offscreen platform says so whenever a top-level window is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PRESS = QEvent.Type.KeyPress
RELEASE = QEvent.Type.KeyRelease


@dataclass
class Till:
    """A dialog shaped like the till: card field, order total, a default Pay button."""

    dialog: QDialog
    card_input: RecordingLineEdit
    order_total: QDoubleSpinBox
    pay: QPushButton
    clicks: list[bool]


@pytest.fixture
def till(qtbot: QtBot) -> Till:
    dialog = QDialog()
    card_input = RecordingLineEdit()
    mark_scan_field(card_input)
    order_total = QDoubleSpinBox()
    order_total.setRange(0, 10000)
    order_total.setValue(12.5)
    pay = QPushButton("Pay")
    pay.setDefault(True)
    pay.setAutoDefault(True)
    clicks: list[bool] = []
    pay.clicked.connect(lambda: clicks.append(True))
    layout = QVBoxLayout(dialog)
    for widget in (card_input, order_total, pay):
        layout.addWidget(widget)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return Till(dialog, card_input, order_total, pay, clicks)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_detector(
    qapp: QApplication, clock: FakeClock, config: WedgeConfig | None = None
) -> WedgeDetector:
    detector = WedgeDetector(config, keymap=XKB_KEYMAP, clock=clock)
    detector.install(qapp)
    return detector


@pytest.fixture
def detector(qapp: QApplication, clock: FakeClock) -> Iterator[WedgeDetector]:
    detector = make_detector(qapp, clock)
    yield detector
    detector.uninstall()


def test_lithuanian_burst_into_the_order_total_is_one_scan(
    till: Till, detector: WedgeDetector
) -> None:
    scans = collect(detector)
    till.order_total.setFocus()
    before = till.order_total.text()
    end = type_us(till.order_total, "900-001-001", LITHUANIAN, start_ms=10_000, gap_ms=4)
    press_enter(till.order_total, timestamp=end)
    assert scans == ["900-001-001"]
    assert parse_scan(scans[0]).value == "900-001-001"
    assert till.order_total.text() == before
    assert till.order_total.value() == 12.5
    assert till.clicks == []  # the Enter was consumed, the default button never pressed


def test_a_person_typing_reaches_the_widget_unchanged(
    qtbot: QtBot, till: Till, detector: WedgeDetector
) -> None:
    scans = collect(detector)
    till.card_input.setFocus()
    # A person on the Lithuanian layout: the key at US "1" types "ą".
    end = type_us(till.card_input, "1a2B", LITHUANIAN, start_ms=20_000, gap_ms=180)
    qtbot.waitUntil(lambda: till.card_input.text() == "ąačB", timeout=2000)
    presses = [key for key in till.card_input.received if key.kind == PRESS]
    shift = Qt.KeyboardModifier.ShiftModifier
    none = Qt.KeyboardModifier.NoModifier
    assert [(k.text, k.scan_code, k.modifiers, k.timestamp) for k in presses] == [
        ("ą", 10, none, 20_000),
        ("a", 38, none, 20_180),
        ("č", 11, none, 20_360),
        ("B", 56, shift, 20_540),
    ]
    assert texts(till.card_input.received, RELEASE) == "ąačB"
    press_enter(till.card_input, timestamp=end)
    assert till.clicks == [True]  # a person's Enter still presses the default button
    assert scans == []


def test_shift_inside_a_burst_and_releases_are_consumed(
    till: Till, detector: WedgeDetector
) -> None:
    scans = collect(detector)
    till.card_input.setFocus()
    end = type_us(
        till.card_input, "LC00000567", None, start_ms=30_000, gap_ms=3, with_shift_keys=True
    )
    press_enter(till.card_input, timestamp=end)
    assert scans == ["LC00000567"]
    # Only the bare Shift keys went through; no character press or release leaked.
    assert {key.key for key in till.card_input.received} == {Qt.Key.Key_Shift.value}
    assert till.card_input.text() == ""


def test_tab_terminator_keeps_focus(qtbot: QtBot, till: Till, detector: WedgeDetector) -> None:
    scans = collect(detector)
    till.card_input.setFocus()
    qtbot.waitUntil(till.card_input.hasFocus)
    end = type_us(till.card_input, "900001001", None, start_ms=40_000, gap_ms=5)
    press_tab(till.card_input, timestamp=end + 5)
    assert scans == ["900001001"]
    assert till.card_input.hasFocus()
    press_tab(till.card_input, timestamp=end + 500)  # a person's Tab moves on
    assert not till.card_input.hasFocus()


def test_keypad_enter_terminates(till: Till, detector: WedgeDetector) -> None:
    scans = collect(detector)
    end = type_us(till.card_input, "900002001", None, start_ms=50_000, gap_ms=2)
    press_enter(till.card_input, timestamp=end, keypad=True)
    assert scans == ["900002001"]
    assert till.clicks == []


def test_short_fast_burst_is_typing(qtbot: QtBot, till: Till, detector: WedgeDetector) -> None:
    scans = collect(detector)
    end = type_us(till.card_input, "12", None, start_ms=60_000, gap_ms=2)
    press_enter(till.card_input, timestamp=end)
    assert till.card_input.text() == "12"
    assert till.clicks == [True]
    assert scans == []


def test_duplicate_read_within_window_is_one_scan(
    till: Till, detector: WedgeDetector, clock: FakeClock
) -> None:
    scans = collect(detector)
    start = 70_000
    for advance in (0.0, 1.0, 0.6, 0.2):  # t = 0, 1.0 (dup), 1.6 (new), 1.8 (dup of 1.6)
        clock.now += advance
        end = type_us(till.card_input, "900003001", None, start_ms=start, gap_ms=3)
        press_enter(till.card_input, timestamp=end)
        start = end + 1000
    assert scans == ["900003001", "900003001"]
    end = type_us(till.card_input, "900004001", None, start_ms=start, gap_ms=3)
    press_enter(till.card_input, timestamp=end)
    assert scans[-1] == "900004001"  # another card is never a duplicate
    assert till.card_input.text() == ""
    assert till.clicks == []


def test_idle_timeout_ends_a_burst_without_terminator(
    qtbot: QtBot, till: Till, detector: WedgeDetector
) -> None:
    with qtbot.waitSignal(detector.scanned, timeout=3000) as blocker:
        type_us(till.card_input, "900005001", LITHUANIAN, start_ms=80_000, gap_ms=3)
    assert blocker.args == ["900005001"]
    assert till.card_input.text() == ""


def test_enter_after_the_idle_timeout_is_a_person_again(
    qtbot: QtBot, till: Till, detector: WedgeDetector
) -> None:
    scans = collect(detector)
    end = type_us(till.card_input, "900005001", None, start_ms=85_000, gap_ms=3)
    press_enter(till.card_input, timestamp=end + 400)
    assert scans == ["900005001"]
    assert till.clicks == [True]


@pytest.mark.parametrize(
    ("config", "scanned"), [(WedgeConfig(), False), (WedgeConfig.bluetooth(), True)]
)
def test_bluetooth_profile_accepts_slower_bursts(
    qtbot: QtBot,
    qapp: QApplication,
    till: Till,
    clock: FakeClock,
    config: WedgeConfig,
    scanned: bool,
) -> None:
    detector = make_detector(qapp, clock, config)
    try:
        scans = collect(detector)
        end = type_us(till.card_input, "900001001", None, start_ms=90_000, gap_ms=45)
        press_enter(till.card_input, timestamp=end)
        if scanned:
            assert scans == ["900001001"]
            assert till.card_input.text() == ""
            assert till.clicks == []
        else:
            assert scans == []
            assert till.card_input.text() == "900001001"
            assert till.clicks == [True]
    finally:
        detector.uninstall()


def test_without_native_codes_the_text_is_used(
    qapp: QApplication, till: Till, clock: FakeClock
) -> None:
    detector = WedgeDetector(keymap=NullKeymap(), clock=clock)
    detector.install(qapp)
    try:
        scans = collect(detector)
        end = type_us(till.card_input, "900-001-001", LITHUANIAN, start_ms=100_000, gap_ms=3)
        press_enter(till.card_input, timestamp=end)
        # Layout recovery takes over, and the scan is the code the layout garbled.
        assert scans == ["900-001-001"]
    finally:
        detector.uninstall()


def test_a_shortcut_on_return_does_not_fire_for_a_scan(till: Till, detector: WedgeDetector) -> None:
    fired: list[bool] = []
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Return), till.dialog)
    shortcut.activated.connect(lambda: fired.append(True))
    till.card_input.setFocus()
    end = type_us(till.card_input, "900001001", None, start_ms=110_000, gap_ms=3)
    press_enter(till.card_input, timestamp=end)
    assert fired == []
    press_enter(till.card_input, timestamp=end + 1000)
    assert fired == [True]  # the same shortcut does fire for a person's Enter


def test_disabled_detector_lets_everything_through(
    qapp: QApplication, till: Till, clock: FakeClock
) -> None:
    detector = make_detector(qapp, clock, WedgeConfig(enabled=False))
    try:
        scans = collect(detector)
        end = type_us(till.card_input, "900001001", None, start_ms=120_000, gap_ms=2)
        press_enter(till.card_input, timestamp=end)
        assert scans == []
        assert till.card_input.text() == "900001001"
        assert till.clicks == [True]
    finally:
        detector.uninstall()


def test_uninstall_settles_held_keys(qapp: QApplication, till: Till, clock: FakeClock) -> None:
    detector = make_detector(qapp, clock)
    send_press_release(till.card_input, ord("7"), "7", scan_code=16, timestamp=130_000)
    assert till.card_input.text() == ""  # held back, waiting to see if a burst follows
    detector.uninstall()
    assert till.card_input.text() == "7"


def test_config_is_validated() -> None:
    with pytest.raises(ValueError, match="idle_timeout_ms"):
        WedgeConfig(max_interkey_ms=50, idle_timeout_ms=20)
    with pytest.raises(ValueError, match="min_length"):
        WedgeConfig(min_length=0)
    assert WedgeConfig.bluetooth().max_interkey_ms > WedgeConfig().max_interkey_ms


def test_a_persons_key_and_the_next_control_key_keep_their_order(
    till: Till, detector: WedgeDetector
) -> None:
    send_press_release(till.card_input, ord("A"), "a", scan_code=38, timestamp=140_000)
    backspace = Qt.Key.Key_Backspace.value
    send_press_release(till.card_input, backspace, "\b", scan_code=22, timestamp=140_010)
    presses = [key.key for key in till.card_input.received if key.kind == PRESS]
    assert presses == [ord("A"), backspace]
    assert till.card_input.text() == ""


def test_a_burst_ended_by_another_key_is_still_a_scan(till: Till, detector: WedgeDetector) -> None:
    scans = collect(detector)
    end = type_us(till.card_input, "900001001", None, start_ms=150_000, gap_ms=3)
    send_press_release(till.card_input, Qt.Key.Key_Escape.value, "\x1b", scan_code=9, timestamp=end)
    assert scans == ["900001001"]
    assert [key.key for key in till.card_input.received] == [Qt.Key.Key_Escape.value] * 2


def test_auto_repeat_is_a_person(qtbot: QtBot, till: Till, detector: WedgeDetector) -> None:
    send_press_release(till.card_input, ord("A"), "a", scan_code=38, timestamp=160_000)
    repeat = QKeyEvent(PRESS, ord("A"), Qt.KeyboardModifier.NoModifier, 38, 0, 0, "a", True)
    repeat.setTimestamp(160_010)
    QApplication.sendEvent(till.card_input, repeat)
    assert till.card_input.text() == "aa"


def test_a_held_key_for_a_deleted_widget_is_dropped(qtbot: QtBot, detector: WedgeDetector) -> None:
    gone, other = QLineEdit(), QLineEdit()
    qtbot.addWidget(other)
    send_press_release(gone, ord("A"), "a", scan_code=38, timestamp=170_000)
    shiboken6.delete(gone)
    send_press_release(other, ord("B"), "b", scan_code=56, timestamp=170_500)
    qtbot.waitUntil(lambda: other.text() == "b", timeout=2000)


def test_set_config_switches_profile_at_run_time(till: Till, detector: WedgeDetector) -> None:
    scans = collect(detector)
    detector.set_config(WedgeConfig.bluetooth())
    end = type_us(till.card_input, "900001001", None, start_ms=180_000, gap_ms=50)
    press_enter(till.card_input, timestamp=end)
    assert scans == ["900001001"]
    assert detector.config == WedgeConfig.bluetooth()
