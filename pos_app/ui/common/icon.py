"""The till's icon, read from the installed package (checkout, wheel or frozen build alike)."""

from __future__ import annotations

import importlib.resources

from PySide6.QtGui import QIcon, QPixmap


def app_icon() -> QIcon:
    """The Loyalty.lt till icon shipped in `pos_app/resources/icons`; an empty icon if missing."""
    resource = importlib.resources.files("pos_app").joinpath("resources", "icons", "pos-app.png")
    try:
        data = resource.read_bytes()
    except OSError:
        return QIcon()
    pixmap = QPixmap()
    if not pixmap.loadFromData(data, "PNG"):
        return QIcon()
    return QIcon(pixmap)


__all__ = ["app_icon"]
