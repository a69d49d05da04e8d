"""The webcam scanner: live preview with the found code outlined, an on/off toggle, a status line.

Capture and decoding run on `CameraSession` threads (decoding in a child process by default, so
a zbar crash costs one frame, not the till); their events reach this widget as queued signals.
cv2 is loaded by the capture thread when the camera is first opened, never at window start.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from pos_app.scanner.camera import CameraSource, NullSource, source_from_spec
from pos_app.scanner.capture import CameraSession, FrameDecoder, RepeatFilter, State

if TYPE_CHECKING:
    from pos_app.scanner.decode import DecodedCode

SourceFactory = Callable[[str | None], CameraSource]
DecoderFactory = Callable[[str], FrameDecoder]

PREVIEW_FPS = 15
OUTLINE_SECONDS = 0.6  # how long a found code stays outlined after it was last decoded


def process_decoder(backend: str) -> FrameDecoder:
    """The default: decode in a restartable child process."""
    from pos_app.scanner.decoder_process import ProcessDecoder

    return ProcessDecoder(backend)


def in_process_decoder(backend: str) -> FrameDecoder:
    """Decode on the decode thread itself (benchmarks; no crash isolation)."""
    from pos_app.scanner.decode import make_decoder

    return make_decoder(backend)


class CameraPanel(QWidget):
    """A self-contained camera scanner for the till's side area.

    Signals:
        codeScanned(str): the raw text of a code that came into view, once while it stays in
            view; the window passes it to `parse_scan` and its lookup path.
        statusChanged(str): a cashier-readable notice when something happens to the camera or
            decoder ("Camera disconnected — reconnecting…", "No camera found",
            "Decoder restarted", "Camera reconnected"); routine on/off is not announced.
    """

    codeScanned = Signal(str)
    statusChanged = Signal(str)
    _sessionEvent = Signal(object, str, object)  # (session, kind, payload) from its threads

    def __init__(
        self,
        camera_spec: str | None = None,
        decoder_backend: str = "pyzbar",
        *,
        source_factory: SourceFactory = source_from_spec,
        decoder_factory: DecoderFactory = process_decoder,
        preview_fps: float = PREVIEW_FPS,
        stall_after: float = 2.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPanel")
        self._spec = camera_spec
        self._backend = decoder_backend
        self._source_factory = source_factory
        self._decoder_factory = decoder_factory
        self._stall_after = stall_after
        self._session: CameraSession | None = None
        self._source: CameraSource | None = None
        self._repeats = RepeatFilter()
        self._outlines: list[DecodedCode] = []
        self._outlined_at = 0.0
        self._shown_seq = -1
        self._was_lost = False

        self.preview = QLabel(self.tr("Camera off"), self)
        self.preview.setObjectName("cameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(240, 135))
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setStyleSheet("background: #202020; color: #d0d0d0;")
        self.toggle = QPushButton(self.tr("Start camera"), self)
        self.toggle.setObjectName("cameraToggle")
        self.toggle.setCheckable(True)
        self.status = QLabel(self.tr("Camera off"), self)
        self.status.setObjectName("cameraStatus")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.toggle)
        layout.addWidget(self.status)

        self._preview_timer = QTimer(self)
        self._preview_timer.setInterval(max(1, round(1000 / preview_fps)))
        self._preview_timer.timeout.connect(self._show_latest_frame)
        self.toggle.toggled.connect(self._on_toggled)
        self._sessionEvent.connect(self._on_session_event, Qt.ConnectionType.QueuedConnection)

    # -- public API ------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._session is not None

    @property
    def camera_spec(self) -> str | None:
        return self._spec

    def start(self) -> None:
        """Open the camera (on the capture thread) and start decoding; no-op when running."""
        if self._session is not None:
            return
        self._source = self._source_factory(self._spec)
        backend = self._backend
        made: list[CameraSession] = []

        def relay(kind: str, payload: object) -> None:  # runs on a session thread
            self._sessionEvent.emit(made[0], kind, payload)

        session = CameraSession(
            self._source,
            lambda: self._decoder_factory(backend),
            relay,
            stall_after=self._stall_after,
        )
        made.append(session)  # events carry the session they came from
        self._session = session
        self._repeats = RepeatFilter()
        self._was_lost = False
        self._shown_seq = -1
        self._set_toggle(True)
        session.start()
        self._preview_timer.start()

    def stop(self) -> None:
        """Stop capture and decoding and release the device; no-op when stopped."""
        session, self._session = self._session, None
        self._preview_timer.stop()
        if session is not None:
            session.stop(timeout=1.5)
        self._outlines = []
        self.preview.clear()
        self.preview.setText(self.tr("Camera off"))
        self.status.setText(self.tr("Camera off"))
        self._set_toggle(False)

    def set_camera(self, spec: str | None) -> None:
        """Switch to another camera (index, stable id, video file, or None for none)."""
        self._restart_with(lambda: setattr(self, "_spec", spec))

    def set_decoder_backend(self, backend: str) -> None:
        """Switch decoder ("pyzbar" or "zxing"); takes effect at once when running."""
        self._restart_with(lambda: setattr(self, "_backend", backend))

    # -- internals -------------------------------------------------------------------------

    def _restart_with(self, change: Callable[[], None]) -> None:
        was_running = self.running
        self.stop()
        change()
        if was_running:
            self.start()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:  # the cashier chose another language
            self.retranslate()

    def retranslate(self) -> None:
        """The panel's words in the new language; a passing notice gives way to the state."""
        on = self.running
        self._set_toggle(on)
        self.status.setText(self.tr("Camera on") if on else self.tr("Camera off"))
        if not on:
            self.preview.setText(self.tr("Camera off"))

    def _set_toggle(self, on: bool) -> None:
        self.toggle.blockSignals(True)
        self.toggle.setChecked(on)
        self.toggle.blockSignals(False)
        self.toggle.setText(self.tr("Stop camera") if on else self.tr("Start camera"))

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        if on:
            self.start()
        else:
            self.stop()

    @Slot(object, str, object)
    def _on_session_event(self, session: object, kind: str, payload: Any) -> None:
        if session is not self._session or session is None:
            return  # a stopped session's last words
        if kind == "state":
            self._on_state(payload)
        elif kind == "codes":
            _seq, codes = payload
            now = time.monotonic()
            if codes:
                self._outlines, self._outlined_at = list(codes), now
            for text in self._repeats.new_texts([c.text for c in codes], now):
                self.codeScanned.emit(text)
        elif kind == "decoder_restarted":
            self._notify(self.tr("Decoder restarted"))
        elif kind == "decoder_failed":
            self._notify(self.tr("Code decoder unavailable: %1").replace("%1", str(payload)))

    def _on_state(self, state: State) -> None:
        if state is State.OPENING:
            self.status.setText(self.tr("Opening camera…"))
        elif state is State.LIVE:
            if self._was_lost:
                self._notify(self.tr("Camera reconnected"))
            else:
                self.status.setText(self.tr("Camera on"))
            self._was_lost = False
        elif state is State.LOST:
            self._was_lost = True
            self._notify(self.tr("Camera disconnected — reconnecting…"))
            self.preview.clear()  # a frozen last frame would look like a working camera
            self.preview.setText(self.status.text())
        elif state is State.UNAVAILABLE:
            if isinstance(self._source, NullSource):
                self._notify(self.tr("No camera found"))
            else:
                self._notify(self.tr("Camera not found — retrying…"))

    def _notify(self, text: str) -> None:
        self.status.setText(text)
        self.statusChanged.emit(text)

    @Slot()
    def _show_latest_frame(self) -> None:
        session = self._session
        if session is None or not self.preview.isVisible():
            return  # a hidden preview costs nothing; decoding goes on
        seq, frame = session.slot.latest()
        if frame is None or seq == self._shown_seq:
            return
        self._shown_seq = seq
        self.preview.setPixmap(self._render(frame))

    def _render(self, frame: Any) -> QPixmap:
        """Scale the BGR frame down to the preview (one resize, no other copy) and outline codes."""
        from pos_app.scanner.cvload import load_cv2

        cv2 = load_cv2()  # already imported by the capture thread that produced `frame`
        height, width = frame.shape[:2]
        box = self.preview.size()
        scale = min(box.width() / width, box.height() / height, 1.0)
        out_w, out_h = max(1, int(width * scale)), max(1, int(height * scale))
        small = cv2.resize(frame, (out_w, out_h), interpolation=cv2.INTER_LINEAR)
        if small.ndim == 2:
            small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
        image = QImage(small.data, out_w, out_h, small.strides[0], QImage.Format.Format_BGR888)
        if self._outlines and time.monotonic() - self._outlined_at < OUTLINE_SECONDS:
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor(40, 220, 90), 3))
            for code in self._outlines:
                points = [QPointF(x * scale, y * scale) for x, y in code.polygon]
                if len(points) >= 2:
                    painter.drawPolygon(QPolygonF(points))
            painter.end()
        return QPixmap.fromImage(image)  # copies: `small` may go once this returns
