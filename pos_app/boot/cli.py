"""The till's command line: its flags, checked before anything heavy is imported."""

from __future__ import annotations

import argparse
import os
import sys
import time

from pos_app.boot.environment import opencv_conflict
from pos_app.core.urls import api_url_problem

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


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
        "--customer-display",
        action="store_true",
        help="open the customer-facing display even on one screen (Settings chooses the screen)",
    )
    parser.add_argument(
        "--fullscreen",
        action="store_true",
        help="open the till full screen (kiosk tills); otherwise maximised on a till screen",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="look up a demo card against the embedded sandbox, render the window, print "
        "timings and exit (needs no display)",
    )
    parser.add_argument(
        "--check-connection",
        action="store_true",
        help="the go-live check: validate the configured key and secret, list the shops, look "
        "one card up and open (never complete) a QR session, one line per step; exit 0 only "
        "when every step passed. Creates no transaction.",
    )
    parser.add_argument(
        "--check-card",
        metavar="NUMBER",
        help="the card --check-connection looks up (default: the first staging demo card)",
    )
    parser.add_argument(
        "--log-level",
        default="INFO",
        type=str.upper,
        choices=LOG_LEVELS,
        metavar="LEVEL",
        help="DEBUG, INFO (default), WARNING or ERROR",
    )
    return parser


def run(argv: list[str]) -> int:
    started = time.perf_counter()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.api_url and (problem := api_url_problem(args.api_url)):
        parser.error(f"--api-url: {problem}")
    if args.check_card is not None and not args.check_connection:
        parser.error("--check-card goes with --check-connection")
    if args.check_card is not None and not args.check_card.strip():
        parser.error("--check-card: give a card number")
    if problem := opencv_conflict():
        print(problem, file=sys.stderr)
        return 3
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        args.demo = True
        args.api_url = None

    from pos_app.config.credentials import take_from_environment

    # Before any child process exists: children inherit os.environ.
    environ = take_from_environment(os.environ)
    if args.check_connection:
        from pos_app.boot.golive_cli import check_connection

        return check_connection(args, environ)
    from pos_app.boot.startup import start_till

    return start_till(args, started=started, environ=environ)
