"""Stamps for a confirmed sale: journaled, sent once, and re-read (never resent blindly) after
a lost answer; against the sandbox over loopback HTTP."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.api import LoyaltyClient
from pos_app.sale.stamps import (
    Progress,
    StampGrant,
    StampJournal,
    StampService,
    StampState,
)
from pos_app.sandbox import COFFEE_GAME_ID, DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.testing.helpers import run_fresh

T = TypeVar("T")
SHOP = 1
ONE_AWAY = 1002  # seven of eight stamps
THREE = 1001  # three of eight


async def _no_sleep(_seconds: float) -> None:
    return None


def with_service(
    sandbox: SandboxServer,
    path: Path,
    body: Callable[[StampService], Coroutine[Any, Any, T]],
) -> T:
    async def go() -> T:
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            service = StampService(client, StampJournal(path), settle_delay=0, sleep=_no_sleep)
            try:
                return await body(service)
            finally:
                await service.aclose()

    return run_fresh(go())


def grant(order: str, card: int = THREE, count: int = 1) -> StampGrant:
    return StampGrant(order, card, SHOP, COFFEE_GAME_ID, count, "Coffee card")


def stamp_posts(sandbox: SandboxServer) -> int:
    return sum(1 for e in sandbox.state.request_log if e.path.endswith("/add-stamps"))


def test_nothing_is_sent_before_the_sale_is_confirmed(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async def body(service: StampService) -> Any:
        await service.intend(grant("A"))
        return await service.record("A")

    record = with_service(sandbox, tmp_path / "s.db", body)
    assert record.state is StampState.WAITING_SALE
    assert stamp_posts(sandbox) == 0


def test_a_confirmed_sale_gives_its_stamp_once(sandbox: SandboxServer, tmp_path: Path) -> None:
    async def body(service: StampService) -> tuple[Any, Any]:
        await service.intend(grant("A"))
        first = await service.give("A")
        second = await service.give("A")  # a repeated confirmation sends nothing
        return first, second

    first, second = with_service(sandbox, tmp_path / "s.db", body)
    assert first.given
    assert second.given
    assert first.record.current_step == 4
    assert sandbox.state.games.progress(COFFEE_GAME_ID, THREE) == 4
    assert stamp_posts(sandbox) == 1


def test_the_completing_stamp_keeps_the_reward(sandbox: SandboxServer, tmp_path: Path) -> None:
    async def body(service: StampService) -> Any:
        await service.intend(grant("A", ONE_AWAY))
        return await service.give("A")

    outcome = with_service(sandbox, tmp_path / "s.db", body)
    assert outcome.completed
    assert outcome.record.coupon_code is not None
    assert outcome.record.coupon_code.startswith("K")
    assert outcome.record.product_name == "Cappuccino"


def test_a_lost_answer_is_checked_not_resent(sandbox: SandboxServer, tmp_path: Path) -> None:
    # The server adds the stamp, then the connection drops before the answer.
    sandbox.faults.inject("drop_after", 1, "add-stamps")

    async def body(service: StampService) -> Any:
        await service.intend(grant("A"))
        return await service.give("A")

    outcome = with_service(sandbox, tmp_path / "s.db", body)
    assert outcome.given
    assert sandbox.state.games.progress(COFFEE_GAME_ID, THREE) == 4  # one stamp, not two
    assert stamp_posts(sandbox) == 1


def test_a_lost_request_is_sent_again_after_the_check(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    # The connection drops before the server handles it: the re-read shows nothing landed.
    sandbox.faults.inject("drop_before", 1, "add-stamps")

    async def body(service: StampService) -> Any:
        await service.intend(grant("A"))
        return await service.give("A")

    outcome = with_service(sandbox, tmp_path / "s.db", body)
    assert outcome.given
    assert sandbox.state.games.progress(COFFEE_GAME_ID, THREE) == 4
    assert stamp_posts(sandbox) == 2


def test_a_completion_whose_answer_was_lost(sandbox: SandboxServer, tmp_path: Path) -> None:
    sandbox.faults.inject("drop_after", 1, "add-stamps")

    async def body(service: StampService) -> Any:
        await service.intend(grant("A", ONE_AWAY))
        return await service.give("A")

    outcome = with_service(sandbox, tmp_path / "s.db", body)
    assert outcome.given
    assert outcome.completed  # the coupon itself is in the customer's coupons list
    assert sandbox.state.games.progress(COFFEE_GAME_ID, ONE_AWAY) == 8
    assert stamp_posts(sandbox) == 1


def test_a_refusal_is_final(sandbox: SandboxServer, tmp_path: Path) -> None:
    async def body(service: StampService) -> Any:
        await service.intend(grant("A", 1006))  # inactive card: BUSINESS_CARD_BLOCKED
        first = await service.give("A")
        again = await service.give("A")
        return first, again

    first, again = with_service(sandbox, tmp_path / "s.db", body)
    assert first.record.state is StampState.REFUSED
    assert first.error is not None
    assert first.error.code == "BUSINESS_CARD_BLOCKED"
    assert again.record.state is StampState.REFUSED
    assert stamp_posts(sandbox) == 1


def test_after_a_crash_mid_send_the_journal_decides(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    """A till killed after the stamp went out: the next start reads progress, sends nothing."""
    path = tmp_path / "s.db"

    async def crashed() -> None:
        journal = StampJournal(path)
        journal.intend(grant("A"), _now())
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            games = await client.card_games(THREE, SHOP)
            before = Progress.of(next(g for g in games if g.id == COFFEE_GAME_ID))
            journal.mark_sending("A", before, _now())
            await client.add_stamps(COFFEE_GAME_ID, card_id=THREE, shop_id=SHOP)
        # ... and the process dies before the answer is journaled.
        journal.close()

    run_fresh(crashed())
    assert stamp_posts(sandbox) == 1

    async def restarted(service: StampService) -> list[Any]:
        async def confirmed(_order: str) -> bool:
            return True

        return await service.settle_open(confirmed)

    outcomes = with_service(sandbox, path, restarted)
    assert [o.record.state for o in outcomes] == [StampState.GIVEN]
    assert sandbox.state.games.progress(COFFEE_GAME_ID, THREE) == 4
    assert stamp_posts(sandbox) == 1


@pytest.mark.parametrize(("sale", "state"), [(False, StampState.CANCELLED), (None, None)])
def test_start_up_with_a_sale_that_never_confirmed(
    sandbox: SandboxServer, tmp_path: Path, sale: bool | None, state: StampState | None
) -> None:
    async def body(service: StampService) -> Any:
        await service.intend(grant("A"))

        async def confirmed(_order: str) -> bool | None:
            return sale

        outcomes = await service.settle_open(confirmed)
        return outcomes, await service.record("A")

    outcomes, record = with_service(sandbox, tmp_path / "s.db", body)
    assert outcomes == []
    assert record.state is (state or StampState.WAITING_SALE)
    assert stamp_posts(sandbox) == 0


def test_the_cashier_may_change_the_count_until_it_is_sent(tmp_path: Path) -> None:
    journal = StampJournal(tmp_path / "s.db")
    journal.intend(grant("A", count=1), _now())
    assert journal.intend(grant("A", count=3), _now()).grant.stamps_count == 3
    journal.mark_sending("A", Progress(3, False, 3), _now())
    assert journal.intend(grant("A", count=5), _now()).grant.stamps_count == 3
    journal.close()


@pytest.mark.parametrize(
    ("before", "after", "landed"),
    [
        (Progress(3, False, 3), Progress(4, False, 4), True),
        (Progress(3, False, 3), Progress(3, False, 3), False),
        (Progress(7, False, 7), Progress(8, True, 8), True),
        (Progress(7, False, 0), Progress(0, False, 0), True),  # completed and started over
        (Progress(3, False, 0), Progress(4, False, 0), True),  # no history in the answers
        (Progress(3, False, 3), Progress(3, False, 4), True),  # history alone shows it
    ],
)
def test_moved_past(before: Progress, after: Progress, landed: bool) -> None:
    assert after.moved_past(before, 1) is landed


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_a_damaged_journal_refuses_to_open(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "stamps.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        StampJournal(path)
    assert path.read_bytes().startswith(b"not a database")  # kept as it was


@given(
    step=st.integers(min_value=0, max_value=50),
    history=st.integers(min_value=0, max_value=50),
    count=st.integers(min_value=1, max_value=9),
)
def test_the_landing_check_is_never_fooled(step: int, history: int, count: int) -> None:
    """Unchanged progress never reads as landed (that would lose a stamp); progress moved by
    the stamps sent always does (reading it as not landed would give them twice)."""
    before = Progress(step, False, history)
    assert not Progress(step, False, history).moved_past(before, count)
    assert Progress(step + count, False, history + count if history else 0).moved_past(
        before, count
    )


def test_any_game_means_the_shops_running_stamp_card(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    from pos_app.sale.stamps import ANY_GAME

    async def body(service: StampService) -> tuple[Any, Any]:
        await service.intend(StampGrant("A", THREE, SHOP, ANY_GAME, 1))
        await service.intend(StampGrant("B", THREE, 3, ANY_GAME, 1))  # shop 3 runs no game
        return await service.give("A"), await service.give("B")

    given, none = with_service(sandbox, tmp_path / "s.db", body)
    assert given.given
    assert given.record.grant.game_id == COFFEE_GAME_ID
    assert sandbox.state.games.progress(COFFEE_GAME_ID, THREE) == 4
    assert none.record.state is StampState.CANCELLED
    assert stamp_posts(sandbox) == 1
