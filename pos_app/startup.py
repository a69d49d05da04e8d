"""Start-up: Qt application, logging, settings, translations, connection, then the window."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
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

    from pos_app import pyside_imports

    pyside_imports.install()  # before anything else is imported: see the module's docstring
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
    t0 = time.perf_counter()
    window = _build_window(app, connection, locale, args)
    watcher = _watch_sandbox(connection, window)
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_last_window_closed() -> None:
        if not closed.done():
            closed.set_result(None)

    app.lastWindowClosed.connect(on_last_window_closed)
    window.show()
    _freeze_startup_objects()
    timings["window_s"] = time.perf_counter() - t0
    log.info("window shown after %.3f s", sum(timings.values()))
    # What the first paint did not need, built while the cashier looks at the window.
    asyncio.get_running_loop().call_later(0.1, _warm_up)
    await closed
    if watcher is not None:
        watcher.cancel()
    await _close(window)
    return 0


def _warm_up() -> None:
    """Build the API models' validators now rather than on the first scan (~30 ms)."""
    from pos_app.models import build_validators

    build_validators()
    _freeze_startup_objects()


def _freeze_startup_objects() -> None:
    """Move what start-up built (modules, the window) out of the cyclic collector's sight.

    It all lives until exit, yet every full collection would walk it again: 60 000 objects,
    8.8 ms a time on the GUI thread (measured); frozen, a full collection takes well under
    a millisecond. Everything allocated later is collected as usual (`pos_app.gc_guard`).
    """
    import gc

    gc.freeze()


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
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLabel, QLineEdit

    t0 = time.perf_counter()
    window = _build_window(app, connection, locale, args)
    window.show()
    _freeze_startup_objects()
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
