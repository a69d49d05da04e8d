"""A real X server for tests, benches and scripts: Xvfb + openbox, window look-ups, XTest keys."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import queue
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pos_app.scanner.keycodes import EVDEV_CODES, XKB_KEYCODE_OFFSET
from pos_app.scanner.layouts import US_KEYS

PROBE_PREFIX: Final = "XTILL "  # the line prefix of x_till's answers
REQUIRED_TOOLS: Final = ("Xvfb", "openbox", "xdotool", "xwininfo", "xprop", "setxkbmap")
SCREEN_SIZES: Final = ("1024x768", "1366x768", "1920x1080")
DEFAULT_SIZE: Final = "1024x768"
# XKB keycodes (evdev + 8) of the keys a scanner presses besides characters.
SHIFT_KEYCODE: Final = 42 + XKB_KEYCODE_OFFSET
RETURN_KEYCODE: Final = 28 + XKB_KEYCODE_OFFSET
TAB_KEYCODE: Final = 15 + XKB_KEYCODE_OFFSET
_US_POSITION: Final = {
    ch: (EVDEV_CODES[pos] + XKB_KEYCODE_OFFSET, shift)
    for pos, pair in US_KEYS.items()
    for shift, ch in enumerate(pair)
}


class XServerUnavailable(RuntimeError):
    """Xvfb, the window manager or a tool is missing, or the server did not come up."""


def missing_tools(tools: Sequence[str] = REQUIRED_TOOLS) -> list[str]:
    """The programs of `tools` that are not on PATH (empty when the tier can run)."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if ctypes.util.find_library("Xtst") is None:
        missing.append("libXtst (libxtst6)")
    return missing


@dataclass(frozen=True)
class Geometry:
    """A window's position on the screen and its size, in pixels."""

    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height


def _read_display_number(fd: int, timeout_s: float) -> int | None:
    """The display number Xvfb writes to its -displayfd, or None if it exits or times out."""
    data = b""
    deadline = time.monotonic() + timeout_s
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            return None
        chunk = os.read(fd, 16)
        if not chunk:
            return None
        data += chunk
    return int(data)


class XServer:
    """One Xvfb screen with openbox on it. Use `start_xserver` rather than this directly.

    Every command runs with this server's DISPLAY; `env()` gives the environment for a child
    (a till) that should show its windows here.
    """

    def __init__(self, size: str = "1024x768", *, window_manager: bool = True) -> None:
        width, _, height = size.partition("x")
        self.size = (int(width), int(height))
        self.display = ""  # known once Xvfb runs
        self._window_manager = window_manager
        self._xvfb: subprocess.Popen[bytes] | None = None
        self._wm: subprocess.Popen[bytes] | None = None

    # --- life cycle --------------------------------------------------------------------------
    def start(self, timeout_s: float = 10.0) -> None:
        """Start Xvfb on a free display (and openbox), wait until both answer, US layout."""
        missing = missing_tools()
        if missing:
            raise XServerUnavailable("missing: " + ", ".join(missing))
        width, height = self.size
        # -displayfd: Xvfb picks a free display itself and writes its number once it listens,
        # so parallel servers (other test runs, other tools) never race for one.
        read_end, write_end = os.pipe()
        try:
            self._xvfb = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24",
                 "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(write_end,),
            )
            os.close(write_end)
            number = _read_display_number(read_end, timeout_s)
        finally:
            os.close(read_end)
        if number is None:
            self.stop()
            raise XServerUnavailable("Xvfb did not start")
        self.display = f":{number}"
        self.set_layout("us")
        if self._window_manager:
            self._start_window_manager(timeout_s)

    def _start_window_manager(self, timeout_s: float) -> None:
        # openbox now and then fails to open a display that has just come up: try again.
        deadline = time.monotonic() + timeout_s
        while True:
            self._wm = subprocess.Popen(
                ["openbox", "--sm-disable"],
                env=self.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            while self._wm.poll() is None and not self._wm_running():
                if time.monotonic() > deadline:
                    self.stop()
                    raise XServerUnavailable("openbox did not start")
                time.sleep(0.05)
            if self._wm.poll() is None:
                return
            if time.monotonic() > deadline:
                self.stop()
                raise XServerUnavailable("openbox did not start")
            time.sleep(0.2)

    def _wm_running(self) -> bool:
        # A window manager announces itself with _NET_SUPPORTING_WM_CHECK on the root window.
        result = self.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], check=False)
        return "window id" in result.stdout

    def stop(self) -> None:
        """Stop openbox and Xvfb (idempotent)."""
        for proc in (self._wm, self._xvfb):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self._wm = self._xvfb = None

    def __enter__(self) -> XServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- running things here -----------------------------------------------------------------
    def env(self, base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
        """`base` (default: os.environ) with this DISPLAY and Qt on xcb, plus `extra`."""
        env = dict(os.environ if base is None else base)
        env.pop("WAYLAND_DISPLAY", None)
        env["DISPLAY"] = self.display
        env["QT_QPA_PLATFORM"] = "xcb"
        env.update(extra)
        return env

    def run(
        self, args: Sequence[str], *, check: bool = True, timeout_s: float = 20.0
    ) -> subprocess.CompletedProcess[str]:
        """Run one X client command on this display and return its output."""
        return subprocess.run(
            list(args),
            env=self.env(),
            capture_output=True,
            text=True,
            check=check,
            timeout=timeout_s,
        )

    # --- keyboard layout ---------------------------------------------------------------------
    def set_layout(self, layout: str) -> None:
        """`setxkbmap <layout>` (us, lt, de, fr, ...): what the OS keyboard layout is now."""
        self.run(["setxkbmap", layout])

    # --- windows -----------------------------------------------------------------------------
    def find_windows(self, name: str) -> list[int]:
        """Ids of visible windows whose title matches the regular expression `name`."""
        result = self.run(["xdotool", "search", "--onlyvisible", "--name", name], check=False)
        return [int(line) for line in result.stdout.split()]

    def wait_for_window(self, name: str, timeout_s: float = 30.0) -> int:
        """The id of the first visible window titled like `name`, waiting for it to appear."""
        deadline = time.monotonic() + timeout_s
        while True:
            found = self.find_windows(name)
            if found:
                return found[0]
            if time.monotonic() > deadline:
                raise TimeoutError(f"no window named {name!r} on {self.display}")
            time.sleep(0.1)

    def geometry(self, window: int, *, frame: bool = False) -> Geometry:
        """The window's client area on screen (xwininfo); `frame=True`: with the window
        manager's title bar and borders, i.e. what must fit on the screen."""
        args = ["xwininfo", "-id", str(window)]
        if frame:
            args.insert(1, "-frame")
        out = self.run(args).stdout
        fields: dict[str, int] = {}
        for line in out.splitlines():
            key, _, value = line.strip().partition(":")
            if key in {"Absolute upper-left X", "Absolute upper-left Y", "Width", "Height"}:
                fields[key] = int(value)
        return Geometry(
            fields["Absolute upper-left X"],
            fields["Absolute upper-left Y"],
            fields["Width"],
            fields["Height"],
        )

    def activate(self, window: int) -> None:
        """Raise and focus the window (needs the window manager)."""
        self.run(["xdotool", "windowactivate", "--sync", str(window)])

    def active_window(self) -> int | None:
        result = self.run(["xdotool", "getactivewindow"], check=False)
        return int(result.stdout) if result.returncode == 0 and result.stdout.strip() else None

    def screenshot(self, path: str | Path, window: int | None = None) -> Path:
        """A PNG of the whole screen (or one window) via ImageMagick `import`."""
        target = "root" if window is None else str(window)
        self.run(["import", "-window", target, str(path)])
        return Path(path)

    # --- keys ----------------------------------------------------------------------------------
    def type_text(self, text: str, *, delay_ms: int = 5) -> None:
        """Type characters as the current layout produces them (`xdotool type`), one key every
        `delay_ms`: a person, or a scanner programmed for the host layout ("\n" is Return)."""
        # xdotool sleeps half its --delay after each press and half after each release.
        self.run(["xdotool", "type", "--delay", str(2 * delay_ms), "--", text])

    def press(self, *keysyms: str, delay_ms: int = 20) -> None:
        """Press keys by keysym name (`xdotool key`), e.g. "Return", "ctrl+Return", "F2"."""
        self.run(["xdotool", "key", "--delay", str(delay_ms), *keysyms])

    def scan_us(
        self, us_text: str, *, delay_ms: int = 3, terminator: str | None = "Return"
    ) -> None:
        """Press the US key positions of `us_text` through XTest, as a US-programmed scanner
        does whatever the layout (Shift for shifted characters), then the terminator.

        `terminator` is "Return", "Tab" or None. Delays are kept by the X server itself, so
        the keys arrive `delay_ms` apart however busy this process is.
        """
        codes: list[tuple[int, bool]] = []
        for ch in us_text:
            if ch not in _US_POSITION:
                raise ValueError(f"{ch!r} has no key on a US keyboard")
            keycode, shift = _US_POSITION[ch]
            codes.append((keycode, bool(shift)))
        if terminator is not None:
            codes.append(({"Return": RETURN_KEYCODE, "Tab": TAB_KEYCODE}[terminator], False))
        self._xtest_keys(codes, delay_ms)

    def type_slowly(self, text: str, *, delay_ms: int = 150) -> None:
        """A person typing, one key every `delay_ms`."""
        self.type_text(text, delay_ms=delay_ms)

    def _xtest_keys(self, codes: Sequence[tuple[int, bool]], delay_ms: int) -> None:
        lib_x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        lib_xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        lib_x11.XOpenDisplay.restype = ctypes.c_void_p
        lib_x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        lib_x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib_x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        fake = lib_xtst.XTestFakeKeyEvent
        fake.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        handle = lib_x11.XOpenDisplay(self.display.encode())
        if not handle:
            raise XServerUnavailable(f"cannot open display {self.display}")
        try:
            first = True
            for keycode, shift in codes:
                gap = 0 if first else delay_ms
                first = False
                if shift:
                    fake(handle, SHIFT_KEYCODE, 1, gap)
                    gap = 0
                fake(handle, keycode, 1, gap)
                fake(handle, keycode, 0, 0)
                if shift:
                    fake(handle, SHIFT_KEYCODE, 0, 0)
            lib_x11.XSync(handle, 0)
        finally:
            lib_x11.XCloseDisplay(handle)


@contextmanager
def start_xserver(size: str = "1024x768", *, window_manager: bool = True) -> Iterator[XServer]:
    """An `XServer` for the `with` block; raises `XServerUnavailable` when it cannot run."""
    server = XServer(size, window_manager=window_manager)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class TillProcess:
    """The real till (`python -m pos_app.testing.x_till`) as a child on an `XServer`.

    `home` becomes its HOME and XDG directories (fresh settings and journal); `settings`
    (AppSettings field -> value, e.g. {"requests_per_minute": "1000"}) is saved there first.

    `state(names)` asks the child what the named widgets show and where the focus is;
    `wait_until` polls that until a condition holds. The child's own output is kept in `log`.
    """

    TITLE: Final = "Loyalty.lt till"

    def __init__(
        self,
        server: XServer,
        args: Sequence[str] = ("--demo",),
        *,
        home: Path,
        env: Mapping[str, str] | None = None,
        python: str = sys.executable,
        module: str = "pos_app.testing.x_till",
        settings: Mapping[str, str] | None = None,
    ) -> None:
        self.server = server
        self.log: list[str] = []
        self._replies: queue.Queue[dict[str, Any]] = queue.Queue()
        self._next_id = 0
        child_env = server.env(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
            PYTHONUNBUFFERED="1",
        )
        child_env.update(env or {})
        if settings:
            # What the till's Settings dialog saves, where it reads it (the user config dir).
            ini = home / "config" / "pos-app" / "settings.ini"
            ini.parent.mkdir(parents=True, exist_ok=True)
            lines = ["[pos]", *(f"{key}={value}" for key, value in settings.items())]
            ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self._proc = subprocess.Popen(
            [python, "-m", module, *args],
            env=child_env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self._reader = threading.Thread(target=self._read, name="till-output", daemon=True)
        self._reader.start()
        self.window: int | None = None

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            if line.startswith(PROBE_PREFIX):
                # The answer, and whatever another thread's output glued to its end.
                reply, end = json.JSONDecoder().raw_decode(line, len(PROBE_PREFIX))
                self._replies.put(reply)
                if line[end:].strip():
                    self.log.append(line[end:].rstrip("\n"))
            else:
                self.log.append(line.rstrip("\n"))

    def wait_for_window(self, timeout_s: float = 30.0) -> int:
        """The till window's id once it is shown, activated (focused) by the window manager."""
        deadline = time.monotonic() + timeout_s
        while True:
            if self._proc.poll() is not None:
                raise RuntimeError("the till exited:\n" + "\n".join(self.log[-30:]))
            found = self.server.find_windows(self.TITLE)
            if found:
                self.window = found[0]
                self.server.activate(self.window)
                return self.window
            if time.monotonic() > deadline:
                raise TimeoutError("the till window did not appear:\n" + "\n".join(self.log[-30:]))
            time.sleep(0.1)

    def state(
        self, *names: str, attrs: Sequence[str] = (), timeout_s: float = 10.0
    ) -> dict[str, Any]:
        """What the child reports: "focus", "active", "windows", "widgets" (by objectName:
        class, text, visible, enabled, window) and "attrs" (main-window attributes by dotted
        path, e.g. "lock.is_locked")."""
        self._next_id += 1
        wanted = self._next_id
        assert self._proc.stdin is not None
        request = {"cmd": "state", "id": wanted, "names": names, "attrs": list(attrs)}
        self._proc.stdin.write(json.dumps(request) + "\n")
        self._proc.stdin.flush()
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                reply = self._replies.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError("the till did not answer the probe") from None
            if "error" in reply:
                raise RuntimeError(f"probe failed in the till: {reply['error']}")
            if reply.get("id") == wanted:
                return reply

    def wait_until(
        self,
        condition: Callable[[dict[str, Any]], bool],
        *names: str,
        attrs: Sequence[str] = (),
        timeout_s: float = 10.0,
    ) -> dict[str, Any]:
        """Poll `state(*names)` until `condition(state)` holds; the last state, or TimeoutError."""
        deadline = time.monotonic() + timeout_s
        while True:
            current = self.state(*names, attrs=attrs)
            if condition(current):
                return current
            if time.monotonic() > deadline:
                raise TimeoutError(f"condition not met; last state: {current}")
            time.sleep(0.05)

    def text(self, name: str) -> str | None:
        """The text() of one widget now."""
        widget = self.state(name)["widgets"].get(name)
        return None if widget is None else widget["text"]

    def close(self, timeout_s: float = 15.0) -> int:
        """Close the till's windows, wait for the exit code; kill it if it hangs."""
        if self._proc.poll() is None:
            try:
                assert self._proc.stdin is not None
                self._proc.stdin.write(json.dumps({"cmd": "quit", "id": 0}) + "\n")
                self._proc.stdin.flush()
            except (BrokenPipeError, OSError):
                pass
            try:
                self._proc.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._reader.join(timeout=5)
        for pipe in (self._proc.stdin, self._proc.stdout):
            if pipe is not None:
                pipe.close()
        return self._proc.returncode
