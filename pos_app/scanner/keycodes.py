"""Layout-independent key positions: native scan codes / virtual keys -> the US character.

A wedge scanner presses key positions; the OS layout decides which character they type. Qt key
events carry the platform's position code, which does not depend on the layout:

- X11 (xcb) and Wayland: `nativeScanCode()` is the XKB keycode, the Linux evdev code + 8.
- Windows: `nativeScanCode()` is the PS/2 set-1 make code, which for the main key block is
  numerically the same as the evdev code.
- macOS: `nativeScanCode()` is 0; `nativeVirtualKey()` is the Carbon `kVK_*` key code.

Pure Python, no Qt: the detector passes the numbers in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Protocol

from pos_app.scanner.layouts import US_KEYS

# Linux evdev (input-event-codes.h) KEY_* values of the main block, by XKB position.
EVDEV_CODES: Final[Mapping[str, int]] = MappingProxyType(
    {
        "TLDE": 41,
        **{f"AE{i:02d}": 1 + i for i in range(1, 13)},  # KEY_1 = 2 ... KEY_EQUAL = 13
        **{f"AD{i:02d}": 15 + i for i in range(1, 13)},  # KEY_Q = 16 ... KEY_RIGHTBRACE = 27
        **{f"AC{i:02d}": 29 + i for i in range(1, 12)},  # KEY_A = 30 ... KEY_APOSTROPHE = 40
        "BKSL": 43,
        **{f"AB{i:02d}": 43 + i for i in range(1, 11)},  # KEY_Z = 44 ... KEY_SLASH = 53
        "SPCE": 57,
    }
)

XKB_KEYCODE_OFFSET: Final = 8

# Carbon HIToolbox Events.h kVK_ANSI_* values, by XKB position.
MAC_VIRTUAL_KEYS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "TLDE": 0x32,
        "AE01": 0x12,
        "AE02": 0x13,
        "AE03": 0x14,
        "AE04": 0x15,
        "AE05": 0x17,
        "AE06": 0x16,
        "AE07": 0x1A,
        "AE08": 0x1C,
        "AE09": 0x19,
        "AE10": 0x1D,
        "AE11": 0x1B,
        "AE12": 0x18,
        "AD01": 0x0C,
        "AD02": 0x0D,
        "AD03": 0x0E,
        "AD04": 0x0F,
        "AD05": 0x11,
        "AD06": 0x10,
        "AD07": 0x20,
        "AD08": 0x22,
        "AD09": 0x1F,
        "AD10": 0x23,
        "AD11": 0x21,
        "AD12": 0x1E,
        "BKSL": 0x2A,
        "AC01": 0x00,
        "AC02": 0x01,
        "AC03": 0x02,
        "AC04": 0x03,
        "AC05": 0x05,
        "AC06": 0x04,
        "AC07": 0x26,
        "AC08": 0x28,
        "AC09": 0x25,
        "AC10": 0x29,
        "AC11": 0x27,
        "AB01": 0x06,
        "AB02": 0x07,
        "AB03": 0x08,
        "AB04": 0x09,
        "AB05": 0x0B,
        "AB06": 0x2D,
        "AB07": 0x2E,
        "AB08": 0x2B,
        "AB09": 0x2F,
        "AB10": 0x2C,
        "SPCE": 0x31,
    }
)


class NativeKeymap(Protocol):
    """Turns a key event's native codes into the character the US layout gives that key."""

    def us_char(self, scan_code: int, virtual_key: int, shift: bool) -> str | None:
        """The US character, or None when the codes are unknown or absent."""
        ...


@dataclass(frozen=True)
class _CodeKeymap:
    by_code: Mapping[int, str]
    use_virtual_key: bool

    def us_char(self, scan_code: int, virtual_key: int, shift: bool) -> str | None:
        code = virtual_key if self.use_virtual_key else scan_code
        position = self.by_code.get(code)
        if position is None:
            return None
        return US_KEYS[position][1 if shift else 0]


class NullKeymap:
    """A platform without usable native codes: the detector falls back to the event's text."""

    def us_char(self, scan_code: int, virtual_key: int, shift: bool) -> str | None:
        """Always None."""
        return None


XKB_KEYMAP: Final[NativeKeymap] = _CodeKeymap(
    {code + XKB_KEYCODE_OFFSET: pos for pos, code in EVDEV_CODES.items()}, use_virtual_key=False
)
WINDOWS_KEYMAP: Final[NativeKeymap] = _CodeKeymap(
    {code: pos for pos, code in EVDEV_CODES.items()}, use_virtual_key=False
)
MAC_KEYMAP: Final[NativeKeymap] = _CodeKeymap(
    {code: pos for pos, code in MAC_VIRTUAL_KEYS.items()}, use_virtual_key=True
)


def keymap_for_platform(platform_name: str) -> NativeKeymap:
    """The keymap for a Qt platform plugin name (`QGuiApplication.platformName()`)."""
    if platform_name in {"xcb", "wayland", "eglfs", "linuxfb"}:
        return XKB_KEYMAP
    if platform_name == "windows":
        return WINDOWS_KEYMAP
    if platform_name == "cocoa":
        return MAC_KEYMAP
    return NullKeymap()
