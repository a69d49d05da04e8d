"""Writes the till's tones (pos_app/resources/sounds/*.wav): tiny 16-bit mono WAV files.

good_scan: one short high beep. refused: two lower, longer beeps going down, clearly different
even at low volume. Run again only to change them: python scripts/make_sounds.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 16000
OUT = Path(__file__).resolve().parent.parent / "pos_app" / "resources" / "sounds"


def _beep(freq: float, seconds: float, level: float = 0.6) -> list[int]:
    count = int(RATE * seconds)
    ramp = int(RATE * 0.005)  # 5 ms fade in and out: no clicks
    envelope = [min(1.0, i / ramp, (count - i) / ramp) for i in range(count)]
    return [
        int(32767 * level * envelope[i] * math.sin(2 * math.pi * freq * i / RATE))
        for i in range(count)
    ]


def _silence(seconds: float) -> list[int]:
    return [0] * int(RATE * seconds)


def _write(name: str, samples: list[int]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT / f"{name}.wav"), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(struct.pack(f"<{len(samples)}h", *samples))


def main() -> None:
    _write("good_scan", _beep(1760, 0.07))
    _write("refused", _beep(440, 0.12) + _silence(0.04) + _beep(330, 0.16))


if __name__ == "__main__":
    main()
