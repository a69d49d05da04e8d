"""Settings' Display and sound page: the customer display's screen, tones on/off, volume."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QSlider

from pos_app.config.settings import AppSettings, MemorySettingsStore
from pos_app.ui.settings.display_sound_page import DisplaySoundPage

from .test_dialog import child, choose, make_dialog


def test_the_page_shows_and_returns_the_choices(qtbot: Any) -> None:
    page = DisplaySoundPage(
        AppSettings(customer_display="off", sound_enabled=False, sound_volume=35)
    )
    qtbot.addWidget(page)
    assert page.customer_display.currentData() == "off"
    assert not page.sound_enabled.isChecked()
    assert page.volume.value() == 35
    assert not page.volume.isEnabled()
    screens = [page.customer_display.itemData(i) for i in range(page.customer_display.count())]
    assert screens[:2] == ["auto", "off"]
    assert set(screens[2:]) == {s.name() for s in QGuiApplication.screens()}
    page.sound_enabled.setChecked(True)
    assert page.volume.isEnabled()
    page.volume.setValue(80)
    choose(page.customer_display, "auto")
    new = page.apply_to(AppSettings())
    assert (new.customer_display, new.sound_enabled, new.sound_volume) == ("auto", True, 80)


def test_a_screen_not_connected_now_stays_chosen(qtbot: Any) -> None:
    page = DisplaySoundPage(AppSettings(customer_display="HDMI-2"))
    qtbot.addWidget(page)
    assert page.customer_display.currentData() == "HDMI-2"
    assert page.apply_to(AppSettings()).customer_display == "HDMI-2"


def test_a_cashier_can_turn_the_tones_down_and_save(qtbot: Any) -> None:
    store = MemorySettingsStore()
    dialog = make_dialog(qtbot, settings_store=store)
    child(dialog, QCheckBox, "settingsSoundEnabled").setChecked(False)
    child(dialog, QSlider, "settingsSoundVolume").setValue(10)
    choose(child(dialog, QComboBox, "settingsCustomerDisplay"), "off")
    with qtbot.waitSignal(dialog.settingsChanged) as blocker:
        child(dialog, QPushButton, "settingsSave").click()
    new = blocker.args[0]
    assert (new.sound_enabled, new.sound_volume, new.customer_display) == (False, 10, "off")
    assert store.load() == new
