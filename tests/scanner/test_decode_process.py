"""The decoder child process: same answers as in-process, and a dead or hung child is replaced."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from pos_app.scanner.decode import to_gray
from pos_app.scanner.decoder_process import DecoderCrashed, DecoderUnavailable, ProcessDecoder
from pos_app.testing import framegen

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


def test_child_that_cannot_start_is_retried_with_backoff_not_per_frame(qr_gray: object) -> None:
    dec = ProcessDecoder(start_timeout=0.001)  # "does not start in time"
    try:
        with pytest.raises(DecoderUnavailable, match="did not start"):
            dec.decode(qr_gray)  # type: ignore[arg-type]
        started = time.monotonic()
        with pytest.raises(DecoderUnavailable):  # within the backoff: no new child
            dec.decode(qr_gray)  # type: ignore[arg-type]
        assert time.monotonic() - started < 0.05
        assert dec.pid is None
        dec._start_timeout = 30.0
        time.sleep(1.05)  # first backoff is 1 s
        assert [c.text for c in dec.decode(qr_gray)] == [UUID]  # type: ignore[arg-type]
    finally:
        dec.close()


def test_unknown_or_missing_backend_is_refused_before_spawning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    with pytest.raises(ValueError, match="unknown decoder backend"):
        ProcessDecoder("tesseract")
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "zxingcpp" else real(name)
    )
    with pytest.raises(ImportError, match="zxing-cpp is not installed"):
        ProcessDecoder("zxing")
