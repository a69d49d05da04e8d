"""The log file helps support and never carries a secret, an e-mail or a phone number."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pos_app.boot.logs import RedactingFilter, setup_logging

if TYPE_CHECKING:
    from pos_app.sandbox import SandboxServer

SECRET = "s3cr3t-Very-Private-Value"


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "logs"
    logger = logging.getLogger("pos_app")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def _read(log_dir: Path) -> str:
    for handler in logging.getLogger("pos_app").handlers:
        handler.flush()
    return (log_dir / "pos-app.log").read_text(encoding="utf-8")


def test_secret_in_args_message_and_traceback_is_redacted(log_dir: Path) -> None:
    redactor = setup_logging("DEBUG", log_dir=log_dir, console=False)
    redactor.add_secret(SECRET)
    child = logging.getLogger("pos_app.api")
    child.info("headers %s", {"X-API-Secret": SECRET})
    child.warning(f"inline {SECRET}")
    try:
        raise RuntimeError(f"boom {SECRET}")
    except RuntimeError:
        child.exception("failed")
    text = _read(log_dir)
    assert SECRET not in text
    assert text.count("[secret]") == 3
    assert "RuntimeError" in text  # the traceback itself survives


def test_personal_data_is_redacted_but_card_numbers_stay() -> None:
    redactor = RedactingFilter()
    line = redactor.redact(
        "card 900-001-001 user jonas.jonaitis@example.lt phone +370 600 00000 alt 8 612 34567 "
        "took 812 ms at 2026-11-22 02:17:53"
    )
    assert "900-001-001" in line
    assert "jonas" not in line
    assert "[email]" in line
    assert "600 00000" not in line
    assert "612 34567" not in line
    assert "812 ms" in line
    assert "2026-11-22 02:17:53" in line


def test_short_or_empty_secrets_are_not_registered() -> None:
    redactor = RedactingFilter()
    redactor.add_secret("")
    redactor.add_secret("ab")
    assert redactor.redact("abc") == "abc"


def test_level_flag_controls_what_is_written(log_dir: Path) -> None:
    setup_logging("WARNING", log_dir=log_dir, console=False)
    logging.getLogger("pos_app").info("quiet detail")
    logging.getLogger("pos_app").warning("loud problem")
    text = _read(log_dir)
    assert "loud problem" in text
    assert "quiet detail" not in text


def test_every_request_is_logged_with_its_id_and_timing(
    log_dir: Path, sandbox: SandboxServer
) -> None:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from pos_app.api import LoyaltyClient, NotFoundError
    from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET

    setup_logging("INFO", log_dir=log_dir, console=False)

    async def lookups() -> None:
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            await client.card_info(card_number="900-001-001")
            with pytest.raises(NotFoundError):
                await client.card_info(card_number="999-999-999")

    # On a thread of its own: once a Qt test has run, the session's qasync loop counts as
    # running on this one and asyncio.run() refuses.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, lookups()).result()
    lines = [line for line in _read(log_dir).splitlines() if "/shop/loyalty-cards/info" in line]
    assert len(lines) == 2
    assert "INFO" in lines[0]
    assert "-> 200 in" in lines[0]
    assert "(request -)" not in lines[0]  # the sandbox's request id is there
    assert "WARNING" in lines[1]
    assert "-> 404" in lines[1]
    assert "NotFoundError" in lines[1]
    assert "card_number" not in "".join(lines)  # no query string in the log
