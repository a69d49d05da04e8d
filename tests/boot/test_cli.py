"""The command line: flags, refusals with one-line reasons, and the demo/live choice."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.boot import cli, connection, environment
from pos_app.config.credentials import Credentials, MemorySecretStore
from pos_app.core.urls import api_url_problem


def _args(*argv: str) -> argparse.Namespace:
    return cli.build_parser().parse_args(list(argv))


def test_help_lists_every_contract_flag() -> None:
    text = cli.build_parser().format_help()
    for flag in ("--api-url", "--locale", "--demo", "--camera", "--smoke-test", "--log-level"):
        assert flag in text


def test_bad_flag_exits_non_zero_with_one_line_reason() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", "--locale", "de"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "invalid choice: 'de'" in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://api.loyalty.lt", None),
        ("http://127.0.0.1:8080", None),
        ("http://localhost:9000", None),
        ("http://[::1]:9000", None),
        ("http://api.loyalty.lt", "plain http:// is allowed only for a server on this machine"),
        ("ftp://api.loyalty.lt", "must be an http(s) URL"),
        ("api.loyalty.lt", "must be an http(s) URL"),
        ("https://key:secret@api.loyalty.lt", "must not contain credentials"),
    ],
)
def test_api_url_check(url: str, problem: str | None) -> None:
    result = api_url_problem(url)
    if problem is None:
        assert result is None
    else:
        assert result is not None
        assert problem in result


def test_insecure_api_url_is_refused_before_anything_starts() -> None:
    with pytest.raises(SystemExit) as raised:
        cli.run(["--api-url", "http://example.com"])
    assert raised.value.code == 2


def test_non_headless_opencv_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site-packages"
    (site / "opencv_python-4.10.0.84.dist-info").mkdir(parents=True)
    (site / "opencv_python_headless-4.10.0.84.dist-info").mkdir()
    message = environment.opencv_conflict([str(site)])
    assert message is not None
    assert "pip uninstall -y opencv-python " in message
    monkeypatch.setattr(sys, "path", [str(site), *sys.path])
    assert cli.run([]) == 3


def test_headless_dist_info_is_not_mistaken_for_the_full_wheel(tmp_path: Path) -> None:
    (tmp_path / "opencv_python_headless-4.10.0.84.dist-info").mkdir()
    assert environment.opencv_conflict([str(tmp_path), str(tmp_path / "missing")]) is None


def test_headless_opencv_alone_is_fine() -> None:
    assert environment.opencv_conflict() is None


def test_environment_credentials_mean_live_mode_and_no_sandbox() -> None:
    env = {"POS_API_KEY": "lty_live_key", "POS_API_SECRET": "live-secret-value"}
    conn = connection.choose_connection(
        _args(), "https://api.loyalty.lt", environ=env, keyring_store=MemorySecretStore()
    )
    assert conn.demo is False
    assert conn.sandbox is None
    assert conn.api_url == "https://api.loyalty.lt"
    assert conn.api_key == "lty_live_key"
    assert "live-secret-value" not in repr(conn)


def test_keyring_credentials_with_api_url_override() -> None:
    store = MemorySecretStore(Credentials("lty_k", "keyring-secret"))
    conn = connection.choose_connection(
        _args("--api-url", "https://staging-api.loyalty.lt"),
        "https://api.loyalty.lt",
        environ={},
        keyring_store=store,
    )
    assert conn.demo is False
    assert conn.api_url == "https://staging-api.loyalty.lt"
    assert conn.api_secret == "keyring-secret"


def test_no_credentials_with_api_url_uses_demo_credentials_without_embedding() -> None:
    from pos_app.sandbox import DEMO_API_KEY

    conn = connection.choose_connection(
        _args("--api-url", "http://127.0.0.1:9"),
        "https://api.loyalty.lt",
        environ={},
        keyring_store=MemorySecretStore(),
    )
    assert conn.demo is True
    assert conn.sandbox is None
    assert conn.api_key == DEMO_API_KEY


def test_no_credentials_starts_the_embedded_sandbox() -> None:
    import httpx

    conn = connection.choose_connection(
        _args(), "https://api.loyalty.lt", environ={}, keyring_store=MemorySecretStore()
    )
    try:
        assert conn.demo is True
        assert conn.sandbox is not None
        assert conn.api_url.startswith("http://127.0.0.1:")
        answer = httpx.post(
            f"{conn.api_url}/en/shop/validate-credentials",
            headers={"X-API-Key": conn.api_key, "X-API-Secret": conn.api_secret},
        )
        assert answer.status_code == 200
    finally:
        if conn.sandbox is not None:
            conn.sandbox.stop()


def test_demo_flag_ignores_configured_credentials() -> None:
    env = {"POS_API_KEY": "lty_live_key", "POS_API_SECRET": "live-secret-value"}
    conn = connection.choose_connection(
        _args("--demo"), "https://api.loyalty.lt", environ=env, keyring_store=MemorySecretStore()
    )
    try:
        assert conn.demo is True
        assert conn.api_key != "lty_live_key"
    finally:
        if conn.sandbox is not None:
            conn.sandbox.stop()
