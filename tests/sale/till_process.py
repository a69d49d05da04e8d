"""Runs the real till (`python -m pos_app` under tests.sale.till_robot) as a child process.

The child gets its own data and config folders (so its sales journal is a file the test can
open), the offscreen platform, no keyring, and whatever extra environment the test gives.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class Seen:
    """One change the robot reported: which widget, what it shows now."""

    widget: str
    text: str


class TillProcess:
    """One till process; `seen` fills from its stdout while it runs."""

    def __init__(
        self,
        home: Path,
        args: list[str],
        *,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.home = home
        child_env = {
            k: v for k, v in os.environ.items() if not k.startswith(("POS_", "PYTEST", "XDG_"))
        }
        child_env.update(
            QT_QPA_PLATFORM="offscreen",
            XDG_DATA_HOME=str(home / "data"),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_CACHE_HOME=str(home / "cache"),
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
            PYTHONUNBUFFERED="1",
        )
        child_env.update(env or {})
        self.seen: list[Seen] = []
        self.other_output: list[str] = []
        self._lock = threading.Lock()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.sale.till_robot", "--", *args],
            cwd=ROOT,
            env=child_env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.stderr = ""
        self._out = threading.Thread(target=self._read_stdout, daemon=True)
        self._out.start()
        self._err = threading.Thread(target=self._read_stderr, daemon=True)
        self._err.start()

    @property
    def journal_path(self) -> Path:
        # Demo credentials against a test sandbox: the demo journal.
        return self.home / "data" / "pos-app" / "sales-demo.sqlite3"

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("ROBOT "):
                event = json.loads(line[6:])
                with self._lock:
                    self.seen.append(Seen(event["widget"], event["text"]))
            else:
                with self._lock:
                    self.other_output.append(line)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._lock:
                self.stderr += line

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def do(self, command: str, timeout: float = 20.0) -> None:
        """Send a command and wait until the robot has carried it out."""
        self.send(command)
        self.wait_for(lambda s: s.widget == "robot" and s.text == f"done {command}", timeout)

    def shows(self, widget: str) -> str:
        """What `widget` shows now (the robot's last report)."""
        with self._lock:
            for seen in reversed(self.seen):
                if seen.widget == widget:
                    return seen.text
        return ""

    def wait_for(self, condition: Callable[[Seen], bool], timeout: float = 20.0) -> Seen:
        """The first report (old or new) that satisfies `condition`; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for seen in self.seen:
                    if condition(seen):
                        return seen
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(
            f"the till never showed what was expected; it showed {self.seen!r};"
            f" exit code {self.process.poll()}; stderr: {self.stderr[-3000:]}"
        )

    def wait_shown(self, widget: str, contains: str, timeout: float = 20.0) -> Seen:
        return self.wait_for(lambda s: s.widget == widget and contains in s.text, timeout)

    def finish(self, timeout: float = 30.0) -> int:
        """Wait for the process to end on its own; its exit code."""
        code = self.process.wait(timeout)
        self._out.join(5)
        self._err.join(5)
        self._close_pipes()
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._out.join(5)
        self._err.join(5)
        self._close_pipes()

    def _close_pipes(self) -> None:
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
