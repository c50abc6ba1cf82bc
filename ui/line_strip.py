"""The line strip: one chip per caller-ID source (up, down with its reason, ringing) and the line-down alarm.

A line that goes down raises a red, blinking banner across the window that nobody can miss; it clears itself
when the line comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from callcenter.cid.sources import LineState, LineStatus
from ui.words import datetime_text, time_text
from ui.words.lines import line_reason_text


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def _restyle(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


@dataclass(slots=True)
class _Line:
    state: LineState
    ringing: int = 0


class LineStrip(QFrame):
    """Feed it ``LineState``s (``on_line_state``) and ringing counts per source (``set_ringing``)."""

    alarm_changed = Signal(str)
    """The words of the line-down alarm changed ("" when every line is up again)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lineStrip")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.alarm_text = ""
        """What is wrong with the lines, in words (empty when every line is up); the window shows it."""
        row = QWidget()
        self._chips_layout = QHBoxLayout(row)
        self._chips_layout.setContentsMargins(12, 4, 12, 4)
        self._chips_layout.setSpacing(8)
        self._title = QLabel(_t("Lines:"))
        self._title.setObjectName("fieldLabel")
        self._chips_layout.addWidget(self._title)
        self._none = QLabel(_t("no caller-ID source configured"))
        self._none.setObjectName("lineChip")
        self._none.setProperty("status", "none")
        self._chips_layout.addWidget(self._none)
        self._chips_layout.addStretch(1)
        outer.addWidget(row)

        self._lines: dict[str, _Line] = {}
        self._chips: dict[str, QLabel] = {}
        self._names: dict[str, str] = {}

    # -- input -----------------------------------------------------------------------------------------
    def on_line_state(self, state: object) -> None:
        if not isinstance(state, LineState):
            return
        line = self._lines.get(state.source_key)
        if line is None:
            self._lines[state.source_key] = _Line(state)
        else:
            line.state = state
        self._refresh()

    def set_name(self, source_key: str, name: str) -> None:
        """The name an admin gave the source ("Telkom 112"), shown instead of its URL."""
        self._names[source_key] = name
        if source_key in self._lines:
            self._refresh()

    def set_ringing(self, counts: dict[str, int]) -> None:
        """Ringing calls per source key (from the banner's list)."""
        for key, line in self._lines.items():
            line.ringing = counts.get(key, 0)
        self._refresh()

    # -- queries (tests and the window title) ----------------------------------------------------------
    def down_lines(self) -> list[LineState]:
        return [line.state for line in self._lines.values() if line.state.status is LineStatus.DOWN]

    def alarm_visible(self) -> bool:
        return bool(self.alarm_text)

    def chip_text(self, source_key: str) -> str:
        chip = self._chips.get(source_key)
        return chip.text() if chip is not None else ""

    # -- drawing ---------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        self._none.setVisible(not self._lines)
        for key, line in self._lines.items():
            chip = self._chips.get(key)
            if chip is None:
                chip = QLabel()
                chip.setObjectName("lineChip")
                self._chips[key] = chip
                self._chips_layout.insertWidget(self._chips_layout.count() - 1, chip)
            status, text = self._describe(line)
            chip.setText(text)
            chip.setToolTip(line.state.display + "\n" + self._tooltip(line.state))
            if chip.property("status") != status:
                chip.setProperty("status", status)
                _restyle(chip)
        down = self.down_lines()
        if down:
            parts = []
            for state in down:
                since = time_text(state.since)
                reason = line_reason_text(state)
                parts.append(_t("{line}: {reason} (since {time} WIB)").format(
                    line=self._names.get(state.source_key) or state.display, reason=reason, time=since))
            alarm = _t("LINE DOWN - calls on this line cannot reach you. ") + "; ".join(parts)
        else:
            alarm = ""
        if alarm != self.alarm_text:
            self.alarm_text = alarm
            self.alarm_changed.emit(alarm)

    def _describe(self, line: _Line) -> tuple[str, str]:
        state = line.state
        name = self._names.get(state.source_key) or state.display
        if state.status is LineStatus.DOWN:
            return "down", _t("{line}: DOWN").format(line=name)
        if state.status is LineStatus.CONNECTING:
            return "connecting", _t("{line}: connecting").format(line=name)
        if line.ringing:
            return "ringing", _t("{line}: ringing ({count})").format(line=name, count=line.ringing)
        return "up", _t("{line}: up").format(line=name)

    @staticmethod
    def _tooltip(state: LineState) -> str:
        text = _t("Since {time} WIB").format(time=datetime_text(state.since))
        if state.reason_code or state.reason:
            text += "\n" + line_reason_text(state)
        return text



def line_state(source_key: str, display: str, status: LineStatus, reason: str | None,
               since: datetime) -> LineState:
    """Convenience for callers that synthesise a state (e.g. a source that could not even be created)."""
    return LineState(source_key, display, status, reason, since)
