"""The one URL rule: the command line, Settings and the HTTP client accept exactly the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.api.http import check_base_url
from pos_app.boot import cli
from pos_app.core.urls import api_url_problem, is_loopback, is_valid_api_url

CASES = [
    ("https://api.loyalty.lt", True),
    ("https://staging-api.loyalty.lt/", True),
    ("http://127.0.0.1:8080", True),
    ("http://127.8.9.10:8080/base", True),
    ("http://localhost:9000", True),
    ("http://[::1]:9000", True),
    ("http://api.loyalty.lt", False),
    ("http://192.168.1.5:8000", False),
    ("ftp://api.loyalty.lt", False),
    ("api.loyalty.lt", False),
    ("https://key:secret@api.loyalty.lt", False),
    ("https://api.loyalty.lt/?key=1", False),
    ("https://api.loyalty.lt/#top", False),
    ("https://api.loyalty.lt:99999", False),
    ("https://", False),
    ("", False),
]


def _client_accepts(url: str) -> bool:
    try:
        check_base_url(url)  # the gate LoyaltyClient's constructor passes every address through
    except ValueError:
        return False
    return True


def _cli_accepts(url: str) -> bool:
    try:
        cli.build_parser()  # the parser itself takes any text; run() applies the rule
        problem = api_url_problem(url)
    except ValueError:  # pragma: no cover - the rule never raises
        return False
    return problem is None


@pytest.mark.parametrize(("url", "ok"), CASES)
def test_every_caller_agrees(url: str, ok: bool) -> None:
    assert is_valid_api_url(url) is ok
    assert _client_accepts(url) is ok
    assert _cli_accepts(url) is ok


def test_the_cli_refuses_a_query_string_before_anything_starts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.run(["--api-url", "https://api.loyalty.lt/?key=1"])
    assert raised.value.code == 2
    assert "query" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("localhost", True), ("LOCALHOST", True), ("127.0.0.1", True), ("[::1]", True),
     ("10.0.0.1", False), ("example.com", False), ("", False)],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@given(st.text(max_size=60))
def test_the_rule_never_raises_and_the_client_agrees(text: str) -> None:
    assert is_valid_api_url(text) is _client_accepts(text)
