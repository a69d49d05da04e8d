"""Fault injection and the per-key rate limit: what makes the sandbox misbehave on purpose."""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal, get_args

FaultKind = Literal[
    "server_error",
    "bad_gateway_html",
    "empty_503",
    "drop_before",
    "drop_after",
    "rate_limit",
    "slow",
    "malformed_json",
    "bad_envelope",
    "rate_limit_http_date",
    "forbidden",
    "rate_limit_reset_only",
]
FAULT_KINDS: Final[tuple[FaultKind, ...]] = get_args(FaultKind)
RANDOM_FAULT_KINDS: Final[tuple[FaultKind, ...]] = (
    "server_error",
    "bad_gateway_html",
    "drop_before",
    "drop_after",
)
RATE_WINDOW_S: Final = 60.0
# The most rate-limit buckets kept; idle ones are forgotten first. Requests with an unknown key
# share their address's bucket, so made-up keys cannot grow this.
MAX_RATE_KEYS: Final = 1024


@dataclass(slots=True)
class _Injected:
    kind: FaultKind
    remaining: int
    path_contains: str | None


class Faults:
    """Runtime fault control, safe to change from any thread while the server runs.

    `latency_ms` delays every answer, `fail_rate` (0..1) fails that share of requests at random
    (server_error, bad_gateway_html, drop_before or drop_after), `rate_limit` is requests per
    rolling minute per API key (0 = off), `slow_s` is how long a "slow" fault waits.
    `inject()` queues faults for the next matching requests; they win over random ones.
    """

    def __init__(
        self,
        *,
        latency_ms: float = 0,
        fail_rate: float = 0.0,
        rate_limit: int = 60,
        slow_s: float = 15.0,
        seed: int | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._defaults = (latency_ms, fail_rate, rate_limit, slow_s)
        self._seed = seed
        self._queue: list[_Injected] = []
        self._rng = random.Random(seed)
        self.latency_ms, self.fail_rate, self.rate_limit, self.slow_s = self._defaults

    @property
    def latency_ms(self) -> float:
        return self._latency_ms

    @latency_ms.setter
    def latency_ms(self, value: float) -> None:
        if not value >= 0:
            raise ValueError("latency_ms must be >= 0")
        self._latency_ms = float(value)

    @property
    def fail_rate(self) -> float:
        return self._fail_rate

    @fail_rate.setter
    def fail_rate(self, value: float) -> None:
        if not 0.0 <= value <= 1.0:
            raise ValueError("fail_rate must be between 0 and 1")
        self._fail_rate = float(value)

    @property
    def rate_limit(self) -> int:
        return self._rate_limit

    @rate_limit.setter
    def rate_limit(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("rate_limit must be an int >= 0 (0 = off)")
        self._rate_limit = value

    @property
    def slow_s(self) -> float:
        return self._slow_s

    @slow_s.setter
    def slow_s(self, value: float) -> None:
        if not value >= 0:
            raise ValueError("slow_s must be >= 0")
        self._slow_s = float(value)

    def inject(self, kind: FaultKind, count: int = 1, path_contains: str | None = None) -> None:
        """Fail the next `count` requests whose path or query string contains `path_contains`
        (any request if None): "transactions/create", "900-001-001"..."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        if count < 1:
            raise ValueError("count must be >= 1")
        with self._lock:
            self._queue.append(_Injected(kind, count, path_contains))

    @property
    def pending(self) -> list[tuple[FaultKind, int, str | None]]:
        """Queued faults not yet used: (kind, remaining, path_contains)."""
        with self._lock:
            return [(f.kind, f.remaining, f.path_contains) for f in self._queue]

    def take(self, target: str) -> FaultKind | None:
        """The fault for a request to `target` (path?query): the first matching queued one,
        else maybe a random one."""
        with self._lock:
            for fault in self._queue:
                if fault.path_contains is None or fault.path_contains in target:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._queue.remove(fault)
                    return fault.kind
            if self._fail_rate > 0 and self._rng.random() < self._fail_rate:
                return self._rng.choice(RANDOM_FAULT_KINDS)
        return None

    def reset(self) -> None:
        """Constructor settings back, queue empty, random sequence restarted."""
        with self._lock:
            self._queue.clear()
            self._rng = random.Random(self._seed)
        self.latency_ms, self.fail_rate, self.rate_limit, self.slow_s = self._defaults


class RateLimiter:
    """A rolling-window request counter per key, holding at most `max_keys` buckets."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_RATE_KEYS
    ) -> None:
        self._clock = clock
        self._max_keys = max_keys
        self._lock = threading.Lock()
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def __len__(self) -> int:
        """How many buckets are held now."""
        with self._lock:
            return len(self._hits)

    def hit(self, key: str, limit: int, window_s: float = RATE_WINDOW_S) -> tuple[int, int | None]:
        """Count a request: (remaining after it, None) or (0, seconds to wait) when over.

        A refused request is not counted, so waiting the returned seconds always helps.
        """
        if limit <= 0:
            return (0, None)
        now = self._clock()
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                self._make_room(now - window_s)
                hits = self._hits[key] = deque()
            self._hits.move_to_end(key)
            while hits and hits[0] <= now - window_s:
                hits.popleft()
            if len(hits) >= limit:
                oldest = hits[len(hits) - limit]
                return (0, max(1, math.ceil(oldest + window_s - now)))
            hits.append(now)
            return (limit - len(hits), None)

    def _make_room(self, horizon: float) -> None:
        """Before a new bucket: drop idle ones, then the least recently used if still full."""
        if len(self._hits) < self._max_keys:
            return
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= horizon]:
            del self._hits[key]
        while len(self._hits) >= self._max_keys:
            self._hits.popitem(last=False)

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


class Sleeper:
    """Abortable sleeps on the server loop: `wake_all()` (any thread) ends every current one."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None

    async def sleep(self, seconds: float) -> bool:
        """True after sleeping the full time, False when woken early."""
        if seconds <= 0:
            return True
        self._loop = asyncio.get_running_loop()
        if self._event is None:
            self._event = asyncio.Event()
        event = self._event
        try:
            await asyncio.wait_for(event.wait(), timeout=seconds)
        except TimeoutError:
            return True
        return False

    def _wake(self) -> None:
        if self._event is not None:
            self._event.set()
            self._event = None

    def wake_all(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            # RuntimeError: the loop closed meanwhile, so nobody is sleeping.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._wake)
