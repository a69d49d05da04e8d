"""A burst is a scan only if it reads as a code: typed text or US key positions, and dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDoubleSpinBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos_app.scanner.keycodes import XKB_KEYMAP
from pos_app.scanner.layouts import FRENCH, GERMAN, LAYOUTS, LITHUANIAN, Layout
from pos_app.scanner.reading import ISSUED, KEY, ScanCodeReader
from pos_app.scanner.routing import mark_scan_field
from pos_app.scanner.wedge import WedgeDetector
from pos_app.testing.wedge_keys import (
    FakeClock,
    RecordingLineEdit,
    collect,
    press_enter,
    texts,
    type_host,
    type_us,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PRESS = QEvent.Type.KeyPress


def _layout_id(layout: Layout | None) -> str:
    return layout.name if layout is not None else "us"


BADGE = "MGR-7"  # a badge in no card format: only the reader's extra rule makes it a code


@dataclass
class Counter:
    """A till-like window (card field, order total, PIN, Pay) and a dialog over it."""

    window: QWidget
    card_input: RecordingLineEdit
    order_total: QDoubleSpinBox
    pin: RecordingLineEdit
    clicks: list[bool]
    dialog: QDialog
    dialog_field: RecordingLineEdit
    badge_field: RecordingLineEdit


@pytest.fixture
def counter(qtbot: QtBot) -> Counter:
    window = QDialog()  # a QDialog only for its default button; it is the "main window" here
    card_input = RecordingLineEdit()
    mark_scan_field(card_input)
    order_total = QDoubleSpinBox()
    order_total.setRange(0, 100_000)
    pin = RecordingLineEdit()
    pin.setEchoMode(RecordingLineEdit.EchoMode.Password)
    pay = QPushButton("Pay")
    pay.setDefault(True)
    clicks: list[bool] = []
    pay.clicked.connect(lambda: clicks.append(True))
    layout = QVBoxLayout(window)
    for widget in (card_input, order_total, pin, pay):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    dialog = QDialog(window)
    dialog_field, badge_field = RecordingLineEdit(), RecordingLineEdit()
    mark_scan_field(badge_field)
    dialog_layout = QVBoxLayout(dialog)
    dialog_layout.addWidget(dialog_field)
    dialog_layout.addWidget(badge_field)
    return Counter(window, card_input, order_total, pin, clicks, dialog, dialog_field, badge_field)


@pytest.fixture
def detector(qapp: QApplication, counter: Counter) -> Iterator[WedgeDetector]:
    reader = ScanCodeReader(is_extra=lambda text: text.strip().upper() == BADGE)
    detector = WedgeDetector(keymap=XKB_KEYMAP, reader=reader, clock=FakeClock())
    detector.set_home(counter.window)
    detector.install(qapp)
    yield detector
    detector.uninstall()


def test_an_amount_typed_fast_stays_in_the_order_total(
    counter: Counter, detector: WedgeDetector
) -> None:
    scans = collect(detector)
    counter.order_total.setFocus()
    counter.order_total.selectAll()
    end = type_us(counter.order_total, "12.50", None, start_ms=1_000, gap_ms=36)
    press_enter(counter.order_total, timestamp=end)
    assert scans == []
    assert counter.order_total.value() == 12.5
    assert counter.clicks == [True]  # its Enter went on to the default button, as typed


@pytest.mark.parametrize("field", ["order_total", "pin"])
def test_a_number_typed_fast_into_an_amount_or_pin_is_not_a_card(
    counter: Counter, detector: WedgeDetector, field: str
) -> None:
    scans = collect(detector)
    widget = getattr(counter, field)
    end = type_us(widget, "1250", None, start_ms=2_000, gap_ms=20)
    press_enter(widget, timestamp=end)
    assert scans == []
    assert widget.text().replace(",", "").startswith("1250")


def test_a_free_form_card_the_field_would_refuse_is_a_scan(
    counter: Counter, detector: WedgeDetector
) -> None:
    scans = collect(detector)
    counter.order_total.setFocus()
    before = counter.order_total.text()
    end = type_us(counter.order_total, "LC00000567", None, start_ms=2_500, gap_ms=3)
    press_enter(counter.order_total, timestamp=end)
    assert scans == ["LC00000567"]  # no amount has letters: it can only be a card
    assert counter.order_total.text() == before


def test_the_same_number_is_a_card_in_the_card_field(
    counter: Counter, detector: WedgeDetector
) -> None:
    scans = collect(detector)
    end = type_us(counter.card_input, "1250", None, start_ms=3_000, gap_ms=3)
    press_enter(counter.card_input, timestamp=end)
    assert scans == ["1250"]
    assert counter.card_input.text() == ""


@pytest.mark.parametrize("layout", [None, *LAYOUTS], ids=_layout_id)
@pytest.mark.parametrize("field", ["card_input", "order_total"])
def test_a_loyalty_card_scans_from_any_field_and_layout(
    counter: Counter, detector: WedgeDetector, layout: Layout | None, field: str
) -> None:
    scans = collect(detector)
    widget = getattr(counter, field)
    before = widget.text()
    end = type_us(widget, "900-001-001", layout, start_ms=4_000, gap_ms=4)
    press_enter(widget, timestamp=end)
    assert scans == ["900-001-001"]
    assert widget.text() == before
    assert counter.clicks == []


@pytest.mark.parametrize("layout", [LITHUANIAN, GERMAN, FRENCH], ids=lambda lay: lay.name)
@pytest.mark.parametrize(
    "printed",
    ["900-001-001", "https://loyalty.lt/c/3f2a1b2c-9d8e-4f70-8a6b-5c4d3e2f1a0b", "LC00000567"],
)
def test_a_scanner_programmed_for_the_host_layout(
    counter: Counter, detector: WedgeDetector, layout: Layout, printed: str
) -> None:
    scans = collect(detector)
    end = type_host(counter.card_input, printed, layout, start_ms=5_000, gap_ms=4)
    press_enter(counter.card_input, timestamp=end)
    assert scans == [printed]
    assert counter.card_input.received == [] or all(
        key.key == Qt.Key.Key_Shift.value for key in counter.card_input.received
    )


def test_a_path_typed_fast_is_typing_even_in_the_card_field(
    counter: Counter, detector: WedgeDetector
) -> None:
    scans = collect(detector)
    end = type_us(counter.card_input, "/tmp/sales.csv", None, start_ms=6_000, gap_ms=5)
    press_enter(counter.card_input, timestamp=end)
    assert scans == []
    assert counter.card_input.text() == "/tmp/sales.csv"
    assert texts(counter.card_input.received, PRESS) == "/tmp/sales.csv\r"


def test_a_return_shortcut_fires_for_typing_that_is_not_a_code(
    counter: Counter, detector: WedgeDetector
) -> None:
    fired: list[bool] = []
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Return), counter.window)
    shortcut.activated.connect(lambda: fired.append(True))
    end = type_us(counter.card_input, "12.50", None, start_ms=7_000, gap_ms=5)
    press_enter(counter.card_input, timestamp=end)
    assert fired == [True]


def test_the_badge_is_a_scan_wherever_the_focus_is(
    counter: Counter, detector: WedgeDetector
) -> None:
    scans = collect(detector)
    end = type_us(counter.pin, BADGE, None, start_ms=8_000, gap_ms=3)
    press_enter(counter.pin, timestamp=end)
    assert scans == [BADGE]
    assert counter.pin.text() == ""


def test_a_burst_in_a_dialog_is_never_a_scan_for_the_window(
    qtbot: QtBot, counter: Counter, detector: WedgeDetector
) -> None:
    scans = collect(detector)
    saves: list[bool] = []
    save = QPushButton("Save", counter.dialog)
    save.setDefault(True)
    save.clicked.connect(lambda: saves.append(True))
    counter.dialog.show()
    qtbot.waitExposed(counter.dialog)
    end = type_us(counter.dialog_field, "900-001-001", None, start_ms=9_000, gap_ms=3)
    press_enter(counter.dialog_field, timestamp=end)
    assert scans == []
    assert counter.dialog_field.text() == "900-001-001"  # the dialog got the characters
    assert texts(counter.dialog_field.received, PRESS) == "900-001-001"
    assert saves == []  # but not the scanner's Enter: a stray scan never presses Save
    # A person's Enter, and a burst that is no code, still reach the dialog.
    press_enter(counter.dialog_field, timestamp=end + 1_000)
    assert saves == [True]
    end = type_us(counter.dialog_field, "/tmp/a.csv", None, start_ms=end + 2_000, gap_ms=3)
    press_enter(counter.dialog_field, timestamp=end)
    assert saves == [True, True]
    assert scans == []


def test_the_badge_scanned_in_a_dialog_still_reaches_the_lock(
    counter: Counter, detector: WedgeDetector
) -> None:
    """A locked Settings dialog unlocks with the badge: it is a key, not a card lookup."""
    scans = collect(detector)
    end = type_us(counter.dialog_field, BADGE, None, start_ms=9_500, gap_ms=3)
    press_enter(counter.dialog_field, timestamp=end)
    assert scans == [BADGE]
    assert counter.dialog_field.text() == ""


@pytest.mark.parametrize("layout", [None, LITHUANIAN, FRENCH], ids=_layout_id)
def test_a_scan_field_in_a_dialog_receives_the_code(
    counter: Counter, detector: WedgeDetector, layout: Layout | None
) -> None:
    scans = collect(detector)
    counter.badge_field.setText("old")
    end = type_us(counter.badge_field, "100000001", layout, start_ms=10_000, gap_ms=3)
    press_enter(counter.badge_field, timestamp=end)
    assert scans == []
    assert counter.badge_field.text() == "100000001"
    assert counter.badge_field.received == []  # the Enter did not reach the dialog either


def test_an_ambiguous_burst_follows_what_the_scanner_did_before(
    counter: Counter, detector: WedgeDetector
) -> None:
    """German QWERTZ swaps Y and Z: a host-programmed scanner types "LC0001Y7" from the US
    keys of "LC0001Z7", and both read as card numbers. With nothing learned the key positions
    win (scanners ship programmed for US); after one scan that only the typed text could
    read, the typed text wins."""
    scans = collect(detector)
    end = type_host(counter.card_input, "LC0001Y7", GERMAN, start_ms=11_000, gap_ms=3)
    press_enter(counter.card_input, timestamp=end)
    assert scans == ["LC0001Z7"]
    end = type_host(counter.card_input, "900-001-001", GERMAN, start_ms=12_000, gap_ms=3)
    press_enter(counter.card_input, timestamp=end)
    end = type_host(counter.card_input, "LC0002Y7", GERMAN, start_ms=13_000, gap_ms=3)
    press_enter(counter.card_input, timestamp=end)
    assert scans[1:] == ["900-001-001", "LC0002Y7"]


def test_reader_ranks() -> None:
    reader = ScanCodeReader(is_extra=lambda text: text == BADGE)
    assert reader.rank(BADGE, recover_layouts=False) == KEY
    assert reader.rank("900001001", recover_layouts=False) == ISSUED
    assert reader.rank("1250", recover_layouts=False) < ISSUED
    assert reader.rank("12.50", recover_layouts=True) == 0
