"""The real till in a child process with a read-only probe, for tests on a real X server.

`python -m pos_app.testing.x_till [pos-app flags]` starts the till exactly as `python -m pos_app`
does, and answers one JSON request per stdin line with one stdout line `XTILL {json}`: what the
named widgets show, which widget has the keyboard focus, and plain attributes of the main
window by dotted path ("lock.is_locked"). The parent side is
`pos_app.testing.xserver.TillProcess`.
"""

from __future__ import annotations

import json
import sys
import threading
from typing import Any

PREFIX = "XTILL "


def _describe(widget: Any) -> dict[str, Any]:
    text_of = getattr(widget, "text", None)
    text = text_of() if callable(text_of) else None
    window = widget.window()
    corner = widget.mapTo(window, widget.rect().topLeft())
    # Whole: shown, and no part cut off by a scroll area, the window's edge or a sibling.
    whole = bool(widget.isVisible()) and widget.visibleRegion().boundingRect() == widget.rect()
    tooltip = widget.toolTip()
    return {
        "class": type(widget).__name__,
        "text": text if isinstance(text, str) else None,
        "visible": bool(widget.isVisible()),
        "enabled": bool(widget.isEnabled()),
        "window": window.windowTitle(),
        "geometry": [corner.x(), corner.y(), widget.width(), widget.height()],
        "whole": whole,
        "tooltip": tooltip if isinstance(tooltip, str) else "",
    }


def _answer(request: dict[str, Any]) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    windows = [w for w in app.topLevelWidgets() if w.isVisible()]
    if request.get("cmd") == "quit":
        for window in windows:
            window.close()
        return {"ok": True}
    focus = app.focusWidget()
    # A spin box's inner line edit has the focus; report the spin box the cashier sees.
    while focus is not None and not focus.objectName() and isinstance(focus.parent(), QWidget):
        focus = focus.parentWidget()
    widgets: dict[str, Any] = {}
    for name in request.get("names", []):
        for window in app.topLevelWidgets():
            found = window if window.objectName() == name else window.findChild(QWidget, name)
            if found is not None:
                widgets[name] = _describe(found)
                break
    attrs: dict[str, Any] = {}
    main = next((w for w in windows if hasattr(w, "vm")), None)
    for path in request.get("attrs", []):
        value: Any = main
        for part in path.split("."):
            value = getattr(value, part, None)
        plain = isinstance(value, (str, int, float, bool, type(None)))
        attrs[path] = value if plain else repr(value)
    active = app.activeWindow()
    return {
        "attrs": attrs,
        "focus": None if focus is None else {"name": focus.objectName(), **_describe(focus)},
        "active": None if active is None else active.windowTitle(),
        "windows": [w.windowTitle() for w in windows],
        "widgets": widgets,
    }


def _install_probe() -> None:
    from PySide6.QtCore import QObject, Signal

    class Bridge(QObject):
        """Carries a request from the stdin thread to the GUI thread. Signals: request(str)."""

        request = Signal(str)

        def handle(self, line: str) -> None:
            try:
                request = json.loads(line)
                reply = {"id": request.get("id"), **_answer(request)}
            except Exception as exc:  # a broken probe must say so, not hang the test
                reply = {"id": None, "error": repr(exc)}
            # One write, newline included: a log line from another thread cannot land inside.
            sys.stdout.write(PREFIX + json.dumps(reply) + "\n")
            sys.stdout.flush()

    bridge = Bridge()
    bridge.request.connect(bridge.handle)  # queued: emitted from the reader thread

    def read() -> None:
        for line in sys.stdin:
            if line.strip():
                bridge.request.emit(line)

    threading.Thread(target=read, name="x_till-probe", daemon=True).start()
    _keep.append(bridge)


_keep: list[Any] = []


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    QApplication(sys.argv[:1])
    _install_probe()
    from pos_app.__main__ import main as till_main

    return till_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
