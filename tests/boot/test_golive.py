"""The go-live check against the sandbox: what passes, what fails in the server's words, no sale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pos_app.api import LoyaltyClient
from pos_app.boot.golive import (
    DEFAULT_CHECK_CARD,
    T_REFUSED,
    GoLiveReport,
    StepResult,
    one_line,
    run_check,
)
from pos_app.config.settings import AppSettings, QSettingsStore
from pos_app.testing.helpers import run_fresh

if TYPE_CHECKING:
    from pos_app.sandbox import SandboxServer

ROOT = Path(__file__).resolve().parents[2]


def check(sandbox: SandboxServer, *, secret: str | None = None, **options: Any) -> GoLiveReport:
    from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET

    async def go() -> GoLiveReport:
        async with LoyaltyClient(
            sandbox.base_url, DEMO_API_KEY, secret or DEMO_API_SECRET
        ) as client:
            return await run_check(client, **options)

    return run_fresh(go())


def paths(sandbox: SandboxServer) -> list[tuple[str, str]]:
    return [(entry.method, entry.path.split("/", 3)[-1]) for entry in sandbox.state.request_log]


def test_every_step_passes_for_a_configured_shop_and_nothing_is_sold(
    sandbox: SandboxServer,
) -> None:
    report = check(sandbox, shop_id=2)
    assert report.passed, report.lines()
    lines = report.lines()
    assert [line[0] for line in lines] == ["✔"] * 4
    assert (
        lines[0]
        == "✔ API key and secret: accepted for Coffee Paradise (partner 1), staging environment"
    )
    assert "this till sells as Coffee Paradise - Kaunas (shop 2)" in lines[1]
    assert f"card {DEFAULT_CHECK_CARD} found: 1000 points" in lines[2]
    assert report.shop_used is not None
    assert report.shop_used.id == 2
    assert report.shops is not None
    assert {shop.id for shop in report.shops} == {1, 2}
    # Read-only: no transaction, no balance change; the QR session was opened, never scanned.
    assert sandbox.state.transactions == []
    assert sandbox.state.card(DEFAULT_CHECK_CARD)["points"] == 1000
    assert [method for method, _ in paths(sandbox)] == ["POST", "GET", "GET", "POST"]
    assert paths(sandbox)[-1] == ("POST", "qr-card/generate")


def test_one_shop_is_used_automatically(sandbox: SandboxServer) -> None:
    sandbox.state.update_shop(2, is_active=False)
    report = check(sandbox)
    assert report.passed
    assert report.lines()[1] == (
        "✔ Shops list: one shop, Coffee Paradise - Vilnius (shop 1): "
        "this till uses it automatically"
    )
    assert report.shop_used is not None
    assert report.shop_used.id == 1


def test_several_shops_and_none_chosen_is_a_failure_that_says_what_to_do(
    sandbox: SandboxServer,
) -> None:
    report = check(sandbox)
    assert not report.passed
    assert report.lines()[1] == (
        "✘ Shops list: 2 shops and none chosen for this till: choose its shop in Settings"
    )
    assert [step.ok for step in report.steps] == [True, False, True, True]


def test_a_shop_the_server_does_not_list_fails(sandbox: SandboxServer) -> None:
    sandbox.state.update_shop(2, is_active=False)
    report = check(sandbox, shop_id=2)
    assert (
        "✘ Shops list: this till's shop 2 is not among the partner's 1 active shop(s)"
        in (report.lines()[1])
    )


def test_an_unknown_card_fails_in_the_servers_own_words(sandbox: SandboxServer) -> None:
    report = check(sandbox, shop_id=1, card_number="999-999-999")
    assert report.lines()[2] == "✘ Card lookup: refused (HTTP 404): “Loyalty card not found”"
    assert [step.ok for step in report.steps] == [True, True, False, True]


def test_a_wrong_secret_stops_at_the_first_step_and_is_never_shown(sandbox: SandboxServer) -> None:
    secret = "wrong-secret-Do-Not-Show"
    report = check(sandbox, secret=secret, shop_id=1)
    lines = report.lines()
    assert lines[0] == (
        "✘ API key and secret: refused (HTTP 401 INVALID_CREDENTIALS): “Partner not authenticated”"
    )
    assert all("not tried" in line for line in lines[1:])
    assert len(sandbox.state.request_log) == 1  # nothing else was sent
    assert secret not in "\n".join(lines)


def test_a_line_translates_its_sentence_and_keeps_the_servers_words() -> None:
    step = StepResult("card", False, T_REFUSED, ("HTTP 404",), one_line("Kortelė\nnerasta\x00!"))
    assert step.line() == "✘ Card lookup: refused (HTTP 404): “Kortelė nerasta !”"
    lt = {"Card lookup": "Kortelės paieška", "refused (%1)": "atmesta (%1)"}
    assert step.line(lambda text: lt.get(text, text)) == (
        "✘ Kortelės paieška: atmesta (HTTP 404): “Kortelė nerasta !”"
    )


def test_server_text_is_one_bounded_line() -> None:
    assert one_line("a\r\n\tb\u2028c") == "a b c"
    assert len(one_line("x" * 10_000)) == 240


# ---- the real command line -------------------------------------------------------------


def settings_path(config_home: Path) -> Path:
    """Where the till's settings.ini lives when XDG_CONFIG_HOME is `config_home`."""
    from pos_app.config.settings import default_settings_path

    saved = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(config_home)
    try:
        return default_settings_path("Loyalty.lt", "pos-app")
    finally:
        if saved is None:
            del os.environ["XDG_CONFIG_HOME"]
        else:
            os.environ["XDG_CONFIG_HOME"] = saved


def run_cli(
    sandbox: SandboxServer, tmp_path: Path, *args: str, secret: str | None = None, shop: int = 1
) -> subprocess.CompletedProcess[str]:
    from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET

    settings = AppSettings(environment="staging", shop_id=shop)
    QSettingsStore(path=settings_path(tmp_path / "config")).save(settings)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("POS_")},
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "POS_API_KEY": DEMO_API_KEY,
        "POS_API_SECRET": secret or DEMO_API_SECRET,
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pos_app",
            "--check-connection",
            "--api-url",
            sandbox.base_url,
            *args,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_cli_passes_against_the_sandbox_with_the_configured_credentials(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    from pos_app.sandbox import DEMO_API_SECRET

    done = run_cli(sandbox, tmp_path, "--check-card", "900-002-001")
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines[0] == f"Go-live check against {sandbox.base_url}"
    assert [line[0] for line in lines[1:5]] == ["✔"] * 4
    assert "card 900-002-001 found: 2500 points" in lines[3]
    assert lines[-1] == "All checks passed."
    assert DEMO_API_SECRET not in done.stdout + done.stderr
    assert sandbox.state.transactions == []


def test_cli_with_a_wrong_secret_fails_in_the_servers_words(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    secret = "not-the-secret-42"
    done = run_cli(sandbox, tmp_path, secret=secret)
    assert done.returncode == 1
    assert "✘ API key and secret: refused (HTTP 401 INVALID_CREDENTIALS)" in done.stdout
    assert "Partner not authenticated" in done.stdout
    assert done.stdout.splitlines()[-1] == "4 of 4 checks failed."
    assert secret not in done.stdout + done.stderr


def test_cli_without_credentials_says_so_and_fails(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("POS_")},
        "XDG_CONFIG_HOME": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    done = subprocess.run(
        [sys.executable, "-m", "pos_app", "--check-connection"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.startswith("✘ API key and secret: none configured")


@pytest.mark.parametrize(
    "argv", [["--check-card", "900-001-001"], ["--check-connection", "--check-card", " "]]
)
def test_check_card_needs_the_check_and_a_number(argv: list[str]) -> None:
    from pos_app.boot.cli import run

    with pytest.raises(SystemExit) as exited:
        run(argv)
    assert exited.value.code == 2


def test_an_unreachable_server_is_said_once_and_the_rest_not_tried() -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def go() -> GoLiveReport:
        async with LoyaltyClient(f"http://127.0.0.1:{port}", "lty_key", "secret-1") as client:
            return await run_check(client, shop_id=1)

    lines = run_fresh(go()).lines()
    assert lines[0].startswith("✘ API key and secret: no answer: Cannot reach")
    assert lines[1:] == [
        "✘ Shops list: not tried: the server could not be reached",
        "✘ Card lookup: not tried: the server could not be reached",
        "✘ QR card session: not tried: the server could not be reached",
    ]


@pytest.mark.parametrize(("till_set_to", "ok"), [("staging", True), ("production", False)])
def test_a_key_of_the_other_environment_fails_the_first_step(
    sandbox: SandboxServer, till_set_to: str, ok: bool
) -> None:
    report = check(sandbox, shop_id=1, environment=till_set_to)
    assert report.steps[0].ok is ok
    if not ok:
        assert report.lines()[0] == (
            "✘ API key and secret: accepted for Coffee Paradise (partner 1), but the server is "
            "the staging environment and this till is set to production: check the environment "
            "in Settings"
        )
    assert [step.ok for step in report.steps[1:]] == [True, True, True]


def test_cli_speaks_the_tills_language(sandbox: SandboxServer, tmp_path: Path) -> None:
    done = run_cli(sandbox, tmp_path, "--locale", "lt", "--check-card", "999-999-999")
    lines = done.stdout.splitlines()
    assert done.returncode == 1
    assert lines[0] == f"Pasirengimo darbui patikra: {sandbox.base_url}"
    assert lines[1].startswith("✔ API raktas ir slaptažodis: priimta: Coffee Paradise")
    assert lines[3].startswith("✘ Kortelės paieška: atmesta (HTTP 404): “")
    assert lines[-1] == "Nepavyko patikrinimų: 1 iš 4."
