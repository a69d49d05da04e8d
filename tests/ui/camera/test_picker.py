"""CameraPicker: cameras by name with stable ids, typed specs, a failing lister."""

from __future__ import annotations

from typing import Any

import pytest

from pos_app.scanner.camera import CameraInfo
from pos_app.ui.camera.picker import CameraPicker

CAMERAS = [
    CameraInfo("HD Webcam C270", "046d:0825:HD Webcam C270", 2, "V4L2"),
    CameraInfo("Integrated Camera", "Integrated Camera", 0, "V4L2"),
]


def make(qtbot: Any, spec: str = "", lister: Any = lambda: CAMERAS) -> CameraPicker:
    picker = CameraPicker(spec, lister=lister)
    qtbot.addWidget(picker)
    return picker


def test_cameras_are_listed_by_name_and_chosen_by_stable_id(qtbot: Any) -> None:
    picker = make(qtbot, "Integrated Camera")
    assert picker.spec() == "Integrated Camera"  # before the list arrives: the text
    with qtbot.waitSignal(picker.camerasListed, timeout=3000) as blocker:
        picker.refresh()
    assert blocker.args == [2]
    assert [picker.itemText(i) for i in range(picker.count())] == [c.name for c in CAMERAS]
    assert picker.currentText() == "Integrated Camera"
    picker.setCurrentIndex(0)
    assert picker.spec() == "046d:0825:HD Webcam C270"
    assert "device 2" in picker.itemData(0, 3)  # tooltip role


@pytest.mark.parametrize("typed", ["0", "/tmp/counter.avi", ""])
def test_typed_spec_is_kept(qtbot: Any, typed: str) -> None:
    picker = make(qtbot)
    with qtbot.waitSignal(picker.camerasListed, timeout=3000):
        picker.refresh()
    picker.setEditText(typed)
    assert picker.spec() == typed


def test_remembered_camera_is_selected_once_listed(qtbot: Any) -> None:
    picker = make(qtbot, "046d:0825:HD Webcam C270")
    with qtbot.waitSignal(picker.camerasListed, timeout=3000):
        picker.refresh()
    assert picker.currentText() == "HD Webcam C270"
    assert picker.spec() == "046d:0825:HD Webcam C270"


def test_failing_lister_leaves_the_typed_spec(qtbot: Any, caplog: Any) -> None:
    def broken() -> list[CameraInfo]:
        raise OSError("no /dev/v4l")

    picker = make(qtbot, "1", lister=broken)
    with qtbot.waitSignal(picker.camerasListed, timeout=3000) as blocker:
        picker.refresh()
    assert blocker.args == [0]
    assert picker.spec() == "1"
    assert "listing cameras failed" in caplog.text
