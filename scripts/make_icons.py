"""Draws the till's icon (a loyalty card with a check mark) at the usual sizes into
resources/icons."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parent.parent


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64.0
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#0f766e"))
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 14 * s, 14 * s)
    p.setBrush(QColor("#f8fafc"))
    p.drawRoundedRect(QRectF(10 * s, 17 * s, 44 * s, 30 * s), 5 * s, 5 * s)
    p.setBrush(QColor("#f59e0b"))
    p.drawRect(QRectF(10 * s, 23 * s, 44 * s, 6 * s))
    pen = QPen(QColor("#0f766e"), max(1.5, 4.5 * s))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    tick = QPainterPath()
    tick.moveTo(33 * s, 38 * s)
    tick.lineTo(38 * s, 43 * s)
    tick.lineTo(48 * s, 33 * s)
    p.drawPath(tick)
    p.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    for size in SIZES:
        image = draw(size)
        image.save(str(ROOT / "resources" / "icons" / f"pos-app-{size}.png"))
    draw(256).save(str(ROOT / "pos_app" / "resources" / "icons" / "pos-app.png"))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
