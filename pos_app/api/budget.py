"""The till's request budget: its own rolling minute, and the server's count for the whole key."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping

from pos_app.api.envelope import parse_reset
from pos_app.api.errors import RateLimitError

WINDOW_SECONDS = 60.0
# Without a Retry-After the till backs off 5, 10, 20, 40, 60, 60… seconds.
_FIRST_BACKOFF = 5.0
_MAX_BACKOFF = 60.0
# How far back the till remembers what the other tills on its key sent between two answers.
_OTHERS_MEMORY = WINDOW_SECONDS


class RateBudget:
    """At most `per_minute` requests in any rolling 60 s, nothing while held off, and never
    more than the server says are left for the key.

    The server counts per API key, so it alone knows what all the shop's tills have spent:
    `observe()` takes every answer's `X-RateLimit-Limit/Remaining/Reset`. The till keeps as
    many requests in reserve as the other tills were seen to send between two of its own
    answers (they may be on their way already). When nothing is left, `acquire()` refuses
    locally until the server's reset (when it said), else until a whole window has passed
    since the answer that said so: after that, under any counting the server may use, every
    request counted before it has expired.

    `per_minute=0` turns the till's own limit off (the server's count and a 429 still hold
    requests off). `clock` returns monotonic seconds and `wall` Unix time; tests pass fakes.
    """

    def __init__(
        self,
        per_minute: int = 60,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        if per_minute < 0:
            raise ValueError("per_minute must be 0 (off) or a positive number")
        self._per_minute = per_minute
        self._clock = clock
        self._wall = wall
        self._sent: deque[float] = deque()
        self._held_until = 0.0
        self._backoff = _FIRST_BACKOFF
        # The server's word: requests left for the key as of `_seen_at`, until `_view_until`.
        self._server_remaining: int | None = None
        self._server_limit: int | None = None
        self._seen_at = 0.0
        self._view_until = 0.0
        # (when, how many) other tills' requests were seen between two answers of this till.
        self._others: deque[tuple[float, int]] = deque()

    @property
    def per_minute(self) -> int:
        return self._per_minute

    @property
    def server_limit(self) -> int | None:
        """The key's allowance as the server last stated it (X-RateLimit-Limit)."""
        return self._server_limit

    @property
    def reserve(self) -> int:
        """Requests kept back for the other tills on the key (the most seen in a recent gap)."""
        cutoff = self._clock() - _OTHERS_MEMORY
        others = self._others
        while others and others[0][0] <= cutoff:
            others.popleft()
        return max((count for _, count in others), default=0)

    @property
    def remaining(self) -> int:
        """Requests that may still be sent now (a large number when no limit applies)."""
        now = self._clock()
        if now < self._held_until:
            return 0
        self._forget_before(now - WINDOW_SECONDS)
        own = self._per_minute - len(self._sent) if self._per_minute else 2**31 - 1
        server = self._server_left(now)
        return max(0, own if server is None else min(own, server))

    def acquire(self) -> None:
        """Take one request from the budget, or raise RateLimitError saying how long to wait."""
        now = self._clock()
        if now < self._held_until:
            raise RateLimitError(retry_after=self._held_until - now, local=True)
        self._forget_before(now - WINDOW_SECONDS)
        if self._per_minute and len(self._sent) >= self._per_minute:
            raise RateLimitError(retry_after=self._sent[0] + WINDOW_SECONDS - now, local=True)
        left = self._server_left(now)
        if left is not None and left <= 0:
            raise RateLimitError(retry_after=self._view_until - now, local=True)
        self._sent.append(now)

    def observe(self, headers: Mapping[str, str]) -> None:
        """Learn the key's state from an answer's headers (any status; none: no change)."""
        remaining = _whole(headers, "x-ratelimit-remaining")
        limit = _whole(headers, "x-ratelimit-limit")
        if limit is not None and limit > 0:
            self._server_limit = limit
        if remaining is None:
            return
        now = self._clock()
        previous = self._server_left_raw(now)
        if previous is not None and remaining <= previous[0]:
            # Counted by the server between the two answers, less this till's own sends.
            mine = sum(1 for sent in self._sent if sent > previous[1])
            others = previous[0] - remaining - mine
            if others > 0:
                self._others.append((now, others))
        self._server_remaining = remaining
        self._seen_at = now
        reset = parse_reset(headers, self._wall)
        self._view_until = now + (WINDOW_SECONDS if reset is None else reset)

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

    def _server_left_raw(self, now: float) -> tuple[int, float] | None:
        """(remaining, when it was said) while the server's word still holds."""
        if self._server_remaining is None or now >= self._view_until:
            return None
        return self._server_remaining, self._seen_at

    def _server_left(self, now: float) -> int | None:
        """What the server's word leaves this till now: its count, less this till's sends
        since, less the reserve for the other tills; None when the server said nothing."""
        said = self._server_left_raw(now)
        if said is None:
            return None
        remaining, seen_at = said
        mine = sum(1 for sent in self._sent if sent > seen_at)
        return remaining - mine - self.reserve

    def _forget_before(self, cutoff: float) -> None:
        sent = self._sent
        while sent and sent[0] <= cutoff:
            sent.popleft()


def _whole(headers: Mapping[str, str], name: str) -> int | None:
    raw = next((v for k, v in headers.items() if k.lower() == name), "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        return None
    return int(raw)
