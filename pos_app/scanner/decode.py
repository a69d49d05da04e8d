"""Finding QR codes and barcodes in camera frames: pyzbar with recovery passes, or zxing-cpp.

Imported only when the camera is first used: it loads cv2 and the zbar library.
The pyzbar pipeline (`PyzbarDecoder`) works on grayscale with the till's symbologies only:
1. the whole frame, zbar scanning every second line (half the cost, same finds);
2. if nothing was found, a half-size frame (averages noise away), plain and inverted (large
   phone dark-mode codes);
3. then up to three code-like regions (dense strong gradients), each warped flat and upright
   (its quadrilateral undoes tilt), scaled so modules are a few pixels wide, and tried
   contrast-stretched, inverted and sharpened, until a time budget runs out.
"""

from __future__ import annotations

import time
from ctypes import c_void_p, string_at
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from pos_app.scanner.cvload import load_cv2

cv2 = load_cv2()

Frame = np.ndarray[Any, np.dtype[np.uint8]]
Point = tuple[int, int]

BACKENDS = ("pyzbar", "zxing")
# What a till sees: loyalty QR codes, card barcodes, product EANs.
SYMBOLOGIES = ("QRCODE", "CODE128", "EAN13", "EAN8")
MAX_REGIONS = 3
# A code region's edge density is >= 5x the frame's median on every generated difficulty, a
# blank counter's texture ~2x.
MIN_EDGE_RATIO = 3.0
# Below this no recovery pass can find anything a plain scan did not.
MIN_RECOVERY_SIDE = 24
# Recovery starts no new pass after this much CPU time (not wall time: a busy machine must not
# change the answer); the till then moves on to the next frame.
RECOVERY_BUDGET_MS = 45.0


@dataclass(frozen=True)
class DecodedCode:
    """One code found in a frame: its text, symbology and outline in frame pixels."""

    text: str
    symbology: str
    polygon: tuple[Point, ...]


class Decoder(Protocol):
    """Finds codes in one grayscale frame; must never raise on what the frame contains."""

    name: str

    def decode(self, gray: Frame) -> list[DecodedCode]: ...


def to_gray(frame: Frame) -> Frame:
    """A contiguous single-channel view of a BGR, BGRA or grayscale frame."""
    if frame.ndim == 3 and frame.shape[2] == 3:
        return np.asarray(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
    if frame.ndim == 3 and frame.shape[2] == 4:
        return np.asarray(cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY))
    if frame.ndim == 3 and frame.shape[2] == 1:
        frame = frame[:, :, 0]
    if frame.ndim != 2:
        raise ValueError(f"not an image: shape {frame.shape}")
    return np.ascontiguousarray(frame, dtype=np.uint8)


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


class _ZbarScanner:
    """One reusable zbar image scanner, restricted to the till's symbologies."""

    def __init__(self, density: int) -> None:
        from pyzbar import pyzbar, wrapper

        self._pyzbar = pyzbar
        self._w = wrapper
        self._fourcc = pyzbar._FOURCC["L800"]
        scanner = wrapper.zbar_image_scanner_create()
        cfg = wrapper.ZBarConfig
        wrapper.zbar_image_scanner_set_config(scanner, pyzbar.ZBarSymbol.NONE, cfg.CFG_ENABLE, 0)
        for name in SYMBOLOGIES:
            symbol = pyzbar.ZBarSymbol[name]
            wrapper.zbar_image_scanner_set_config(scanner, symbol, cfg.CFG_ENABLE, 1)
        wrapper.zbar_image_scanner_set_config(scanner, 0, cfg.CFG_X_DENSITY, density)
        wrapper.zbar_image_scanner_set_config(scanner, 0, cfg.CFG_Y_DENSITY, density)
        self._scanner = scanner

    def close(self) -> None:
        if self._scanner is not None:
            self._w.zbar_image_scanner_destroy(self._scanner)
            self._scanner = None

    def __del__(self) -> None:
        self.close()

    def _kind(self, code: int) -> str:
        try:
            return str(self._pyzbar.ZBarSymbol(code).name)
        except ValueError:  # a newer zbar's composite or unknown type: still report the text
            return f"ZBAR_{code}"

    def scan(self, gray: Frame) -> list[tuple[str, str, list[Point]]]:
        """Symbols found, walked here rather than by `pyzbar.decode`, which raises on
        structured-append QR codes (orientation -1)."""
        gray = np.ascontiguousarray(gray)
        w = self._w
        image = w.zbar_image_create()
        try:
            w.zbar_image_set_format(image, self._fourcc)
            w.zbar_image_set_size(image, gray.shape[1], gray.shape[0])
            w.zbar_image_set_data(image, gray.ctypes.data_as(c_void_p), gray.size, None)
            if w.zbar_scan_image(self._scanner, image) <= 0:
                return []
            found = []
            for symbol in self._pyzbar._symbols_for_image(image):
                data = string_at(
                    w.zbar_symbol_get_data(symbol), w.zbar_symbol_get_data_length(symbol)
                )
                kind = self._kind(symbol.contents.type)
                n = w.zbar_symbol_get_loc_size(symbol)
                points = [
                    (w.zbar_symbol_get_loc_x(symbol, i), w.zbar_symbol_get_loc_y(symbol, i))
                    for i in range(n)
                ]
                found.append((_text(data), kind, points))
            return found
        finally:
            w.zbar_image_destroy(image)


def _hull(points: np.ndarray[Any, Any]) -> tuple[Point, ...]:
    if len(points) == 0:
        return ()
    hull = cv2.convexHull(points.astype(np.float32).reshape(-1, 1, 2)).reshape(-1, 2)
    return tuple((round(float(x)), round(float(y))) for x, y in hull)


def _code_regions(gray: Frame, limit: int) -> list[np.ndarray[Any, Any]]:
    """Up to `limit` outlines (frame pixels, largest first) of dense strong-gradient areas."""
    f = 0.5 if gray.shape[1] > 700 else 1.0
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    gx = cv2.Sobel(small, cv2.CV_16S, 1, 0, ksize=3)
    gy = cv2.Sobel(small, cv2.CV_16S, 0, 1, ksize=3)
    mag = cv2.addWeighted(cv2.convertScaleAbs(gx), 0.5, cv2.convertScaleAbs(gy), 0.5, 0)
    density = cv2.blur(mag, (7, 7))
    level = max(12.0, float(np.percentile(density, 97)) * 0.5)
    _, mask = cv2.threshold(density, level, 255, cv2.THRESH_BINARY)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    background = float(np.median(density)) + 1.0
    regions = []
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[: limit * 2]:
        _, (rw, rh), _ = cv2.minAreaRect(contour)
        if min(rw, rh) < 10 or rw * rh < 250:
            continue
        x, y, w, h = cv2.boundingRect(contour)
        inside = np.zeros((h, w), np.uint8)
        cv2.drawContours(inside, [contour - (x, y)], -1, 1, thickness=cv2.FILLED)
        edges = cv2.mean(density[y : y + h, x : x + w], mask=inside)[0]
        if edges < MIN_EDGE_RATIO * background:
            continue  # the scene's own texture, not modules: scanning it costs ~6 ms for nothing
        regions.append(contour.reshape(-1, 2).astype(np.float32) / f)
        if len(regions) == limit:
            break
    return regions


def _corners(outline: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Four corners (clockwise from top-left) of the outline: its quadrilateral if it is one
    (a tilted code's perspective), else its minimum-area rectangle."""
    hull = cv2.convexHull(outline.reshape(-1, 1, 2))
    perimeter = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.02, 0.04, 0.06, 0.08):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(np.float32)
            break
    if quad is None:
        quad = cv2.boxPoints(cv2.minAreaRect(outline)).astype(np.float32)
    centre = quad.mean(axis=0)
    quad = quad[np.argsort(np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0]))]
    return np.roll(quad, -int(np.argmin(quad.sum(axis=1))), axis=0)


def _region_view(gray: Frame, outline: np.ndarray[Any, Any]) -> tuple[Frame, np.ndarray[Any, Any]]:
    """The region warped flat and upright, padded and scaled for zbar; and the 3×3 map back."""
    q = _corners(outline)
    width = max(float(np.linalg.norm(q[1] - q[0])), float(np.linalg.norm(q[2] - q[3])), 8.0)
    height = max(float(np.linalg.norm(q[3] - q[0])), float(np.linalg.norm(q[2] - q[1])), 8.0)
    # Modules of a far code are ~1.5 px: bring the region to ~520 px, up to 3x, never past 1000.
    scale = min(max(1.0, 520.0 / max(width, height)), 3.0, 1000.0 / max(width, height))
    w, h = width * scale, height * scale
    pad = 0.12 * max(w, h) + 8
    dst = np.array([[pad, pad], [pad + w, pad], [pad + w, pad + h], [pad, pad + h]], np.float32)
    m = cv2.getPerspectiveTransform(q, dst)
    size = (round(w + 2 * pad), round(h + 2 * pad))
    view = cv2.warpPerspective(
        gray, m, size, flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(view), np.linalg.inv(m)


def _variants(view: Frame) -> list[Frame]:
    stretched = cv2.normalize(view, None, 0, 255, cv2.NORM_MINMAX)
    blurred = cv2.GaussianBlur(stretched, (0, 0), 1.6)
    sharpened = cv2.addWeighted(stretched, 2.2, blurred, -1.2, 0)
    return [stretched, 255 - stretched, sharpened, 255 - sharpened]


class PyzbarDecoder:
    """The till's pipeline: pyzbar on grayscale, then recovery passes when nothing is found."""

    name = "pyzbar"

    def __init__(self, *, recovery: bool = True, budget_ms: float = RECOVERY_BUDGET_MS) -> None:
        self._fast = _ZbarScanner(density=2)
        self._fine = _ZbarScanner(density=1)
        self._recovery = recovery
        self._budget = budget_ms / 1000.0

    def decode(self, gray: Frame) -> list[DecodedCode]:
        found = self._scan(self._fast, gray, None)
        if found or not self._recovery or min(gray.shape) < MIN_RECOVERY_SIDE:
            return found
        deadline = time.thread_time() + self._budget
        # Half size averages sensor noise away; inverted, it finds large dark-mode codes.
        half = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        for image in (half, 255 - half):
            found = self._scan(self._fast, image, np.diag([2.0, 2.0, 1.0]))
            if found:
                return found
        for outline in _code_regions(gray, MAX_REGIONS):
            view, back = _region_view(gray, outline)
            for variant in _variants(view):
                found = self._scan(self._fine, variant, back)
                if found or time.thread_time() > deadline:
                    return found
        return []

    @staticmethod
    def _scan(
        scanner: _ZbarScanner, image: Frame, back: np.ndarray[Any, Any] | None
    ) -> list[DecodedCode]:
        codes = []
        for text, kind, points in scanner.scan(image):
            pts = np.array(points, dtype=np.float64).reshape(-1, 2)
            if back is not None and len(pts):
                pts = cv2.perspectiveTransform(pts.reshape(-1, 1, 2), back).reshape(-1, 2)
            codes.append(DecodedCode(text, kind, _hull(pts)))
        return codes


class ZxingDecoder:
    """zxing-cpp (the optional `zxing` extra) with the same symbologies."""

    name = "zxing"

    def __init__(self) -> None:
        import zxingcpp

        self._zx = zxingcpp
        self._formats = zxingcpp.barcode_formats_from_str("QRCode,Code128,EAN13,EAN8")

    def decode(self, gray: Frame) -> list[DecodedCode]:
        codes = []
        for result in self._zx.read_barcodes(gray, formats=self._formats):
            p = result.position
            corners = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
            polygon = tuple((int(c.x), int(c.y)) for c in corners)
            kind = {"QRCode": "QRCODE", "Code128": "CODE128"}.get(
                result.format.name, result.format.name.upper()
            )
            codes.append(DecodedCode(result.text, kind, polygon))
        return codes


def make_decoder(backend: str = "pyzbar") -> Decoder:
    """A decoder by its Settings name; `ValueError` for an unknown name, `ImportError` if absent."""
    if backend == "pyzbar":
        return PyzbarDecoder()
    if backend == "zxing":
        return ZxingDecoder()
    raise ValueError(f"unknown decoder backend {backend!r}; choose one of {', '.join(BACKENDS)}")


def decode_frame_detailed(frame: Frame, backend: str = "pyzbar") -> list[DecodedCode]:
    """Every code in one BGR or grayscale frame, with its outline, deduplicated by text."""
    codes = make_decoder(backend).decode(to_gray(frame))
    seen: set[str] = set()
    unique = []
    for code in codes:
        if code.text not in seen:
            seen.add(code.text)
            unique.append(code)
    return unique


def decode_frame(frame: Frame) -> list[str]:
    """Every code found in one BGR or grayscale camera frame, decoded with pyzbar."""
    return [code.text for code in decode_frame_detailed(frame)]
