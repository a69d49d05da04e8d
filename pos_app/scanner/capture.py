"""Capture and decode threads around one latest-frame slot, with a watchdog; no Qt here.

`CameraSession` runs three daemon threads: capture (source → slot, reconnecting with backoff),
decode (newest slot frame → decoder, skipping any it had no time for) and a watchdog that notices
when frames stop arriving. Everything it has to say goes through one `on_event(kind, payload)`
callback, called from those threads; the Qt panel turns it into a queued signal.

Events: ("state", State) and ("codes", (frame_seq, list[DecodedCode])) and
("decoder_restarted", restart_count) and ("decoder_failed", reason).
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from pos_app.scanner.camera import CameraSource

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    import numpy as np

    Frame = np.ndarray[Any, np.dtype[np.uint8]]
EventSink = Callable[[str, object], None]


class State(enum.Enum):
    """What the cashier is told about the camera."""

    OPENING = "opening"
    LIVE = "live"
    UNAVAILABLE = "unavailable"  # could not be opened (absent, busy, unplugged)
    LOST = "lost"  # was delivering, stopped: reconnecting
    STOPPED = "stopped"


class FrameDecoder(Protocol):
    """What the decode thread needs: `pos_app.scanner.decode.Decoder` or `ProcessDecoder`."""

    def decode(self, gray: Frame) -> list[Any]: ...


class LatestFrame:
    """A one-frame slot: the capture thread overwrites it, readers take the newest; no queue."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._frame: Frame | None = None
        self._seq = 0
        self._stamp: float | None = None

    def put(self, frame: Frame) -> None:
        with self._cond:
            self._frame = frame
            self._seq += 1
            self._stamp = time.monotonic()
            self._cond.notify_all()

    def latest(self) -> tuple[int, Frame | None]:
        with self._cond:
            return self._seq, self._frame

    def wait_newer(self, seq: int, timeout: float) -> tuple[int, Frame | None]:
        """The newest frame if it is newer than `seq`, waiting up to `timeout`; else (seq, None)."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._seq > seq, timeout):
                return seq, None
            return self._seq, self._frame

    def age(self) -> float | None:
        """Seconds since the last frame arrived, None before the first."""
        with self._cond:
            return None if self._stamp is None else time.monotonic() - self._stamp

    def clear(self) -> None:
        with self._cond:
            self._frame, self._stamp = None, None


class RepeatFilter:
    """Passes a code once while it stays in view; again only after `gap` seconds without it."""

    def __init__(self, gap: float = 1.0) -> None:
        self._gap = gap
        self._last_seen: dict[str, float] = {}

    def new_texts(self, texts: list[str], now: float) -> list[str]:
        fresh = [t for t in texts if now - self._last_seen.get(t, -1e9) > self._gap]
        for text in texts:
            self._last_seen[text] = now
        self._last_seen = {t: s for t, s in self._last_seen.items() if now - s <= self._gap}
        return fresh


class CameraSession:
    """One camera run: capture, decode and watchdog threads; `stop()` releases the device."""

    def __init__(
        self,
        source: CameraSource,
        decoder_factory: Callable[[], FrameDecoder],
        on_event: EventSink,
        *,
        stall_after: float = 2.0,
        backoff: tuple[float, float] = (0.5, 5.0),
    ) -> None:
        self.slot = LatestFrame()
        self._source = source
        self._decoder_factory = decoder_factory
        self._on_event = on_event
        self._stall_after = stall_after
        self._backoff = backoff
        self._stop = threading.Event()
        self._reconnect = threading.Event()
        self._state = State.STOPPED
        self._state_lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    @property
    def state(self) -> State:
        return self._state

    def start(self) -> None:
        if self._threads:
            return
        self._stop.clear()
        self._set_state(State.OPENING)
        for target, name in (
            (self._capture_loop, "camera-capture"),
            (self._decode_loop, "camera-decode"),
            (self._watchdog_loop, "camera-watchdog"),
        ):
            thread = threading.Thread(target=target, name=name, daemon=True)
            self._threads.append(thread)
            thread.start()

    def stop(self, timeout: float = 4.0) -> bool:
        """Stop all threads and release the source; False if capture is still stuck in a read."""
        self._stop.set()
        deadline = time.monotonic() + timeout
        ok = True
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
            ok = ok and not thread.is_alive()
        self._threads = []
        self.slot.clear()
        self._set_state(State.STOPPED)
        return ok

    def _set_state(self, state: State) -> None:
        with self._state_lock:
            if state is self._state:
                return
            self._state = state
        self._on_event("state", state)

    def _capture_loop(self) -> None:
        source, delay = self._source, self._backoff[0]
        opened = False
        try:
            while not self._stop.is_set():
                if not opened:
                    opened = self._guarded(source.open, False)
                    if not opened:
                        if self._state is not State.LOST:
                            self._set_state(State.UNAVAILABLE)
                        self._stop.wait(delay)
                        delay = min(delay * 2, self._backoff[1])
                        continue
                    self._reconnect.clear()
                frame = self._guarded(source.read, None)
                if frame is None or self._reconnect.is_set():
                    self._guarded(source.release, None)
                    opened = False
                    self._reconnect.clear()
                    if self._state is State.LIVE:
                        self._set_state(State.LOST)
                    # A source that opens but yields nothing must not spin: back off here too.
                    self._stop.wait(delay)
                    delay = min(delay * 2, self._backoff[1])
                    continue
                delay = self._backoff[0]
                self.slot.put(frame)
                self._set_state(State.LIVE)
        finally:
            self._guarded(source.release, None)

    @staticmethod
    def _guarded(call: Callable[[], Any], failed: Any) -> Any:
        """A source call; a driver exception counts as the source not delivering."""
        try:
            return call()
        except Exception:
            log.exception("camera source failed")
            return failed

    def _watchdog_loop(self) -> None:
        while not self._stop.wait(self._stall_after / 4):
            age = self.slot.age()
            if self._state is State.LIVE and age is not None and age > self._stall_after:
                log.warning("camera delivered no frame for %.1f s; reconnecting", age)
                self._set_state(State.LOST)
                self._reconnect.set()

    def _decode_loop(self) -> None:
        from pos_app.scanner.decode import to_gray
        from pos_app.scanner.decoder_process import DecoderCrashed, DecoderUnavailable

        try:
            decoder = self._decoder_factory()
        except Exception as exc:  # zxing not installed, child process cannot start
            log.error("no decoder: %r", exc)
            self._on_event("decoder_failed", str(exc))
            return
        seq = 0
        unavailable = False
        start = getattr(decoder, "start", None)
        if start is not None:  # spawn the decoder process while the camera opens
            try:
                start()
            except DecoderUnavailable as exc:
                self._on_event("decoder_failed", str(exc))
                unavailable = True
        try:
            while not self._stop.is_set():
                seq, frame = self.slot.wait_newer(seq, 0.2)
                if frame is None:
                    continue
                try:
                    codes = decoder.decode(to_gray(frame))
                except DecoderUnavailable as exc:
                    if not unavailable:  # once per outage, not once per frame
                        self._on_event("decoder_failed", str(exc))
                    unavailable = True
                    continue
                except DecoderCrashed:
                    self._on_event("decoder_restarted", getattr(decoder, "restarts", 0))
                    continue
                except Exception:  # a bug in an in-process decoder: skip the frame
                    log.exception("decoding a frame failed")
                    continue
                unavailable = False
                self._on_event("codes", (seq, codes))
        finally:
            close = getattr(decoder, "close", None)
            if close is not None:
                close()
