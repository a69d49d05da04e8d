"""`--smoke-test`: a demo card looked up over real HTTP through the real window, timed."""

from __future__ import annotations

import asyncio
import os
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from pos_app.ui.main_window import MainWindow

SMOKE_CARD = "900-001-001"
SMOKE_TIMEOUT_S = 20.0


async def smoke_test(app: QApplication, window: MainWindow, timings: dict[str, float]) -> int:
    """Look a demo card up over real HTTP through the shown window, render it, report.

    The exit code: 0 when the card was shown and the window rendered, 1 otherwise.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLabel, QLineEdit

    card_input = window.findChild(QLineEdit, "cardInput")
    balance = window.findChild(QLabel, "balanceLabel")
    number = window.findChild(QLabel, "cardNumberLabel")
    if card_input is None or balance is None or number is None:
        print("smoke test FAILED: cardInput/balanceLabel/cardNumberLabel missing", flush=True)
        return 1
    t0 = time.perf_counter()
    card_input.setFocus()
    card_input.setText(SMOKE_CARD)
    # Enter as the keyboard sends it (through the scanner's event filters), without QtTest.
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        enter = QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        app.sendEvent(card_input, enter)
    deadline = time.monotonic() + SMOKE_TIMEOUT_S
    while not (SMOKE_CARD in number.text() and _digits(balance.text()) == "1000"):
        if time.monotonic() > deadline:
            banner = window.findChild(QLabel, "statusBanner")
            print(
                f"smoke test FAILED: card {SMOKE_CARD} not shown within {SMOKE_TIMEOUT_S:.0f} s"
                f" (banner: {banner.text() if banner else '?'!r})",
                flush=True,
            )
            return 1
        await asyncio.sleep(0.005)
    timings["lookup_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    image = window.grab().toImage()
    if problem := _blank(image):
        print(f"smoke test FAILED: the window did not render: {problem}", flush=True)
        return 1
    timings["render_s"] = time.perf_counter() - t0
    shot = os.environ.get("POS_SMOKE_SCREENSHOT")  # packaging keeps one; PNG costs 35 ms
    if shot and not image.save(shot):
        print(f"smoke test FAILED: could not write the screenshot {shot}", flush=True)
        return 1
    if os.environ.get("POS_SMOKE_DECODE") == "1":  # packaging: prove zbar was bundled
        t0 = time.perf_counter()
        if problem := _decode_check():
            print(f"smoke test FAILED: {problem}", flush=True)
            return 1
        timings["decode_s"] = time.perf_counter() - t0
    total = sum(timings.values())
    parts = " ".join(f"{k}={v * 1000:.0f}ms" for k, v in timings.items())
    saved = f" screenshot={shot}" if shot else ""
    print(f"smoke test OK: {parts} total={total * 1000:.0f}ms{saved}", flush=True)
    return 0


def _decode_check() -> str | None:
    """Decode a generated QR code with the camera pipeline; why it failed, or None."""
    import io

    try:
        import cv2
        import numpy as np
        import segno

        from pos_app.scanner import decode_frame

        expected = "loyaltylt://qr-card?code=smoke-test"
        png = io.BytesIO()
        segno.make(expected, error="m").save(png, kind="png", scale=8, border=4)
        image = cv2.imdecode(np.frombuffer(png.getvalue(), np.uint8), cv2.IMREAD_GRAYSCALE)
        if image is None:
            return "OpenCV could not read a generated PNG"
        found = decode_frame(image)
    except Exception as exc:  # an import or a missing library is the finding
        return f"camera decoding unavailable: {type(exc).__name__}: {exc}"
    return None if expected in found else f"a generated QR code decoded as {found!r}"


def _blank(image: QImage) -> str | None:
    """Why a rendered window looks empty (null, or a single colour), or None."""
    if image.isNull() or image.width() < 2 or image.height() < 2:
        return "no image"
    colours = {
        image.pixel(x, y) for y in range(0, image.height(), 16) for x in range(0, image.width(), 16)
    }
    return "a single colour" if len(colours) < 2 else None


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
