"""AppSettings defaults, validation on load, the INI and memory stores, and manager PIN hashing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pos_app.config.settings import (
    AppSettings,
    MemorySettingsStore,
    NullSettingsStore,
    QSettingsStore,
    hash_pin,
    pin_problem,
    settings_from_mapping,
    verify_pin,
)
from pos_app.core.urls import is_valid_api_url


def test_defaults_point_at_production() -> None:
    settings = AppSettings()
    assert settings.api_url == "https://api.loyalty.lt"
    assert settings.requests_per_minute == 60
    assert settings.locale == "en"
    assert settings.manager_pin_hash == ""


@pytest.mark.parametrize(
    ("environment", "custom", "url"),
    [
        ("production", "http://ignored", "https://api.loyalty.lt"),
        ("staging", "", "https://staging-api.loyalty.lt"),
        ("custom", " http://127.0.0.1:8123/ ", "http://127.0.0.1:8123"),
    ],
)
def test_api_url(environment: str, custom: str, url: str) -> None:
    settings = settings_from_mapping({"environment": environment, "custom_url": custom})
    assert settings.api_url == url


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://api.example.com", True),
        ("http://127.0.0.1:8000/base", True),
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("http://api.example.com", False),  # the secret would cross the network in clear
        ("http://10.0.0.5:8000", False),
        ("ftp://example.com", False),
        ("https://", False),
        ("example.com", False),
        ("https://user:pw@example.com", False),
        ("https://example.com/?key=1", False),
        ("http://example.com:99999", False),
        ("", False),
    ],
)
def test_is_valid_api_url(url: str, ok: bool) -> None:
    assert is_valid_api_url(url) is ok


def test_custom_environment_without_valid_url_falls_back() -> None:
    settings = settings_from_mapping({"environment": "custom", "custom_url": "not a url"})
    assert settings.environment == "production"
    assert settings.api_url == "https://api.loyalty.lt"


GARBAGE: list[object] = [None, "", "banana", "-5", "1e9", "99999999999", [1, 2], {"a": 1}, True]


# Settings that hold free text: any short printable string is a value, not garbage.
FREE_TEXT = (
    "custom_url",
    "manager_badge",
    "camera_id",
    "device_name",
    "customer_display",
    "shop_name",
)


@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_values_fall_back_to_defaults(garbage: object) -> None:
    names = [f.name for f in dataclasses.fields(AppSettings)]
    settings = settings_from_mapping(dict.fromkeys(names, garbage))
    defaults = AppSettings()
    for name in names:
        if name == "camera_enabled" and garbage is True:
            assert settings.camera_enabled is True
        elif name in FREE_TEXT and isinstance(garbage, str):
            assert getattr(settings, name) == garbage
        else:
            assert getattr(settings, name) == getattr(defaults, name), name


def test_valid_values_are_taken() -> None:
    pin_hash = hash_pin("2468")
    settings = settings_from_mapping(
        {
            "environment": "STAGING",
            "locale": "lt",
            "wedge_max_interkey_ms": "80",
            "wedge_idle_timeout_ms": 300,
            "wedge_terminator": "tab",
            "scanner_profile": "bluetooth",
            "manager_pin_hash": pin_hash,
            "manager_badge": " 100000001 ",
            "camera_enabled": "true",
            "decoder_backend": "zxing",
            "manager_idle_lock_s": "300",
            "requests_per_minute": "100",
        }
    )
    assert settings.environment == "staging"
    assert settings.locale == "lt"
    assert settings.wedge_max_interkey_ms == 80
    assert settings.wedge_idle_timeout_ms == 300
    assert settings.wedge_terminator == "tab"
    assert settings.scanner_profile == "bluetooth"
    assert settings.manager_pin_hash == pin_hash
    assert settings.manager_badge == "100000001"
    assert settings.camera_enabled is True
    assert settings.decoder_backend == "zxing"
    assert settings.manager_idle_lock_s == 300
    assert settings.requests_per_minute == 100


def test_out_of_range_numbers_and_bad_hash_are_refused() -> None:
    settings = settings_from_mapping(
        {
            "wedge_max_interkey_ms": "0",
            "manager_idle_lock_s": "1",
            "requests_per_minute": "0",
            "manager_pin_hash": "1234",  # a plain PIN someone typed into the file
            "device_name": "line\nbreak",
        }
    )
    assert settings == AppSettings()


def test_memory_store_round_trip() -> None:
    store = MemorySettingsStore()
    assert store.load() == AppSettings()
    changed = AppSettings(environment="staging", locale="lt", manager_badge="B-1", camera_id="0")
    store.save(changed)
    assert store.load() == changed
    assert store.save_count == 1
    assert all(isinstance(v, str) for v in store.values.values())


def test_null_store_forgets() -> None:
    store = NullSettingsStore()
    store.save(AppSettings(locale="lt"))
    assert store.load() == AppSettings()


def test_qsettings_store_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "settings.ini"
    store = QSettingsStore(path=path)
    assert store.load() == AppSettings()
    changed = AppSettings(
        environment="custom",
        custom_url="http://127.0.0.1:9000",
        locale="lt",
        camera_enabled=True,
        manager_pin_hash=hash_pin("1357"),
        device_name="Kasa 2",
    )
    store.save(changed)
    assert path.exists()
    assert QSettingsStore(path=path).load() == changed
    assert "1357" not in path.read_text()


def test_qsettings_store_survives_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_bytes(b"\x00\xff[pos]\nlocale=klingon\nwedge_max_interkey_ms=lots\n[[[\n=\n")
    assert QSettingsStore(path=path).load() == AppSettings()


def test_qsettings_default_path_is_in_the_config_dir() -> None:
    store = QSettingsStore(organization="Loyalty.lt", application="pos-app")
    assert store.path.name == "settings.ini"
    assert "pos-app" in str(store.path)


def test_hash_pin_is_salted_and_verifies() -> None:
    first, second = hash_pin("1234"), hash_pin("1234")
    assert first != second
    assert "1234" not in first
    assert first.startswith("scrypt$")
    assert verify_pin("1234", first)
    assert verify_pin("1234", second)
    assert not verify_pin("1235", first)
    assert not verify_pin("12345", first)


@pytest.mark.parametrize("stored", ["", "1234", "scrypt$x$8$1$AAAA$BBBB", "scrypt$1048576$8$1$a$b"])
def test_verify_pin_refuses_malformed_hashes(stored: str) -> None:
    assert not verify_pin("1234", stored)


def test_verify_pin_refuses_an_expensive_tampered_hash() -> None:
    good = hash_pin("1234").split("$")
    good[1] = str(2**20)
    assert not verify_pin("1234", "$".join(good))


@pytest.mark.parametrize(
    ("pin", "problem"),
    [("1234", None), ("123456789012", None), ("123", "length"), ("12a4", "digits_only"),
     ("١٢٣٤", "digits_only"), ("1234567890123", "length")],
)  # fmt: skip
def test_pin_rules(pin: str, problem: str | None) -> None:
    assert pin_problem(pin) == problem
    if problem is not None:
        with pytest.raises(ValueError, match=problem):
            hash_pin(pin)


def test_qsettings_store_keeps_awkward_text(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    awkward = AppSettings(
        device_name="Kasa 1, salė „Šiaurė“; #2 = ok",
        manager_badge="MGR,7",
        camera_id=str(tmp_path / "demo video, 1.mp4"),
    )
    QSettingsStore(path=path).save(awkward)
    assert QSettingsStore(path=path).load() == awkward


def test_hand_written_comma_value_is_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[pos]\ndevice_name=a, b\nlocale=lt, en\n", encoding="utf-8")
    settings = QSettingsStore(path=path).load()  # QSettings reads these as lists
    assert settings.locale == "en"
    assert settings.device_name == AppSettings().device_name


def test_the_tills_shop_and_lookup_deadline_are_kept_within_bounds() -> None:
    stored = {"shop_id": "2", "shop_name": "Kaunas", "lookup_timeout_s": 30}
    settings = settings_from_mapping(stored)
    assert (settings.shop_id, settings.shop_name, settings.lookup_timeout_s) == (2, "Kaunas", 30)
    defaults = AppSettings()
    assert (defaults.shop_id, defaults.lookup_timeout_s) == (0, 15)
    for shop_id, timeout in (("-1", "2"), ("x", "121"), ("1.5", "0")):
        odd = settings_from_mapping({"shop_id": shop_id, "lookup_timeout_s": timeout})
        assert (odd.shop_id, odd.lookup_timeout_s) == (0, 15)
