"""RateBudget: a rolling minute, refused locally with an honest retry_after."""

from __future__ import annotations

import pytest

from pos_app.api import RateBudget, RateLimitError


class FakeClock:
    """Monotonic seconds that only move when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_per_minute_then_refuses_until_the_oldest_ages_out() -> None:
    clock = FakeClock()
    budget = RateBudget(3, clock=clock)
    for step in range(3):
        budget.acquire()
        clock.now += 10
        assert budget.remaining == 2 - step
    with pytest.raises(RateLimitError) as refused:
        budget.acquire()
    assert refused.value.local
    assert refused.value.retry_after == pytest.approx(30.0)
    assert "30 s" in refused.value.message
    clock.now += 30
    budget.acquire()
    assert budget.remaining == 0


def test_refusals_do_not_use_up_the_budget() -> None:
    clock = FakeClock()
    budget = RateBudget(1, clock=clock)
    budget.acquire()
    for _ in range(5):
        with pytest.raises(RateLimitError):
            budget.acquire()
    clock.now += 60
    assert budget.remaining == 1


def test_zero_turns_the_budget_off() -> None:
    budget = RateBudget(0, clock=FakeClock())
    for _ in range(1000):
        budget.acquire()
    assert budget.remaining > 1000


def test_hold_off_after_a_server_429_refuses_with_the_time_left() -> None:
    clock = FakeClock()
    budget = RateBudget(0, clock=clock)
    assert budget.hold_off(12.0) == 12.0
    clock.now += 5
    assert budget.remaining == 0
    with pytest.raises(RateLimitError) as refused:
        budget.acquire()
    assert refused.value.retry_after == pytest.approx(7.0)
    clock.now += 7
    budget.acquire()


def test_without_retry_after_the_backoff_grows_and_resets_on_success() -> None:
    budget = RateBudget(clock=FakeClock())
    assert [budget.hold_off(None) for _ in range(6)] == [5, 10, 20, 40, 60, 60]
    budget.succeeded()
    assert budget.hold_off(None) == 5


def test_a_shorter_hold_off_does_not_shorten_a_longer_one() -> None:
    clock = FakeClock()
    budget = RateBudget(clock=clock)
    budget.hold_off(30)
    budget.hold_off(1)
    clock.now += 2
    with pytest.raises(RateLimitError) as refused:
        budget.acquire()
    assert refused.value.retry_after == pytest.approx(28.0)


def test_negative_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="per_minute"):
        RateBudget(-1)


class FakeWall:
    """Unix time for X-RateLimit-Reset, moving with a FakeClock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock

    def __call__(self) -> float:
        return 1_800_000_000.0 + self.clock.now


def _said(remaining: int, **extra: str) -> dict[str, str]:
    return {"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": str(remaining), **extra}


def test_the_servers_zero_holds_the_next_call_for_a_whole_window() -> None:
    clock = FakeClock()
    budget = RateBudget(0, clock=clock)
    budget.acquire()
    budget.observe(_said(0))
    assert budget.remaining == 0
    clock.now += 20
    with pytest.raises(RateLimitError) as refused:
        budget.acquire()
    assert refused.value.local
    assert refused.value.retry_after == pytest.approx(40.0)
    clock.now += 40
    budget.acquire()
    assert budget.server_limit == 60


def test_a_reset_time_on_the_answer_says_when() -> None:
    clock = FakeClock()
    budget = RateBudget(0, clock=clock, wall=FakeWall(clock))
    budget.observe(_said(0, **{"X-RateLimit-Reset": str(int(FakeWall(clock)() + 12))}))
    with pytest.raises(RateLimitError) as refused:
        budget.acquire()
    assert refused.value.retry_after == pytest.approx(12.0)
    clock.now += 12
    budget.acquire()


def test_own_sends_since_the_answer_count_against_what_the_server_left() -> None:
    clock = FakeClock()
    budget = RateBudget(0, clock=clock)
    budget.observe(_said(2))
    clock.now += 1
    budget.acquire()
    budget.acquire()
    assert budget.remaining == 0
    with pytest.raises(RateLimitError):
        budget.acquire()


def test_the_other_tills_share_is_learnt_and_kept_in_reserve() -> None:
    clock = FakeClock()
    budget = RateBudget(0, clock=clock)
    budget.observe(_said(30))
    clock.now += 1
    budget.acquire()
    clock.now += 1
    # 30 -> 25 with one request of ours: four were the other tills'.
    budget.observe(_said(25))
    assert budget.reserve == 4
    assert budget.remaining == 21
    clock.now += 1
    budget.observe(_said(4))
    with pytest.raises(RateLimitError):
        budget.acquire()
    # A minute later the share is forgotten (and the server's word has expired too).
    clock.now += 61
    assert budget.reserve == 0
    budget.acquire()


def test_a_new_window_is_not_mistaken_for_other_tills() -> None:
    clock = FakeClock()
    budget = RateBudget(0, clock=clock)
    budget.observe(_said(1))
    clock.now += 1
    budget.acquire()
    budget.observe(_said(59))
    assert budget.reserve == 0
    assert budget.remaining == 59


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-RateLimit-Remaining": "lots"}, {"X-RateLimit-Remaining": "-1"}, {"Other": "0"}],
)
def test_answers_without_a_usable_count_change_nothing(headers: dict[str, str]) -> None:
    budget = RateBudget(3, clock=FakeClock())
    budget.observe(headers)
    assert budget.remaining == 3
    assert budget.server_limit is None
