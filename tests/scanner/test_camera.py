"""Camera sources: a video file played as a camera, the null source, `--camera` spec parsing."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from pos_app.scanner.camera import (
    DeviceSource,
    NullSource,
    VideoFileSource,
    list_cameras,
    source_from_spec,
)
from pos_app.testing import framegen
from pos_app.testing.videofile import write_video


def test_video_file_plays_like_a_camera_and_loops(tmp_path: Path) -> None:
    path = write_video(tmp_path / "clip.avi", [framegen.blank_frame(i) for i in range(3)], fps=50)
    source = VideoFileSource(path)
    assert source.open()
    frames = [source.read() for _ in range(7)]
    source.release()
    assert all(f is not None and f.shape == (720, 1280, 3) for f in frames)
    means = [float(f.mean()) for f in frames if f is not None]
    assert means[3] == pytest.approx(means[0], abs=1.0)  # frame 4 is frame 1 again


def test_video_file_is_paced_to_its_frame_rate(tmp_path: Path) -> None:
    path = write_video(tmp_path / "clip.avi", [framegen.blank_frame()] * 2, fps=20)
    source = VideoFileSource(path)
    assert source.open()
    start = time.monotonic()
    for _ in range(6):
        assert source.read() is not None
    source.release()
    elapsed = time.monotonic() - start
    assert 5 / 20 - 0.03 < elapsed < 5 / 20 + 0.35  # paced, not as fast as the disk allows


def test_video_file_that_ends_without_loop_reports_no_frame(tmp_path: Path) -> None:
    path = write_video(tmp_path / "clip.avi", [framegen.blank_frame()], fps=100)
    source = VideoFileSource(path, loop=False)
    assert source.open()
    assert source.read() is not None
    assert source.read() is None
    source.release()
    source.release()  # twice is fine
    assert source.read() is None


def test_missing_video_file_does_not_open(tmp_path: Path) -> None:
    assert not VideoFileSource(tmp_path / "none.avi").open()


def test_null_source_never_delivers() -> None:
    source = NullSource()
    assert not source.open()
    assert source.read() is None
    source.release()


@pytest.mark.parametrize(
    ("spec", "kind"),
    [
        (None, NullSource),
        ("", NullSource),
        ("  ", NullSource),
        ("0", DeviceSource),
        ("2", DeviceSource),
        ("demo.avi", VideoFileSource),
        ("/tmp/some/clip.MP4", VideoFileSource),
        ("046d:0825:HD Webcam C270", DeviceSource),
    ],
)
def test_spec_picks_the_source(spec: str | None, kind: type) -> None:
    assert type(source_from_spec(spec)) is kind


def test_existing_file_without_video_suffix_is_still_a_video(tmp_path: Path) -> None:
    path = write_video(tmp_path / "clip.avi", [framegen.blank_frame()], fps=10)
    renamed = path.rename(tmp_path / "clip")
    assert isinstance(source_from_spec(str(renamed)), VideoFileSource)


def test_absent_device_index_does_not_open() -> None:
    assert not DeviceSource(index=63).open()


def test_unknown_stable_id_does_not_open() -> None:
    assert not DeviceSource(stable_id="dead:beef:No Such Camera").open()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="this machine's camera list")
def test_listing_cameras_works_without_any() -> None:
    cameras = list_cameras()
    assert all(c.backend == "V4L2" and c.stable_id for c in cameras)


def test_write_video_roundtrip_keeps_a_decodable_code(tmp_path: Path) -> None:
    img, _ = framegen.render("qr", framegen.PAYLOADS["qr_uuid"][1], framegen.Distortion())
    path = write_video(tmp_path / "qr.avi", [img], fps=10)
    cap = cv2.VideoCapture(str(path))
    ok, back = cap.read()
    cap.release()
    assert ok
    assert np.abs(back.astype(int) - img.astype(int)).mean() < 6


class _FakeEnumerated:
    def __init__(self, index: int, name: str, vid: int | None, pid: int | None) -> None:
        self.index, self.name, self.vid, self.pid = index, name, vid, pid
        self.path, self.backend = f"/dev/video{index}", cv2.CAP_V4L2


def test_cameras_get_stable_ids_by_usb_identity_and_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import cv2_enumerate_cameras

    found = [
        _FakeEnumerated(2, "HD Webcam C270", 0x046D, 0x0825),
        _FakeEnumerated(4, "HD Webcam C270", 0x046D, 0x0825),
        _FakeEnumerated(6, "Integrated Camera", None, None),
    ]
    monkeypatch.setattr(cv2_enumerate_cameras, "enumerate_cameras", lambda api: found)
    cameras = list_cameras()
    assert [(c.name, c.stable_id, c.index) for c in cameras] == [
        ("HD Webcam C270", "046d:0825:HD Webcam C270", 2),
        ("HD Webcam C270", "046d:0825:HD Webcam C270#2", 4),
        ("Integrated Camera", "Integrated Camera", 6),
    ]
    # Re-plugged into another port: a new index, the same identity.
    found[0] = _FakeEnumerated(8, "HD Webcam C270", 0x046D, 0x0825)
    assert DeviceSource(stable_id="046d:0825:HD Webcam C270")._resolve() == (8, cv2.CAP_V4L2)
