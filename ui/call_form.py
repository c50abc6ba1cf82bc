"""The answered call: who is calling, how long the operator has been talking, and six call-type buttons, each
on its own F-key.

Prank, ghost, wrong number, test and information close the call in one keystroke; Normal opens the incident
form. After answering, focus is on the call-type buttons (arrow keys move between them, Enter chooses). The talk
timer ("bicara 1:23") runs from the answer until the caller hangs up or the call is closed.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from callcenter.clock import Clock, utcnow
from callcenter.db.enums import CallType
from callcenter.services.callers import CallerHistory
from callcenter.services.calls import CallInfo
from ui.ring_banner import describe_caller, number_text
from ui.shortcuts import CALL_TYPE_KEYS, CALLER_HISTORY, with_key
from ui.words import call_type_text, duration_text, time_text


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def call_type_names() -> dict[CallType, str]:
    return {call_type: call_type_text(call_type) for call_type in CallType}


def call_type_help() -> dict[CallType, str]:
    return {
        CallType.NORMAL: _t("A real report: open an incident or link to one"),
        CallType.INFORMASI: _t("Caller asked for information: close the call"),
        CallType.PRANK: _t("Prank call: close the call and count it against the number"),
        CallType.GHOST: _t("Silent or ghost call: close the call and count it"),
        CallType.SALAH_SAMBUNG: _t("Wrong number: close the call"),
        CallType.TEST: _t("Test call: close the call"),
    }


class _TypeButton(QPushButton):
    """Left/Right move along the row, so the operator never needs the mouse."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
            forward = event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Down)
            neighbour = self.nextInFocusChain() if forward else self.previousInFocusChain()
            if neighbour is not None:
                neighbour.setFocus()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class CallForm(QFrame):
    classify_requested = Signal(str)   # CallType value
    history_requested = Signal(str)    # number

    def __init__(self, parent: QWidget | None = None, *, clock: Clock = utcnow) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.call: CallInfo | None = None
        self.clock = clock
        self._talk_since: datetime | None = None
        self._talk_timer = QTimer(self)
        self._talk_timer.setInterval(1000)
        self._talk_timer.timeout.connect(self._tick_talk)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.heading = QLabel(_t("Call in progress"))
        self.heading.setObjectName("sectionTitle")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.received = QLabel()
        self.received.setObjectName("muted")
        top.addWidget(self.received)
        layout.addLayout(top)
        number_row = QHBoxLayout()
        # The talk timer sits beside the number, so the compact form (heading row hidden) still shows it.
        self.talk = QLabel()
        self.talk.setObjectName("talkTimer")
        self.talk.setToolTip(_t("Time since you answered the call"))
        self.number = QLabel()
        self.number.setObjectName("callNumber")
        self.number.setTextFormat(Qt.TextFormat.PlainText)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        number_row.addWidget(self.number)
        number_row.addStretch(1)
        number_row.addWidget(self.talk)
        number_row.addSpacing(12)
        self.history_button = QPushButton(_t("Caller history"))
        self.history_button.setToolTip(with_key(_t("All calls and incidents from this number"), CALLER_HISTORY))
        self.history_button.clicked.connect(self._history)
        self.history_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        number_row.addWidget(self.history_button)
        layout.addLayout(number_row)
        self.meta = QLabel()
        self.meta.setObjectName("ringMeta")
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        layout.addWidget(self.meta)
        self.warn = QLabel()
        self.warn.setObjectName("ringWarn")
        self.warn.setTextFormat(Qt.TextFormat.PlainText)
        self.warn.setWordWrap(True)
        layout.addWidget(self.warn)
        self.location = QLabel()
        """The caller's phone location (AML), when the handset sent one: accuracy, age, desa."""
        self.location.setObjectName("callLocation")
        self.location.setTextFormat(Qt.TextFormat.PlainText)
        self.location.hide()
        layout.addWidget(self.location)
        self.hung_up = QLabel(_t("The caller has hung up. Classify the call, or open the incident with what you know."))
        self.hung_up.setObjectName("ringWarn")
        self.hung_up.setWordWrap(True)
        self.hung_up.hide()
        layout.addWidget(self.hung_up)
        self.prompt = QLabel(_t("What kind of call is this?"))
        self.prompt.setObjectName("fieldLabel")
        layout.addWidget(self.prompt)
        self.button_row = QWidget()
        row = QHBoxLayout(self.button_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.buttons: dict[CallType, QPushButton] = {}
        helps = call_type_help()
        for call_type, name in call_type_names().items():
            key = CALL_TYPE_KEYS[call_type.value]
            button = _TypeButton(f"{name}  [{key}]")
            button.setObjectName("callType")
            button.setProperty("kind", call_type.value)
            button.setToolTip(with_key(helps[call_type], key))
            button.clicked.connect(lambda _checked=False, t=call_type: self.classify_requested.emit(t.value))
            row.addWidget(button)
            self.buttons[call_type] = button
        layout.addWidget(self.button_row)

    def show_call(self, call: CallInfo, history: CallerHistory | None) -> None:
        self.call = call
        self.number.setText(number_text(call))
        self.received.setText(_t("received {time} WIB").format(time=time_text(call.received_at)))
        meta, warn = describe_caller(call, history, call.received_at)
        if call.cid_name and call.e164:
            meta = call.cid_name + "  ·  " + meta
        self.meta.setText(meta)
        self.warn.setText(warn)
        self.warn.setVisible(bool(warn))
        self.history_button.setEnabled(bool(call.e164 or call.number_raw))
        self.hung_up.setVisible(call.ended_at is not None)
        self.show_location("")
        self.set_buttons_enabled(True)
        self._talk_since = call.answered_at
        self._talk_timer.stop()
        if call.ended_at is not None:
            self.stop_talk(call.ended_at)
        elif call.answered_at is not None:
            self._talk_timer.start()
            self._tick_talk()
        else:
            self.talk.clear()

    def stop_talk(self, at: datetime | None = None) -> None:
        """The caller hung up (at that moment: the timer shows the talk's length) or the call was closed."""
        self._talk_timer.stop()
        if at is not None and self._talk_since is not None:
            self._show_talk(at)
        elif at is None:
            self._talk_since = None
            self.talk.clear()

    def talk_running(self) -> bool:
        return self._talk_timer.isActive()

    def _tick_talk(self) -> None:
        self._show_talk(self.clock())

    def _show_talk(self, now: datetime) -> None:
        if self._talk_since is None:
            return
        self.talk.setText(_t("talking {time}").format(time=duration_text(now - self._talk_since)))

    def show_location(self, text: str) -> None:
        self.location.setText(text)
        self.location.setVisible(bool(text))

    def set_compact(self, compact: bool) -> None:
        """While the incident form is open the question is answered: give its lines, and its answers' row, to the
        form (at 1366x768 its description and Save come into view; F6-F10 still work). The number stays."""
        for widget in (self.heading, self.received, self.prompt, self.button_row):
            widget.setVisible(not compact)
        layout = self.layout()
        assert layout is not None
        layout.setContentsMargins(14, 2 if compact else 10, 14, 4 if compact else 10)
        layout.setSpacing(2 if compact else 4)

    def set_buttons_enabled(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(enabled)

    def focus_buttons(self) -> None:
        self.buttons[CallType.NORMAL].setFocus()

    def _history(self) -> None:
        if self.call is not None and (self.call.e164 or self.call.number_raw):
            self.history_requested.emit(self.call.e164 or self.call.number_raw or "")
