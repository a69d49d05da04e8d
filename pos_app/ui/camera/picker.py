"""A camera chooser for Settings: cameras by name, remembered by stable id; typing still works.

Listing cameras imports cv2 (~0.3 s) and asks the OS, so it runs on a worker thread and the
list arrives as a queued signal; until then (or without cameras) the field is plain text:
"0", a video file path, or a stable id.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QWidget

from pos_app.scanner.camera import CameraInfo, list_cameras

log = logging.getLogger(__name__)

Lister = Callable[[], list[CameraInfo]]


class CameraPicker(QComboBox):
    """Editable combo box of the machine's cameras; `spec()` is what `CameraPanel` takes.

    Signals:
        camerasListed(int): the listing finished with this many cameras (0 on failure).
    """

    camerasListed = Signal(int)
    _listed = Signal(object)  # list[CameraInfo] | None, from the lister thread

    def __init__(
        self, spec: str = "", *, lister: Lister = list_cameras, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPicker")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("0 = first camera, or a video file"))
        self._lister = lister
        self._listed.connect(self._on_listed, Qt.ConnectionType.QueuedConnection)
        self.set_spec(spec)

    def spec(self) -> str:
        """The chosen camera's stable id, or the typed text (index, file path)."""
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == self.currentText():
            return str(self.itemData(index))
        return self.currentText().strip()

    def set_spec(self, spec: str) -> None:
        """Select the camera with this stable id, or show the text as typed."""
        index = self.findData(spec)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(spec)

    def refresh(self) -> None:
        """List the cameras again, off the GUI thread."""
        threading.Thread(target=self._list, name="camera-list", daemon=True).start()

    def _list(self) -> None:
        try:
            cameras: list[CameraInfo] | None = self._lister()
        except Exception:  # a driver that fails to enumerate must not break Settings
            log.exception("listing cameras failed")
            cameras = None
        self._listed.emit(cameras)

    @Slot(object)
    def _on_listed(self, cameras: list[CameraInfo] | None) -> None:
        current = self.spec()
        self.clear()
        for camera in cameras or []:
            self.addItem(camera.name, camera.stable_id)
            self.setItemData(
                self.count() - 1,
                self.tr("%1 (device %2, %3)")
                .replace("%1", camera.name)
                .replace("%2", str(camera.index))
                .replace("%3", camera.backend),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.set_spec(current)
        self.camerasListed.emit(len(cameras or []))
