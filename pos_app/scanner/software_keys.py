"""Keys that software typed (no physical key position) bypass the wedge detector.

A keyboard-wedge scanner is a USB/Bluetooth keyboard: every key it sends carries the
platform's position code (`nativeScanCode()` on X11/Wayland/Windows, `nativeVirtualKey()` on
macOS). Keys with neither come from software: on-screen keyboards, automation, QTest. Such
keys are a person's input by construction, so the detector must not hold them back or turn a
fast run of them into a "scan" (a typed PIN or order total would vanish into a card lookup).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent

from pos_app.scanner.wedge import WedgeDetector


class SoftwareKeyBypass(QObject):
    """An application event filter, installed after the detector so that it runs first.

    It switches the detector off while software-typed keys arrive and back on at the next key
    with a position code. No signals.
    """

    def __init__(self, detector: WedgeDetector, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._detector = detector
        self._bypassing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only presses decide: Qt's own ShortcutOverride copies carry no native codes even
        # for a hardware key, and a release belongs to the press before it.
        # isinstance first: this runs for every event of the application, and type() is slow.
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            software = event.nativeScanCode() == 0 and event.nativeVirtualKey() == 0
            if software != self._bypassing:
                self._bypassing = software
                # set_config settles any held keys first, so nothing is reordered.
                self._detector.set_config(replace(self._detector.config, enabled=not software))
        return False
