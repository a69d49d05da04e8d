"""Render the README's screenshots of the till: en and lt, two till screen sizes, light and dark.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only till,1024,loyalty]

Uses the installed `pos_app` (pip install -e . or a wheel), never this checkout's files by path.
Starts the embedded sandbox on loopback and drives the real window like a cashier (card,
order total, points, Ctrl+Enter). Needs no display: Qt's offscreen platform is given a till
screen (1366x768; the 1024x768 shots run in a second process with that screen), the window
opens maximised on it, so what is saved is what a cashier sees there (without the window
manager's title bar).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.config.i18n import install_translator
from pos_app.sale.journal import SaleJournal
from pos_app.sandbox import SandboxServer
from pos_app.testing.scenes import demo_till, until
from pos_app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent


def _offscreen_screen(size: str) -> None:
    """Qt's offscreen platform with one screen of `size` ("1366x768"): the till maximises on it."""
    width, height = (int(part) for part in size.split("x"))
    screen = {"name": "till", "x": 0, "y": 0, "width": width, "height": height}
    config = {
        "synchronousWindowSystemEvents": False,
        "windowFrameMargins": False,
        "screens": [{**screen, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}],
    }
    path = Path(tempfile.gettempdir()) / f"pos-app-screenshot-screen-{size}.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"


CARD = "900-004-001"  # 10 000 points, at most 5 000 an order, a stamp card in progress


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


def _open(sandbox: SandboxServer, locale: str, journal: SaleJournal) -> MainWindow:
    """A demo till with its customer display, maximised on the (offscreen) till screen."""
    return demo_till(sandbox, locale, journal, customer_display=True)


async def _customer(window: MainWindow, locale: str) -> None:
    """A customer on screen with an order total and the points that cover it."""
    window.card_input.setText(CARD)
    window.vm.submit_scan(CARD, "keyboard")
    await until(lambda: window.vm.card is not None and window.sale_panel is not None)
    window.redemption_panel.order_total_input.setText("24,90" if locale == "lt" else "24.90")
    window.vm.choose_cover()
    await asyncio.sleep(0.1)


async def _complete(window: MainWindow) -> None:
    result = window.findChild(QWidget, "saleResultPanel")
    assert result is not None
    window.complete_sale()  # Ctrl+Enter
    await until(result.isVisible)
    await until(lambda: not window.vm.busy)  # the balance refresh after the sale
    await asyncio.sleep(0.1)


def _save(widget: QWidget, path: Path, shots: list[Path]) -> None:
    widget.grab().save(str(path))
    shots.append(path)


async def shoot_till(sandbox: SandboxServer, locale: str, out: Path, suffix: str) -> list[Path]:
    """1366x768: a customer with the points chosen, the confirmed sale, a rate limit."""
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        journal = SaleJournal(Path(tmp) / "journal.sqlite")
        window = _open(sandbox, locale, journal)
        try:
            await _customer(window, locale)
            _save(window, out / f"till-{locale}{suffix}.png", shots)
            display = window.findChild(QWidget, "customerDisplay")
            if display is not None and not suffix:
                display.resize(1024, 600)
                await asyncio.sleep(0.1)
                _save(display, out / f"customer-display-{locale}.png", shots)
            await _complete(window)
            _save(window, out / f"till-{locale}{suffix}-sale.png", shots)
            if display is not None and not suffix:
                _save(display, out / f"customer-display-{locale}-thanks.png", shots)
            sandbox.faults.inject("rate_limit", path_contains="loyalty-cards")
            window.submit_wedge_scan("900-002-001")  # the next customer: a new sale
            await until(lambda: window.banner.state.retry_in is not None)
            await asyncio.sleep(0.1)
            _save(window, out / f"till-{locale}{suffix}-rate-limited.png", shots)
        finally:
            await window.aclose()
            window.close()
            window.deleteLater()
            journal.close()
    return shots


async def shoot_1024(sandbox: SandboxServer, locale: str, out: Path) -> list[Path]:
    """1024x768, the smallest till screen: mid-sale and the confirmed sale."""
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        journal = SaleJournal(Path(tmp) / "journal.sqlite")
        window = _open(sandbox, locale, journal)
        try:
            assert window.size().width() == 1024, window.size()
            await _customer(window, locale)
            _save(window, out / f"till-{locale}-1024.png", shots)
            await _complete(window)
            _save(window, out / f"till-{locale}-1024-sale.png", shots)
        finally:
            await window.aclose()
            window.close()
            window.deleteLater()
            journal.close()
    return shots


async def main(out: Path, sandbox: SandboxServer, only: set[str]) -> int:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    for locale in ("en", "lt"):
        translator = install_translator(app, locale)
        try:
            shots: list[Path] = []
            for suffix, palette in (("", light), ("-dark", dark_palette())):
                if "till" in only:
                    app.setPalette(palette)
                    sandbox.reset()
                    shots += await shoot_till(sandbox, locale, out, suffix)
            app.setPalette(light)
            if "1024" in only:
                sandbox.reset()
                shots += await shoot_1024(sandbox, locale, out)
            if "loyalty" in only:
                from pos_app.testing.loyalty_scenes import shoot_loyalty

                sandbox.reset()
                shots += await shoot_loyalty(sandbox, locale, out)
            for path in shots:
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
    return 0


if __name__ == "__main__":
    import qasync

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument(
        "--only", default="till,1024,loyalty", help="comma-separated: till, 1024, loyalty"
    )
    parser.add_argument("--screen", default="1366x768", help=argparse.SUPPRESS)
    parsed = parser.parse_args()
    only = set(parsed.only.split(","))
    if "1024" in only and parsed.screen != "1024x768":
        # The 1024x768 shots need a 1024x768 screen: a process of their own.
        child = [sys.executable, __file__, "--out", parsed.out, "--only", "1024"]
        subprocess.run([*child, "--screen", "1024x768"], check=True)
        only.discard("1024")
    _offscreen_screen(parsed.screen)
    qt_app = QApplication(sys.argv[:1])
    qt_app.setStyle("Fusion")
    qt_app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus)
    # The sandbox runs its own asyncio loop on a thread: start it before qasync takes over.
    server = SandboxServer(rate_limit=0)
    server.start()
    try:
        target = Path(parsed.out)
        target.mkdir(parents=True, exist_ok=True)
        code = qasync.run(main(target, server, only))
    finally:
        server.stop()
    sys.exit(code)
