"""The manager view's lock: PIN or badge unlocks it, idle time or a request locks it again."""

from __future__ import annotations

import hmac
import time
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from pos_app.config.settings import verify_pin

Clock = Callable[[], float]


def normalize_badge(code: str) -> str:
    """A badge code as compared: letters and digits only, upper case.

    A wedge scanner or parse_scan may add dashes ("100-000-001") or whitespace the badge does not
    have; what was printed is what counts.
    """
    text = unicodedata.normalize("NFKC", code)
    return "".join(ch for ch in text if ch.isalnum()).upper()


class ManagerLock(QObject):
    """Locked by default; `unlock_with_pin` / `unlock_with_badge` open it, `lock()` or
    `idle_lock_s` seconds without `note_activity()` close it.

    After `max_attempts` wrong PINs in a row, PIN unlock is refused for `cooldown_s` seconds
    (a badge still works: it is a physical token, not a guess).

    Signals:
        lockedChanged(bool): the new state, True when locked.
        unlockFailed(str): why an unlock was refused: "wrong_pin", "cooldown", "no_pin",
            "wrong_badge" or "no_badge".
    """

    lockedChanged = Signal(bool)
    unlockFailed = Signal(str)

    def __init__(
        self,
        pin_hash: str = "",
        badge: str = "",
        idle_lock_s: float = 120.0,
        clock: Clock = time.monotonic,
        parent: QObject | None = None,
        *,
        max_attempts: int = 3,
        cooldown_s: float = 30.0,
    ) -> None:
        super().__init__(parent)
        self._pin_hash = pin_hash
        self._badge = normalize_badge(badge)
        self._idle_lock_s = idle_lock_s
        self._clock = clock
        self._max_attempts = max_attempts
        self._cooldown_s = cooldown_s
        self._locked = True
        self._failed = 0
        self._cooldown_until = 0.0
        self._last_activity = clock()
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self.check_idle)
        self._watched: QWidget | None = None

    # ---- state -------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._locked

    @property
    def has_pin(self) -> bool:
        return bool(self._pin_hash)

    @property
    def has_badge(self) -> bool:
        return bool(self._badge)

    @property
    def can_unlock(self) -> bool:
        """Whether any way to unlock is configured (else Settings must set a PIN or badge)."""
        return self.has_pin or self.has_badge

    @property
    def idle_lock_s(self) -> float:
        return self._idle_lock_s

    def cooldown_remaining(self) -> float:
        """Seconds until a PIN may be tried again; 0 when it may be tried now."""
        return max(0.0, self._cooldown_until - self._clock())

    def configure(self, pin_hash: str, badge: str, idle_lock_s: float) -> None:
        """Take new settings; the lock state stays, the idle timer restarts."""
        self._pin_hash = pin_hash
        self._badge = normalize_badge(badge)
        self._idle_lock_s = idle_lock_s
        if not self._locked:
            self.note_activity()

    # ---- unlocking ---------------------------------------------------------------------

    def unlock_with_pin(self, pin: str) -> bool:
        """Unlock if `pin` matches the stored hash. Wrong PINs count towards the cool-down."""
        if not self._pin_hash:
            self.unlockFailed.emit("no_pin")
            return False
        if self.cooldown_remaining() > 0:
            self.unlockFailed.emit("cooldown")
            return False
        if not verify_pin(pin, self._pin_hash):
            self._failed += 1
            if self._failed >= self._max_attempts:
                self._failed = 0
                self._cooldown_until = self._clock() + self._cooldown_s
                self.unlockFailed.emit("cooldown")
            else:
                self.unlockFailed.emit("wrong_pin")
            return False
        self._failed = 0
        self._unlock()
        return True

    def is_badge(self, code: str) -> bool:
        """Whether a scanned `code` is the manager badge (so the window need not treat it as a
        card)."""
        return bool(self._badge) and hmac.compare_digest(
            normalize_badge(code).encode("utf-8"), self._badge.encode("utf-8")
        )

    def unlock_with_badge(self, code: str) -> bool:
        """Unlock if `code` is the configured badge. A wrong badge does not count as a guess:
        customers' cards pass through the same scanner."""
        if not self._badge:
            self.unlockFailed.emit("no_badge")
            return False
        if not self.is_badge(code):
            self.unlockFailed.emit("wrong_badge")
            return False
        self._failed = 0
        self._cooldown_until = 0.0
        self._unlock()
        return True

    def _unlock(self) -> None:
        was_locked = self._locked
        self._locked = False
        self.note_activity()
        if was_locked:
            self.lockedChanged.emit(False)

    # ---- locking -----------------------------------------------------------------------

    def lock(self) -> None:
        """Lock now (a no-op when locked already)."""
        self._idle_timer.stop()
        if not self._locked:
            self._locked = True
            self.lockedChanged.emit(True)

    def note_activity(self) -> None:
        """The manager did something: restart the idle count-down."""
        self._last_activity = self._clock()
        if not self._locked:
            self._idle_timer.start(max(1, round(self._idle_lock_s * 1000)))

    _ACTIVITY = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def watch(self, area: QWidget) -> None:
        """Count key presses, clicks and scrolls inside `area` (the manager view) as activity.

        Input elsewhere in the window does not keep the manager view open: a cashier working
        on after the manager walked away must not hold it unlocked.
        """
        app = QCoreApplication.instance()
        if app is None:
            return
        if self._watched is None:
            app.installEventFilter(self)
        self._watched = area
        area.destroyed.connect(self._stop_watching)

    def _stop_watching(self) -> None:
        self._watched = None
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        area = self._watched
        if (
            not self._locked
            and area is not None
            and event.type() in self._ACTIVITY
            and isinstance(watched, QWidget)
            and (watched is area or area.isAncestorOf(watched))
        ):
            self.note_activity()
        return False

    def check_idle(self) -> None:
        """Lock if `idle_lock_s` have passed by the clock since the last activity."""
        if self._locked:
            return
        remaining = self._idle_lock_s - (self._clock() - self._last_activity)
        if remaining <= 0:
            self.lock()
        else:
            self._idle_timer.start(max(1, round(remaining * 1000)))
