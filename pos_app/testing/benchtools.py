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
    """One finished child process: wall seconds, peak RSS in MiB, what it printed."""

    wall_s: float
    peak_mib: float
    stdout: str


def run_timed(cmd: list[str], env: Mapping[str, str], *, timeout_s: float = 60.0) -> Run:
    """Run `cmd` to the end; wall time around the whole process, its own peak RSS (wait4).

    Raises RuntimeError (with what it printed) when it exits non-zero or runs too long.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
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
    wall = time.perf_counter() - t0
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} exited {proc.returncode}:\n{out}\n{err}")
    return Run(wall, usage.ru_maxrss / 1024, out)  # Linux reports KiB


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
