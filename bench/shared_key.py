"""Several tills on one API key: no server 429 at all, and most of the key's allowance used.

    .venv/bin/python bench/shared_key.py [--duration 180] [--tills 5] [--rate-limit 60] [--think MS]

Starts the embedded sandbox with its per-key limit on (rolling 60 s) and runs `--tills`
LoyaltyClient instances, each with its own budget, on the demo key. Every till looks a card
up as fast as its budget lets it (or, with `--think`, pauses a random 0..MS between lookups,
as a cashier does); a call refused locally waits the `retry_after` it was given. The tills
know of each other only through the X-RateLimit-* headers of the server's answers. Counted
from the sandbox's own request log: answers, 429s, and the accepted share of the allowance
(`rate_limit` × minutes). Goals: 0 server 429s and ≥ 90 % of the allowance.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from dataclasses import dataclass, field

from pos_app.api import ApiError, LoyaltyClient, RateLimitError
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, DEMO_CARD_NUMBERS, SandboxServer

GOAL_SHARE = 0.90


@dataclass
class Till:
    """What one till saw."""

    name: str
    answered: int = 0
    refused_locally: int = 0
    server_429: int = 0
    other_errors: int = 0
    waits: list[float] = field(default_factory=list)


async def _run_till(
    till: Till, base_url: str, card: str, deadline: float, think: float, rng: random.Random
) -> None:
    async with LoyaltyClient(base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
        while (left := deadline - time.monotonic()) > 0:
            if think:
                await asyncio.sleep(min(rng.uniform(0, think), left))
            try:
                await client.card_info(card_number=card)
            except RateLimitError as exc:
                if exc.local:
                    till.refused_locally += 1
                else:
                    till.server_429 += 1
                wait = exc.retry_after if exc.retry_after is not None else 1.0
                till.waits.append(wait)
                await asyncio.sleep(min(max(wait, 0.01), left))
            except ApiError:
                till.other_errors += 1
                await asyncio.sleep(min(0.1, left))
            else:
                till.answered += 1


async def _run(base_url: str, tills: list[Till], duration: float, think: float) -> None:
    deadline = time.monotonic() + duration
    cards = list(DEMO_CARD_NUMBERS)
    rng = random.Random(1)
    await asyncio.gather(
        *(
            _run_till(till, base_url, cards[i % len(cards)], deadline, think, rng)
            for i, till in enumerate(tills)
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=180.0, help="seconds (default 180)")
    parser.add_argument("--tills", type=int, default=5, help="clients on the one key (default 5)")
    parser.add_argument("--rate-limit", type=int, default=60, help="per key per minute (60)")
    parser.add_argument("--think", type=float, default=0.0, help="max ms between lookups (0)")
    parser.add_argument("--json", action="store_true", help="print one JSON line as well")
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.tills < 1 or args.rate_limit < 1 or args.think < 0:
        parser.error("--duration, --tills and --rate-limit must be positive, --think not negative")

    sandbox = SandboxServer(rate_limit=args.rate_limit)
    sandbox.start()
    tills = [Till(f"till{i + 1}") for i in range(args.tills)]
    started = time.monotonic()
    try:
        asyncio.run(_run(sandbox.base_url, tills, args.duration, args.think / 1000))
        elapsed = time.monotonic() - started
        log = [entry for entry in sandbox.state.request_log if "/shop/" in entry.path]
    finally:
        sandbox.stop()

    accepted = sum(1 for entry in log if entry.status is not None and entry.status < 400)
    server_429 = sum(1 for entry in log if entry.status == 429)
    allowance = args.rate_limit * args.duration / 60.0
    share = accepted / allowance
    ok = server_429 == 0 and share >= GOAL_SHARE
    print(
        f"{args.tills} tills, one key at {args.rate_limit}/min, {elapsed:.0f} s"
        f"{f', think 0-{args.think:.0f} ms' if args.think else ''}: "
        f"{accepted} accepted of {allowance:.0f} allowed ({share:.1%}, goal >= {GOAL_SHARE:.0%}), "
        f"{server_429} server 429s (goal 0), "
        f"{sum(t.refused_locally for t in tills)} calls held locally"
    )
    for till in tills:
        print(
            f"  {till.name}: {till.answered} answered, {till.refused_locally} held locally, "
            f"{till.server_429} server 429s, {till.other_errors} other errors"
        )
    if args.json:
        print(
            json.dumps(
                {
                    "tills": args.tills,
                    "rate_limit": args.rate_limit,
                    "duration_s": round(elapsed, 1),
                    "think_ms": args.think,
                    "accepted": accepted,
                    "allowance": allowance,
                    "share": round(share, 4),
                    "server_429": server_429,
                    "held_locally": sum(t.refused_locally for t in tills),
                }
            )
        )
    print("goal met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
