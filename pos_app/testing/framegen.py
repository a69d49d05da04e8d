"""Synthetic 1280×720 counter-camera frames holding a QR code or barcode, with counter distortions.

Shared by the decode tests and `bench/decode.py`: segno and python-barcode draw the codes, the
distortions (tilt, blur, glare, dark mode, low contrast, small/far, noise, under-exposure) are ours.
"""

from __future__ import annotations

import functools
import math
import zlib
from dataclasses import dataclass, replace
from typing import Any

import barcode
import cv2
import numpy as np
import segno

WIDTH, HEIGHT = 1280, 720
Image = np.ndarray[Any, np.dtype[np.uint8]]

PAYLOADS: dict[str, tuple[str, str]] = {
    # name: (symbology, text)
    "qr_uuid": ("qr", "8f6c5c33-1b2e-4f0a-9d4b-8a1c7e2f3a4b"),
    "qr_link": ("qr", "https://loyalty.lt/card/scan/3b0e8c1a-77d2-4c55-a0f4-5d0c9e61b2aa"),
    "code128": ("code128", "900-001-001"),
    "ean13": ("ean13", "4006381333931"),
}


@dataclass(frozen=True)
class Distortion:
    """How one synthetic frame departs from a clean, centred, well-lit code."""

    size: float = 300.0  # code width in frame pixels, quiet zone excluded
    angle: float = 0.0  # in-plane rotation, degrees
    tilt: float = 0.0  # 0 = facing the camera; 0.4 = far edge 40 % shorter
    blur: float = 0.0  # Gaussian sigma, pixels
    motion: int = 0  # horizontal motion-blur length, pixels
    glare: float = 0.0  # peak brightness added by a specular blob, 0–255
    inverted: bool = False  # light modules on a dark screen (phone dark mode)
    dark: int = 20  # grey of dark modules
    light: int = 235  # grey of light modules
    noise: float = 0.0  # Gaussian noise sigma
    exposure: float = 1.0  # whole-frame gain (under-exposed shop < 1)
    jpeg: int = 0  # re-encode at this JPEG quality when > 0
    offset: tuple[float, float] = (0.0, 0.0)  # code centre offset from frame centre, pixels


DIFFICULTIES: dict[str, Distortion] = {
    "clean": Distortion(),
    "rotated": Distortion(angle=33),
    "tilted": Distortion(angle=-12, tilt=0.35),
    "blurred": Distortion(blur=1.6),
    "motion": Distortion(motion=7),
    "glare": Distortion(glare=230),
    "inverted": Distortion(inverted=True),
    "low_contrast": Distortion(dark=105, light=150),
    "small": Distortion(size=120, offset=(-300, 120)),
    "far": Distortion(size=85, offset=(350, -150), blur=0.6),
    "noisy": Distortion(noise=22),
    "dark": Distortion(exposure=0.22, noise=4),
    "combo": Distortion(angle=20, tilt=0.25, blur=1.1, noise=10, glare=150, jpeg=70),
    "dark_mode_tilt": Distortion(inverted=True, tilt=0.3, angle=15, jpeg=75),
}


def module_matrix(symbology: str, text: str) -> tuple[Image, str]:
    """The code as a 0/255 module image (one pixel per module, quiet zone included) and its text."""
    if symbology == "qr":
        qr = segno.make(text, error="m", micro=False)
        modules = np.array(qr.matrix, dtype=np.uint8)
        img = np.where(modules > 0, 0, 255).astype(np.uint8)
        return np.pad(img, 4, constant_values=255), text
    code = barcode.get(symbology, text)
    bars = "".join(code.build())
    row = np.array([0 if bit == "1" else 255 for bit in bars], dtype=np.uint8)
    height = max(24, int(len(row) * 0.35))
    img = np.tile(row, (height, 1))
    img = np.pad(img, ((4, 4), (11, 11)), constant_values=255)
    return img, code.get_fullcode().replace(" ", "") if symbology != "code128" else text


@functools.cache
def _lighting() -> np.ndarray[Any, np.dtype[np.float32]]:
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    return 90 + 60 * (xx / WIDTH) + 30 * np.sin(yy / 97.0)


def _backdrop(rng: np.random.Generator) -> np.ndarray[Any, np.dtype[np.float32]]:
    """A counter-like grey backdrop: a lit gradient, low-frequency blotches, some texture."""
    blotches = cv2.resize(rng.normal(0, 25, (9, 16)).astype(np.float32), (WIDTH, HEIGHT))
    texture = rng.standard_normal((HEIGHT, WIDTH), dtype=np.float32)
    return cv2.scaleAdd(texture, 3.0, cv2.add(_lighting(), blotches))


def _tinted(gray: np.ndarray[Any, np.dtype[np.float32]]) -> Image:
    """Grey float image → warm-tinted BGR uint8, clipped."""
    gray = cv2.max(gray, 0.0)
    return cv2.merge([cv2.convertScaleAbs(gray, alpha=a) for a in (0.95, 1.0, 1.05)])


def render(symbology: str, text: str, d: Distortion, seed: int = 0) -> tuple[Image, str]:
    """One BGR 1280×720 frame showing the code under distortion `d`, and the expected text."""
    rng = np.random.default_rng(seed)
    modules, expected = module_matrix(symbology, text)
    if d.inverted:
        modules = 255 - modules
    scale = 6
    patch = cv2.resize(modules, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    patch = np.where(patch > 127, d.light, d.dark).astype(np.uint8)
    ph, pw = patch.shape
    quiet = 4 if symbology == "qr" else 11
    px_per_module = d.size / (modules.shape[1] - 2 * quiet)
    w, h = modules.shape[1] * px_per_module, modules.shape[0] * px_per_module
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    corners[1, 1] += d.tilt * h / 2  # the right edge recedes: shorter and nearer the middle
    corners[2, 1] -= d.tilt * h / 2
    corners[1:3, 0] -= d.tilt * w * 0.15
    a = math.radians(d.angle)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    centre = np.array([WIDTH / 2 + d.offset[0], HEIGHT / 2 + d.offset[1]])
    dst = (corners @ rot.T + centre).astype(np.float32)
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    out = _backdrop(rng)
    if d.inverted:  # the dark phone body around a dark-mode screen
        body = np.ones((ph + 8 * scale, pw + 8 * scale), np.float32)
        offset = np.array([[1, 0, -4 * scale], [0, 1, -4 * scale], [0, 0, 1]], dtype=np.float64)
        mask_body = cv2.warpPerspective(body, m @ offset, (WIDTH, HEIGHT))
        out = out * (1 - mask_body) + 25.0 * mask_body
    warped = cv2.warpPerspective(patch.astype(np.float32), m, (WIDTH, HEIGHT))
    alpha = cv2.warpPerspective(np.ones(patch.shape, np.float32), m, (WIDTH, HEIGHT))
    out = out * (1 - alpha) + warped
    if d.glare:
        gx, gy = centre + np.array([d.size * 0.15, -d.size * 0.1])
        yy, xx = np.ogrid[0:HEIGHT, 0:WIDTH]
        radius = max(d.size * 0.22, 8.0)
        blob = d.glare * np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * radius**2))
        out += blob.astype(np.float32)
    if d.blur:
        out = cv2.GaussianBlur(out, (0, 0), d.blur)
    if d.motion:
        kernel = np.full((1, d.motion), 1.0 / d.motion, np.float32)
        out = cv2.filter2D(out, -1, kernel)
    out *= d.exposure
    if d.noise:
        out += rng.standard_normal(out.shape, dtype=np.float32) * d.noise
    img = _tinted(out)
    if d.jpeg:
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, d.jpeg])
        assert ok
        img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return img, expected


def blank_frame(seed: int = 0) -> Image:
    """A frame with no code in it."""
    return _tinted(_backdrop(np.random.default_rng(seed)))


def corpus(seeds: int = 1) -> list[tuple[str, str, Image, str]]:
    """Every payload under every difficulty: (payload, difficulty, frame, expected text)."""
    frames = []
    for seed in range(seeds):
        for payload, (symbology, text) in PAYLOADS.items():
            for name, d in DIFFICULTIES.items():
                if symbology != "qr":  # a 1-D code has ~4x the modules across of a QR code
                    d = replace(d, size=d.size * (2.6 if name in ("small", "far") else 1.8))
                img, expected = render(
                    symbology, text, d, seed=seed * 1000 + zlib.crc32(name.encode()) % 997
                )
                frames.append((payload, name, img, expected))
    return frames
