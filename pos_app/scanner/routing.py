"""Where a scanner burst belongs: a scan for the till, a dialog's scan field, or typing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from PySide6.QtCore import QObject
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from pos_app.scanner.reading import ISSUED, KEY, Reading

# A widget property: this field takes scans (the card field, a badge field in Settings).
SCAN_FIELD_PROPERTY: Final = "wedgeScanField"
_INVALID = QValidator.State.Invalid


def mark_scan_field(widget: QWidget) -> None:
    """Let `widget` take any scanned code, also inside a dialog (see `route`)."""
    widget.setProperty(SCAN_FIELD_PROPERTY, True)


def _is_scan_field(widget: QObject) -> bool:
    return bool(widget.property(SCAN_FIELD_PROPERTY))


def _state(result: object) -> object:
    """The state of a validate() answer; PySide6 returns (state, text, position)."""
    return result[0] if isinstance(result, tuple) else result


def _would_type(widget: QObject, text: str) -> bool:
    """Whether `widget` is a field where a person types (an amount, a PIN, a name) that would
    take `text`: its validator, if any, does not refuse it."""
    for obj in (widget, widget.parent()):
        if isinstance(obj, QLineEdit):
            if obj.isReadOnly():
                return False
            validator = obj.validator()
            return validator is None or _state(validator.validate(text, 0)) != _INVALID
        if isinstance(obj, QAbstractSpinBox):
            return not obj.isReadOnly() and _state(obj.validate(text, 0)) != _INVALID
        if isinstance(obj, (QTextEdit, QPlainTextEdit)):
            return not obj.isReadOnly()
        if isinstance(obj, QComboBox) and obj.isEditable():
            return True
    return False


@dataclass(frozen=True)
class Outcome:
    """What a finished burst becomes: "scan" (the `scanned` signal), "fill" (a scan field's
    text), "keys" (a code typed into a dialog's field, its terminator dropped) or "typing"
    (every key as it came, terminator included)."""

    kind: Literal["scan", "fill", "keys", "typing"]
    text: str = ""


def route(receiver: QWidget, reading: Reading, home: QWidget | None) -> Outcome:
    """What a burst that reads as `reading`, typed into `receiver`, becomes.

    A free-form card number ("1250") typed into a field where people type and that would take
    it (an amount, a PIN) stays typing, unless the field is a scan field; one the field would
    refuse ("LC00000567" in the order total) is a scan. Outside the `home` window (a dialog),
    the burst is the dialog's: a scan field receives the code as its text; the manager badge,
    a key to the till rather than a lookup, is still a scan (it unlocks a locked Settings
    dialog); any other field gets the keys but not the scanner's Enter, so a card scanned by
    mistake never presses the dialog's Save.
    """
    if (
        reading.rank < ISSUED
        and not _is_scan_field(receiver)
        and _would_type(receiver, reading.text)
    ):
        return Outcome("typing")
    if home is not None and receiver.window() is not home:
        if isinstance(receiver, QLineEdit) and _is_scan_field(receiver):
            return Outcome("fill", reading.text)
        if reading.rank >= KEY:
            return Outcome("scan", reading.text)
        return Outcome("keys")
    return Outcome("scan", reading.text)
