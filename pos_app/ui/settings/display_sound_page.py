"""The Display and sound page of Settings: the customer display's screen, tones and volume."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSlider, QWidget

from pos_app.config.settings import AppSettings


class DisplaySoundPage(QWidget):
    """Where the customer display goes (automatic, off, or a named screen), scan tones on or
    off, and their volume.

    Children: settingsCustomerDisplay, settingsSoundEnabled, settingsSoundVolume.

    Signals: none (the dialog reads the page when saving).
    """

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_display = QComboBox(self)
        self.customer_display.setObjectName("settingsCustomerDisplay")
        self.customer_display.addItem(self.tr("On a second screen when there is one"), "auto")
        self.customer_display.addItem(self.tr("Off"), "off")
        names = [screen.name() for screen in QGuiApplication.screens()]
        if settings.customer_display not in ("auto", "off", *names):
            names.append(settings.customer_display)  # a screen that is not connected now
        for name in names:
            self.customer_display.addItem(self.tr("On the screen %1").replace("%1", name), name)
        index = self.customer_display.findData(settings.customer_display)
        self.customer_display.setCurrentIndex(max(index, 0))
        display_note = QLabel(self.tr("The customer display changes at the next start."), self)
        display_note.setWordWrap(True)

        self.sound_enabled = QCheckBox(self.tr("Play a tone for each scan"), self)
        self.sound_enabled.setObjectName("settingsSoundEnabled")
        self.sound_enabled.setChecked(settings.sound_enabled)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setObjectName("settingsSoundVolume")
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(20)
        self.volume.setValue(settings.sound_volume)
        self.volume.setAccessibleName(self.tr("Volume"))
        self.sound_enabled.toggled.connect(self.volume.setEnabled)
        self.volume.setEnabled(settings.sound_enabled)

        form = QFormLayout(self)
        form.addRow(self.tr("Customer display:"), self.customer_display)
        form.addRow(display_note)
        form.addRow(self.sound_enabled)
        form.addRow(self.tr("Volume:"), self.volume)

    def apply_to(self, settings: AppSettings) -> AppSettings:
        """`settings` with this page's choices."""
        return dataclasses.replace(
            settings,
            customer_display=str(self.customer_display.currentData()),
            sound_enabled=self.sound_enabled.isChecked(),
            sound_volume=self.volume.value(),
        )
