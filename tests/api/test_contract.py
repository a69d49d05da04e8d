"""The documented answers of pos_app.testing.contract, replayed byte for byte against the client."""

from __future__ import annotations

import inspect

import pytest

from pos_app.api import LoyaltyClient
from pos_app.testing.contract import BY_NAME, ON_SANDBOX, SCENARIOS, Expect, Scenario
from pos_app.testing.contract_run import (
    SANDBOX_STEPS,
    Outcome,
    expand_headers,
    missing_keys,
    problems,
    replay,
)
from pos_app.testing.helpers import run_fresh


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_the_client_reads_each_documented_answer_as_documented(scenario: Scenario) -> None:
    outcome = run_fresh(replay(scenario))
    assert problems(scenario.expect, outcome) == [], scenario.says
    (request,) = outcome.sent
    assert (request.method, request.url.path) == (scenario.method, scenario.path)


def test_every_credentials_code_sends_the_cashier_to_settings() -> None:
    for code in range(1010, 1015):
        scenario = next(s for s in SCENARIOS if s.name.endswith(str(code)))
        error = run_fresh(replay(scenario)).error
        assert error is not None
        assert "Settings" in error.message
        assert "did not accept the request" not in error.message


def test_an_ended_qr_session_never_raises_and_is_never_done() -> None:
    ended = [
        s for s in SCENARIOS if s.call == "qr_status" and s.expect.fields["status"] == "expired"
    ]
    assert {s.status for s in ended} == {200, 404, 410}
    for scenario in ended:
        outcome = run_fresh(replay(scenario))
        assert outcome.error is None
        assert not outcome.result.is_done


def test_the_checker_catches_a_wrong_reading() -> None:
    """The contract can fail: a result that differs anywhere is reported, field by field."""
    scenario = BY_NAME["card_numbers_as_text"]
    outcome = run_fresh(replay(scenario))
    wrong = Expect(fields={"points": 1251, "redemption.currency_amount": 1.0, "nope": 1})
    assert len(problems(wrong, outcome)) == 3
    assert problems(Expect(error=scenario.expect.error or KeyError), outcome)  # type: ignore[arg-type]
    assert problems(Expect(budget_left=5), Outcome(result=outcome.result, budget_left=0))


def test_missing_keys_names_what_the_sandbox_left_out() -> None:
    documented = BY_NAME["transactions_page"].body
    assert missing_keys(documented, documented) == []
    thin = b'{"success": true, "data": [{"id": 1, "points": 5, "shop": {"id": 1}}]}'
    absent = missing_keys(documented, thin)
    assert "reference_number" in absent
    assert "loyalty_card.number" in absent
    assert "shop" not in absent


def test_headers_written_relative_to_now_are_expanded() -> None:
    headers = expand_headers({"Retry-After": "@in:30", "X-RateLimit-Reset": "@unix:42"}, now=0)
    assert headers == {"Retry-After": "Thu, 01 Jan 1970 00:00:30 GMT", "X-RateLimit-Reset": "42"}


def test_the_sandbox_plans_are_complete() -> None:
    """Every scenario the sandbox is asked to reproduce names a known step and a valid call
    (tests/sandbox/test_contract.py runs them there)."""
    assert len(ON_SANDBOX) >= 10
    for scenario in ON_SANDBOX:
        assert scenario.sandbox is not None
        assert scenario.sandbox.setup in (None, *SANDBOX_STEPS)
        call = getattr(LoyaltyClient, scenario.call)
        kwargs = dict(scenario.sandbox.kwargs or scenario.kwargs)
        if scenario.call == "qr_status":
            inspect.signature(call).bind(None, kwargs.pop("session_id"))
        else:
            inspect.signature(call).bind(None, **kwargs)
