"""pos-app --check-connection: the go-live check printed, and its exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from pos_app.boot.golive import (
    DEFAULT_CHECK_CARD,
    QT_TRANSLATE_NOOP,
    T_FAILED,
    GoLiveReport,
    StepResult,
    one_line,
    run_check,
)

if TYPE_CHECKING:
    from pos_app.config.credentials import Credentials

T_HEADING = QT_TRANSLATE_NOOP("GoLive", "Go-live check against %1")
T_DEMO = QT_TRANSLATE_NOOP("GoLive", "%1 (demo sandbox)")
T_ALL_PASSED = QT_TRANSLATE_NOOP("GoLive", "All checks passed.")
T_SOME_FAILED = QT_TRANSLATE_NOOP("GoLive", "%1 of %2 checks failed.")
T_NO_CREDENTIALS = QT_TRANSLATE_NOOP(
    "GoLive", "none configured. Enter them in Settings, or set POS_API_KEY and POS_API_SECRET."
)


def _encodable(stream: TextIO, text: str) -> bool:
    try:
        text.encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def print_report(
    report: GoLiveReport,
    *,
    target: str,
    redact: Callable[[str], str] = str,
    translate: Callable[[str], str] = str,
    stream: TextIO | None = None,
) -> None:
    """The check as the command line shows it: a heading, one line per step, a verdict."""
    failed = sum(not step.ok for step in report.steps)
    verdict = (
        translate(T_ALL_PASSED)
        if failed == 0
        else translate(T_SOME_FAILED)
        .replace("%1", str(failed))
        .replace("%2", str(len(report.steps)))
    )
    heading = translate(T_HEADING).replace("%1", target)
    print_lines([heading, *report.lines(translate), verdict], redact=redact, stream=stream)


def print_lines(
    lines: Sequence[str], *, redact: Callable[[str], str] = str, stream: TextIO | None = None
) -> None:
    """Each line, redacted; ✔/✘ and curly quotes spelled out where the terminal cannot show them."""
    out = stream if stream is not None else sys.stdout
    for line in lines:
        line = redact(line)
        if not _encodable(out, line):
            line = line.replace("✔", "OK").replace("✘", "FAIL").replace("“", '"').replace("”", '"')
            line = line.encode(out.encoding or "ascii", "replace").decode(out.encoding or "ascii")
        print(line, file=out)


# ---- the command line: pos-app --check-connection [--check-card NUMBER] -----------------


def check_connection(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    """Run the check against what the till would use, print it, and return the exit code.

    The server and credentials are the till's own: `--api-url` or Settings' environment,
    POS_API_KEY/POS_API_SECRET from `environ` or the keyring. Without credentials the check
    stops at once (it never quietly checks the demo sandbox instead); `--demo` checks the
    embedded sandbox on purpose.
    """
    import asyncio

    from pos_app.boot.connection import choose_connection
    from pos_app.config.credentials import Credentials, KeyringSecretStore, resolve_credentials
    from pos_app.config.settings import QSettingsStore

    settings = QSettingsStore().load()
    locale = args.locale or settings.locale
    translate = cli_translator(locale)
    store = KeyringSecretStore()
    if not args.demo and not args.api_url and resolve_credentials(environ, store) is None:
        print_lines([StepResult("credentials", False, T_NO_CREDENTIALS).line(translate)])
        return 1
    connection = choose_connection(args, settings.api_url, environ=environ, keyring_store=store)
    shop_id = settings.shop_id or None
    if connection.demo and shop_id is None:
        from pos_app.sandbox import DEMO_SHOP_ID

        shop_id = DEMO_SHOP_ID  # what a demo till sells as
    try:
        report = asyncio.run(
            _check_with_client(
                connection.api_url,
                Credentials(connection.api_key, connection.api_secret),
                locale=locale,
                card_number=(args.check_card or DEFAULT_CHECK_CARD).strip(),
                shop_id=shop_id,
                device_name=settings.device_name,
                lookup_timeout=float(settings.lookup_timeout_s),
                # With --api-url (or the demo sandbox) the address is not the environment's.
                environment=None if args.api_url or connection.demo else settings.environment,
            )
        )
    finally:
        if connection.sandbox is not None:
            connection.sandbox.stop()
    target = translate(T_DEMO).replace("%1", connection.api_url) if connection.demo else None
    print_report(
        report,
        target=target or connection.api_url,
        redact=lambda text: _redact(text, connection.api_secret),
        translate=translate,
    )
    return 0 if report.passed else 1


def cli_translator(locale: str) -> Callable[[str], str]:
    """English as written, or the till's catalogue for `locale` (no Qt application needed)."""
    if locale == "en":
        return str
    import importlib.resources

    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    resource = importlib.resources.files("pos_app").joinpath(
        "resources", "translations", f"pos_app_{locale}.qm"
    )
    if not resource.is_file():
        return str
    with importlib.resources.as_file(resource) as path:
        if not translator.load(str(path)):
            return str

    def translate(text: str) -> str:
        return translator.translate("GoLive", text) or text

    return translate


def _redact(text: str, secret: str) -> str:
    # A "secret" of a few characters would blank ordinary words; no server accepts one.
    return text.replace(secret, "***") if len(secret) >= 6 else text


async def _check_with_client(
    api_url: str,
    credentials: Credentials,
    *,
    locale: str,
    card_number: str,
    shop_id: int | None,
    device_name: str,
    lookup_timeout: float,
    environment: str | None,
) -> GoLiveReport:
    from pos_app.api import LoyaltyClient

    try:
        client = LoyaltyClient(
            api_url,
            credentials.api_key,
            credentials.api_secret,
            locale=locale,
            lookup_timeout=lookup_timeout,
        )
    except ValueError as exc:  # an address or key the client refuses before sending anything
        failed = StepResult(
            "credentials", False, T_FAILED, (one_line(credentials.redact(str(exc))),)
        )
        return GoLiveReport((failed,))
    async with client:
        return await run_check(
            client,
            card_number=card_number,
            shop_id=shop_id,
            device_name=device_name,
            environment=environment,
        )
