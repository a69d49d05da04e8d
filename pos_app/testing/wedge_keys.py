"""Synthetic key events as a US-programmed wedge scanner or a person would produce them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from pos_app.scanner.keycodes import EVDEV_CODES, XKB_KEYCODE_OFFSET
from pos_app.scanner.layouts import US_KEYS, Layout
from pos_app.scanner.wedge import WedgeDetector

_POSITION_OF = {ch: (pos, shift) for pos, pair in US_KEYS.items() for shift, ch in enumerate(pair)}


class FakeClock:
    """Monotonic seconds that only move when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def key_event(
    kind: QEvent.Type,
    key: int,
    text: str = "",
    *,
    scan_code: int = 0,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    timestamp: int = 0,
) -> QKeyEvent:
    """One key event with XKB-style native codes, as the xcb platform delivers it."""
    event = QKeyEvent(kind, key, modifiers, scan_code, 0, 0, text)
    event.setTimestamp(timestamp)
    return event


def send_press_release(
    target: QWidget,
    key: int,
    text: str,
    *,
    scan_code: int = 0,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    timestamp: int,
) -> None:
    """Press and release one key at `timestamp` ms (release 1 ms later)."""
    for kind, stamp in ((QEvent.Type.KeyPress, timestamp), (QEvent.Type.KeyRelease, timestamp + 1)):
        event = key_event(
            kind, key, text, scan_code=scan_code, modifiers=modifiers, timestamp=stamp
        )
        QApplication.sendEvent(target, event)


def type_us(
    target: QWidget,
    us_text: str,
    layout: Layout | None,
    *,
    start_ms: int,
    gap_ms: int,
    with_shift_keys: bool = False,
) -> int:
    """Type `us_text` key by key as a scanner would under `layout`; return the next free time."""
    now = start_ms
    for us_char in us_text:
        pos, shift = _POSITION_OF[us_char]
        scan_code = EVDEV_CODES[pos] + XKB_KEYCODE_OFFSET
        text = layout.type_as(us_char) if layout is not None else us_char
        key = ord(text.upper()[0])
        mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
        if shift and with_shift_keys:
            QApplication.sendEvent(
                target, key_event(QEvent.Type.KeyPress, Qt.Key.Key_Shift.value, timestamp=now)
            )
        send_press_release(target, key, text, scan_code=scan_code, modifiers=mods, timestamp=now)
        if shift and with_shift_keys:
            QApplication.sendEvent(
                target,
                key_event(QEvent.Type.KeyRelease, Qt.Key.Key_Shift.value, timestamp=now + 1),
            )
        now += gap_ms
    return now


def press_enter(target: QWidget, *, timestamp: int, keypad: bool = False) -> None:
    """Enter (scan code 36 = evdev 28 + 8) or keypad Enter (evdev 96 + 8)."""
    if keypad:
        send_press_release(
            target,
            Qt.Key.Key_Enter.value,
            "\r",
            scan_code=104,
            modifiers=Qt.KeyboardModifier.KeypadModifier,
            timestamp=timestamp,
        )
    else:
        send_press_release(target, Qt.Key.Key_Return.value, "\r", scan_code=36, timestamp=timestamp)


def press_tab(target: QWidget, *, timestamp: int) -> None:
    """Tab (evdev 15 + 8)."""
    send_press_release(target, Qt.Key.Key_Tab.value, "\t", scan_code=23, timestamp=timestamp)


@dataclass
class ReceivedKey:
    """What a widget was given, to compare with what was sent."""

    kind: QEvent.Type
    key: int
    text: str
    modifiers: Qt.KeyboardModifier
    scan_code: int
    timestamp: int


class RecordingLineEdit(QLineEdit):
    """A QLineEdit that remembers every key event it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.received: list[ReceivedKey] = []

    def _record(self, event: QKeyEvent) -> None:
        self.received.append(
            ReceivedKey(
                event.type(),
                event.key(),
                event.text(),
                event.modifiers(),
                event.nativeScanCode(),
                event.timestamp(),
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._record(event)
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._record(event)
        super().keyReleaseEvent(event)


def texts(keys: Iterable[ReceivedKey], kind: QEvent.Type) -> str:
    """The text of the received events of one kind, joined."""
    return "".join(key.text for key in keys if key.kind == kind)


def host_positions(layout: Layout) -> dict[str, tuple[str, bool]]:
    """Where `layout` types each character: char -> (XKB position, shift).

    Characters the table lacks (the Lithuanian layout's digits, on AltGr) are taken from the
    same position as on a US keyboard, which is where those layouts put them.
    """
    found: dict[str, tuple[str, bool]] = {}
    for pos, us_pair in US_KEYS.items():
        pair = layout.overrides.get(pos, us_pair)
        for shift, char in enumerate(pair):
            if char is not None and len(char) == 1:
                found.setdefault(char, (pos, bool(shift)))
    for pos, us_pair in US_KEYS.items():
        for shift, char in enumerate(us_pair):
            found.setdefault(char, (pos, bool(shift)))
    return found


def type_host(
    target: QWidget, text: str, layout: Layout, *, start_ms: int, gap_ms: int
) -> int:
    """Type `text` as a scanner programmed for `layout` does: the right characters, from the
    key positions `layout` has them on. Return the next free time."""
    positions = host_positions(layout)
    now = start_ms
    for char in text:
        pos, shift = positions[char]
        scan_code = EVDEV_CODES[pos] + XKB_KEYCODE_OFFSET
        mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
        key = ord(char.upper()[0])
        send_press_release(target, key, char, scan_code=scan_code, modifiers=mods, timestamp=now)
        now += gap_ms
    return now


def collect(detector: WedgeDetector) -> list[str]:
    """Every scan `detector` emits from now on, in order."""
    scans: list[str] = []
    detector.scanned.connect(scans.append)
    return scans
