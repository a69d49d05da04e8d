"""`python -m pos_app.sandbox`: run the Loyalty.lt sandbox on its own until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import math
import signal
import sys
import threading
from types import FrameType
from typing import NoReturn

from pos_app.sandbox.data import DEMO_API_KEY, DEMO_API_SECRET, STAGING_DEMO_CARDS
from pos_app.sandbox.qr import QR_ENDED_FORMS
from pos_app.sandbox.server import SandboxServer


def _parse(kind: type[int] | type[float], value: str) -> float:
    try:
        return kind(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None


def _port(value: str) -> int:
    port = int(_parse(int, value))
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0..65535, not {value}")
    return port


def _non_negative_int(value: str) -> int:
    number = int(_parse(int, value))
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, not {value}")
    return number


def _non_negative_float(value: str) -> float:
    number = _parse(float, value)
    if not (number >= 0 and math.isfinite(number)):
        raise argparse.ArgumentTypeError(f"must be a finite number >= 0, not {value}")
    return number


def _probability(value: str) -> float:
    number = _parse(float, value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return number


class _OneLineParser(argparse.ArgumentParser):
    """Bad flags end with one line on stderr and exit status 2; `--help` shows the rest."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="python -m pos_app.sandbox",
        description="A Loyalty.lt Shop API stand-in over HTTP, seeded with the staging demo cards.",
    )
    parser.add_argument("--port", type=_port, required=True, help="TCP port; 0 picks a free one")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--api-key", help="the only API key accepted (default: the demo key)")
    parser.add_argument(
        "--api-secret", help="the only API secret accepted, with --api-key (default: the demo one)"
    )
    parser.add_argument(
        "--rate-limit",
        type=_non_negative_int,
        default=60,
        metavar="PER_MIN",
        help="requests per rolling minute per API key; 0 turns it off (default 60)",
    )
    parser.add_argument(
        "--latency", type=_non_negative_float, default=0.0, metavar="MS", help="delay every answer"
    )
    parser.add_argument(
        "--fail-rate",
        type=_probability,
        default=0.0,
        metavar="P",
        help="share of requests (0..1) that fail: 500, HTML 502 or a dropped connection",
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed for --fail-rate")
    parser.add_argument(
        "--qr-ended",
        choices=QR_ENDED_FORMS,
        default="404",
        metavar="FORM",
        help="how an ended QR session answers: 404 (RESOURCE_EXPIRED, default), 200 (status "
        "expired), 410 (RESOURCE_EXPIRED) or 410_bare (no code); the API uses all of them",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if (args.api_key is None) != (args.api_secret is None):
        parser.error("--api-key and --api-secret go together")
    if args.api_key is not None and not args.api_key.startswith("lty_"):
        parser.error("--api-key must start with lty_, as every Loyalty.lt API key does")
    server = SandboxServer(
        args.host,
        args.port,
        api_key=args.api_key or DEMO_API_KEY,
        api_secret=args.api_secret or DEMO_API_SECRET,
        rate_limit=args.rate_limit,
        latency_ms=args.latency,
        fail_rate=args.fail_rate,
        seed=args.seed,
        qr_ended_form=args.qr_ended,
    )
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        server.start()
    except (OSError, RuntimeError) as exc:
        print(f"sandbox: cannot start on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    try:
        print(f"Loyalty.lt sandbox listening on {server.base_url}", flush=True)
        key_note = "custom key" if args.api_key else f"demo key {DEMO_API_KEY}"
        print(
            f"accepting {key_note}; demo cards: {', '.join(STAGING_DEMO_CARDS)}; Ctrl+C stops",
            flush=True,
        )
        while not stop.wait(0.2):
            if not server.running:
                print("sandbox: server thread stopped unexpectedly", file=sys.stderr)
                return 1
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
