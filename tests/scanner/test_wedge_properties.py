"""Property tests: a fast burst that reads as a code is exactly one scan; anything else, and slow
typing, reaches the widget as typed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from pos_app.scanner.keycodes import XKB_KEYMAP
from pos_app.scanner.layouts import LAYOUTS, Layout
from pos_app.scanner.reading import NOT_A_CODE, ScanCodeReader
from pos_app.scanner.routing import mark_scan_field
from pos_app.scanner.wedge import WedgeConfig, WedgeDetector
from pos_app.testing.wedge_keys import (
    FakeClock,
    RecordingLineEdit,
    press_enter,
    press_tab,
    send_press_release,
    texts,
    type_us,
)

# No dead keys on any of the layouts for these (German "=", "+", "`"; French "[", "{").
SAFE_US = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./:;,?!@#$%&*()_' "
CONFIG = WedgeConfig()
layouts = st.sampled_from([None, *LAYOUTS])


@contextmanager
def installed(qapp: QApplication) -> Iterator[tuple[WedgeDetector, RecordingLineEdit, list[str]]]:
    detector = WedgeDetector(CONFIG, keymap=XKB_KEYMAP, clock=FakeClock())
    widget = RecordingLineEdit()
    mark_scan_field(widget)  # the card field: every kind of code is a scan here
    scans: list[str] = []
    detector.scanned.connect(scans.append)
    detector.install(qapp)
    try:
        yield detector, widget, scans
    finally:
        detector.uninstall()
        widget.deleteLater()


def typed_as(text: str, layout: Layout | None) -> str:
    return "".join(layout.type_as(ch) for ch in text) if layout else text


_HEX = "0123456789abcdefABCDEF"
codes = st.one_of(
    st.from_regex(r"[0-9]{3}-?[0-9]{3}-?[0-9]{3}", fullmatch=True),
    st.uuids().map(str),
    st.text(alphabet=_HEX, min_size=32, max_size=32).filter(lambda t: len(t) == 32),
    st.from_regex(r"[A-Za-z0-9]{1,8}[0-9][A-Za-z0-9]{2,12}", fullmatch=True),
)
timing = {
    "gap": st.integers(min_value=0, max_value=int(CONFIG.max_interkey_ms)),
    "terminator_gap": st.integers(min_value=0, max_value=int(CONFIG.idle_timeout_ms)),
    "tab": st.booleans(),
}


@settings(max_examples=60, deadline=None)
@given(text=codes, layout=layouts, **timing)
def test_a_fast_burst_of_a_code_is_one_scan_and_nothing_leaks(
    qapp: QApplication,
    text: str,
    layout: Layout | None,
    gap: int,
    terminator_gap: int,
    tab: bool,
) -> None:
    with installed(qapp) as (_, widget, scans):
        end = type_us(widget, text, layout, start_ms=1_000, gap_ms=gap)
        stamp = end - gap + terminator_gap
        (press_tab if tab else press_enter)(widget, timestamp=stamp)
        assert scans == [text]
        assert widget.received == []


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=SAFE_US, min_size=CONFIG.min_length, max_size=40),
    layout=layouts,
    **timing,
)
def test_any_fast_burst_is_a_scan_only_if_it_reads_as_a_code(
    qapp: QApplication,
    text: str,
    layout: Layout | None,
    gap: int,
    terminator_gap: int,
    tab: bool,
) -> None:
    reader = ScanCodeReader()
    is_code = any(
        reader.rank(reading, recover_layouts=False) != NOT_A_CODE
        for reading in (text, typed_as(text, layout))
    )
    with installed(qapp) as (_, widget, scans):
        end = type_us(widget, text, layout, start_ms=1_000, gap_ms=gap)
        stamp = end - gap + terminator_gap
        (press_tab if tab else press_enter)(widget, timestamp=stamp)
        if is_code:
            assert len(scans) == 1
            assert widget.received == []
        else:
            assert scans == []
            terminator = "\t" if tab else "\r"
            typed = typed_as(text, layout) + terminator
            assert texts(widget.received, QEvent.Type.KeyPress) == typed


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=SAFE_US, min_size=1, max_size=12),
    layout=layouts,
    gaps=st.lists(
        st.integers(min_value=int(CONFIG.max_interkey_ms) + 1, max_value=400),
        min_size=12,
        max_size=12,
    ),
)
def test_slow_typing_reaches_the_widget_exactly(
    qapp: QApplication, text: str, layout: Layout | None, gaps: list[int]
) -> None:
    with installed(qapp) as (_, widget, scans):
        now = 1_000
        for us_char, gap in zip(text, gaps, strict=False):
            type_us(widget, us_char, layout, start_ms=now, gap_ms=0)
            now += gap
        end_key = Qt.Key.Key_End.value
        send_press_release(widget, end_key, "", scan_code=115, timestamp=now)  # flushes
        assert scans == []
        assert texts(widget.received, QEvent.Type.KeyPress) == typed_as(text, layout)
        assert texts(widget.received, QEvent.Type.KeyRelease) == typed_as(text, layout)
        assert widget.received[-1].key == end_key
