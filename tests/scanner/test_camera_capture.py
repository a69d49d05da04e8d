"""CameraSession: latest-frame slot, unplug/stall/reconnect, dying decoder, real release."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from pos_app.scanner.camera import NullSource, VideoFileSource
from pos_app.scanner.capture import CameraSession, LatestFrame, RepeatFilter, State
from pos_app.scanner.decode import DecodedCode, PyzbarDecoder
from pos_app.scanner.decoder_process import ProcessDecoder
from pos_app.testing import framegen
from pos_app.testing.camera_fakes import ScriptedCamera
from pos_app.testing.videofile import write_video

UUID = framegen.PAYLOADS["qr_uuid"][1]


class Events:
    """Collects session events from its threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.items: list[tuple[str, object]] = []

    def __call__(self, kind: str, payload: object) -> None:
        with self._lock:
            self.items.append((kind, payload))

    def states(self) -> list[State]:
        with self._lock:
            return [p for k, p in self.items if k == "state"]  # type: ignore[misc]

    def texts(self) -> list[str]:
        with self._lock:
            codes = [p[1] for k, p in self.items if k == "codes"]  # type: ignore[index]
        return [c.text for batch in codes for c in batch]

    def kinds(self) -> list[str]:
        with self._lock:
            return [k for k, _ in self.items]


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


@pytest.fixture(scope="module")
def qr_frame() -> np.ndarray[Any, Any]:
    return framegen.render("qr", UUID, framegen.DIFFICULTIES["tilted"])[0]


@pytest.fixture
def sessions() -> Iterator[list[CameraSession]]:
    made: list[CameraSession] = []
    yield made
    for session in made:
        session.stop()


def test_slot_keeps_only_the_newest_frame() -> None:
    slot = LatestFrame()
    assert slot.latest() == (0, None)
    assert slot.age() is None
    frames = [np.full((2, 2), i, np.uint8) for i in range(3)]
    for frame in frames:
        slot.put(frame)
    seq, frame = slot.wait_newer(0, 0.01)
    assert seq == 3
    assert frame is frames[2]
    assert slot.wait_newer(3, 0.01) == (3, None)
    assert (slot.age() or 1) < 0.5


def test_repeat_filter_passes_a_code_once_while_in_view() -> None:
    f = RepeatFilter(gap=1.0)
    assert f.new_texts(["a"], 0.0) == ["a"]
    assert f.new_texts(["a"], 0.5) == []
    assert f.new_texts(["a", "b"], 1.2) == ["b"]  # still in view: refreshed at 0.5
    assert f.new_texts([], 2.0) == []
    assert f.new_texts(["a"], 2.3) == ["a"]  # gone for 1.1 s, shown again


def test_frames_are_decoded_and_state_goes_live(
    sessions: list[CameraSession], qr_frame: np.ndarray[Any, Any]
) -> None:
    events = Events()
    session = CameraSession(ScriptedCamera([qr_frame]), PyzbarDecoder, events)
    sessions.append(session)
    session.start()
    wait_for(lambda: UUID in events.texts())
    assert events.states()[:2] == [State.OPENING, State.LIVE]


def test_decoder_skips_frames_it_has_no_time_for(sessions: list[CameraSession]) -> None:
    class SlowDecoder:
        calls = 0

        def decode(self, gray: Any) -> list[DecodedCode]:
            SlowDecoder.calls += 1
            time.sleep(0.2)
            return []

    camera = ScriptedCamera([framegen.blank_frame()], fps=100)
    session = CameraSession(camera, SlowDecoder, Events())
    sessions.append(session)
    session.start()
    time.sleep(0.6)  # the measuring period: reads and decodes are counted over 0.6 s
    assert camera.reads > 20
    assert SlowDecoder.calls <= 4


def test_unplugged_camera_is_reported_and_reconnected(
    sessions: list[CameraSession], qr_frame: np.ndarray[Any, Any]
) -> None:
    events = Events()
    camera = ScriptedCamera([qr_frame])
    session = CameraSession(camera, PyzbarDecoder, events, backoff=(0.05, 0.2))
    sessions.append(session)
    session.start()
    wait_for(lambda: State.LIVE in events.states())
    camera.unplug()
    wait_for(lambda: State.LOST in events.states())
    opens = camera.opens
    wait_for(lambda: camera.opens >= opens + 2)  # keeps trying, with backoff
    assert State.UNAVAILABLE not in events.states()
    camera.replug()
    wait_for(lambda: events.states()[-1] is State.LIVE)
    assert events.states() == [State.OPENING, State.LIVE, State.LOST, State.LIVE]


def test_camera_that_stops_delivering_mid_stream_trips_the_watchdog(
    sessions: list[CameraSession], qr_frame: np.ndarray[Any, Any]
) -> None:
    events = Events()
    camera = ScriptedCamera([qr_frame])
    session = CameraSession(camera, PyzbarDecoder, events, stall_after=0.3)
    sessions.append(session)
    session.start()
    wait_for(lambda: State.LIVE in events.states())
    camera.stall()
    started = time.monotonic()
    wait_for(lambda: State.LOST in events.states())
    assert time.monotonic() - started < 1.0
    releases = camera.releases
    camera.replug()
    wait_for(lambda: events.states()[-1] is State.LIVE)
    assert camera.releases > releases  # reopened, not just resumed


def test_absent_camera_says_so_and_stop_is_prompt(sessions: list[CameraSession]) -> None:
    events = Events()
    session = CameraSession(NullSource(), PyzbarDecoder, events)
    session.start()
    wait_for(lambda: State.UNAVAILABLE in events.states())
    started = time.monotonic()
    assert session.stop()
    assert time.monotonic() - started < 1.0
    assert session.state is State.STOPPED


def test_stop_really_releases_the_device(
    sessions: list[CameraSession], qr_frame: np.ndarray[Any, Any]
) -> None:
    camera = ScriptedCamera([qr_frame])
    session = CameraSession(camera, PyzbarDecoder, Events())
    session.start()
    wait_for(lambda: session.state is State.LIVE)
    assert camera.is_open
    assert session.stop()
    assert not camera.is_open
    assert session.slot.latest()[1] is None


def test_dying_decoder_is_restarted_and_scanning_goes_on(
    sessions: list[CameraSession], qr_frame: np.ndarray[Any, Any]
) -> None:
    events = Events()
    made: list[ProcessDecoder] = []

    def factory() -> ProcessDecoder:
        made.append(ProcessDecoder(frame_timeout=2.0))
        return made[0]

    session = CameraSession(ScriptedCamera([qr_frame], fps=15), factory, events)
    sessions.append(session)
    session.start()
    wait_for(lambda: UUID in events.texts(), timeout=20)
    made[0].inject_fault_for_tests("abort")
    wait_for(lambda: "decoder_restarted" in events.kinds(), timeout=10)
    seen = len(events.texts())
    wait_for(lambda: len(events.texts()) > seen, timeout=20)
    assert events.texts()[-1] == UUID
    assert session.stop()
    assert made[0].pid is None  # the child went with the session


def test_decoder_that_cannot_start_is_reported_once(
    sessions: list[CameraSession], qr_frame: np.ndarray[Any, Any]
) -> None:
    events = Events()
    session = CameraSession(
        ScriptedCamera([qr_frame], fps=50), lambda: ProcessDecoder(start_timeout=0.001), events
    )
    sessions.append(session)
    session.start()
    wait_for(lambda: "decoder_failed" in events.kinds())
    time.sleep(0.5)  # ~25 more frames, each refused during the backoff
    assert events.kinds().count("decoder_failed") == 1
    assert "decoder_restarted" not in events.kinds()


def test_missing_decoder_backend_is_reported(sessions: list[CameraSession]) -> None:
    events = Events()

    def factory() -> PyzbarDecoder:
        raise ImportError("zxing-cpp is not installed")

    session = CameraSession(NullSource(), factory, events)
    sessions.append(session)
    session.start()
    wait_for(lambda: "decoder_failed" in events.kinds())


def test_video_file_source_end_to_end(
    sessions: list[CameraSession], tmp_path: Any, qr_frame: np.ndarray[Any, Any]
) -> None:
    blank = framegen.blank_frame()
    path = write_video(tmp_path / "counter.avi", [blank, qr_frame, blank], fps=30, repeat=5)
    events = Events()
    session = CameraSession(VideoFileSource(path), PyzbarDecoder, events)
    sessions.append(session)
    session.start()
    wait_for(lambda: UUID in events.texts())


def test_source_that_raises_or_yields_nothing_does_not_spin(
    sessions: list[CameraSession],
) -> None:
    class BrokenDriver(ScriptedCamera):
        def read(self) -> np.ndarray[Any, Any] | None:
            self.reads += 1
            if self.reads % 2:
                raise RuntimeError("cv2.error: driver went away")
            return None

    camera = BrokenDriver([framegen.blank_frame()])
    events = Events()
    session = CameraSession(camera, PyzbarDecoder, events, backoff=(0.05, 0.2))
    sessions.append(session)
    session.start()
    time.sleep(0.6)  # the measuring period: re-opens are counted against the backoff
    assert 2 <= camera.opens <= 8  # backing off: 0.05, 0.1, 0.2, 0.2…
    assert session.stop()
    assert not camera.is_open
