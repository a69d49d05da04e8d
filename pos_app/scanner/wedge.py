"""One application-wide filter that tells keyboard-wedge scanner bursts from a person typing.

A wedge scanner "types" its code far faster than a person: every key follows the previous one
within a few milliseconds. The detector holds back each printable key press for at most one
inter-key gap. If the next key arrives within the gap it keeps collecting; otherwise the held
keys are a burst. A burst of at least `min_length` keys is a scan only if it reads as a code
(a card number, QR value, coupon or the manager badge; see `reading.py`), taking the text as
typed or the text of the US key positions, whichever reads as one, so scanners programmed for
US or for the host layout both work. Anything else was a person (or a paste-like fast typist)
and is replayed, unchanged and in order, to the widget it was meant for, terminator included.

A scan never reaches the focused widget and its terminator (Enter, keypad Enter or Tab) is
consumed. In the home window (`set_home`) it is emitted as `scanned`; in any other window (a
dialog) it belongs to that window: a field marked with `mark_scan_field` receives the code as
its text, anywhere else the keys are replayed as typing, and nothing is emitted. A free-form
card number ("1250") counts as a scan only where no text is being typed or in a scan field, so
a quickly typed amount or PIN stays what it was.

Known limits: a plain-key `QShortcut` fires on the first key of a burst (Qt tries shortcuts
before delivering the key); under X11 compose/IBus, a dead key in a scanned code arrives as an
input-method event and ends the burst.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from pos_app.scanner.keycodes import NativeKeymap, keymap_for_platform
from pos_app.scanner.reading import NOT_A_CODE, CodeReader, Reading, ScanCodeReader, choose_reading
from pos_app.scanner.routing import Outcome, route
from pos_app.scanner.wedge_config import Terminator, WedgeConfig

__all__ = ["Terminator", "WedgeConfig", "WedgeDetector"]

_TERMINATOR_KEYS: dict[int, Terminator] = {
    Qt.Key.Key_Return.value: "enter",
    Qt.Key.Key_Enter.value: "keypad_enter",
    Qt.Key.Key_Tab.value: "tab",
}
_MODIFIER_KEYS = frozenset(
    key.value
    for key in (
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Hyper_L,
        Qt.Key.Key_Hyper_R,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_ScrollLock,
    )
)
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier
_META = Qt.KeyboardModifier.MetaModifier
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


@dataclass
class _HeldKey:
    receiver: QObject
    press: QKeyEvent
    char: str  # the US character of the key position (the typed one where there is none)
    typed: str  # the character the OS layout typed
    native: bool  # whether `char` came from the key position
    time_ms: float
    release: QKeyEvent | None = None


def _key_identity(event: QKeyEvent) -> tuple[int, int]:
    """What pairs a release with its press: the position code, not the shifted key."""
    if event.nativeScanCode():
        return (0, event.nativeScanCode())
    if event.nativeVirtualKey():
        return (1, event.nativeVirtualKey())
    return (2, event.key())


class WedgeDetector(QObject):
    """Application event filter separating scanner bursts from typing; see the module docstring.

    Signals:
        scanned(str): a burst in the home window that reads as a code, as the reading that
            does (typed text or US key positions), emitted once per code (a repeat within
            `duplicate_window_s` is dropped). Feed it to `parse_scan`.

    Install once with `install(app)`; `reader` decides what reads as a code (default: the
    `parse_scan` rules); `clock` (monotonic seconds) is used for duplicate suppression and for
    events that carry no timestamp.
    """

    scanned = Signal(str)

    def __init__(
        self,
        config: WedgeConfig | None = None,
        *,
        keymap: NativeKeymap | None = None,
        reader: CodeReader | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._config = config or WedgeConfig()
        self._keymap = keymap or keymap_for_platform(QGuiApplication.platformName())
        self._reader: CodeReader = reader or ScanCodeReader()
        self._clock = clock
        self._home: QWidget | None = None
        self._prefer: Literal["keys", "typed"] = "keys"
        self._outcome: Outcome | None = None  # of the keys held now; None: not decided yet
        self._held: list[_HeldKey] = []
        self._awaiting_terminator = False
        self._swallow: dict[tuple[int, int], int] = {}
        self._replaying = False
        self._last_scan: tuple[str, float] | None = None
        self._installed_on: QCoreApplication | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._confirm_quiet)
        # Fires after one more pass of the event loop; see _confirm_quiet.
        self._confirm = QTimer(self)
        self._confirm.setSingleShot(True)
        self._confirm.setInterval(0)
        self._confirm.timeout.connect(self._on_quiet)

    @property
    def config(self) -> WedgeConfig:
        """The timing rules in force."""
        return self._config

    def set_config(self, config: WedgeConfig) -> None:
        """Apply new timing rules (e.g. from Settings); keys held so far are settled first."""
        self._settle()
        self._config = config

    @property
    def listening(self) -> bool:
        """Whether the detector is installed on an application and watching its keys."""
        return self._installed_on is not None

    def set_reader(self, reader: CodeReader) -> None:
        """Decide with `reader` what reads as a code (e.g. after the badge changed)."""
        self._settle()
        self._reader = reader

    def set_home(self, window: QWidget | None) -> None:
        """Emit scans only for bursts typed into `window` (None: every window is home)."""
        self._home = window

    def install(self, app: QCoreApplication) -> None:
        """Start watching every key event of `app`."""
        if self._installed_on is not None:
            self.uninstall()
        app.installEventFilter(self)
        self._installed_on = app

    def uninstall(self) -> None:
        """Stop watching; keys held back are settled (replayed or emitted) first."""
        self._settle()
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Consume the key events of a burst; let everything else through untouched."""
        if event.type() not in _KEY_EVENTS:
            return False
        if self._replaying or not self._config.enabled or not watched.isWidgetType():
            return False
        if not isinstance(event, QKeyEvent):
            return False
        if event.type() == QEvent.Type.KeyPress:
            return self._on_press(watched, event)
        if event.type() == QEvent.Type.KeyRelease:
            return self._on_release(event)
        return self._on_shortcut_override(event)

    # --- key handling -------------------------------------------------------------------------

    def _on_press(self, receiver: QObject, event: QKeyEvent) -> bool:
        if event.key() in _MODIFIER_KEYS:
            return False
        # A new press of a key means its earlier release, if still expected, was lost.
        self._swallow.pop(_key_identity(event), None)
        if event.isAutoRepeat():
            self._settle()
            return False
        now = self._event_ms(event)
        if self._terminator(event) is not None:
            if self._burst_ready(now) and self._finish_burst():
                self._expect_release(event)
                event.accept()
                return True
            self._settle()  # typing: the held keys first, then this key as it came
            return False
        char = self._char_of(event)
        if char is None:
            self._settle()
            return False
        if self._held and not self._within_gap(now):
            self._settle()
        text = event.text()
        typed = text if len(text) == 1 and text.isprintable() else char
        native = self._native_char(event) is not None
        self._held.append(_HeldKey(receiver, QKeyEvent(event), char, typed, native, now))
        self._outcome = None
        self._awaiting_terminator = False
        self._confirm.stop()
        self._timer.start(math.ceil(self._config.max_interkey_ms))
        event.accept()
        return True

    def _on_release(self, event: QKeyEvent) -> bool:
        identity = _key_identity(event)
        for held in self._held:
            if held.release is None and _key_identity(held.press) == identity:
                held.release = QKeyEvent(event)
                event.accept()
                return True
        pending = self._swallow.get(identity, 0)
        if pending:
            if pending == 1:
                del self._swallow[identity]
            else:
                self._swallow[identity] = pending - 1
            event.accept()
            return True
        return False

    def _on_shortcut_override(self, event: QKeyEvent) -> bool:
        """Claim keys of a burst so that no shortcut (e.g. one on Return) fires for them."""
        now = self._event_ms(event)
        if self._terminator(event) is not None:
            claim = self._burst_ready(now) and self._decide().kind != "typing"
        else:
            claim = bool(self._held) and self._within_gap(now) and self._char_of(event) is not None
        if claim:
            event.accept()
        return claim

    def _confirm_quiet(self) -> None:
        """The gap timer fired; decide only after keys already queued have been delivered.

        A busy GUI thread can run an overdue timer before the window-system events that
        were waiting behind it; a zero-time timer runs after them, and a key that arrives
        in between cancels it.
        """
        self._confirm.start()

    def _on_quiet(self) -> None:
        """No key for one inter-key gap, or for the whole idle timeout."""
        if len(self._held) < self._config.min_length or self._decide().kind == "typing":
            self._replay()  # no more keys can join the burst, and it is not a code
        elif not self._awaiting_terminator:
            self._awaiting_terminator = True
            rest = self._config.idle_timeout_ms - self._config.max_interkey_ms
            self._timer.start(max(1, math.ceil(rest)))
        else:
            self._finish_burst()

    # --- outcomes ----------------------------------------------------------------------------

    def _settle(self) -> None:
        """The burst is over without a terminator: a scan if it is one, else a person."""
        if len(self._held) < self._config.min_length or not self._finish_burst():
            self._replay()

    def _decide(self) -> Outcome:
        """What the keys held now would become; cached until another key joins them."""
        if self._outcome is None:
            self._outcome = self._classify()
        return self._outcome

    def _classify(self) -> Outcome:
        typed = "".join(key.typed for key in self._held)
        keys: str | None = "".join(key.char for key in self._held)
        if not any(key.native for key in self._held):
            keys = None  # no position codes: the typed text is all there is
        reading = choose_reading(typed, keys, self._reader, prefer=self._prefer)
        if reading is None:
            return Outcome("typing")
        receiver = self._held[0].receiver
        if not shiboken6.isValid(receiver) or not isinstance(receiver, QWidget):
            return Outcome("typing")
        outcome = route(receiver, reading, self._home)
        if outcome.kind == "scan":
            self._learn(reading, typed, keys)
        return outcome

    def _learn(self, reading: Reading, typed: str, keys: str | None) -> None:
        """Remember which reading this scanner's codes come as, for ambiguous bursts later."""
        other = keys if reading.source == "typed" else typed
        if other is None or other == reading.text:
            return
        if self._reader.rank(other, recover_layouts=False) == NOT_A_CODE:
            self._prefer = reading.source

    def _finish_burst(self) -> bool:
        """End the burst held now: True if its terminator is consumed (a scan, a scan field
        filled, a code typed into a dialog), False if it was typing."""
        outcome = self._decide()
        if outcome.kind == "typing":
            self._replay()
            return False
        if outcome.kind == "keys":
            self._replay()
            return True  # its terminator is the scanner's: no dialog button is pressed by it
        self._timer.stop()
        self._confirm.stop()
        held, self._held = self._held, []
        self._outcome = None
        self._awaiting_terminator = False
        for key in held:
            if key.release is None:
                self._expect_release(key.press)
        if outcome.kind == "fill":
            receiver = held[0].receiver
            if shiboken6.isValid(receiver) and isinstance(receiver, QLineEdit):
                receiver.setText(outcome.text)
            return True
        now = self._clock()
        text = outcome.text
        if self._last_scan is not None:
            last_text, last_time = self._last_scan
            if text == last_text and 0 <= now - last_time < self._config.duplicate_window_s:
                return True
        self._last_scan = (text, now)
        self.scanned.emit(text)
        return True

    def _replay(self) -> None:
        """Give held keys to the widgets they were meant for, exactly as they came."""
        self._timer.stop()
        self._confirm.stop()
        held, self._held = self._held, []
        self._outcome = None
        self._awaiting_terminator = False
        self._replaying = True
        try:
            for key in held:
                if not shiboken6.isValid(key.receiver):
                    continue
                QCoreApplication.sendEvent(key.receiver, key.press)
                if key.release is not None and shiboken6.isValid(key.receiver):
                    QCoreApplication.sendEvent(key.receiver, key.release)
        finally:
            self._replaying = False

    def _expect_release(self, press: QKeyEvent) -> None:
        identity = _key_identity(press)
        self._swallow[identity] = self._swallow.get(identity, 0) + 1

    # --- classification ----------------------------------------------------------------------

    def _event_ms(self, event: QKeyEvent) -> float:
        stamp = event.timestamp()
        return float(stamp) if stamp else self._clock() * 1000.0

    def _within_gap(self, now: float) -> bool:
        gap = now - self._held[-1].time_ms
        return 0 <= gap <= self._config.max_interkey_ms

    def _burst_ready(self, now: float) -> bool:
        if len(self._held) < self._config.min_length:
            return False
        gap = now - self._held[-1].time_ms
        return 0 <= gap <= self._config.idle_timeout_ms

    def _terminator(self, event: QKeyEvent) -> Terminator | None:
        name = _TERMINATOR_KEYS.get(event.key())
        if name is None or name not in self._config.terminators:
            return None
        if event.modifiers() & (_CTRL | _ALT | _META):
            return None
        return name

    def _char_of(self, event: QKeyEvent) -> str | None:
        """The US character a scanner meant, or None for keys that are not characters."""
        mods = event.modifiers()
        altgr = bool(mods & _CTRL) and bool(mods & _ALT)  # how Windows reports AltGr
        if mods & (_CTRL | _ALT | _META) and not altgr:
            return None
        if event.key() in _TERMINATOR_KEYS:
            return None
        native = self._native_char(event)
        if native is not None:
            return native
        text = event.text()
        return text if len(text) == 1 and text.isprintable() else None

    def _native_char(self, event: QKeyEvent) -> str | None:
        """The US character of the key position, or None (no codes, or AltGr on Windows)."""
        mods = event.modifiers()
        if mods & _CTRL and mods & _ALT:  # a scanner never uses AltGr; the position would lie
            return None
        return self._keymap.us_char(
            event.nativeScanCode(), event.nativeVirtualKey(), bool(mods & _SHIFT)
        )
