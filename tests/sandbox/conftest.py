"""Fixtures for the sandbox tests: a plain httpx client on the shared loopback sandbox."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer

AUTH = {"X-API-Key": DEMO_API_KEY, "X-API-Secret": DEMO_API_SECRET, "Accept": "application/json"}


def body(response: httpx.Response) -> Any:
    """The JSON body with money kept exact, as the till reads it."""
    return json.loads(response.content, parse_float=Decimal)


@pytest.fixture(scope="session")
def shared_client(sandbox_server: SandboxServer) -> Iterator[httpx.Client]:
    """One keep-alive client for the session (making one costs ~25 ms)."""
    with httpx.Client(base_url=sandbox_server.base_url, headers=AUTH, timeout=5.0) as http:
        yield http


@pytest.fixture
def client(sandbox: SandboxServer, shared_client: httpx.Client) -> httpx.Client:
    """An authenticated client for the freshly reset session sandbox."""
    return shared_client
