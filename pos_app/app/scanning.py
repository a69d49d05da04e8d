"""Wiring the scanner: the wedge detector's settings and installation, and the manager badge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from pos_app.config.settings import AppSettings
from pos_app.scanner.reading import ScanCodeReader
from pos_app.scanner.routing import mark_scan_field
from pos_app.scanner.software_keys import SoftwareKeyBypass
from pos_app.scanner.wedge import WedgeConfig, WedgeDetector
from pos_app.ui.main_window import MainWindow
from pos_app.ui.manager.lock import ManagerLock

if TYPE_CHECKING:
    pass



_TERMINATORS: dict[str, frozenset[Any]] = {
    "enter": frozenset({"enter", "keypad_enter"}),
    "tab": frozenset({"tab"}),
    "enter_or_tab": frozenset({"enter", "keypad_enter", "tab"}),
    "none": frozenset(),
}


def wedge_config_for(settings: AppSettings) -> WedgeConfig:
    """The wedge timing the Settings dialog chose."""
    interkey = float(settings.wedge_max_interkey_ms)
    return WedgeConfig(
        max_interkey_ms=interkey,
        idle_timeout_ms=max(float(settings.wedge_idle_timeout_ms), interkey),
        terminators=_TERMINATORS.get(settings.wedge_terminator, _TERMINATORS["enter_or_tab"]),
        # The view-model drops repeats for every source, knowing what is on screen; the
        # detector's own filter would swallow "scan X, type Y, scan X" within 1.5 s.
        duplicate_window_s=0.0,
    )


def manager_badge(settings: AppSettings, *, demo: bool) -> str:
    """The badge that unlocks the manager view: the configured one, or in a demo with neither
    PIN nor badge set, the staging manager badge, so a demo can open the manager view."""
    if demo and not settings.manager_badge and not settings.manager_pin_hash:
        from pos_app.sandbox import MANAGER_BADGE  # seed data only, no server stack

        return str(MANAGER_BADGE)
    return settings.manager_badge


def manager_lock(settings: AppSettings, *, demo: bool) -> ManagerLock:
    badge = manager_badge(settings, demo=demo)
    return ManagerLock(settings.manager_pin_hash, badge, float(settings.manager_idle_lock_s))


def install_wedge(
    window: MainWindow, lock: ManagerLock, wedge: WedgeDetector | None, settings: AppSettings
) -> WedgeDetector | None:
    app = QCoreApplication.instance()
    if app is None:
        return None
    detector = wedge if wedge is not None else WedgeDetector(wedge_config_for(settings))
    detector.setParent(window)
    detector.scanned.connect(window.submit_wedge_scan)
    # Scans are the till window's (a dialog keeps its own); the manager badge reads as a code.
    detector.set_home(window)
    detector.set_reader(ScanCodeReader(is_extra=lock.is_badge))
    mark_scan_field(window.card_input)
    detector.install(app)
    # Installed last, so it sees each key before the detector does.
    bypass = SoftwareKeyBypass(detector, parent=window)
    app.installEventFilter(bypass)

    async def uninstall() -> None:
        app.removeEventFilter(bypass)
        detector.uninstall()

    window.add_async_closer(uninstall)
    return detector
