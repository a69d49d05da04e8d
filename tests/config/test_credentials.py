"""Credentials never show the secret; keyring, environment, memory and chained stores.

No test touches the real OS keyring: KeyringSecretStore always gets an in-memory or failing
backend here.
"""

from __future__ import annotations

from typing import Any

import pytest
from keyring.backends import fail
from keyring.errors import PasswordSetError

from pos_app.config.credentials import (
    ChainedSecretStore,
    Credentials,
    EnvSecretStore,
    KeyringSecretStore,
    MemorySecretStore,
    NullSecretStore,
    SecretStoreError,
    env_overrides,
    resolve_credentials,
)
from pos_app.testing.keyring_fake import MemoryKeyring

SECRET = "s3cr3t-VALUE-xyz"
CREDS = Credentials("lty_test_key", SECRET)


class BrokenKeyring(MemoryKeyring):
    """A backend whose writes fail with a message that echoes the secret (as some do)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError(f"cannot store {password}")


class LockedKeyring(MemoryKeyring):
    """A backend whose reads fail, like a locked Secret Service collection."""

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("collection is locked")


def _no_keyring() -> Any:
    return fail.Keyring()  # type: ignore[no-untyped-call]


def test_credentials_never_show_the_secret() -> None:
    for text in (repr(CREDS), str(CREDS), f"{CREDS}", f"{CREDS!r}", repr([CREDS])):
        assert SECRET not in text
        assert "lty_test_key" in text


def test_credentials_redact() -> None:
    assert CREDS.redact(f"GET /x?secret={SECRET}") == "GET /x?secret=***"


@pytest.mark.parametrize(("key", "secret"), [("", "s"), ("k", ""), ("  ", "s")])
def test_credentials_need_both_parts(key: str, secret: str) -> None:
    with pytest.raises(ValueError, match="required"):
        Credentials(key, secret)


def test_keyring_store_round_trip() -> None:
    backend = MemoryKeyring()
    store = KeyringSecretStore(backend=backend)
    assert store.available
    assert store.reason == ""
    assert store.get() is None
    store.set(CREDS)
    assert store.get() == CREDS
    assert backend.passwords[("pos-app.loyalty.lt", "api_secret")] == SECRET
    store.clear()
    assert store.get() is None
    assert backend.passwords == {}
    store.clear()  # clearing twice is fine


def test_keyring_store_without_backend_is_empty_and_says_why() -> None:
    store = KeyringSecretStore(backend=_no_keyring())
    assert not store.available
    assert "keyring" in store.reason
    assert store.get() is None
    store.clear()
    with pytest.raises(SecretStoreError):
        store.set(CREDS)


def test_keyring_store_default_backend_is_keyrings_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    assert not KeyringSecretStore().available


def test_keyring_store_when_keyring_itself_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    def explode() -> Any:
        raise RuntimeError("no D-Bus session")

    monkeypatch.setattr(keyring, "get_keyring", explode)
    store = KeyringSecretStore()
    assert not store.available
    assert "D-Bus" in store.reason
    assert store.get() is None


def test_keyring_write_error_does_not_leak_the_secret() -> None:
    store = KeyringSecretStore(backend=BrokenKeyring())
    with pytest.raises(SecretStoreError) as info:
        store.set(CREDS)
    assert SECRET not in str(info.value)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_keyring_read_error_behaves_as_empty() -> None:
    store = KeyringSecretStore(backend=LockedKeyring())
    assert store.get() is None
    assert not store.available
    assert "locked" in store.reason


def test_keyring_with_only_half_the_credentials_is_empty() -> None:
    backend = MemoryKeyring()
    backend.set_password("pos-app.loyalty.lt", "api_key", "lty_only")
    assert KeyringSecretStore(backend=backend).get() is None


def test_env_store() -> None:
    env = {"POS_API_KEY": " lty_env ", "POS_API_SECRET": "envsecret"}
    store = EnvSecretStore(env)
    assert store.get() == Credentials("lty_env", "envsecret")
    assert not store.writable
    with pytest.raises(SecretStoreError):
        store.set(CREDS)
    assert EnvSecretStore({"POS_API_KEY": "lty_env"}).get() is None


def test_memory_and_null_stores() -> None:
    memory = MemorySecretStore()
    memory.set(CREDS)
    assert memory.get() == CREDS
    memory.clear()
    assert memory.get() is None
    null = NullSecretStore()
    assert null.get() is None
    assert not null.available
    with pytest.raises(SecretStoreError):
        null.set(CREDS)


def test_environment_overrides_keyring() -> None:
    keyring_store = MemorySecretStore(CREDS)
    env = {"POS_API_KEY": "lty_env", "POS_API_SECRET": "envsecret"}
    assert resolve_credentials(env, keyring_store) == Credentials("lty_env", "envsecret")
    assert env_overrides(env)
    assert resolve_credentials({}, keyring_store) == CREDS
    assert not env_overrides({"POS_API_SECRET": "x"})
    assert resolve_credentials({"POS_API_KEY": "lty_half"}, keyring_store) == CREDS
    assert resolve_credentials({}, KeyringSecretStore(backend=_no_keyring())) is None


def test_chained_store_writes_to_first_writable() -> None:
    env = EnvSecretStore({})
    broken = KeyringSecretStore(backend=_no_keyring())
    memory = MemorySecretStore()
    chain = ChainedSecretStore([env, broken, memory])
    assert chain.writable
    chain.set(CREDS)
    assert memory.get() == CREDS
    assert chain.get() == CREDS
    assert "keyring" in chain.reason
    chain.clear()
    assert memory.get() is None
    only_env = ChainedSecretStore([env])
    assert not only_env.writable
    with pytest.raises(SecretStoreError):
        only_env.set(CREDS)


def test_the_suite_never_sees_the_real_keyring() -> None:
    assert not KeyringSecretStore().available
