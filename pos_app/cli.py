"""Command-line flags of the till (CONTRACT.md), choosing demo or live mode, and start-up."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from pos_app.sandbox.process import SandboxProcess
    from pos_app.secrets import SecretStore

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_NON_HEADLESS_OPENCV = ("opencv-python", "opencv-contrib-python")


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


def check_api_url(url: str) -> str | None:
    """Why `url` cannot be used, or None. Plain http is for servers on this machine only."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"--api-url must be an http(s) URL, not {url!r}"
    if parts.username or parts.password:
        return "--api-url must not contain credentials; use Settings or POS_API_KEY/POS_API_SECRET"
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        return "--api-url: plain http:// is allowed only for a server on this machine; use https://"
    return None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def installed_distribution(name: str, paths: Sequence[str] | None = None) -> bool:
    """Whether a distribution's .dist-info sits on sys.path; far cheaper than importlib.metadata."""
    prefix = name.replace("-", "_").lower() + "-"
    for entry in sys.path if paths is None else paths:
        try:
            with os.scandir(entry or ".") as names:
                for item in names:
                    lowered = item.name.lower()
                    if lowered.startswith(prefix) and lowered.endswith(".dist-info"):
                        return True
        except OSError:  # a zip, a missing folder, no permission
            continue
    return False


def opencv_conflict(paths: Sequence[str] | None = None) -> str | None:
    """A non-headless OpenCV wheel brings its own Qt and breaks PySide6 (TRAPS.md)."""
    for name in _NON_HEADLESS_OPENCV:
        if not installed_distribution(name, paths):
            continue
        return (
            f"pos-app: the package {name} is installed; it ships its own Qt and breaks this "
            f"till's window. Remove it and keep opencv-python-headless: "
            f"pip uninstall -y {name} && pip install --force-reinstall opencv-python-headless"
        )
    return None


@dataclass(frozen=True)
class Connection:
    """Where the till talks to and as whom; `demo` when the credentials are the sandbox's."""

    api_url: str
    api_key: str
    api_secret: str
    demo: bool
    sandbox: SandboxProcess | None = None

    def __repr__(self) -> str:  # the secret never reaches a log line or a traceback
        return f"Connection(api_url={self.api_url!r}, demo={self.demo})"


def choose_connection(
    args: argparse.Namespace,
    configured_url: str,
    *,
    environ: Mapping[str, str] | None = None,
    keyring_store: SecretStore | None = None,
    sandbox: SandboxProcess | None = None,
) -> Connection:
    """Live mode with configured credentials; otherwise demo credentials (and a sandbox).

    The sandbox is never started when real credentials are configured; `sandbox` is one that
    `--demo` already started early (see `start_demo_sandbox`).
    """
    from pos_app.secrets import KeyringSecretStore, resolve_credentials

    credentials = None
    if not args.demo:
        store = keyring_store if keyring_store is not None else KeyringSecretStore()
        credentials = resolve_credentials(os.environ if environ is None else environ, store)
    if credentials is not None:
        return Connection(
            args.api_url or configured_url, credentials.api_key, credentials.api_secret, False
        )
    from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET

    if args.api_url:  # a sandbox started by hand accepts the demo credentials by default
        return Connection(args.api_url, DEMO_API_KEY, DEMO_API_SECRET, True)
    if sandbox is None:
        sandbox = start_demo_sandbox()
    # No waiting: the port is bound; the first request queues until the child serves it.
    return Connection(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET, True, sandbox)


def start_demo_sandbox() -> SandboxProcess:
    """Launch the embedded sandbox in a child process; it gets ready while the till starts."""
    from pos_app.sandbox.process import SandboxProcess

    sandbox = SandboxProcess()
    sandbox.start()
    return sandbox


def run(argv: list[str]) -> int:
    started = time.perf_counter()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.api_url and (problem := check_api_url(args.api_url)):
        parser.error(problem)
    if problem := opencv_conflict():
        print(problem, file=sys.stderr)
        return 3
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        args.demo = True
        args.api_url = None

    from pos_app.startup import start_till

    return start_till(args, started=started)
