"""The client's documented-answer scenarios, brought about on the sandbox over loopback HTTP.

The same scenarios are replayed byte for byte against the client in tests/api: when the
sandbox and the documented API drift apart, one of the two runs fails.
"""

from __future__ import annotations

import pytest

from pos_app.api import LoyaltyClient
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.sandbox.qr import QR_ENDED_FORMS, QrEndedForm
from pos_app.testing.contract import ON_SANDBOX, Scenario
from pos_app.testing.contract_run import run_on_sandbox, sandbox_problems
from pos_app.testing.helpers import run_fresh


@pytest.mark.parametrize("scenario", ON_SANDBOX, ids=lambda s: s.name)
def test_the_sandbox_answers_each_scenario_as_documented(
    sandbox: SandboxServer, scenario: Scenario
) -> None:
    outcome = run_fresh(run_on_sandbox(scenario, sandbox))
    assert sandbox_problems(scenario, outcome) == [], scenario.says


def test_the_scenarios_reach_every_call_the_sandbox_serves() -> None:
    calls = {s.call for s in ON_SANDBOX}
    assert {"card_info", "create_transaction", "qr_status", "balance", "shops"} <= calls
    assert "transactions" in calls
    statuses = {s.status for s in ON_SANDBOX}
    assert {200, 400, 401, 404, 409, 422} <= statuses


@pytest.mark.parametrize("form", QR_ENDED_FORMS)
def test_every_ended_session_form_reads_as_expired_through_the_client(
    sandbox: SandboxServer, form: QrEndedForm
) -> None:
    sandbox.state.qr_ended_form = form

    async def poll_ended() -> str:
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            session = await client.qr_generate(device_name="Contract till")
            sandbox.expire_qr_session(session.session_id)
            return (await client.qr_status(session.session_id)).status

    assert run_fresh(poll_ended()) == "expired"


def test_the_clients_budget_follows_the_sandboxs_rate_limit_headers() -> None:
    async def three_lookups(server: SandboxServer) -> list[int]:
        left = []
        async with LoyaltyClient(server.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            for _ in range(3):
                await client.card_info(card_number="900-001-001")
                left.append(client.budget.remaining)
        return left

    with SandboxServer(rate_limit=5) as server:
        assert run_fresh(three_lookups(server)) == [4, 3, 2]
