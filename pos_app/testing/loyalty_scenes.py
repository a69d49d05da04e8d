"""The README's stamp-card and coupon screenshots: the real till driven like a cashier."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from pos_app.sale.journal import SaleJournal
from pos_app.sandbox import ACTIVE_COUPON, SandboxServer
from pos_app.testing.scenes import demo_till, until

IN_PROGRESS_CARD = "900-004-001"  # five of eight stamps
ONE_AWAY_CARD = "900-002-001"  # seven of eight


def _with_dialog(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window with the (separate, top-level) dialog drawn over its middle."""
    picture = window.grab()
    painter = QPainter(picture)
    shot = dialog.grab()
    x = (picture.width() - shot.width()) // 2
    y = (picture.height() - shot.height()) // 3
    painter.drawPixmap(QPoint(max(0, x), max(0, y)), shot)
    painter.end()
    return picture


async def shoot_loyalty(
    sandbox: SandboxServer,
    locale: str,
    out: Path,
    suffix: str = "",
    size: tuple[int, int] = (1366, 740),
) -> list[Path]:
    """Stamp card in progress, a completed card's reward, a coupon before and after Enter.

    The caller installs the translator for `locale` and resets the sandbox first.
    """
    from pos_app.ui.loyalty.coupon_dialog import CouponDialog

    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        journal = SaleJournal(Path(tmp) / "journal.sqlite")
        window = demo_till(sandbox, locale, journal)
        window.resize(*size)  # after show: the window places itself on the screen first

        def save(picture: QPixmap, name: str) -> None:
            path = out / f"till-{locale}{suffix}-{name}.png"
            picture.save(str(path))
            shots.append(path)

        def stamps() -> str:
            label = window.findChild(QLabel, "stampProgressLabel")
            return label.text() if label is not None and label.isVisible() else ""

        try:
            window.submit_wedge_scan(IN_PROGRESS_CARD)  # shown in the card field, as scanned
            await until(lambda: "◉" in stamps())
            await asyncio.sleep(0.05)
            save(window.grab(), "stamps")

            window.submit_wedge_scan(ONE_AWAY_CARD)
            await until(lambda: stamps().count("●") == 7)
            window.redemption_panel.order_total_input.setText("4,50" if locale == "lt" else "4.50")
            complete = window.findChild(QPushButton, "completeSaleButton")
            reward = window.findChild(QWidget, "rewardCouponPanel")
            assert complete is not None
            assert reward is not None
            await until(complete.isEnabled)
            complete.click()
            await until(reward.isVisible)
            await asyncio.sleep(0.05)
            save(window.grab(), "stamp-reward")

            assert window.sale_panel is not None
            window.sale_panel.new_sale()  # Esc: the next customer
            window.vm.submit_scan(ACTIVE_COUPON, "wedge")
            dialogs: list[CouponDialog] = []

            def ready() -> bool:
                dialogs[:] = [d for d in window.findChildren(CouponDialog) if d.isVisible()]
                notice = dialogs[0].notice if dialogs else None
                return notice is not None and notice.property("kind") == "coupon_ready"

            await until(ready)
            dialog = dialogs[0]
            await asyncio.sleep(0.05)
            save(_with_dialog(window, dialog), "coupon")
            dialog.redeem()
            await until(lambda: dialog.notice.property("kind") == "redeemed")
            await asyncio.sleep(0.05)
            save(_with_dialog(window, dialog), "coupon-redeemed")
            dialog.close()
        finally:
            await window.aclose()
            window.close()
            window.deleteLater()
            journal.close()
    return shots


async def _render_all(out: Path, sandbox: SandboxServer) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from pos_app.config.i18n import install_translator

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for locale in ("en", "lt"):
        translator = install_translator(app, locale)
        sandbox.reset()
        try:
            for path in await shoot_loyalty(sandbox, locale, out):
                print(path)
        finally:
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
    return 0


def main() -> int:
    """`python -m pos_app.testing.loyalty_scenes [OUT]`: render the four scenes, en and lt.

    Offscreen the screen is 800x800 and the till fits itself to it; for README images run it
    on an X server of a till's size (e.g. Xvfb at 1366x768, QT_QPA_PLATFORM=xcb).
    """
    import os
    import sys

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtWidgets import QApplication

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    server = SandboxServer(rate_limit=0)
    server.start()
    try:
        return int(qasync.run(_render_all(out, server)))
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
