"""Labels for text the till does not control: plain text, one line, cut short with "…" to fit."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

# How wide the label asks to be, in average characters: what it wants and what it needs.
_PREFERRED_CHARS = 24
_MINIMUM_CHARS = 6
_TOOLTIP_CHARS = 500


class ElidedLabel(QLabel):
    """A one-line, plain-text QLabel that asks for no more width than its text, up to a cap.

    A name or any other server text can be 10 000 characters long: shown here it never widens
    the window. Text too long for the width ends in "…" and the whole text is the tooltip;
    `text()` is always the whole text. Line breaks and runs of spaces show as one space.
    Rich text is never interpreted (the text format is fixed to plain text).

    No signals.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._own_tooltip = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()
        self.updateGeometry()

    def setTextFormat(self, format: Qt.TextFormat) -> None:
        del format  # whatever a caller asks for, this label shows text as text
        super().setTextFormat(Qt.TextFormat.PlainText)

    def shown_text(self) -> str:
        """The text as one line, before it is cut to the width."""
        return " ".join(self.text().split())

    def is_elided(self) -> bool:
        width = self.contentsRect().width()
        return self.fontMetrics().horizontalAdvance(self.shown_text()) > width

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        full = metrics.horizontalAdvance(self.shown_text()) + extra
        cap = metrics.averageCharWidth() * _PREFERRED_CHARS + extra
        height = metrics.height() + margins.top() + margins.bottom() + 2 * self.margin()
        return QSize(min(full, cap), height)

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        low = self.fontMetrics().averageCharWidth() * _MINIMUM_CHARS
        return QSize(min(hint.width(), low), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        rect = self.contentsRect()
        margin = self.margin()
        rect.adjust(margin, margin, -margin, -margin)
        shown = self.fontMetrics().elidedText(
            self.shown_text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter = QPainter(self)
        try:
            self.style().drawItemText(
                painter,
                rect,
                int(self.alignment()),
                self.palette(),
                self.isEnabled(),
                shown,
                self.foregroundRole(),
            )
        finally:
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        # The whole text as a tooltip only when it does not fit (a tooltip is plain text too:
        # a string that looks like HTML would be rendered, so it is escaped first).
        wanted = self.text() if self.is_elided() else ""
        if wanted != self._own_tooltip:
            self._own_tooltip = wanted
            self.setToolTip(plain_tooltip(wanted))


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip that shows literally: Qt renders tooltips that look like HTML."""
    if not text:
        return ""
    from html import escape

    if len(text) > _TOOLTIP_CHARS:
        text = text[:_TOOLTIP_CHARS] + "…"
    return "<p style='white-space:pre-wrap'>" + escape(text) + "</p>"


def make_plain(label: QLabel) -> QLabel:
    """Fix `label` to plain text (for text that comes from a server or a person); returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


__all__ = ["ElidedLabel", "make_plain", "plain_tooltip"]
