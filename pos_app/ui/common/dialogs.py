"""One non-modal dialog at a time: opened on demand, raised when asked again, deleted on close."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class DialogOnce(QObject, Generic[D]):
    """Opens the dialog `factory` builds, at most one at a time. No signals.

    Asked again while it is open, it raises the open one instead of building a second. When the
    dialog finishes it is deleted, unless `keep` (a dialog that is only hidden and shown again,
    like today's sales, keeps its state and its connections).
    """

    def __init__(self, factory: Callable[[], D], parent: QObject, *, keep: bool = False) -> None:
        super().__init__(parent)
        self._factory = factory
        self._keep = keep
        self.dialog: D | None = None

    def open(self) -> D:
        dialog = self.dialog
        if dialog is None:
            dialog = self._factory()
            dialog.setModal(False)
            if not self._keep:
                dialog.finished.connect(self._finished)
            self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def hide(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()

    def _finished(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
