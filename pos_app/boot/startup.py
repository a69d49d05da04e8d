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
    from collections.abc import Mapping

    from PySide6.QtWidgets import QApplication

    from pos_app.boot.connection import Connection
    from pos_app.ui.main_window import MainWindow

log = logging.getLogger("pos_app.boot.startup")

def start_till(
    args: argparse.Namespace, *, started: float, environ: Mapping[str, str] | None = None
) -> int:
    """Build everything and run the Qt+asyncio loop until the window closes; the exit code.

    `environ` holds the credentials taken out of the process environment (None: read it).
    """
    from pos_app.boot.connection import choose_connection, start_demo_sandbox

    # Forced demo: the sandbox process starts now and gets ready on the other core meanwhile.
    early_sandbox = start_demo_sandbox() if args.demo and not args.api_url else None

    from PySide6.QtWidgets import QApplication

    from pos_app.qtfix import linecache as pyside_imports

    pyside_imports.install()  # before anything else is imported: see the module's docstring
    from pos_app.boot.logs import route_qt_messages, setup_logging

    redactor = setup_logging(args.log_level, console=not args.smoke_test)
    route_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Loyalty.lt")
    app.setApplicationName("pos-app")
    app.setApplicationDisplayName("Loyalty.lt till")
    from pos_app.qtfix.gui_thread_gc import MainThreadGarbageCollector

    MainThreadGarbageCollector(app)  # before any thread starts (camera, decoder, sandbox)

    from pos_app.config.i18n import install_translator
    from pos_app.config.settings import QSettingsStore

    settings = QSettingsStore().load()
    locale = args.locale or settings.locale
    translator = install_translator(app, locale)
    timings = {"imports_s": time.perf_counter() - started}
    try:
        t0 = time.perf_counter()
        connection = choose_connection(
            args, settings.api_url, environ=environ, sandbox=early_sandbox
        )
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
) -> MainWindow:
    from pos_app.app import TillOptions, create_main_window
    from pos_app.boot.logs import asyncio_exception_handler, install_exception_hooks

    window = create_main_window(
        api_url=connection.api_url,
        api_key=connection.api_key,
        api_secret=connection.api_secret,
        locale=locale,
        options=TillOptions(
            demo=connection.demo,
            camera_spec=args.camera,
            credentials_from_environment=connection.from_environment,
            customer_display=bool(getattr(args, "customer_display", False)),
            attach_after_paint=True,  # ready for the cashier first, the sale side right after
            fullscreen=bool(getattr(args, "fullscreen", False)),
        ),
    )
    install_exception_hooks(window.show_unexpected_error)
    handler = asyncio_exception_handler(window.show_unexpected_error)
    asyncio.get_running_loop().set_exception_handler(handler)
    return window


async def _close(window: MainWindow) -> None:
    await window.aclose()


async def _run_window(
    app: QApplication,
    connection: Connection,
    locale: str,
    args: argparse.Namespace,
    timings: dict[str, float],
) -> int:
    t0 = time.perf_counter()
    started = t0 - sum(timings.values())  # when the command line was read
    window = _build_window(app, connection, locale, args)
    watcher = _watch_sandbox(connection, window)
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_last_window_closed() -> None:
        if not closed.done():
            closed.set_result(None)

    app.lastWindowClosed.connect(on_last_window_closed)
    # Qt's own quit on the last window would stop the loop under this coroutine ("Event loop
    # stopped before Future completed", exit code 1); the coroutine ends the loop instead.
    app.setQuitOnLastWindowClosed(False)
    window.show()
    _freeze_startup_objects()
    timings["window_s"] = time.perf_counter() - t0
    log.info("window shown after %.3f s", sum(timings.values()))
    exit_code = _watch_ready(window, started, closed)
    focus_card = getattr(window, "focus_card_input", None)
    if callable(focus_card):
        focus_card()  # the cashier's first scan or keystroke goes to the card field
    # What the first paint did not need, built while the cashier looks at the window.
    asyncio.get_running_loop().call_later(0.1, _warm_up)
    await closed
    if watcher is not None:
        watcher.cancel()
    await _close(window)
    return exit_code[0]


def _watch_ready(window: MainWindow, started: float, closed: asyncio.Future[None]) -> list[int]:
    """Log when the cashier could start; with POS_EXIT_WHEN_READY=1 also end the run there.

    The returned one-item list is the exit code, set to 1 if the till never got ready.
    """
    from pos_app.boot.ready import EXIT_WHEN_READY_ENV, ReadyWatch

    exit_code = [0]
    exit_when_ready = os.environ.get(EXIT_WHEN_READY_ENV) == "1"
    watch = ReadyWatch(window, started=started)

    def on_ready(seconds: float) -> None:
        log.info("ready for the cashier after %.3f s", seconds)
        if exit_when_ready:
            print(f"ready for the cashier after {seconds:.3f} s", flush=True)
            if not closed.done():
                closed.set_result(None)

    def on_timeout(missing: str) -> None:
        log.warning("not ready for the cashier in time: %s", missing)
        if exit_when_ready:
            print(f"pos-app: not ready in time: {missing}", file=sys.stderr, flush=True)
            exit_code[0] = 1
            if not closed.done():
                closed.set_result(None)

    watch.ready.connect(on_ready)
    watch.timedOut.connect(on_timeout)
    return exit_code


def _warm_up() -> None:
    """Build the API models' validators now rather than on the first scan (~30 ms)."""
    from pos_app.core.models import build_validators

    build_validators()
    _freeze_startup_objects()


def _freeze_startup_objects() -> None:
    """Move what start-up built (modules, the window) out of the cyclic collector's sight.

    It all lives until exit, yet every full collection would walk it again: 60 000 objects,
    8.8 ms a time on the GUI thread (measured); frozen, a full collection takes well under
    a millisecond. Everything allocated later is collected as usual (`pos_app.qtfix.gui_thread_gc`).
    """
    import gc

    gc.freeze()


def _watch_sandbox(connection: Connection, window: MainWindow) -> asyncio.Task[None] | None:
    """Tell the cashier if the demo sandbox process could not start (it starts in parallel)."""
    sandbox = connection.sandbox
    if sandbox is None:
        return None

    async def watch() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if problem := sandbox.failure():
                log.error("%s", problem)
                window.show_unexpected_error(f"Demo mode is unavailable: {problem}.")
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
    from pos_app.boot.smoke import smoke_test

    t0 = time.perf_counter()
    window = _build_window(app, connection, locale, args)
    window.show()
    _freeze_startup_objects()
    timings["window_s"] = time.perf_counter() - t0
    try:
        return await smoke_test(app, window, timings)
    finally:
        await _close(window)
        window.close()
