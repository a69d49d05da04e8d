"""QrDialog on the sandbox: a readable code, demo phone scan, renewal, polling while shown."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog

from pos_app.api import LoyaltyClient
from pos_app.core.models import QrCardData
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.scanner import decode_frame
from pos_app.testing.helpers import run_async
from pos_app.ui.checkout.qr_dialog import QrDialog, qr_image
from pos_app.ui.common.formatting import Formatter

FMT_LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _gray(image: QImage) -> np.ndarray[Any, Any]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = np.frombuffer(gray.constBits(), dtype=np.uint8, count=stride * height)
    return data.reshape(height, stride)[:, :width].copy()


@pytest.fixture
def make_dialog(
    qasync_loop: asyncio.AbstractEventLoop, qtbot: Any, sandbox: SandboxServer
) -> Iterator[Callable[..., QrDialog]]:
    clients: list[LoyaltyClient] = []
    dialogs: list[QrDialog] = []

    def make(*, demo: bool = True, secret: str = DEMO_API_SECRET) -> QrDialog:
        client = LoyaltyClient(sandbox.base_url, DEMO_API_KEY, secret)
        clients.append(client)

        async def phone(session_id: str) -> None:
            await client.sandbox_scan_qr(session_id, "900-001-001")

        dialog = QrDialog(
            client,
            Formatter(FMT_LOCALE),
            device_name="Till 1",
            interval=0.05,
            simulate_phone=phone if demo else None,
        )
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.stop()
    for client in clients:
        run_async(qasync_loop, qtbot, client.aclose())


def _status_polls(sandbox: SandboxServer) -> int:
    return sum(1 for r in sandbox.state.request_log if "qr-card/status" in r.path)


def test_the_rendered_code_reads_back_as_the_deep_link() -> None:
    link = "loyaltylt://qr-card?code=abc123&session=0f8fad5b-d9cb-469f-a165-70867728950e"
    image = qr_image(link, 300)
    assert image.width() == image.height() <= 300
    assert decode_frame(_gray(image)) == [link]


def test_demo_phone_scan_loads_the_card(
    make_dialog: Callable[..., QrDialog], qtbot: Any, sandbox: SandboxServer
) -> None:
    dialog = make_dialog()
    assert dialog.simulate_button.isVisibleTo(dialog)
    assert not dialog.simulate_button.isEnabled()
    with qtbot.waitSignal(dialog.sessionShown, timeout=5000) as shown:
        dialog.start()
    assert dialog.code_label.pixmap() is not None
    assert not dialog.code_label.pixmap().isNull()
    assert dialog.code_label.property("qrText").startswith("loyaltylt://qr-card?")
    session_id = shown.args[0]
    assert session_id in dialog.code_label.property("qrText")
    assert "Waiting for the customer's phone" in dialog.status_label.text()
    dialog.resize(480, 640)
    shown_code = dialog.code_label.pixmap().toImage()
    assert decode_frame(_gray(shown_code)) == [dialog.code_label.property("qrText")]
    dialog.grab().save("/tmp/qr_dialog.png")
    qtbot.waitUntil(lambda: _status_polls(sandbox) >= 2, timeout=5000)  # a few pending polls
    assert dialog.polling
    with qtbot.waitSignal(dialog.cardScanned, timeout=5000) as scanned:
        dialog.simulate_button.click()
    card = scanned.args[0]
    assert isinstance(card, QrCardData)
    assert card.loyalty_card_id == sandbox.state.card("900-001-001")["id"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.polling


def test_an_expired_code_is_renewed_while_shown(
    make_dialog: Callable[..., QrDialog], qtbot: Any, sandbox: SandboxServer
) -> None:
    dialog = make_dialog(demo=False)
    assert not dialog.simulate_button.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.sessionShown, timeout=5000) as first:
        dialog.start()
    with qtbot.waitSignal(dialog.sessionShown, timeout=5000) as second:
        sandbox.expire_qr_session(first.args[0])
    assert second.args[0] != first.args[0]
    assert second.args[0] in dialog.code_label.property("qrText")
    assert "expired" in dialog.status_label.text()
    with qtbot.waitSignal(dialog.cardScanned, timeout=5000):
        sandbox.scan_qr_session(second.args[0], "900-002-001")


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_polling_runs_only_while_shown(
    make_dialog: Callable[..., QrDialog], qtbot: Any, sandbox: SandboxServer
) -> None:
    dialog = make_dialog()
    with qtbot.waitSignal(dialog.sessionShown, timeout=5000):
        dialog.show()
    qtbot.waitUntil(lambda: _status_polls(sandbox) >= 2, timeout=5000)
    dialog.hide()
    assert not dialog.polling
    stopped_at = _status_polls(sandbox)
    qtbot.wait(300)  # a fixed wait: polls that must not happen leave nothing to wait for
    assert _status_polls(sandbox) <= stopped_at + 1  # at most the one already on the wire
    with qtbot.waitSignal(dialog.sessionShown, timeout=5000):
        dialog.show()
    assert dialog.polling
    dialog.reject()
    assert not dialog.polling


def test_bad_credentials_stop_the_scan_with_a_reason(
    make_dialog: Callable[..., QrDialog], qtbot: Any
) -> None:
    dialog = make_dialog(secret="wrong-secret")
    with qtbot.waitSignal(dialog.failed, timeout=5000) as failed:
        dialog.start()
    assert failed.args[0]
    assert dialog.status_label.text() == failed.args[0]
    assert not dialog.polling


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_renewal_message_stays_clear_of_the_code(
    make_dialog: Callable[..., QrDialog], qtbot: Any, sandbox: SandboxServer
) -> None:
    dialog = make_dialog(demo=False)
    with qtbot.waitSignal(dialog.sessionShown, timeout=5000) as first:
        dialog.show()
    with qtbot.waitSignal(dialog.sessionShown, timeout=5000):
        sandbox.expire_qr_session(first.args[0])
    qtbot.waitUntil(lambda: "expired" in dialog.status_label.text())
    code, status = dialog.code_label.geometry(), dialog.status_label.geometry()
    assert not code.intersects(status)
    pixmap = dialog.code_label.pixmap()
    assert pixmap.width() <= code.width()
    assert pixmap.height() <= code.height()
    lines = dialog.status_label.text().count("\n") + 1
    assert lines <= 2  # "expired; a new one" + "valid until", not a third line over the code
    assert dialog.status_label.textFormat() is Qt.TextFormat.PlainText
