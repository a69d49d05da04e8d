"""Non-secret till settings: the AppSettings value, where it is stored, and manager PIN hashing.

Secrets (the API secret) never pass through here; see `pos_app.config.credentials`.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import hmac
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, Protocol, get_args

from pos_app.core.urls import is_valid_api_url

Environment = Literal["production", "staging", "custom"]
Locale = Literal["en", "lt"]
Terminator = Literal["enter", "tab", "enter_or_tab", "none"]
ScannerProfile = Literal["usb", "bluetooth"]
DecoderBackend = Literal["pyzbar", "zxing"]

ENVIRONMENTS: Final[tuple[Environment, ...]] = get_args(Environment)
LOCALES: Final[tuple[Locale, ...]] = get_args(Locale)
TERMINATORS: Final[tuple[Terminator, ...]] = get_args(Terminator)
SCANNER_PROFILES: Final[tuple[ScannerProfile, ...]] = get_args(ScannerProfile)
DECODER_BACKENDS: Final[tuple[DecoderBackend, ...]] = get_args(DecoderBackend)

API_URLS: Final[Mapping[str, str]] = {
    "production": "https://api.loyalty.lt",
    "staging": "https://staging-api.loyalty.lt",
}

PIN_MIN_DIGITS: Final = 4
PIN_MAX_DIGITS: Final = 12

# Inclusive bounds for the numeric settings: anything outside falls back to the default on load.
_RANGES: Final[Mapping[str, tuple[int, int]]] = {
    "wedge_max_interkey_ms": (5, 1000),
    "wedge_idle_timeout_ms": (20, 5000),
    "manager_idle_lock_s": (10, 24 * 3600),
    "requests_per_minute": (1, 10_000),
    "sound_volume": (0, 100),
    "lookup_timeout_s": (3, 120),
    "shop_id": (0, 999_999_999),
    "window_width": (0, 100_000),
    "window_height": (0, 100_000),
}


@dataclass(frozen=True)
class AppSettings:
    """Everything the till remembers between runs except the API credentials."""

    environment: Environment = "production"
    custom_url: str = ""
    locale: Locale = "en"
    wedge_max_interkey_ms: int = 50
    wedge_idle_timeout_ms: int = 150
    wedge_terminator: Terminator = "enter_or_tab"
    scanner_profile: ScannerProfile = "usb"
    # "scrypt$n$r$p$salt$hash" from hash_pin(); "" means no PIN is set. Never the PIN itself.
    manager_pin_hash: str = ""
    # The code printed on the manager's badge; "" means badge unlock is off.
    manager_badge: str = ""
    # A device index ("0") or a video file path; "" means the first camera.
    camera_id: str = ""
    camera_enabled: bool = False
    decoder_backend: DecoderBackend = "pyzbar"
    manager_idle_lock_s: int = 120
    device_name: str = "Loyalty.lt POS"
    requests_per_minute: int = 60
    # The customer-facing window: "auto" (on a second screen when there is one), "off", or the
    # name of the screen to use.
    customer_display: str = "auto"
    # A short tone for a good scan and another for a refused scan or an error.
    sound_enabled: bool = True
    sound_volume: int = 60  # percent
    # Seconds a card lookup may take from start to last byte before the till gives up.
    lookup_timeout_s: int = 15
    # The shop this till sells as (0: none chosen yet); sales and QR sessions carry it.
    shop_id: int = 0
    shop_name: str = ""
    # The till window's size as the cashier left it; 0 x 0: maximised (the default).
    window_width: int = 0
    window_height: int = 0

    @property
    def api_url(self) -> str:
        """Base URL of the Shop API for the chosen environment, without a trailing slash."""
        if self.environment == "custom":
            return self.custom_url.strip().rstrip("/")
        return API_URLS[self.environment]


def _parse_choice(raw: object, choices: tuple[str, ...], default: str) -> str:
    text = str(raw).strip().lower() if isinstance(raw, str | int) else ""
    return text if text in choices else default


def _parse_int(raw: object, name: str, default: int) -> int:
    if isinstance(raw, bool):
        return default
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and re.fullmatch(r"\s*-?\d{1,9}\s*", raw):
        value = int(raw)
    else:
        return default
    low, high = _RANGES[name]
    return value if low <= value <= high else default


def _parse_bool(raw: object, default: bool) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower() if isinstance(raw, str | int) else ""
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    return default


def _parse_text(raw: object, default: str, max_len: int = 200) -> str:
    if not isinstance(raw, str) or len(raw) > max_len or any(ord(c) < 32 for c in raw):
        return default
    return raw.strip()


_CHOICES: Final[Mapping[str, tuple[str, ...]]] = {
    "environment": ENVIRONMENTS,
    "locale": LOCALES,
    "wedge_terminator": TERMINATORS,
    "scanner_profile": SCANNER_PROFILES,
    "decoder_backend": DECODER_BACKENDS,
}


def settings_from_mapping(values: Mapping[str, object]) -> AppSettings:
    """Build AppSettings from stored values, replacing each missing or invalid one by its default.

    Garbage never raises: a hand-edited or corrupt settings file must not stop the till.
    """
    defaults = AppSettings()
    kwargs: dict[str, Any] = {}
    for field in dataclasses.fields(AppSettings):
        name = field.name
        default = getattr(defaults, name)
        if name not in values:
            continue
        raw = values[name]
        if name in _CHOICES:
            kwargs[name] = _parse_choice(raw, _CHOICES[name], default)
        elif name in _RANGES:
            kwargs[name] = _parse_int(raw, name, default)
        elif isinstance(default, bool):
            kwargs[name] = _parse_bool(raw, default)
        elif name == "manager_pin_hash":
            text = _parse_text(raw, default, max_len=300)
            kwargs[name] = text if _parse_pin_hash(text) is not None else default
        else:
            kwargs[name] = _parse_text(raw, default, max_len=1000 if name == "camera_id" else 200)
    settings = AppSettings(**kwargs)
    if settings.environment == "custom" and not is_valid_api_url(settings.custom_url):
        # A custom environment without a usable URL cannot work: use the default environment.
        settings = dataclasses.replace(settings, environment=defaults.environment)
    return settings


def settings_to_mapping(settings: AppSettings) -> dict[str, str]:
    """The stored form: every field as text (QSettings' INI format keeps no types)."""
    out: dict[str, str] = {}
    for field in dataclasses.fields(AppSettings):
        value = getattr(settings, field.name)
        out[field.name] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return out


class SettingsStore(Protocol):
    """Where AppSettings live between runs."""

    def load(self) -> AppSettings:
        """The stored settings, defaults for anything missing or invalid."""
        ...

    def save(self, settings: AppSettings) -> None:
        """Store `settings`, replacing what was there."""
        ...


class MemorySettingsStore:
    """Settings kept in memory, for tests and demo runs. Stores the text form, like a file."""

    def __init__(self, initial: AppSettings | Mapping[str, object] | None = None) -> None:
        if isinstance(initial, AppSettings):
            self.values: dict[str, object] = dict(settings_to_mapping(initial))
        else:
            self.values = dict(initial or {})
        self.save_count = 0

    def load(self) -> AppSettings:
        return settings_from_mapping(self.values)

    def save(self, settings: AppSettings) -> None:
        self.values = dict(settings_to_mapping(settings))
        self.save_count += 1


class NullSettingsStore:
    """Remembers nothing: always the defaults."""

    def load(self) -> AppSettings:
        return AppSettings()

    def save(self, settings: AppSettings) -> None:
        """Forget `settings`."""


def default_settings_path(organization: str, application: str) -> Path:
    """`settings.ini` in the platform's per-user config directory."""
    import platformdirs

    return Path(platformdirs.user_config_dir(application, organization)) / "settings.ini"


class QSettingsStore:
    """Settings in an INI file via QSettings (group `pos`), by default in the user config dir."""

    GROUP: Final = "pos"

    def __init__(
        self,
        organization: str = "Loyalty.lt",
        application: str = "pos-app",
        path: str | os.PathLike[str] | None = None,
    ) -> None:
        self.path = (
            Path(path) if path is not None else default_settings_path(organization, application)
        )

    def _qsettings(self) -> Any:
        from PySide6.QtCore import QSettings

        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def load(self) -> AppSettings:
        qs = self._qsettings()
        qs.beginGroup(self.GROUP)
        values = {key: qs.value(key) for key in qs.childKeys()}
        qs.endGroup()
        return settings_from_mapping(values)

    def save(self, settings: AppSettings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        qs = self._qsettings()
        qs.beginGroup(self.GROUP)
        qs.remove("")  # drop keys a newer or older version left behind
        for key, value in settings_to_mapping(settings).items():
            qs.setValue(key, value)
        qs.endGroup()
        qs.sync()


# ---- manager PIN -------------------------------------------------------------------------

_SCRYPT_N: Final = 2**14
_SCRYPT_R: Final = 8
_SCRYPT_P: Final = 1
_SCRYPT_LEN: Final = 32


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be a manager PIN (an English key for the UI to translate), or None."""
    if not pin.isascii() or not pin.isdigit():
        return "digits_only"
    if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        return "length"
    return None


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_SCRYPT_LEN, maxmem=64 * 1024 * 1024
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """A salted scrypt hash of `pin` as `scrypt$n$r$p$salt$hash` (base64). Raises ValueError for a
    PIN that is not 4–12 digits."""
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(f"invalid manager PIN ({problem})")
    salt = os.urandom(16) if salt is None else salt
    digest = _scrypt(pin, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def _parse_pin_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return None
    # Bounds keep a tampered file from making verification take minutes or gigabytes.
    if not (2 <= n <= 2**17 and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4):
        return None
    if len(salt) < 8 or len(digest) != _SCRYPT_LEN:
        return None
    return n, r, p, salt, digest


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches `stored` (from hash_pin). False for an empty or malformed hash."""
    parsed = _parse_pin_hash(stored)
    if parsed is None or pin_problem(pin) is not None:
        return False
    n, r, p, salt, digest = parsed
    return hmac.compare_digest(_scrypt(pin, salt, n, r, p), digest)
