"""The till's own request budget: refuse locally rather than send what the server will reject."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from pos_app.api.errors import RateLimitError

WINDOW_SECONDS = 60.0
# Without a Retry-After the till backs off 5, 10, 20, 40, 60, 60… seconds.
_FIRST_BACKOFF = 5.0
_MAX_BACKOFF = 60.0


class RateBudget:
    """At most `per_minute` requests in any rolling 60 s, and nothing while held off.

    `per_minute=0` turns the budget off (a server 429 still holds requests off).
    `clock` returns monotonic seconds; tests pass a fake one.
    """

    def __init__(self, per_minute: int = 60, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 0:
            raise ValueError("per_minute must be 0 (off) or a positive number")
        self._per_minute = per_minute
        self._clock = clock
        self._sent: deque[float] = deque()
        self._held_until = 0.0
        self._backoff = _FIRST_BACKOFF

    @property
    def per_minute(self) -> int:
        return self._per_minute

    @property
    def remaining(self) -> int:
        """Requests that may still be sent now (a large number when the budget is off)."""
        now = self._clock()
        if now < self._held_until:
            return 0
        if not self._per_minute:
            return 2**31 - 1
        self._forget_before(now - WINDOW_SECONDS)
        return max(0, self._per_minute - len(self._sent))

    def acquire(self) -> None:
        """Take one request from the budget, or raise RateLimitError saying how long to wait."""
        now = self._clock()
        if now < self._held_until:
            raise RateLimitError(retry_after=self._held_until - now, local=True)
        if self._per_minute:
            self._forget_before(now - WINDOW_SECONDS)
            if len(self._sent) >= self._per_minute:
                raise RateLimitError(retry_after=self._sent[0] + WINDOW_SECONDS - now, local=True)
            self._sent.append(now)

    def hold_off(self, retry_after: float | None) -> float:
        """After a server 429: send nothing for `retry_after` seconds (or a growing backoff).

        Returns the hold-off actually applied, so the cashier can be told.
        """
        if retry_after is None:
            seconds = self._backoff
            self._backoff = min(self._backoff * 2, _MAX_BACKOFF)
        else:
            seconds = max(0.0, retry_after)
        self._held_until = max(self._held_until, self._clock() + seconds)
        return seconds

    def succeeded(self) -> None:
        """A request went through: the next 429 without Retry-After starts the backoff afresh."""
        self._backoff = _FIRST_BACKOFF

    def _forget_before(self, cutoff: float) -> None:
        sent = self._sent
        while sent and sent[0] <= cutoff:
            sent.popleft()
