"""`python -m pos_app.sandbox` as a child process: first line, a real request, clean exit."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from pos_app.sandbox import SandboxServer
from pos_app.sandbox.__main__ import build_parser, main
from tests.sandbox.conftest import AUTH

URL_LINE = re.compile(r"(http://127\.0\.0\.1:(\d+))")


@contextmanager
def sandbox_process(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "pos_app.sandbox", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = URL_LINE.search(first)
        assert match, f"first line has no URL: {first!r}"
        yield process, match.group(1)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def test_cli_serves_the_demo_cards_and_exits_cleanly_on_sigterm() -> None:
    with sandbox_process("--port", "0", "--rate-limit", "0") as (process, base_url):
        assert not base_url.endswith(":0")
        response = httpx.get(
            f"{base_url}/en/shop/loyalty-cards/info",
            params={"card_number": "900-004-001"},
            headers=AUTH,
        )
        assert response.status_code == 200
        assert response.json()["data"]["points"] == 10000
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_cli_accepts_only_its_own_credentials_and_never_prints_the_secret() -> None:
    secret = "s3cr3t-for-this-test"
    args = ("--port", "0", "--api-key", "lty_cli_key", "--api-secret", secret)
    with sandbox_process(*args) as (process, base_url):
        url = f"{base_url}/en/shop/validate-credentials"
        assert httpx.post(url, headers=AUTH).status_code == 401
        good = {"X-API-Key": "lty_cli_key", "X-API-Secret": secret}
        assert httpx.post(url, headers=good).status_code == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
        assert process.returncode == 0
    assert secret not in out + err


@pytest.mark.parametrize(
    "args",
    [
        ["--port", "70000"],
        ["--port", "0", "--fail-rate", "2"],
        ["--port", "0", "--rate-limit", "-1"],
        ["--port", "0", "--latency", "soon"],
        ["--port", "0", "--latency", "inf"],
        ["--port", "x"],
        ["--port", "0", "--api-key", "lty_only_key"],
        ["--port", "0", "--api-key", "demo_key", "--api-secret", "s"],
        ["--bogus"],
        [],
    ],
)
def test_bad_flags_exit_non_zero_with_a_reason(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code != 0
    out, err = capsys.readouterr()
    assert out == ""
    [reason] = err.splitlines()
    assert reason.startswith("python -m pos_app.sandbox: error:")


def test_port_in_use_is_a_one_line_failure() -> None:
    with sandbox_process("--port", "0") as (process, base_url):
        port = base_url.rsplit(":", 1)[1]
        result = subprocess.run(
            [sys.executable, "-m", "pos_app.sandbox", "--port", port],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 1
        assert result.stderr.strip().count("\n") == 0
        assert "cannot start" in result.stderr
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


@pytest.mark.parametrize(("form", "status"), [("200", 200), ("410_bare", 410), ("404", 404)])
def test_qr_ended_chooses_how_an_ended_session_answers(form: str, status: int) -> None:
    args = build_parser().parse_args(["--port", "0", "--qr-ended", form])
    with (
        SandboxServer(rate_limit=0, qr_ended_form=args.qr_ended) as server,
        httpx.Client(base_url=server.base_url, headers=AUTH) as client,
    ):
        session = client.post("/en/shop/qr-card/generate", json={"device_name": "T"})
        session_id = session.json()["data"]["session_id"]
        server.expire_qr_session(session_id)
        assert client.get(f"/en/shop/qr-card/status/{session_id}").status_code == status
        server.reset()  # the chosen form survives a reset
        session = client.post("/en/shop/qr-card/generate", json={"device_name": "T"})
        session_id = session.json()["data"]["session_id"]
        server.expire_qr_session(session_id)
        assert client.get(f"/en/shop/qr-card/status/{session_id}").status_code == status


def test_cli_refuses_an_unknown_qr_form(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--port", "0", "--qr-ended", "418"])
    assert "--qr-ended" in capsys.readouterr().err
