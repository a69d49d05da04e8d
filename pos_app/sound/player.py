"""Plays the till's tones on a worker thread, so the GUI thread never waits for audio.

The tones are tiny WAV files shipped in `pos_app/resources/sounds`. Playback uses miniaudio
(a ~1.7 MB extension that loads the system's sound library when first used); a till with no
sound device, or no sound library at all, stays silent and shows nothing.
"""

from __future__ import annotations

import array
import contextlib
import io
import logging
import queue
import sys
import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Protocol

log = logging.getLogger(__name__)

# After the device could not be opened, do not try again for this long (no retry storm, and
# a speaker plugged in later is still found).
RETRY_AFTER_S = 60.0


class Tone(StrEnum):
    """The till's sounds; the value is the WAV file's name without `.wav`."""

    GOOD_SCAN = "good_scan"
    REFUSED = "refused"


class AudioUnavailable(Exception):
    """No sound device could be opened (or no sound library is installed)."""


@dataclass(frozen=True, slots=True)
class Pcm:
    """Decoded 16-bit signed little-endian samples."""

    frames: bytes
    rate: int
    channels: int

    @property
    def seconds(self) -> float:
        return len(self.frames) / (2 * self.channels * self.rate)


class AudioOutput(Protocol):
    """Plays PCM to the end, blocking the calling (worker) thread; raises AudioUnavailable."""

    def play(self, pcm: Pcm) -> None: ...


def load_tone(tone: Tone) -> Pcm:
    """The tone's WAV file from the package's resources, as 16-bit PCM."""
    data = resources.files("pos_app").joinpath(f"resources/sounds/{tone.value}.wav").read_bytes()
    with wave.open(io.BytesIO(data)) as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"{tone.value}.wav: 16-bit samples expected")
        return Pcm(wav.readframes(wav.getnframes()), wav.getframerate(), wav.getnchannels())


def scaled(pcm: Pcm, volume: int) -> Pcm:
    """`pcm` at `volume` percent (0-100)."""
    factor = max(0, min(volume, 100)) / 100
    samples = array.array("h")
    samples.frombytes(pcm.frames)
    if sys.byteorder != "little":
        samples.byteswap()
    out = array.array("h", (int(s * factor) for s in samples))
    if sys.byteorder != "little":
        out.byteswap()
    return Pcm(out.tobytes(), pcm.rate, pcm.channels)


class MiniaudioOutput:
    """Opens the default playback device for each tone and closes it afterwards."""

    def __init__(self) -> None:
        self._quietened = False

    def play(self, pcm: Pcm) -> None:
        try:
            import miniaudio
        except ImportError as exc:  # the package or its native part is missing
            raise AudioUnavailable(f"miniaudio unavailable: {exc}") from exc
        if not self._quietened:
            _quiet_alsa()
            self._quietened = True
        try:
            device = miniaudio.PlaybackDevice(
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=pcm.channels,
                sample_rate=pcm.rate,
                buffersize_msec=30,
                app_name="pos-app",
            )
        except Exception as exc:  # miniaudio.MiniaudioError: no device, no server, no library
            raise AudioUnavailable(str(exc)) from exc
        try:
            if device.backend == "Null":
                raise AudioUnavailable("only the null sound device is available")
            frame_bytes = 2 * pcm.channels
            done = threading.Event()

            def stream() -> miniaudio.PlaybackCallbackGeneratorType:
                wanted = yield b""
                position = 0
                while position < len(pcm.frames):
                    chunk = pcm.frames[position : position + wanted * frame_bytes]
                    position += len(chunk)
                    wanted = yield chunk
                done.set()
                while True:  # silence until the device is closed
                    wanted = yield b"\0" * (wanted * frame_bytes)

            generator = stream()
            next(generator)
            device.start(generator)
            # The buffered tail still has to leave the speaker: a little longer than the tone.
            done.wait(pcm.seconds + 1.0)
            time.sleep(0.06)
        finally:
            device.close()


def _quiet_alsa() -> None:
    """Keep ALSA's own complaints (e.g. 'cannot find card 0') off stderr; best effort."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("asound")
    if not name:
        return
    try:
        library = ctypes.CDLL(name)
        handler_type = ctypes.CFUNCTYPE(
            None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
        )
        handler = handler_type(lambda *_args: None)
        library.snd_lib_error_set_handler(handler)
        _KEEP_ALIVE.append(handler)
    except (OSError, AttributeError):
        return


_KEEP_ALIVE: list[object] = []


class SoundPlayer:
    """Queues tones for a worker thread that plays them one at a time.

    `play` returns at once. While a tone is playing at most one more waits; further requests
    are dropped (a burst of scans gives one beep each, not a backlog). Off (`enabled` False or
    volume 0) it does nothing. When the device cannot be opened the player stays silent and
    tries again after `retry_after_s`.
    """

    def __init__(
        self,
        *,
        enabled: bool = True,
        volume: int = 60,
        output: AudioOutput | None = None,
        load: Callable[[Tone], Pcm] = load_tone,
        retry_after_s: float = RETRY_AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._enabled = enabled
        self._volume = volume
        self._output = output
        self._load = load
        self._retry_after_s = retry_after_s
        self._clock = clock
        self._queue: queue.Queue[tuple[Tone, int] | None] = queue.Queue(maxsize=1)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._unavailable_until = 0.0
        self._cache: dict[Tone, Pcm] = {}
        self.played: list[Tone] = []  # what reached the device, in order (for tests and logs)

    @property
    def enabled(self) -> bool:
        return self._enabled and self._volume > 0

    @property
    def volume(self) -> int:
        return self._volume

    def configure(self, enabled: bool, volume: int) -> None:
        """Turn sound on or off and set the volume (percent) for the next tones."""
        self._enabled = enabled
        self._volume = max(0, min(volume, 100))

    def play(self, tone: Tone) -> None:
        """Play `tone` soon, on the worker thread; never blocks, never raises."""
        if not self.enabled:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="pos-sound", daemon=True)
                self._thread.start()
        with contextlib.suppress(queue.Full):  # one waiting already: this one is dropped
            self._queue.put_nowait((tone, self._volume))

    def close(self, timeout: float = 2.0) -> None:
        """Stop the worker after the tone it is playing (if any)."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is None:
            return
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        thread.join(timeout)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Whether every queued tone was handled within `timeout` (for tests and benchmarks)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._queue.unfinished_tasks == 0:
                return True
            time.sleep(0.005)
        return False

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                self._play_now(*item)
            except Exception:  # a sound must never take the till down
                log.exception("could not play a tone")
            finally:
                self._queue.task_done()

    def _play_now(self, tone: Tone, volume: int) -> None:
        if self._clock() < self._unavailable_until:
            return
        if self._output is None:
            self._output = MiniaudioOutput()
        pcm = self._cache.get(tone)
        if pcm is None:
            pcm = self._cache[tone] = self._load(tone)
        try:
            self._output.play(scaled(pcm, volume))
        except AudioUnavailable as exc:
            if self._unavailable_until == 0.0:
                log.info("no sound device, the till stays silent: %s", exc)
            self._unavailable_until = self._clock() + self._retry_after_s
            return
        self.played.append(tone)
