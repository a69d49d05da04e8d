"""Helpers for the start-up and soak benchmarks: timed child processes, a sandbox process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """One finished child process: wall seconds (start to exit), peak RSS in MiB, what it
    printed, and seconds from start to its ready line (None when not asked for)."""

    wall_s: float
    peak_mib: float
    stdout: str
    ready_s: float | None = None


def run_timed(
    cmd: list[str],
    env: Mapping[str, str],
    *,
    timeout_s: float = 60.0,
    ready_line: str | None = None,
) -> Run:
    """Run `cmd` to the end; wall time around the whole process and its own peak RSS (wait4).

    With `ready_line`, also the time from the start to the first line of its output that
    contains it (printed and flushed by the child the moment it is ready). Raises RuntimeError
    (with what it printed) when it exits non-zero, never prints `ready_line`, or runs too long.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    lines: list[str] = []
    ready_at: float | None = None
    for raw in proc.stdout:  # ends when the child closes its output (at exit)
        lines.append(raw.decode(errors="replace"))
        if ready_at is None and ready_line is not None and ready_line in lines[-1]:
            ready_at = time.perf_counter()
    deadline = time.monotonic() + timeout_s
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            raise RuntimeError(f"{cmd} ran longer than {timeout_s:.0f} s")
        time.sleep(0.001)
    ended = time.perf_counter()
    out = "".join(lines)
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} exited {proc.returncode}:\n{out}\n{err}")
    if ready_line is not None and ready_at is None:
        raise RuntimeError(f"{cmd} never printed {ready_line!r}:\n{out}\n{err}")
    ready_s = ready_at - t0 if ready_at is not None else None
    return Run(ended - t0, usage.ru_maxrss / 1024, out, ready_s)  # Linux reports KiB


def isolated_env(home: str, **extra: str) -> dict[str, str]:
    """The environment for a till child: offscreen, settings/journal/logs under `home`."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = home
    env.pop("POS_API_KEY", None)
    env.pop("POS_API_SECRET", None)
    env.update(extra)
    return env


@contextmanager
def sandbox_process(*extra_args: str) -> Iterator[str]:
    """A sandbox in its own process on a free loopback port; yields its base URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app.sandbox", "--port", "0", "--rate-limit", "0", *extra_args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = next((w for w in line.split() if w.startswith("http://")), "")
        if not url:
            raise RuntimeError(f"the sandbox did not say its URL: {line!r}")
        yield url.rstrip("/.,")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def temporary_home() -> Iterator[str]:
    """A throw-away home folder for a till child."""
    with tempfile.TemporaryDirectory(prefix="pos-bench-") as home:
        yield home
