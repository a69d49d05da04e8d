"""Decoding in a child process, so a zbar abort on a hostile QR code cannot take the till down.

`ProcessDecoder` has the `Decoder` shape. Frames go to a spawned child through shared memory (one
copy of the grayscale frame; zbar reads it in place); the pipe carries only small messages, so a
hung child can never block the sender. Results come back as plain tuples. When the
child dies (abort, segfault, `os._exit`) or stops answering, `decode` kills it, starts a new one
and raises `DecoderCrashed` so the caller can tell the cashier; the next frame goes to the new
child. The child also exits when the till does (its pipe reaches EOF).
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import multiprocessing as mp
import os
import signal
import time
from multiprocessing.connection import Connection
from multiprocessing.shared_memory import SharedMemory
from typing import Any

import numpy as np

from pos_app.scanner.cvload import load_cv2
from pos_app.scanner.decode import BACKENDS, DecodedCode, Frame, make_decoder

log = logging.getLogger(__name__)

FAULTS = ("abort", "exit", "hang")


class DecoderCrashed(RuntimeError):
    """The decoder process died or hung on a frame; a fresh one has been started."""


class DecoderUnavailable(DecoderCrashed):
    """The decoder process cannot be started; the next try waits (backoff up to 30 s)."""


def _child_main(conn: Connection, backend: str) -> None:
    """The child's loop: (h, w) header + frame bytes in, [(text, symbology, polygon)] out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the till's business
    load_cv2().setNumThreads(1)  # one core for decoding; the window keeps the other
    try:
        decoder = make_decoder(backend)
    except Exception as exc:
        conn.send(("failed", repr(exc)))
        return
    shm: SharedMemory | None = None
    conn.send(("ready", os.getpid()))
    while True:
        try:
            kind, arg = conn.recv()
        except (EOFError, OSError):
            return
        if kind == "frame":
            height, width, name = arg
            try:
                if shm is None or shm.name != name:
                    if shm is not None:
                        shm.close()
                    shm = SharedMemory(name)
                gray = np.ndarray((height, width), np.uint8, buffer=shm.buf)
                codes = decoder.decode(gray)
                del gray  # no view may outlive the buffer when it is swapped
                conn.send(("codes", [(c.text, c.symbology, c.polygon) for c in codes]))
            except Exception as exc:  # a decoder bug must not end the child's loop
                conn.send(("error", repr(exc)))
        elif kind == "fault":  # test hook: die the way zbar does
            if arg == "abort":
                os.abort()
            elif arg == "exit":
                os._exit(70)
            elif arg == "hang":
                time.sleep(3600)
        elif kind == "quit":
            return


class ProcessDecoder:
    """A `Decoder` whose work happens in a restartable child process (spawn start method)."""

    def __init__(
        self, backend: str = "pyzbar", *, frame_timeout: float = 3.0, start_timeout: float = 30.0
    ) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"unknown decoder backend {backend!r}")
        if backend == "zxing" and importlib.util.find_spec("zxingcpp") is None:
            raise ImportError("zxing-cpp is not installed (pip install 'pos-app[zxing]')")
        self.name = backend
        self.restarts = 0
        self._failures = 0
        self._retry_at = 0.0
        self._last_failure = ""
        self._backend = backend
        self._frame_timeout = frame_timeout
        self._start_timeout = start_timeout
        self._ctx = mp.get_context("spawn")
        self._proc: Any = None
        self._conn: Connection | None = None
        self._shm: SharedMemory | None = None

    @property
    def pid(self) -> int | None:
        """The child's pid while it runs."""
        return self._proc.pid if self._proc is not None and self._proc.is_alive() else None

    def start(self) -> None:
        """Start the child now rather than on the first frame (it takes ~0.5 s to import).

        `DecoderUnavailable` if it cannot start, or if the last try failed too recently.
        """
        if self._conn is not None:
            return
        if time.monotonic() < self._retry_at:
            raise DecoderUnavailable(self._last_failure)
        try:
            self._spawn()
        except DecoderCrashed as exc:
            self._failures += 1
            self._retry_at = time.monotonic() + min(30.0, 0.5 * 2**self._failures)
            self._last_failure = str(exc)
            log.error("decoder process unavailable: %s", exc)
            raise DecoderUnavailable(str(exc)) from exc
        self._failures = 0

    def _spawn(self) -> None:
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(
            target=_child_main, args=(child, self._backend), name="pos-decoder", daemon=True
        )
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent
        if not parent.poll(self._start_timeout):
            self._kill()
            raise DecoderCrashed("decoder process did not start")
        try:
            kind, detail = parent.recv()
        except (EOFError, OSError) as exc:
            self._kill()
            raise DecoderCrashed("decoder process failed to start") from exc
        if kind != "ready":
            self._kill()
            raise DecoderCrashed(f"decoder process failed to start: {detail}")

    def decode(self, gray: Frame) -> list[DecodedCode]:
        """Codes in one grayscale frame; `DecoderCrashed` if the child died on it."""
        if self._conn is None:
            self.start()
        conn = self._conn
        assert conn is not None
        height, width = gray.shape[:2]
        if self._shm is None or self._shm.size < gray.size:
            self._free_frame_buffer()
            self._shm = SharedMemory(create=True, size=max(gray.size, 1))
        np.ndarray((height, width), np.uint8, buffer=self._shm.buf)[:] = gray
        try:
            conn.send(("frame", (height, width, self._shm.name)))
            if not conn.poll(self._frame_timeout):
                raise TimeoutError("decoder hung")
            kind, payload = conn.recv()
        except (EOFError, OSError, TimeoutError) as exc:
            self._restart(exc)
            raise DecoderCrashed(str(exc) or type(exc).__name__) from exc
        if kind != "codes":
            log.warning("decoder error: %s", payload)
            return []
        return [DecodedCode(t, s, tuple(tuple(p) for p in poly)) for t, s, poly in payload]

    def inject_fault_for_tests(self, how: str) -> None:
        """Make the child die (`abort`, `exit`) or hang, as zbar does on some QR payloads."""
        if how not in FAULTS:
            raise ValueError(how)
        if self._conn is None:
            self.start()
        assert self._conn is not None
        self._conn.send(("fault", how))

    def close(self) -> None:
        """Stop the child; safe to call twice."""
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send(("quit", None))
        proc = self._proc
        if proc is not None:
            proc.join(1.0)
        self._kill()
        self._free_frame_buffer()

    def _free_frame_buffer(self) -> None:
        shm, self._shm = self._shm, None
        if shm is not None:
            shm.close()
            with contextlib.suppress(FileNotFoundError):
                shm.unlink()

    def _restart(self, reason: BaseException) -> None:
        code = self._proc.exitcode if self._proc is not None else None
        log.error("decoder process lost (%r, exit code %s); restarting", reason, code)
        self._kill()
        self.restarts += 1
        self.start()

    def _kill(self) -> None:
        proc, conn = self._proc, self._conn
        self._proc, self._conn = None, None
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.is_alive():
                proc.kill()
            proc.join(2.0)
            with contextlib.suppress(ValueError):
                proc.close()
