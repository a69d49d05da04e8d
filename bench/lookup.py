"""Card lookup cost: LoyaltyClient.card_info vs a bare httpx GET of the same URL, same run.

    .venv/bin/python bench/lookup.py [--rounds 300] [--card 900-001-001]

Starts the embedded sandbox (rate limit off) on loopback, warms both clients up, then
alternates one client lookup and one bare GET per round so both see the same machine load.
The goal is a median ratio of at most 1.2.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable

import httpx

from pos_app.api import LoyaltyClient
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer

GOAL = 1.2
WARMUP = 20


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


async def _measure(base_url: str, card: str, rounds: int) -> tuple[list[float], list[float]]:
    headers = {
        "X-API-Key": DEMO_API_KEY,
        "X-API-Secret": DEMO_API_SECRET,
        "Accept": "application/json",
    }
    url = f"{base_url}/en/shop/loyalty-cards/info"
    client_ms: list[float] = []
    bare_ms: list[float] = []
    async with (
        LoyaltyClient(base_url, DEMO_API_KEY, DEMO_API_SECRET, requests_per_minute=0) as client,
        httpx.AsyncClient(headers=headers, timeout=httpx.Timeout(10, connect=3)) as bare,
    ):

        async def via_client() -> None:
            await client.card_info(card_number=card)

        async def via_bare() -> None:
            response = await bare.get(url, params={"card_number": card})
            response.raise_for_status()
            response.json()

        async def timed(call: Callable[[], Awaitable[None]], into: list[float] | None) -> None:
            started = time.perf_counter()
            await call()
            if into is not None:
                into.append((time.perf_counter() - started) * 1000)

        for _ in range(WARMUP):
            await timed(via_client, None)
            await timed(via_bare, None)
        for index in range(rounds):
            # alternate which goes first so neither always inherits the other's warm cache
            pair = [(via_client, client_ms), (via_bare, bare_ms)]
            for call, into in pair if index % 2 == 0 else reversed(pair):
                await timed(call, into)
    return client_ms, bare_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--card", default="900-001-001")
    args = parser.parse_args(argv)
    if args.rounds < 20:
        parser.error("--rounds must be at least 20")

    with SandboxServer(rate_limit=0) as server:
        client_ms, bare_ms = asyncio.run(_measure(server.base_url, args.card, args.rounds))

    ratio = statistics.median(client_ms) / statistics.median(bare_ms)
    print(f"card lookup over loopback, {args.rounds} rounds (after {WARMUP} warm-up)")
    for name, samples in (("LoyaltyClient.card_info", client_ms), ("bare httpx GET", bare_ms)):
        print(
            f"  {name:<24} median {statistics.median(samples):7.3f} ms"
            f"   p95 {_p95(samples):7.3f} ms"
        )
    print(f"  ratio of medians        {ratio:.3f}x  (goal <= {GOAL}x)")
    print(f"  ratio of p95            {_p95(client_ms) / _p95(bare_ms):.3f}x")
    if statistics.median(bare_ms) > 20:
        # headers and body as two small writes wait for the peer's delayed ACK (~40 ms)
        print("  note: a bare loopback GET over 20 ms points at the server lacking TCP_NODELAY")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
