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
        "--smoke-test",
        action="store_true",
        help="look up a demo card against the embedded sandbox, render the window, print "
        "timings and exit (needs no display)",
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
    from pos_app.boot.startup import start_till

    return start_till(args, started=started, environ=environ)
