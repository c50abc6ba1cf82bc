"""The notice slot under the header: the loud messages (a line down, the database away, the spool failing) in
one place of one fixed height, so a notice appearing or clearing never moves the calls and forms below it.

Several notices may stand at once; the most serious is shown (a red alarm before an orange warning), the others
counted, every one in the tooltip. With none, the slot says calmly that all is well.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

BLINK_MS = 700
LINES = 2
# The order of seriousness: calls cannot be written at all, a line cannot reach the desk, the database is away,
# the spool cannot be written (calls are still safe while the database is up).
KINDS = ("alarm", "line", "down", "spool")


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


@dataclass(frozen=True, slots=True)
class Notice:
    kind: str
    text: str


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setProperty("kind", "none")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 2, 14, 2)
        self.label = QLabel()
        self.label.setObjectName("noticeText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self.more = QLabel()
        self.more.setObjectName("noticeText")
        layout.addWidget(self.more)
        bold = self.label.font()
        bold.setBold(True)
        self.label.setFont(bold)
        self.setFixedHeight(self.label.fontMetrics().lineSpacing() * LINES + 6)
        self.notices: dict[str, Notice] = {}
        self._blink = QTimer(self)
        self._blink.setInterval(BLINK_MS)
        self._blink.timeout.connect(self._toggle_blink)
        self._show()

    @property
    def kind(self) -> str:
        """What the slot shows: one of KINDS, or "none"."""
        return str(self.property("kind"))

    def set_notice(self, source: str, kind: str | None, text: str = "") -> None:
        """``source`` (lines, database) says ``text`` of ``kind``; None clears what it said."""
        if kind is None:
            self.notices.pop(source, None)
        else:
            self.notices[source] = Notice(kind, text)
        self._show()

    def _show(self) -> None:
        ranked = sorted(self.notices.values(), key=lambda notice: KINDS.index(notice.kind))
        if not ranked:
            kind, text = "none", _t("All lines and the database are working.")
        else:
            kind, text = ranked[0].kind, ranked[0].text
        self.label.setText(text)
        self.more.setText(_t("+{count} more").format(count=len(ranked) - 1) if len(ranked) > 1 else "")
        self.setToolTip("\n\n".join(notice.text for notice in ranked))
        if self.property("kind") != kind:
            self.setProperty("kind", kind)
            self.setProperty("blink", False)
            # The labels too: their colour follows the slot's kind (white on red), not only the slot's background.
            for widget in (self, self.label, self.more):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        if kind in ("alarm", "line") and not self._blink.isActive():
            self._blink.start()
        elif kind not in ("alarm", "line"):
            self._blink.stop()

    def _toggle_blink(self) -> None:
        self.setProperty("blink", not bool(self.property("blink")))
        self.style().unpolish(self)
        self.style().polish(self)
