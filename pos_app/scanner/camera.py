"""Camera sources behind one small interface: a real device, a video file, or none at all.

Importing this module is cheap: cv2 is loaded (through `cvload`) only when a source is opened or
the cameras are listed. Sources are used from the capture thread only; none of them is Qt.
"""

from __future__ import annotations

import sys
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_app.scanner.cvload import load_cv2

if TYPE_CHECKING:
    import numpy as np

    Frame = np.ndarray[Any, np.dtype[np.uint8]]

CAPTURE_WIDTH, CAPTURE_HEIGHT = 1280, 720


@dataclass(frozen=True)
class CameraInfo:
    """A camera as Settings lists it; `stable_id` survives re-plugging and reordering."""

    name: str
    stable_id: str
    index: int
    backend: str


class CameraSource(ABC):
    """Where frames come from. `read` blocks for at most a few seconds and never raises."""

    description: str = ""

    @abstractmethod
    def open(self) -> bool:
        """Acquire the device or file; False when it is not there (yet)."""

    @abstractmethod
    def read(self) -> Frame | None:
        """The next BGR frame, or None when the source stopped delivering (unplugged, broken)."""

    @abstractmethod
    def release(self) -> None:
        """Give the device back to the OS; safe to call twice or when never opened."""


class NullSource(CameraSource):
    """No camera configured or present: never opens."""

    def __init__(self, description: str = "no camera") -> None:
        self.description = description

    def open(self) -> bool:
        return False

    def read(self) -> Frame | None:
        return None

    def release(self) -> None:
        pass


def platform_backend() -> tuple[int, str]:
    """The explicit OpenCV capture API for this OS (and its name): V4L2, MSMF or AVFoundation."""
    cv2 = load_cv2()
    if sys.platform.startswith("win"):
        return cv2.CAP_MSMF, "MSMF"
    if sys.platform == "darwin":
        return cv2.CAP_AVFOUNDATION, "AVFOUNDATION"
    return cv2.CAP_V4L2, "V4L2"


def _backend_id(name: str) -> int:
    cv2 = load_cv2()
    return int(getattr(cv2, f"CAP_{name}", cv2.CAP_ANY))


def list_cameras() -> list[CameraInfo]:
    """The cameras this machine has, by name (cv2-enumerate-cameras, else probing indices 0–4)."""
    api, api_name = platform_backend()
    try:
        from cv2_enumerate_cameras import enumerate_cameras
    except ImportError:
        return _probe_cameras(api, api_name)
    cameras: list[CameraInfo] = []
    seen: dict[str, int] = {}
    for cam in enumerate_cameras(api):
        base = f"{cam.vid:04x}:{cam.pid:04x}:{cam.name}" if cam.vid is not None else cam.name
        seen[base] = seen.get(base, 0) + 1
        stable_id = base if seen[base] == 1 else f"{base}#{seen[base]}"
        cameras.append(CameraInfo(cam.name, stable_id, cam.index, api_name))
    if not cameras and sys.platform.startswith("win"):
        return [
            CameraInfo(c.name, c.stable_id, c.index, "DSHOW")
            for c in _probe_cameras(_backend_id("DSHOW"), "DSHOW")
        ]
    return cameras


def _probe_cameras(api: int, api_name: str) -> list[CameraInfo]:
    cv2 = load_cv2()
    found = []
    for index in range(5):
        cap = cv2.VideoCapture(index, api)
        try:
            if cap.isOpened():
                found.append(CameraInfo(f"Camera {index}", f"index:{index}", index, api_name))
        finally:
            cap.release()
    return found


class DeviceSource(CameraSource):
    """A webcam through OpenCV with the platform's explicit backend, found by stable id or index."""

    def __init__(self, *, index: int | None = None, stable_id: str | None = None) -> None:
        self._index = index
        self._stable_id = stable_id
        self._cap: Any = None
        self.description = stable_id or f"camera {index}"

    def _resolve(self) -> tuple[int, int] | None:
        api, _ = platform_backend()
        if self._stable_id is None:
            return (self._index or 0), api
        for cam in list_cameras():
            if cam.stable_id == self._stable_id:
                return cam.index, _backend_id(cam.backend)
        return None

    def open(self) -> bool:
        cv2 = load_cv2()
        self.release()
        target = self._resolve()
        if target is None:
            return False
        cap = cv2.VideoCapture(target[0], target[1])
        if not cap.isOpened() and target[1] == _backend_id("MSMF"):
            cap.release()  # some older Windows webcams open only through DirectShow
            cap = cv2.VideoCapture(target[0], _backend_id("DSHOW"))
        if not cap.isOpened():
            cap.release()
            return False
        # Uncompressed 720p over USB 2 gives most webcams ~8 fps; MJPG gives them 30.
        cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, CAPTURE_WIDTH)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, CAPTURE_HEIGHT)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # latest frame, not a queue of stale ones
        self._cap = cap
        return True

    def read(self) -> Frame | None:
        if self._cap is None:
            return None
        try:
            ok, frame = self._cap.read()
        except Exception:  # cv2.error from a driver that vanished mid-read
            return None
        return frame if ok and frame is not None else None

    def release(self) -> None:
        cap, self._cap = self._cap, None
        if cap is not None:
            cap.release()


class VideoFileSource(CameraSource):
    """A video file played as if it were a camera: paced to its frame rate, looping at the end."""

    def __init__(self, path: str | Path, *, loop: bool = True, fps: float | None = None) -> None:
        self._path = Path(path)
        self._loop = loop
        self._fps = fps
        self._cap: Any = None
        self._interval = 0.0
        self._next_due = 0.0
        self.description = self._path.name

    def open(self) -> bool:
        cv2 = load_cv2()
        self.release()
        if not self._path.is_file():
            return False
        cap = cv2.VideoCapture(str(self._path), cv2.CAP_ANY)
        if not cap.isOpened():
            cap.release()
            return False
        fps = self._fps or cap.get(cv2.CAP_PROP_FPS) or 25.0
        self._interval = 1.0 / max(1.0, min(float(fps), 120.0))
        self._next_due = time.monotonic()
        self._cap = cap
        return True

    def read(self) -> Frame | None:
        if self._cap is None:
            return None
        delay = self._next_due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self._next_due = max(self._next_due + self._interval, time.monotonic() - self._interval)
        ok, frame = self._cap.read()
        if not ok and self._loop:
            self._cap.set(load_cv2().CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._cap.read()
        return frame if ok and frame is not None else None

    def release(self) -> None:
        cap, self._cap = self._cap, None
        if cap is not None:
            cap.release()


VIDEO_SUFFIXES = frozenset({".avi", ".mp4", ".mkv", ".mov", ".webm", ".m4v", ".mjpg", ".mjpeg"})


def source_from_spec(spec: str | None) -> CameraSource:
    """`--camera` / Settings value → source: "" or None → none, "0" → index, a file → video.

    Anything else is a camera's stable id from `list_cameras`.
    """
    if spec is None or not spec.strip():
        return NullSource()
    spec = spec.strip()
    if spec.isdigit():
        return DeviceSource(index=int(spec))
    path = Path(spec).expanduser()
    if path.is_file() or path.suffix.lower() in VIDEO_SUFFIXES:
        return VideoFileSource(path)
    return DeviceSource(stable_id=spec)
