"""Command-line flags of the till (see CONTRACT.md) and start-up."""

from __future__ import annotations

import argparse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-app",
        description="Loyalty.lt checkout till. With no credentials configured it runs in demo "
        "mode against an embedded sandbox. Credentials come from the OS keyring (Settings) or "
        "the POS_API_KEY / POS_API_SECRET environment variables, never from the command line.",
    )
    parser.add_argument("--api-url", metavar="URL", help="a Loyalty.lt-compatible server")
    parser.add_argument("--locale", choices=("en", "lt"), help="UI and API language")
    parser.add_argument("--demo", action="store_true", help="force demo mode (embedded sandbox)")
    parser.add_argument("--camera", metavar="SPEC", help="camera index (0) or a video file to play")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="look up a demo card against the sandbox, render, print timings, exit",
    )
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    parser.parse_args(argv)
    print("pos-app: the till window is not built yet")
    return 0
