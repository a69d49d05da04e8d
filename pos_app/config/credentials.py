"""API credentials: where they live (OS keyring or environment); a value that hides the secret.

Rule: POS_API_KEY + POS_API_SECRET in the environment override the keyring, so a service unit or
a one-off run can use other credentials without touching what Settings stored. Only both together
count; one without the other is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

ENV_API_KEY: Final = "POS_API_KEY"
ENV_API_SECRET: Final = "POS_API_SECRET"
KEYRING_SERVICE: Final = "pos-app.loyalty.lt"
NO_KEYRING_REASON: Final = "no system keyring found on this computer"
_KEY_USER: Final = "api_key"
_SECRET_USER: Final = "api_secret"


class SecretStoreError(Exception):
    """Storing or clearing credentials failed; the message never contains the secret."""


@dataclass(frozen=True)
class Credentials:
    """An API key (public, `lty_…`) and its secret. repr() and str() never show the secret."""

    api_key: str
    api_secret: str = field(repr=False)

    def __post_init__(self) -> None:
        if not self.api_key.strip() or not self.api_secret.strip():
            raise ValueError("both an API key and an API secret are required")

    def __repr__(self) -> str:
        return f"Credentials(api_key={self.api_key!r}, api_secret='***')"

    __str__ = __repr__

    def redact(self, text: str) -> str:
        """`text` with every occurrence of the secret replaced by ***."""
        return text.replace(self.api_secret, "***") if self.api_secret else text


class SecretStore(Protocol):
    """Where the API credentials live.

    `available` is False when the store cannot work at all (no keyring backend); `reason` then
    says why in English, fit for a log line and a tooltip. `writable` is False for read-only
    stores (the environment).
    """

    @property
    def available(self) -> bool: ...

    @property
    def reason(self) -> str: ...

    @property
    def writable(self) -> bool: ...

    def get(self) -> Credentials | None:
        """The stored credentials, or None when there are none or the store failed."""
        ...

    def set(self, credentials: Credentials) -> None:
        """Replace the stored credentials; raises SecretStoreError."""
        ...

    def clear(self) -> None:
        """Forget the stored credentials; raises SecretStoreError."""
        ...


class MemorySecretStore:
    """Credentials in memory: for tests and demo mode."""

    available = True
    reason = ""
    writable = True

    def __init__(self, credentials: Credentials | None = None) -> None:
        self.credentials = credentials

    def get(self) -> Credentials | None:
        return self.credentials

    def set(self, credentials: Credentials) -> None:
        self.credentials = credentials

    def clear(self) -> None:
        self.credentials = None


class NullSecretStore:
    """No store at all: never has credentials, refuses to keep any."""

    available = False
    writable = False

    def __init__(self, reason: str = "no credential store configured") -> None:
        self.reason = reason

    def get(self) -> Credentials | None:
        return None

    def set(self, credentials: Credentials) -> None:
        raise SecretStoreError(self.reason)

    def clear(self) -> None:
        """Nothing to forget."""


class EnvSecretStore:
    """POS_API_KEY / POS_API_SECRET from an environment mapping (read-only)."""

    available = True
    reason = ""
    writable = False

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ

    def get(self) -> Credentials | None:
        key = self._environ.get(ENV_API_KEY, "").strip()
        secret = self._environ.get(ENV_API_SECRET, "").strip()
        return Credentials(key, secret) if key and secret else None

    def set(self, credentials: Credentials) -> None:
        raise SecretStoreError("environment variables cannot be changed from the till")

    def clear(self) -> None:
        raise SecretStoreError("environment variables cannot be changed from the till")


def _describe(exc: BaseException, credentials: Credentials | None = None) -> str:
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return credentials.redact(text) if credentials is not None else text


class KeyringSecretStore:
    """Credentials in the OS keyring (macOS Keychain, Windows Credential Locker, Secret Service).

    On a machine without a usable backend (a headless Linux) it behaves as empty, `available` is
    False and `reason` says why. `backend` is a `keyring.backend.KeyringBackend` (tests pass an
    in-memory one); by default the one keyring picks for this machine.
    """

    writable = True

    def __init__(self, service: str = KEYRING_SERVICE, backend: Any = None) -> None:
        self.service = service
        self._reason = ""
        if backend is None:
            try:
                import keyring

                backend = keyring.get_keyring()
            except Exception as exc:  # keyring's own set-up can fail on a broken desktop session
                backend = None
                self._reason = f"keyring could not start ({_describe(exc)})"
        self._backend = backend
        if backend is not None and _is_fail_backend(backend):
            self._reason = NO_KEYRING_REASON

    @property
    def available(self) -> bool:
        return self._backend is not None and not self._reason

    @property
    def reason(self) -> str:
        return self._reason

    def get(self) -> Credentials | None:
        if not self.available:
            return None
        try:
            key = self._backend.get_password(self.service, _KEY_USER)
            secret = self._backend.get_password(self.service, _SECRET_USER)
        except (
            Exception
        ) as exc:  # backends raise their own (D-Bus, Win32) errors, not only keyring's
            self._reason = f"keyring could not be read ({_describe(exc)})"
            return None
        if not key or not secret:
            return None
        try:
            return Credentials(key, secret)
        except ValueError:
            return None

    def set(self, credentials: Credentials) -> None:
        if not self.available:
            raise SecretStoreError(self._reason or "keyring unavailable")
        try:
            self._backend.set_password(self.service, _SECRET_USER, credentials.api_secret)
            self._backend.set_password(self.service, _KEY_USER, credentials.api_key)
        except Exception as exc:
            raise SecretStoreError(
                f"could not store the credentials in the keyring ({_describe(exc, credentials)})"
            ) from None

    def clear(self) -> None:
        if not self.available:
            return
        for user in (_KEY_USER, _SECRET_USER):
            try:
                if self._backend.get_password(self.service, user) is not None:
                    self._backend.delete_password(self.service, user)
            except Exception as exc:
                raise SecretStoreError(
                    f"could not remove the credentials from the keyring ({_describe(exc)})"
                ) from None


def _is_fail_backend(backend: Any) -> bool:
    try:
        from keyring.backends import fail, null
    except ImportError:  # pragma: no cover - keyring is a dependency
        return False
    return isinstance(backend, fail.Keyring | null.Keyring)


class ChainedSecretStore:
    """The first store that has credentials wins; writes go to the first writable, available one."""

    def __init__(self, stores: Sequence[SecretStore]) -> None:
        self.stores = list(stores)

    def _target(self) -> SecretStore | None:
        return next((s for s in self.stores if s.writable and s.available), None)

    @property
    def available(self) -> bool:
        return any(s.available for s in self.stores)

    @property
    def reason(self) -> str:
        return "; ".join(s.reason for s in self.stores if s.reason)

    @property
    def writable(self) -> bool:
        return self._target() is not None

    def get(self) -> Credentials | None:
        for store in self.stores:
            credentials = store.get()
            if credentials is not None:
                return credentials
        return None

    def set(self, credentials: Credentials) -> None:
        target = self._target()
        if target is None:
            raise SecretStoreError(self.reason or "no writable credential store")
        target.set(credentials)

    def clear(self) -> None:
        for store in self.stores:
            if store.writable and store.available:
                store.clear()


def resolve_credentials(env: Mapping[str, str], keyring_store: SecretStore) -> Credentials | None:
    """The credentials the till should use: the environment's if both variables are set, else the
    keyring's, else None (demo mode)."""
    return ChainedSecretStore([EnvSecretStore(env), keyring_store]).get()


def take_from_environment(environ: MutableMapping[str, str]) -> dict[str, str]:
    """Remove POS_API_KEY / POS_API_SECRET from `environ` and return what was there.

    Called first thing at start-up, before any child process (sandbox, decoder, multiprocessing's
    resource tracker) is started: a child inherits the environment, and the secret must not be
    in it.
    """
    return {name: environ.pop(name) for name in (ENV_API_KEY, ENV_API_SECRET) if name in environ}


def env_overrides(env: Mapping[str, str]) -> bool:
    """Whether the environment's credentials take precedence over the keyring's."""
    return EnvSecretStore(env).get() is not None
