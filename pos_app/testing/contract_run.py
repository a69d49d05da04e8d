"""Documented answers of `pos_app.testing.contract`, replayed to the client or run on a sandbox."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from email.utils import formatdate
from typing import TYPE_CHECKING, Any

import httpx

from pos_app.api import ApiError, LoyaltyClient
from pos_app.api.envelope import parse_json
from pos_app.testing.contract import Expect, Scenario

if TYPE_CHECKING:
    from pos_app.sandbox import SandboxServer

REPLAY_URL = "https://api.example.test"
REPLAY_KEY = "lty_contract_key"
REPLAY_SECRET = "contract-secret"
# What `OnSandbox.setup` may name.
SANDBOX_STEPS = ("qr_session", "qr_scanned", "qr_expired", "sale_made")


@dataclass
class Outcome:
    """What one call came to: its result or error, what was sent and answered, the budget."""

    result: Any = None
    error: ApiError | None = None
    sent: list[httpx.Request] = field(default_factory=list)
    answered: list[bytes] = field(default_factory=list)
    answered_status: list[int] = field(default_factory=list)
    budget_left: int | None = None


def expand_headers(headers: Mapping[str, str], now: float | None = None) -> dict[str, str]:
    """`@in:N` as an HTTP date and `@unix:N` as a Unix time, N seconds from `now`."""
    moment = time.time() if now is None else now
    expanded: dict[str, str] = {}
    for name, value in headers.items():
        if value.startswith("@in:"):
            value = formatdate(moment + float(value[4:]), usegmt=True)
        elif value.startswith("@unix:"):
            value = str(int(moment + float(value[6:])))
        expanded[name] = value
    return expanded


async def replay(scenario: Scenario) -> Outcome:
    """Make the scenario's call against a transport that answers its documented bytes."""
    outcome = Outcome()

    def answer(request: httpx.Request) -> httpx.Response:
        outcome.sent.append(request)
        outcome.answered.append(scenario.body)
        outcome.answered_status.append(scenario.status)
        return httpx.Response(
            scenario.status, headers=expand_headers(scenario.headers), content=scenario.body
        )

    async with LoyaltyClient(
        REPLAY_URL, REPLAY_KEY, REPLAY_SECRET, transport=httpx.MockTransport(answer)
    ) as client:
        await _call(client, scenario.call, scenario.kwargs, outcome)
    return outcome


class _Recording(httpx.AsyncBaseTransport):
    """The real loopback transport, keeping each answer's status and bytes for shape checks."""

    def __init__(self, outcome: Outcome) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._outcome = outcome

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        body = await response.aread()
        await response.aclose()
        self._outcome.sent.append(request)
        self._outcome.answered.append(body)
        self._outcome.answered_status.append(response.status_code)
        headers = [
            (name, value)
            for name, value in response.headers.multi_items()
            if name.lower() not in ("content-encoding", "content-length", "transfer-encoding")
        ]
        return httpx.Response(response.status_code, headers=headers, content=body)

    async def aclose(self) -> None:
        await self._inner.aclose()


async def run_on_sandbox(scenario: Scenario, sandbox: SandboxServer) -> Outcome:
    """Bring the scenario about on `sandbox` (rate limit off) and make the same call."""
    from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET

    plan = scenario.sandbox
    if plan is None:
        raise ValueError(f"{scenario.name} cannot be brought about on the sandbox")
    outcome = Outcome()
    kwargs = dict(scenario.kwargs if plan.kwargs is None else plan.kwargs)
    async with LoyaltyClient(
        sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET, requests_per_minute=0
    ) as helper:
        kwargs = await _set_up(plan.setup, helper, sandbox, kwargs)
    async with LoyaltyClient(
        sandbox.base_url,
        plan.api_key or DEMO_API_KEY,
        plan.api_secret or DEMO_API_SECRET,
        transport=_Recording(outcome),
        requests_per_minute=0,
    ) as client:
        await _call(client, scenario.call, kwargs, outcome)
    return outcome


async def _set_up(
    step: str | None, client: LoyaltyClient, sandbox: SandboxServer, kwargs: dict[str, Any]
) -> dict[str, Any]:
    if step is None:
        return kwargs
    if step in ("qr_session", "qr_scanned", "qr_expired"):
        session = await client.qr_generate(device_name="Contract till")
        if step == "qr_scanned":
            sandbox.scan_qr_session(session.session_id, "900-005-001")
        elif step == "qr_expired":
            sandbox.expire_qr_session(session.session_id)
        return {**kwargs, "session_id": session.session_id}
    if step == "sale_made":
        await client.create_transaction(**kwargs)
        return kwargs
    raise ValueError(f"unknown sandbox step {step!r}")


async def _call(
    client: LoyaltyClient, call: str, kwargs: Mapping[str, Any], outcome: Outcome
) -> None:
    method = getattr(client, call)
    try:
        if call == "qr_status":
            outcome.result = await method(kwargs["session_id"])
        else:
            outcome.result = await method(**kwargs)
    except ApiError as exc:
        outcome.error = exc
    outcome.budget_left = client.budget.remaining


def problems(
    expect: Expect, outcome: Outcome, fields: Mapping[str, Any] | None = None
) -> list[str]:
    """Every way `outcome` differs from `expect` (empty when it matches).

    `fields` replaces `expect.fields`; a field expected as `...` need only be present.
    """
    found: list[str] = []
    if expect.error is None:
        if outcome.error is not None:
            return [f"expected a result, got {outcome.error!r}"]
        subject: Any = outcome.result
    else:
        if not isinstance(outcome.error, expect.error):
            return [f"expected {expect.error.__name__}, got {outcome.error or outcome.result!r}"]
        subject = outcome.error
        for name in ("status", "code"):
            wanted = getattr(expect, name)
            if wanted is not None and getattr(subject, name) != wanted:
                found.append(f"{name}: wanted {wanted!r}, got {getattr(subject, name)!r}")
        if expect.retry_after is not None:
            low, high = expect.retry_after
            wait = getattr(subject, "retry_after", None)
            if wait is None or not low <= wait <= high:
                found.append(f"retry_after: wanted {low}..{high}, got {wait!r}")
    for path, wanted in (expect.fields if fields is None else fields).items():
        try:
            value = attribute(subject, path)
        except (AttributeError, LookupError):
            found.append(f"{path}: missing")
            continue
        if wanted is ... and not value:
            found.append(f"{path}: empty")
        elif wanted is not ... and (value != wanted or type(value) is not type(wanted)):
            found.append(f"{path}: wanted {wanted!r}, got {value!r}")
    if expect.budget_left is not None and outcome.budget_left != expect.budget_left:
        found.append(f"budget left: wanted {expect.budget_left}, got {outcome.budget_left}")
    return found


def attribute(subject: Any, path: str) -> Any:
    """`items.0.shop.name`: attributes, mapping keys and sequence indexes."""
    value = subject
    for part in path.split("."):
        if isinstance(value, Mapping):
            value = value[part]
        elif part.isdigit() and isinstance(value, list | tuple):
            value = value[int(part)]
        else:
            value = getattr(value, part)
    return value


def missing_keys(
    documented: bytes, answered: bytes, optional: frozenset[str] = frozenset()
) -> list[str]:
    """Keys of the documented `data` (nested; first item of a list) that `answered` lacks."""
    want = _keys(_data(documented))
    have = _keys(_data(answered))
    return sorted(
        key for key in want - have if key.split(".")[0] not in optional and key not in optional
    )


def _data(body: bytes) -> Any:
    try:
        envelope = parse_json(body) if body.strip() else None
    except (ValueError, json.JSONDecodeError):
        return None
    return envelope.get("data") if isinstance(envelope, dict) else None


def _keys(value: Any, prefix: str = "") -> set[str]:
    if isinstance(value, list):
        return _keys(value[0], prefix) if value else set()
    if not isinstance(value, dict):
        return set()
    keys: set[str] = set()
    for key, item in value.items():
        name = f"{prefix}{key}"
        keys.add(name)
        if isinstance(item, dict | list) and not isinstance(item, Decimal):
            keys |= _keys(item, f"{name}.")
    return keys


def sandbox_problems(scenario: Scenario, outcome: Outcome) -> list[str]:
    """How the sandbox's handling of `scenario` differs from the documented one."""
    plan = scenario.sandbox
    if plan is None:
        raise ValueError(f"{scenario.name} has no sandbox plan")
    found = problems(scenario.expect, outcome, fields=plan.fields or scenario.expect.fields)
    if outcome.answered_status and 200 <= outcome.answered_status[-1] < 300:
        absent = missing_keys(scenario.body, outcome.answered[-1], plan.optional_keys)
        if absent:
            found.append(f"documented keys missing from the sandbox's answer: {', '.join(absent)}")
    return found
