"""Wiring the camera: the preview panel in the side area, and camera settings applied at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from pos_app.config.settings import AppSettings
from pos_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pos_app.ui.camera.panel import CameraPanel



def apply_camera(panel: CameraPanel, old: AppSettings, new: AppSettings) -> None:
    """Camera settings take effect at once: another camera or decoder, or on/off."""
    if new.camera_id != old.camera_id:
        panel.set_camera(new.camera_id or "0")  # empty means the first camera, as Settings says
    if new.decoder_backend != old.decoder_backend:
        panel.set_decoder_backend(new.decoder_backend)
    if new.camera_enabled != old.camera_enabled:
        if new.camera_enabled and not panel.running:
            panel.start()
        elif not new.camera_enabled and panel.running:
            panel.stop()


def attach_camera(
    window: MainWindow, camera: QWidget | None, spec: str | None, settings: AppSettings
) -> CameraPanel:
    """The camera preview in the side area (F6); opened at start for --camera or Settings."""
    from pos_app.ui.camera.panel import CameraPanel

    panel = camera
    if panel is None:
        panel = CameraPanel(
            # An empty setting means the first camera, as Settings says.
            spec if spec is not None else (settings.camera_id or "0"),
            settings.decoder_backend,
            parent=window,
        )
    assert isinstance(panel, CameraPanel)
    open_now = spec is not None or settings.camera_enabled
    window.set_camera_widget(panel, visible=open_now)
    panel.codeScanned.connect(window.submit_camera_scan)
    panel.statusChanged.connect(window.show_camera_status)
    if open_now and camera is None:
        panel.start()

    async def stop() -> None:
        panel.stop()

    window.add_async_closer(stop)
    return panel
