"""QrCardScan: polling, renewal on expiry, transient errors, and end to end on the sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pos_app.api import LoyaltyClient
from pos_app.api.errors import ApiError, AuthError, NetworkError, NotFoundError, RateLimitError
from pos_app.core.models import QrCardData, QrSession, QrStatus
from pos_app.sale.qr_card_scan import QrCardScan
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.testing.helpers import run_async

Run = Callable[[Any], Any]
START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.fixture
def run(qasync_loop: asyncio.AbstractEventLoop, qtbot: Any) -> Run:
    return lambda coro: run_async(qasync_loop, qtbot, coro)


@dataclass
class FakeQrApi:
    """Answers each status poll from `script` (a status name or an error), then 'pending'."""

    script: list[str | ApiError] = field(default_factory=list)
    generate_errors: list[ApiError] = field(default_factory=list)
    generated: list[str] = field(default_factory=list)
    polled: list[str] = field(default_factory=list)
    expires_in: timedelta | None = None

    async def qr_generate(self, *, device_name: str, shop_id: int | None = None) -> QrSession:
        if self.generate_errors:
            raise self.generate_errors.pop(0)
        session_id = f"s{len(self.generated) + 1}"
        self.generated.append(session_id)
        expires = START + self.expires_in if self.expires_in is not None else None
        return QrSession(
            session_id=session_id,
            qr_code=f"loyaltylt://qr-card?code=abc&session={session_id}",
            expires_at=expires,
        )

    async def qr_status(self, session_id: str) -> QrStatus:
        self.polled.append(session_id)
        step = self.script.pop(0) if self.script else "pending"
        if isinstance(step, ApiError):
            raise step
        if step in ("authenticated", "completed"):
            card = QrCardData(loyalty_card_id=1001, card_number="900-001-001", points=1000)
            return QrStatus(status=step, card_data=card)
        return QrStatus(status=step)


class Recorder:
    def __init__(self) -> None:
        self.sleeps: list[float] = []
        self.sessions: list[str] = []
        self.problems: list[ApiError | None] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def scan(self, api: FakeQrApi, **kwargs: Any) -> QrCardScan:
        return QrCardScan(api, "Till 1", sleep=self.sleep, **kwargs)

    def go(self, run: Run, scan: QrCardScan) -> QrCardData:
        result = run(scan.run(lambda s: self.sessions.append(s.session_id), self.problems.append))
        assert isinstance(result, QrCardData)
        return result


def expired() -> NotFoundError:
    return NotFoundError(status=404, code="RESOURCE_EXPIRED")


@pytest.mark.parametrize("status", ["authenticated", "completed"])
def test_pending_then_scanned_returns_the_card(run: Run, status: str) -> None:
    api = FakeQrApi(script=["pending", "pending", status])
    rec = Recorder()
    card = rec.go(run, rec.scan(api))
    assert card.loyalty_card_id == 1001
    assert rec.sessions == ["s1"]
    assert api.polled == ["s1", "s1", "s1"]
    assert rec.sleeps == [2.0, 2.0, 2.0]


def test_an_expired_session_is_renewed_and_shown(run: Run) -> None:
    api = FakeQrApi(script=["pending", expired(), "pending", "authenticated"])
    rec = Recorder()
    scan = rec.scan(api)
    card = rec.go(run, scan)
    assert card.card_number == "900-001-001"
    assert rec.sessions == ["s1", "s2"]
    assert api.polled == ["s1", "s1", "s2", "s2"]
    assert scan.renewals == 1
    assert scan.session is not None
    assert scan.session.session_id == "s2"


def test_a_session_past_expires_at_is_renewed_without_polling(run: Run) -> None:
    api = FakeQrApi(script=["authenticated"], expires_in=timedelta(minutes=5))
    times = iter([START + timedelta(minutes=6), START + timedelta(minutes=1)])
    rec = Recorder()
    scan = rec.scan(api, clock=lambda: next(times))
    rec.go(run, scan)
    # The first session had run out: renewed before asking the server about it.
    assert rec.sessions == ["s1", "s2"]
    assert api.polled == ["s2"]


def test_transient_errors_are_reported_backed_off_and_cleared(run: Run) -> None:
    network = NetworkError(may_have_reached_server=True)
    limited = RateLimitError(retry_after=7.0, status=429)
    api = FakeQrApi(script=[network, limited, "pending", "completed"])
    api.generate_errors = [NetworkError(may_have_reached_server=False)]
    rec = Recorder()
    rec.go(run, rec.scan(api))
    assert rec.problems[0] is not None
    assert rec.problems == [rec.problems[0], None, network, limited, None]
    # generate retry 2 s; first poll 2 s; after 1 failure 2 s; after the 429 its Retry-After.
    assert rec.sleeps == [2.0, 2.0, 2.0, 7.0, 2.0]


def test_auth_errors_end_the_scan(run: Run) -> None:
    api = FakeQrApi(script=[AuthError(status=401)])
    rec = Recorder()
    with pytest.raises(AuthError):
        run(rec.scan(api).run(lambda _s: None))


def test_cancelling_stops_polling(run: Run) -> None:
    api = FakeQrApi()

    async def cancel_soon() -> int:
        scan = QrCardScan(api, "Till 1", interval=0.01)
        task = asyncio.ensure_future(scan.run(lambda _s: None))
        await asyncio.sleep(0.1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        polled = len(api.polled)
        await asyncio.sleep(0.1)
        assert len(api.polled) == polled
        return polled

    assert run(cancel_soon()) >= 2


# -- end to end against the sandbox ----------------------------------------------------------


def test_sandbox_pending_then_simulated_scan_gives_the_card(
    run: Run, sandbox: SandboxServer
) -> None:
    sessions: list[QrSession] = []

    async def go() -> QrCardData:
        shown: asyncio.Queue[QrSession] = asyncio.Queue()
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            scan = QrCardScan(client, "Till 1", interval=0.05)
            task = asyncio.ensure_future(scan.run(shown.put_nowait))
            sessions.append(await asyncio.wait_for(shown.get(), 5))
            await asyncio.sleep(0.2)  # a few "pending" polls
            assert not task.done()
            await client.sandbox_scan_qr(sessions[0].session_id, "900-002-001")
            return await asyncio.wait_for(task, 5)

    card = run(go())
    assert card.loyalty_card_id == sandbox.state.card("900-002-001")["id"]
    assert card.card_number == "900-002-001"
    assert len(sessions) == 1
    assert sessions[0].qr_code.startswith("loyaltylt://qr-card?")


def test_sandbox_expired_session_is_renewed_then_scanned(run: Run, sandbox: SandboxServer) -> None:
    sessions: list[QrSession] = []

    async def go() -> QrCardData:
        shown: asyncio.Queue[QrSession] = asyncio.Queue()
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            scan = QrCardScan(client, "Till 1", interval=0.05)
            task = asyncio.ensure_future(scan.run(shown.put_nowait))
            sessions.append(await asyncio.wait_for(shown.get(), 5))
            await asyncio.sleep(0.1)
            sandbox.expire_qr_session(sessions[0].session_id)
            sessions.append(await asyncio.wait_for(shown.get(), 5))
            sandbox.scan_qr_session(sessions[1].session_id, "900-001-001")
            card = await asyncio.wait_for(task, 5)
            assert scan.renewals == 1
            return card

    card = run(go())
    assert card.card_number == "900-001-001"
    assert sessions[0].session_id != sessions[1].session_id
