"""ManagerLock: locked by default, PIN and badge unlock, cool-down, idle lock; the unlock widget."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from pos_app.config.settings import hash_pin
from pos_app.ui.manager.lock import ManagerLock, normalize_badge
from pos_app.ui.manager.unlock_widget import UnlockWidget

PIN = "2468"


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_lock(pin_hash: str, badge: str = "100000001", idle: float = 120.0) -> Any:
    clock = FakeClock()
    return ManagerLock(pin_hash=pin_hash, badge=badge, idle_lock_s=idle, clock=clock), clock


def test_locked_by_default(qtbot: Any, pin_hash: str) -> None:
    lock, _ = make_lock(pin_hash)
    assert lock.is_locked
    assert lock.can_unlock
    widget = UnlockWidget(lock)
    qtbot.addWidget(widget)
    assert not widget.pin_input.isHidden()


def test_right_pin_unlocks_and_signals(qtbot: Any, pin_hash: str) -> None:
    lock, _ = make_lock(pin_hash)
    with qtbot.waitSignal(lock.lockedChanged) as blocker:
        assert lock.unlock_with_pin(PIN)
    assert blocker.args == [False]
    assert not lock.is_locked
    with qtbot.waitSignal(lock.lockedChanged) as blocker:
        lock.lock()
    assert blocker.args == [True]
    assert lock.is_locked


def test_wrong_pin_stays_locked(qtbot: Any, pin_hash: str) -> None:
    lock, _ = make_lock(pin_hash)
    with qtbot.waitSignal(lock.unlockFailed) as blocker:
        assert not lock.unlock_with_pin("1111")
    assert blocker.args == ["wrong_pin"]
    assert lock.is_locked


def test_cooldown_after_three_wrong_pins(qtbot: Any, pin_hash: str) -> None:
    lock, clock = make_lock(pin_hash)
    assert not lock.unlock_with_pin("0000")
    assert not lock.unlock_with_pin("0001")
    with qtbot.waitSignal(lock.unlockFailed) as blocker:
        assert not lock.unlock_with_pin("0002")
    assert blocker.args == ["cooldown"]
    assert lock.cooldown_remaining() == pytest.approx(30.0)
    # Even the right PIN is refused during the cool-down.
    assert not lock.unlock_with_pin(PIN)
    assert lock.is_locked
    clock.now += 30.0
    assert lock.cooldown_remaining() == 0
    assert lock.unlock_with_pin(PIN)


def test_right_pin_resets_the_wrong_count(pin_hash: str) -> None:
    lock, _ = make_lock(pin_hash)
    assert not lock.unlock_with_pin("0000")
    assert not lock.unlock_with_pin("0001")
    assert lock.unlock_with_pin(PIN)
    lock.lock()
    assert not lock.unlock_with_pin("0002")
    assert lock.cooldown_remaining() == 0


def test_badge_unlocks_even_during_cooldown(pin_hash: str) -> None:
    lock, _ = make_lock(pin_hash)
    for _ in range(3):
        lock.unlock_with_pin("9999")
    assert lock.cooldown_remaining() > 0
    assert not lock.unlock_with_badge("100000002")
    assert lock.unlock_with_badge("100-000-001")
    assert not lock.is_locked
    assert lock.cooldown_remaining() == 0


def test_wrong_badges_do_not_start_a_cooldown(pin_hash: str) -> None:
    lock, _ = make_lock(pin_hash)
    for _ in range(10):
        assert not lock.unlock_with_badge("900-001-001")
    assert lock.cooldown_remaining() == 0


@pytest.mark.parametrize(
    ("code", "normalized"), [(" 100-000-001\r", "100000001"), ("mgr 7", "MGR7"), ("", "")]
)
def test_normalize_badge(code: str, normalized: str) -> None:
    assert normalize_badge(code) == normalized


def test_nothing_configured_cannot_unlock(qtbot: Any) -> None:
    lock, _ = make_lock("", badge="")
    assert not lock.can_unlock
    with qtbot.waitSignal(lock.unlockFailed) as blocker:
        assert not lock.unlock_with_pin("1234")
    assert blocker.args == ["no_pin"]
    assert not lock.unlock_with_badge("")
    assert not lock.is_badge("")
    assert lock.is_locked


def test_idle_lock_by_clock(pin_hash: str) -> None:
    lock, clock = make_lock(pin_hash, idle=60)
    assert lock.unlock_with_pin(PIN)
    clock.now += 59
    lock.check_idle()
    assert not lock.is_locked
    lock.note_activity()
    clock.now += 59
    lock.check_idle()
    assert not lock.is_locked
    clock.now += 1
    lock.check_idle()
    assert lock.is_locked


def test_idle_lock_by_timer(qtbot: Any, pin_hash: str) -> None:
    lock = ManagerLock(pin_hash=pin_hash, badge="", idle_lock_s=0.05)
    assert lock.unlock_with_pin(PIN)
    with qtbot.waitSignal(lock.lockedChanged, timeout=2000) as blocker:
        pass
    assert blocker.args == [True]


def test_configure_changes_pin(pin_hash: str) -> None:
    lock, _ = make_lock(pin_hash)
    lock.configure(hash_pin("13579"), "", 30)
    assert not lock.unlock_with_pin(PIN)
    assert lock.unlock_with_pin("13579")
    assert not lock.has_badge
    assert lock.idle_lock_s == 30


# ---- the widget ----------------------------------------------------------------------------


def test_widget_unlocks_with_pin(qtbot: Any, pin_hash: str) -> None:
    lock, _ = make_lock(pin_hash)
    widget = UnlockWidget(lock)
    qtbot.addWidget(widget)
    field = widget.findChild(QLineEdit, "managerPinInput")
    assert field is not None
    assert field.echoMode() == QLineEdit.EchoMode.Password
    assert not widget.unlock_button.isEnabled()
    qtbot.keyClicks(field, PIN)
    assert widget.unlock_button.isEnabled()
    with qtbot.waitSignal(lock.lockedChanged):
        qtbot.mouseClick(widget.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.is_locked
    assert field.text() == ""


def test_widget_rejects_letters(qtbot: Any, pin_hash: str) -> None:
    lock, _ = make_lock(pin_hash)
    widget = UnlockWidget(lock)
    qtbot.addWidget(widget)
    qtbot.keyClicks(widget.pin_input, "12ab")
    assert widget.pin_input.text() == "12"


def test_widget_shows_wrong_pin_and_cooldown(qtbot: Any, pin_hash: str) -> None:
    lock, clock = make_lock(pin_hash)
    widget = UnlockWidget(lock)
    qtbot.addWidget(widget)
    qtbot.keyClicks(widget.pin_input, "1111")
    qtbot.keyClick(widget.pin_input, Qt.Key.Key_Return)
    assert widget.message.text() == "Wrong PIN. Try again."
    for _ in range(2):
        qtbot.keyClicks(widget.pin_input, "1111")
        qtbot.keyClick(widget.pin_input, Qt.Key.Key_Return)
    assert widget.message.text() == "Too many wrong PINs. Try again in 30 second(s)."
    assert not widget.pin_input.isEnabled()
    clock.now += 30
    widget.refresh()
    assert widget.pin_input.isEnabled()
    assert widget.message.text() == ""


def test_widget_without_pin_asks_for_settings(qtbot: Any) -> None:
    lock, _ = make_lock("", badge="")
    widget = UnlockWidget(lock)
    qtbot.addWidget(widget)
    assert "Settings" in widget._prompt.text()
    assert widget.pin_input.isHidden()


def test_widget_badge_only(qtbot: Any) -> None:
    lock, _ = make_lock("", badge="MGR-1")
    widget = UnlockWidget(lock)
    qtbot.addWidget(widget)
    assert widget._prompt.text() == "Scan the manager badge."
    assert widget.pin_input.isHidden()
    lock.unlock_with_badge("customer")
    assert widget.message.text() == "That is not the manager badge."


def test_activity_inside_the_watched_area_keeps_it_open(qtbot: Any, pin_hash: str) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    lock, clock = make_lock(pin_hash, idle=120)
    area, elsewhere = QWidget(), QLineEdit()
    inner = QLineEdit(area)
    QVBoxLayout(area).addWidget(inner)
    qtbot.addWidget(area)
    qtbot.addWidget(elsewhere)
    lock.watch(area)
    assert lock.unlock_with_pin(PIN)
    clock.now += 100
    qtbot.keyClick(inner, Qt.Key.Key_A)
    clock.now += 100  # 200 s since unlocking, 100 s since the key press
    lock.check_idle()
    assert not lock.is_locked
    qtbot.keyClick(elsewhere, Qt.Key.Key_A)  # the cashier typing elsewhere does not count
    clock.now += 20
    lock.check_idle()
    assert lock.is_locked


def test_watching_stops_when_the_area_goes(qtbot: Any, pin_hash: str) -> None:
    from PySide6.QtWidgets import QWidget

    lock, _ = make_lock(pin_hash)
    area = QWidget()
    lock.watch(area)
    area.deleteLater()
    qtbot.waitUntil(lambda: lock._watched is None, timeout=2000)
    other = QLineEdit()
    qtbot.addWidget(other)
    assert lock.unlock_with_pin(PIN)
    qtbot.keyClick(other, Qt.Key.Key_A)  # no crash on a deleted area
