"""Where the till talks to and as whom: live credentials, or demo mode with the sandbox."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pos_app.config.credentials import SecretStore
    from pos_app.sandbox.process import SandboxProcess


@dataclass(frozen=True)
class Connection:
    """Where the till talks to and as whom; `demo` when the credentials are the sandbox's."""

    api_url: str
    api_key: str
    api_secret: str
    demo: bool
    sandbox: SandboxProcess | None = None
    from_environment: bool = False  # POS_API_KEY/POS_API_SECRET, not the keyring

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
    from pos_app.config.credentials import (
        KeyringSecretStore,
        NullSecretStore,
        env_overrides,
        resolve_credentials,
    )

    credentials = None
    env = os.environ if environ is None else environ
    if not args.demo:
        store: SecretStore
        if keyring_store is not None:
            store = keyring_store
        elif env_overrides(env):
            store = NullSecretStore()  # the environment wins: no need to open the keyring (~60 ms)
        else:
            store = KeyringSecretStore()
        credentials = resolve_credentials(env, store)
    if credentials is not None:
        return Connection(
            args.api_url or configured_url,
            credentials.api_key,
            credentials.api_secret,
            False,
            from_environment=env_overrides(env),
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


