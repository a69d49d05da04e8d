"""CheckoutViewModel: lookups, latest-scan-wins, banners per error, countdown, redemption choice."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest

from pos_app.api import (
    AuthError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from pos_app.testing.ui_fakes import FakeCards, make_card
from pos_app.ui.checkout.view_model import CheckoutViewModel
from pos_app.ui.common import messages
from pos_app.ui.common.messages import BannerKind, BannerState

pytestmark = pytest.mark.usefixtures("qasync_loop")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def cards() -> FakeCards:
    return FakeCards(
        make_card("900-001-001", 1000),
        make_card("900-002-001", 2500, id=102, user={"name": "Ona Onaitė"}),
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def vm(cards: FakeCards, clock: Clock) -> CheckoutViewModel:
    return CheckoutViewModel(cards, clock=clock)


def shown(vm: CheckoutViewModel) -> str | None:
    return None if vm.card is None else vm.card.card_number


def test_scan_shows_the_card_and_clears_busy(qtbot: Any, vm: CheckoutViewModel) -> None:
    busy: list[bool] = []
    vm.busyChanged.connect(busy.append)
    vm.submit_scan("900001001", "wedge")
    assert vm.busy
    assert vm.banner.kind is BannerKind.BUSY
    qtbot.waitUntil(lambda: shown(vm) == "900-001-001")
    assert busy == [True, False]
    assert vm.banner.kind is BannerKind.NONE


def test_new_scan_clears_the_previous_customer_at_once(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards
) -> None:
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.card is not None)
    seen: list[object] = []
    vm.cardChanged.connect(seen.append)
    cards.gates["900-002-001"] = asyncio.Event()
    vm.submit_scan("900-002-001")
    assert vm.card is None  # synchronously, before any answer
    assert seen == [None]
    cards.gates["900-002-001"].set()
    qtbot.waitUntil(lambda: shown(vm) == "900-002-001")


def test_latest_scan_wins_and_the_late_answer_is_dropped(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards
) -> None:
    slow = asyncio.Event()
    cards.gates["900-001-001"] = slow
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: cards.calls == ["900-001-001"])
    vm.submit_scan("900-002-001")
    qtbot.waitUntil(lambda: shown(vm) == "900-002-001")
    assert cards.cancelled == ["900-001-001"]
    slow.set()
    qtbot.wait(30)  # a fixed wait: the cancelled lookup's late answer must change nothing
    assert shown(vm) == "900-002-001"


def test_an_answer_that_ignores_cancellation_is_still_dropped(qtbot: Any, clock: Clock) -> None:
    release = asyncio.Event()
    waiting: list[str] = []

    class Stubborn(FakeCards):
        async def card_info(
            self, *, card_number: str | None = None, card_id: int | None = None
        ) -> Any:
            if card_number == "900-001-001":
                waiting.append(card_number)
                while not release.is_set():
                    try:
                        await release.wait()
                    except asyncio.CancelledError:
                        continue  # a client that swallows cancellation
            return await super().card_info(card_number=card_number)

    stubborn = Stubborn(make_card("900-001-001"), make_card("900-002-001", 2500))
    model = CheckoutViewModel(stubborn, clock=clock)
    model.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: waiting == ["900-001-001"])
    model.submit_scan("900-002-001")
    qtbot.waitUntil(lambda: shown(model) == "900-002-001")
    release.set()
    qtbot.wait(30)  # a fixed wait: the stubborn answer must change nothing, which leaves no trace
    assert shown(model) == "900-002-001"
    assert not model.busy


@pytest.mark.parametrize(
    ("error", "kind", "retry"),
    [
        (NotFoundError(status=404), BannerKind.NOT_FOUND, False),
        (AuthError(status=401), BannerKind.AUTH, False),
        (NetworkError(may_have_reached_server=False), BannerKind.OFFLINE, True),
        (ServerError(status=502), BannerKind.SERVER, True),
        (InvalidResponseError(), BannerKind.INVALID_RESPONSE, True),
        (ValidationError(status=422, server_message="Bad number"), BannerKind.REFUSED, False),
    ],
)
def test_each_failure_has_its_banner_and_no_card(
    qtbot: Any,
    vm: CheckoutViewModel,
    cards: FakeCards,
    error: Exception,
    kind: BannerKind,
    retry: bool,
) -> None:
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.card is not None)
    cards.answers["900-002-001"] = error
    vm.submit_scan("900-002-001")
    qtbot.waitUntil(lambda: not vm.busy)
    assert vm.card is None
    assert vm.banner.kind is kind
    assert vm.banner.can_retry is retry
    assert vm.banner.text


def test_auth_banner_points_at_settings(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards
) -> None:
    cards.answers["900-001-001"] = AuthError(status=401)
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.banner.kind is BannerKind.AUTH)
    assert "check the API key in Settings" in vm.banner.text


def test_offline_then_retry_shows_the_card(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards
) -> None:
    card = cards.answers["900-001-001"]
    cards.answers["900-001-001"] = NetworkError(may_have_reached_server=False)
    cards.then["900-001-001"] = card
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.banner.kind is BannerKind.OFFLINE)
    vm.retry()
    qtbot.waitUntil(lambda: shown(vm) == "900-001-001")
    assert vm.banner.kind is BannerKind.NONE


def test_rate_limit_counts_down_then_retries_by_itself(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards, clock: Clock
) -> None:
    card = cards.answers["900-001-001"]
    cards.answers["900-001-001"] = RateLimitError(retry_after=3, status=429)
    cards.then["900-001-001"] = card
    banners: list[int | None] = []
    vm.bannerChanged.connect(lambda b: banners.append(b.retry_in))
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.banner.kind is BannerKind.RATE_LIMITED)
    assert vm.banner.retry_in == 3
    assert vm.card is None
    clock.now += 1.5
    qtbot.waitUntil(lambda: vm.banner.retry_in == 2)
    clock.now += 1.0
    qtbot.waitUntil(lambda: vm.banner.retry_in == 1)
    assert cards.calls == ["900-001-001"]
    clock.now += 0.6
    qtbot.waitUntil(lambda: shown(vm) == "900-001-001")
    assert cards.calls == ["900-001-001", "900-001-001"]
    assert [n for n in banners if n is not None] == [3, 2, 1]


def test_rate_limit_without_retry_after_backs_off(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards
) -> None:
    cards.answers["900-001-001"] = RateLimitError(status=429)
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.banner.kind is BannerKind.RATE_LIMITED)
    assert vm.banner.retry_in == 5


def test_a_new_scan_cancels_a_pending_automatic_retry(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards, clock: Clock
) -> None:
    cards.answers["900-001-001"] = RateLimitError(retry_after=2, status=429)
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.banner.kind is BannerKind.RATE_LIMITED)
    vm.submit_scan("900-002-001")
    qtbot.waitUntil(lambda: shown(vm) == "900-002-001")
    clock.now += 5
    qtbot.wait(300)  # a fixed wait: a retry that must not happen leaves nothing to wait for
    assert cards.calls == ["900-001-001", "900-002-001"]
    assert shown(vm) == "900-002-001"


def test_unreadable_scan_clears_the_card_and_says_so(qtbot: Any, vm: CheckoutViewModel) -> None:
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.card is not None)
    vm.submit_scan("%%%", "wedge")
    assert vm.card is None
    assert vm.banner.kind is BannerKind.UNREADABLE_SCAN


def test_wedge_repeat_within_the_window_is_one_scan(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards, clock: Clock
) -> None:
    vm.submit_scan("900001001", "wedge")
    qtbot.waitUntil(lambda: vm.card is not None)
    clock.now += 1.0
    vm.submit_scan("900-001-001", "camera")
    assert vm.card is not None
    assert cards.calls == ["900-001-001"]
    clock.now += 1.0  # 2.0 s after the first, 1.0 s after the repeat: a new read
    vm.submit_scan("900001001", "wedge")
    qtbot.waitUntil(lambda: vm.card is not None)
    assert cards.calls == ["900-001-001", "900-001-001"]


def test_a_repeat_after_a_failure_is_looked_up_again(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards
) -> None:
    vm.submit_scan("900-001-001", "keyboard")
    qtbot.waitUntil(lambda: vm.card is not None)
    vm.submit_scan("900-001-001", "keyboard")  # Enter pressed twice: one lookup
    assert cards.calls == ["900-001-001"]
    vm.submit_scan("900-404-404", "keyboard")
    qtbot.waitUntil(lambda: vm.banner.kind is BannerKind.NOT_FOUND)
    vm.submit_scan("900-404-404", "keyboard")  # asking again after a failure
    assert vm.busy
    qtbot.waitUntil(lambda: not vm.busy)
    assert cards.calls == ["900-001-001", "900-404-404", "900-404-404"]


def test_badge_scan_is_consumed_not_looked_up(cards: FakeCards, clock: Clock) -> None:
    seen: list[tuple[str, str]] = []

    def badge(code: str, source: str) -> BannerState | None:
        seen.append((code, source))
        return messages.manager_unlocked() if code == "100000001" else None

    model = CheckoutViewModel(cards, badge_handler=badge, clock=clock)
    model.submit_scan("100000001\r", "wedge")
    assert seen == [("100000001", "wedge")]
    assert cards.calls == []
    assert model.banner.kind is BannerKind.INFO


def test_clear_forgets_the_customer_and_keeps_the_order(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards
) -> None:
    vm.set_order_total(Decimal("12.50"))
    cards.gates["900-001-001"] = asyncio.Event()
    vm.submit_scan("900-001-001")
    vm.clear()
    assert not vm.busy
    assert vm.card is None
    assert vm.banner.kind is BannerKind.NONE
    assert vm.order_total == Decimal("12.50")
    cards.gates["900-001-001"].set()
    qtbot.wait(30)  # a fixed wait: the cleared lookup's late answer must change nothing
    assert vm.card is None


def test_redemption_choice_follows_limits(qtbot: Any, vm: CheckoutViewModel) -> None:
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.card is not None)
    view = vm.view
    assert view.points == 0  # the customer's points: nothing redeemed until the cashier chooses
    assert not view.use_points
    assert view.discount == Decimal("0.00")
    assert view.limits is not None
    assert (view.limits.min_points, view.limits.max_points) == (100, 1000)
    assert view.limits.cap_source == "balance"
    vm.set_points(700)
    vm.set_points(40)  # below the minimum snaps up to it
    assert vm.points == 100
    assert vm.view.discount == Decimal("1.00")
    vm.set_order_total(Decimal("4.20"))
    assert vm.view.limits is not None
    assert vm.view.limits.cap_source == "order_total"
    assert vm.view.cover_points == 420
    vm.choose_highest()
    assert vm.points == 420
    assert vm.view.discount == Decimal("4.20")
    assert vm.view.amount_due == Decimal("0.00")
    vm.set_order_total(Decimal("2.00"))  # the choice shrinks with the cap
    assert vm.points == 200
    vm.choose_lowest()
    assert vm.points == 100
    assert vm.view.amount_due == Decimal("1.00")
    vm.choose_none()
    assert vm.points == 0
    assert not vm.view.use_points
    assert vm.view.discount == Decimal("0.00")
    assert vm.view.amount_due == Decimal("2.00")
    vm.set_use_points(True)  # back to the choice before
    assert vm.points == 100


def test_the_choice_comes_back_when_the_cap_rises(qtbot: Any, vm: CheckoutViewModel) -> None:
    vm.submit_scan("900-002-001")
    qtbot.waitUntil(lambda: vm.card is not None)
    vm.set_points(1500)
    vm.set_order_total(Decimal("3.00"))
    assert vm.points == 300
    vm.set_order_total(Decimal("30.00"))
    assert vm.points == 1500


def test_order_too_small_blocks_redemption(qtbot: Any, vm: CheckoutViewModel) -> None:
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.card is not None)
    vm.set_order_total(Decimal("0.50"))
    assert vm.view.limits is not None
    assert vm.view.limits.reason == "order_too_small"
    vm.choose_highest()
    vm.set_points(300)
    assert vm.points == 0
    assert vm.view.cover_points is None


def test_a_new_card_resets_the_points(qtbot: Any, vm: CheckoutViewModel) -> None:
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.card is not None)
    vm.choose_highest()
    assert vm.points == 1000
    vm.choose_none()
    vm.submit_scan("900-002-001")
    assert vm.points == 0  # no card, nothing to redeem
    qtbot.waitUntil(lambda: shown(vm) == "900-002-001")
    assert vm.points == 0  # a new customer redeems nothing until the cashier chooses again
    assert not vm.view.use_points
    vm.set_use_points(True)  # "Use points" alone: the lowest redeemable amount
    assert vm.points == 100


def test_qr_result_is_looked_up_by_card_id(qtbot: Any, vm: CheckoutViewModel) -> None:
    vm.submit_card_id(102, "900-002-001")
    assert vm.banner.kind is BannerKind.BUSY
    qtbot.waitUntil(lambda: shown(vm) == "900-002-001")


def test_refresh_keeps_the_card_on_screen_while_it_reloads(
    qtbot: Any, vm: CheckoutViewModel, cards: FakeCards
) -> None:
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.card is not None)
    cards.answers["900-001-001"] = make_card("900-001-001", 700)
    vm.refresh()
    assert vm.card is not None
    qtbot.waitUntil(lambda: vm.card is not None and vm.card.points == 700)


def test_a_failure_after_the_answer_is_reported_not_swallowed(
    qtbot: Any,
    vm: CheckoutViewModel,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(card: Any, order_total: Any = None) -> Any:
        raise ArithmeticError("bad rate")

    monkeypatch.setattr("pos_app.ui.checkout.view_model.limits", broken)
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.banner.kind is BannerKind.UNEXPECTED)
    assert "showing a card failed" in caplog.text
    assert not vm.busy
