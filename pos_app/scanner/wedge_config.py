"""How keyboard-wedge scanner bursts look: the timing rules `WedgeDetector` applies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Terminator = Literal["enter", "keypad_enter", "tab"]


@dataclass(frozen=True)
class WedgeConfig:
    """How scanner bursts look. USB scanners type a key every few ms; Bluetooth ones are slower.

    `max_interkey_ms` is the longest gap inside a burst and also the most a person's key is held
    back; `idle_timeout_ms` ends a burst that has no terminator.
    """

    max_interkey_ms: float = 30.0
    min_length: int = 4
    idle_timeout_ms: float = 100.0
    terminators: frozenset[Terminator] = field(default=frozenset({"enter", "keypad_enter", "tab"}))
    duplicate_window_s: float = 1.5
    enabled: bool = True

    def __post_init__(self) -> None:
        if self.max_interkey_ms <= 0 or self.min_length < 1:
            raise ValueError("max_interkey_ms must be positive and min_length at least 1")
        if self.idle_timeout_ms < self.max_interkey_ms:
            raise ValueError("idle_timeout_ms must not be shorter than max_interkey_ms")
        if self.duplicate_window_s < 0:
            raise ValueError("duplicate_window_s must not be negative")

    @classmethod
    def bluetooth(cls) -> WedgeConfig:
        """A profile for Bluetooth HID scanners, whose keys arrive up to ~60 ms apart."""
        return cls(max_interkey_ms=60.0, idle_timeout_ms=200.0)
