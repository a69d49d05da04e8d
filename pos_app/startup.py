"""Start-up: Qt application, logging, settings, translations, connection, then the window."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from pos_app.cli import Connection

log = logging.getLogger("pos_app.startup")

SMOKE_CARD = "900-001-001"
SMOKE_TIMEOUT_S = 20.0


def start_till(args: argparse.Namespace, *, started: float) -> int:
    """Build everything and run the Qt+asyncio loop until the window closes; the exit code."""
    from pos_app.cli import choose_connection, start_demo_sandbox

    # Forced demo: the sandbox process starts now and gets ready on the other core meanwhile.
    early_sandbox = start_demo_sandbox() if args.demo and not args.api_url else None

    from PySide6.QtWidgets import QApplication

    from pos_app.logs import route_qt_messages, setup_logging

    redactor = setup_logging(args.log_level, console=not args.smoke_test)
    route_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Loyalty.lt")
    app.setApplicationName("pos-app")
    app.setApplicationDisplayName("Loyalty.lt till")
    from pos_app.gc_guard import MainThreadGarbageCollector

    MainThreadGarbageCollector(app)  # before any thread starts (camera, decoder, sandbox)

    from pos_app.i18n import install_translator
    from pos_app.settings import QSettingsStore

    settings = QSettingsStore().load()
    locale = args.locale or settings.locale
    translator = install_translator(app, locale)
    timings = {"imports_s": time.perf_counter() - started}
    try:
        t0 = time.perf_counter()
        connection = choose_connection(args, settings.api_url, sandbox=early_sandbox)
        timings["connect_s"] = time.perf_counter() - t0
    except Exception as exc:  # the sandbox could not start: say so in one line
        log.exception("could not prepare the connection")
        if early_sandbox is not None:
            early_sandbox.stop()
        print(f"pos-app: could not start: {exc}", file=sys.stderr)
        return 1
    redactor.add_secret(connection.api_secret)
    log.info("starting: %r locale=%s", connection, locale)
    try:
        import qasync

        main = _smoke_test if args.smoke_test else _run_window
        return int(qasync.run(main(app, connection, locale, args, timings)))
    finally:
        if connection.sandbox is not None:
            connection.sandbox.stop()
            if args.smoke_test and connection.sandbox.peak_rss_mib is not None:
                print(f"demo sandbox process peak: {connection.sandbox.peak_rss_mib:.1f} MiB")
        del translator


def _build_window(
    app: QApplication, connection: Connection, locale: str, args: argparse.Namespace
) -> QMainWindow:
    from pos_app.app import create_main_window
    from pos_app.logs import asyncio_exception_handler, install_exception_hooks

    window = create_main_window(
        api_url=connection.api_url,
        api_key=connection.api_key,
        api_secret=connection.api_secret,
        locale=locale,
        demo=connection.demo,
        camera_spec=args.camera,
    )
    notify = getattr(window, "show_unexpected_error", None)

    def tell_cashier(text: str) -> None:
        if callable(notify):
            notify(text)

    install_exception_hooks(tell_cashier)
    asyncio.get_running_loop().set_exception_handler(asyncio_exception_handler(tell_cashier))
    return window


async def _close(window: QMainWindow) -> None:
    aclose = getattr(window, "aclose", None)
    if callable(aclose):
        await aclose()


async def _run_window(
    app: QApplication,
    connection: Connection,
    locale: str,
    args: argparse.Namespace,
    timings: dict[str, float],
) -> int:
    window = _build_window(app, connection, locale, args)
    watcher = _watch_sandbox(connection, window)
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_last_window_closed() -> None:
        if not closed.done():
            closed.set_result(None)

    app.lastWindowClosed.connect(on_last_window_closed)
    window.show()
    log.info("window shown after %.3f s", sum(timings.values()))
    await closed
    if watcher is not None:
        watcher.cancel()
    await _close(window)
    return 0


def _watch_sandbox(connection: Connection, window: QMainWindow) -> asyncio.Task[None] | None:
    """Tell the cashier if the demo sandbox process could not start (it starts in parallel)."""
    sandbox = connection.sandbox
    if sandbox is None:
        return None

    async def watch() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if problem := sandbox.failure():
                log.error("%s", problem)
                notify = getattr(window, "show_unexpected_error", None)
                if callable(notify):
                    notify(f"Demo mode is unavailable: {problem}.")
                return
            if sandbox.ready:
                return
            await asyncio.sleep(0.1)

    return asyncio.get_running_loop().create_task(watch())


async def _smoke_test(
    app: QApplication,
    connection: Connection,
    locale: str,
    args: argparse.Namespace,
    timings: dict[str, float],
) -> int:
    """Look a demo card up over real HTTP through the real window, render it, report."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLabel, QLineEdit

    t0 = time.perf_counter()
    window = _build_window(app, connection, locale, args)
    window.show()
    timings["window_s"] = time.perf_counter() - t0
    try:
        card_input = window.findChild(QLineEdit, "cardInput")
        balance = window.findChild(QLabel, "balanceLabel")
        number = window.findChild(QLabel, "cardNumberLabel")
        if card_input is None or balance is None or number is None:
            print("smoke test FAILED: cardInput/balanceLabel/cardNumberLabel missing", flush=True)
            return 1
        t0 = time.perf_counter()
        card_input.setFocus()
        card_input.setText(SMOKE_CARD)
        QTest.keyClick(card_input, Qt.Key.Key_Return)
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
        shot = Path(tempfile.gettempdir()) / "pos-app-smoke.png"
        if not window.grab().save(str(shot)):
            print("smoke test FAILED: the window could not be rendered", flush=True)
            return 1
        timings["render_s"] = time.perf_counter() - t0
        if os.environ.get("POS_SMOKE_DECODE") == "1":  # packaging: prove zbar was bundled
            t0 = time.perf_counter()
            if problem := _decode_check():
                print(f"smoke test FAILED: {problem}", flush=True)
                return 1
            timings["decode_s"] = time.perf_counter() - t0
        total = sum(timings.values())
        parts = " ".join(f"{k}={v * 1000:.0f}ms" for k, v in timings.items())
        print(f"smoke test OK: {parts} total={total * 1000:.0f}ms screenshot={shot}", flush=True)
        return 0
    finally:
        await _close(window)
        window.close()


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


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
