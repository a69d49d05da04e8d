"""Logging for support: a rotating log file, with secrets and personal data redacted."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

log = logging.getLogger("pos_app")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# International numbers (+370 600 00000) and Lithuanian mobiles in national form (8 600 00000);
# narrow on purpose, so card numbers (900-001-001) and timings stay readable.
_PHONE = re.compile(r"\+\d[\d\s()-]{6,16}\d|(?<![\w-])8[\s-]?6\d{2}[\s-]?\d{5}(?![\w-])")
UNEXPECTED_NOTICE = (
    "Something went wrong inside the till. It is still running; details are in the log."
)


class RedactingFilter(logging.Filter):
    """Replaces registered secrets, e-mail addresses and phone numbers in every record.

    The record is rendered once (message + arguments + exception text) and the result
    replaces it, so a secret cannot slip through a format argument or a traceback.
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._secrets: set[str] = {s for s in secrets if s}

    def add_secret(self, secret: str) -> None:
        if secret and len(secret) >= 4:
            with self._lock:
                self._secrets.add(secret)

    def redact(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            text = text.replace(secret, "[secret]")
        text = _EMAIL.sub("[email]", text)
        return _PHONE.sub("[phone]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = self.redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def default_log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("pos-app", "Loyalty.lt"))


def setup_logging(
    level: str = "INFO", *, log_dir: Path | None = None, console: bool = True
) -> RedactingFilter:
    """Configure the `pos_app` logger once; returns the filter so secrets can be registered."""
    redactor = RedactingFilter()
    log.setLevel(level.upper())
    log.propagate = False
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    directory = log_dir if log_dir is not None else default_log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                directory / "pos-app.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        )
    except OSError as exc:  # a read-only profile must not stop the till
        print(f"pos-app: cannot write logs to {directory}: {exc.strerror}", file=sys.stderr)
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(redactor)  # on the handler: records from child loggers pass here too
        log.addHandler(handler)
    return redactor


def install_exception_hooks(notify: Callable[[str], None]) -> None:
    """Log any uncaught exception (Qt slots, threads, asyncio tasks) and tell the cashier calmly."""

    def report(where: str, exc: BaseException | None) -> None:
        log.error("Unexpected error in %s", where, exc_info=exc)
        try:
            notify(UNEXPECTED_NOTICE)
        except Exception:  # the notifier itself must never take the till down
            log.exception("could not show the error notice")

    def excepthook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report("the user interface", exc.with_traceback(tb))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        report(f"thread {args.thread.name if args.thread else '?'}", args.exc_value)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook


def asyncio_exception_handler(notify: Callable[[str], None]) -> Callable[..., None]:
    """A loop exception handler that logs and notifies, for `loop.set_exception_handler`."""

    def handler(_loop: object, context: dict[str, object]) -> None:
        exc = context.get("exception")
        log.error(
            "Unexpected error in a background task: %s",
            context.get("message"),
            exc_info=exc if isinstance(exc, BaseException) else None,
        )
        try:
            notify(UNEXPECTED_NOTICE)
        except Exception:
            log.exception("could not show the error notice")

    return handler


def route_qt_messages() -> None:
    """Send Qt's own warnings into the (redacted) log instead of the terminal."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("pos_app.qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        # Harmless on the offscreen platform used by --smoke-test and CI.
        level = logging.DEBUG if "propagateSizeHints" in message else levels.get(kind, 30)
        qt_log.log(level, "%s (%s)", message, context.category or "qt")

    qInstallMessageHandler(handler)
