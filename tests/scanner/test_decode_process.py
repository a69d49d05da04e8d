"""The decoder child process: same answers as in-process, and a dead or hung child is replaced."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pos_app.scanner.decode import to_gray
from pos_app.scanner.decoder_process import DecoderCrashed, ProcessDecoder
from tests.scanner import framegen

UUID = framegen.PAYLOADS["qr_uuid"][1]


@pytest.fixture(scope="module")
def decoder() -> Iterator[ProcessDecoder]:
    dec = ProcessDecoder(frame_timeout=2.0)
    dec.start()
    yield dec
    dec.close()


@pytest.fixture(scope="module")
def qr_gray() -> object:
    img, _ = framegen.render("qr", UUID, framegen.DIFFICULTIES["inverted"])
    return to_gray(img)


def test_child_decodes_with_outline(decoder: ProcessDecoder, qr_gray: object) -> None:
    (code,) = decoder.decode(qr_gray)  # type: ignore[arg-type]
    assert (code.text, code.symbology) == (UUID, "QRCODE")
    assert all(isinstance(x, int) and isinstance(y, int) for x, y in code.polygon)
    assert decoder.decode(to_gray(framegen.blank_frame())) == []


@pytest.mark.parametrize("how", ["abort", "exit", "hang"])
def test_dead_or_hung_child_is_replaced(decoder: ProcessDecoder, qr_gray: object, how: str) -> None:
    before_pid, before_restarts = decoder.pid, decoder.restarts
    decoder.inject_fault_for_tests(how)
    with pytest.raises(DecoderCrashed):
        decoder.decode(qr_gray)  # type: ignore[arg-type]
    assert decoder.restarts == before_restarts + 1
    assert decoder.pid is not None
    assert decoder.pid != before_pid
    assert [c.text for c in decoder.decode(qr_gray)] == [UUID]  # type: ignore[arg-type]


def test_close_stops_the_child_and_is_idempotent() -> None:
    dec = ProcessDecoder()
    dec.start()
    assert dec.pid is not None
    dec.close()
    dec.close()
    assert dec.pid is None


def test_unknown_fault_is_refused(decoder: ProcessDecoder) -> None:
    with pytest.raises(ValueError, match="melt"):
        decoder.inject_fault_for_tests("melt")
