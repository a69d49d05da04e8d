"""Render the README's screenshots of the till in English and Lithuanian, light and dark.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--scale 1]

Starts the embedded sandbox on loopback, drives the real window through a lookup like a
cashier (card, order total, points) and saves PNGs. Needs no display (offscreen platform).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QWidget  # noqa: E402

from pos_app.app import TillOptions, create_main_window  # noqa: E402
from pos_app.config.settings import AppSettings, MemorySettingsStore  # noqa: E402
from pos_app.sale.journal import SaleJournal  # noqa: E402
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer  # noqa: E402


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#1f2023",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#141518",
        QPalette.ColorRole.AlternateBase: "#2a2c31",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2f3136",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Mid: "#55585f",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


async def _until(predicate: Callable[[], bool]) -> None:
    async with asyncio.timeout(10.0):
        while not predicate():  # noqa: ASYNC110 (polls Qt state, no event to wait on)
            await asyncio.sleep(0.01)


async def shoot(
    app: QApplication, sandbox: SandboxServer, locale: str, out: Path, suffix: str
) -> list[Path]:
    from pos_app.config.i18n import install_translator

    translator = install_translator(app, locale)
    with tempfile.TemporaryDirectory() as tmp:
        journal = SaleJournal(Path(tmp) / "journal.sqlite")
        window = create_main_window(
            api_url=sandbox.base_url,
            api_key=DEMO_API_KEY,
            api_secret=DEMO_API_SECRET,
            locale=locale,
            options=TillOptions(
                demo=True,
                settings=AppSettings(locale="lt" if locale == "lt" else "en"),
                settings_store=MemorySettingsStore(),
                journal=journal,
            ),
        )
        window.resize(1280, 820)
        window.show()
        shots: list[Path] = []
        try:
            window.card_input.setText("900-004-001")
            window.vm.submit_scan("900-004-001", "keyboard")
            await _until(lambda: window.vm.card is not None)
            total = "24,90" if locale == "lt" else "24.90"
            window.redemption_panel.order_total_input.setText(total)
            window.vm.choose_cover()
            await asyncio.sleep(0.05)
            path = out / f"till-{locale}{suffix}.png"
            window.grab().save(str(path))
            shots.append(path)
            # The sale, at the size of a maximized window on a common 1366x768 till screen.
            window.resize(1366, 740)
            complete = window.findChild(QPushButton, "completeSaleButton")
            result = window.findChild(QWidget, "saleResultPanel")
            assert complete is not None
            assert result is not None
            complete.click()
            await _until(result.isVisible)
            await asyncio.sleep(0.05)
            path = out / f"till-{locale}{suffix}-sale.png"
            window.grab().save(str(path))
            shots.append(path)
            window.resize(1280, 820)
            sandbox.faults.inject("rate_limit", path_contains="loyalty-cards")
            window.vm.submit_scan("900-002-001", "wedge")
            await _until(lambda: window.banner.state.retry_in is not None)
            await asyncio.sleep(0.05)
            path = out / f"till-{locale}{suffix}-rate-limited.png"
            window.grab().save(str(path))
            shots.append(path)
        finally:
            await window.aclose()
            window.close()
            window.deleteLater()
            journal.close()
            QCoreApplication.removeTranslator(translator) if translator else None
    return shots


async def main(out: Path, sandbox: SandboxServer) -> int:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    for locale in ("en", "lt"):
        for suffix, palette in (("", light), ("-dark", dark_palette())):
            app.setPalette(palette)
            sandbox.reset()
            for path in await shoot(app, sandbox, locale, out, suffix):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    import qasync

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR for high-DPI renders")
    parsed = parser.parse_args()
    os.environ["QT_SCALE_FACTOR"] = parsed.scale
    qt_app = QApplication(sys.argv[:1])
    qt_app.setStyle("Fusion")
    qt_app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus)
    # The sandbox runs its own asyncio loop on a thread: start it before qasync takes over.
    server = SandboxServer(rate_limit=0)
    server.start()
    try:
        target = Path(parsed.out)
        target.mkdir(parents=True, exist_ok=True)
        code = qasync.run(main(target, server))
    finally:
        server.stop()
    sys.exit(code)
