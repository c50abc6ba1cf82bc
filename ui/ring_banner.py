"""The ringing banner: the oldest ringing calls with who is calling and what we know about them.

Each card shows the number in national format, area or carrier, and the caller's history at a glance (calls in
the last 30 days, prank/ghost count, blocked flag with its reason, last incident). F2 (or Space/Enter while the
banner has focus) answers the oldest call. A call another desk took leaves with a short note saying who.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    Qt,
    QTimer,
    QtMsgType,
    QUrl,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from callcenter import phone
from callcenter.clock import Clock, to_wib, utcnow
from callcenter.services.callers import CallerHistory
from callcenter.services.calls import CallInfo
from callcenter.services.location_views import LocationView, banner_text
from ui.app import RING_WAV, icon
from ui.shortcuts import ANSWER, with_key

log = logging.getLogger(__name__)

MAX_CARDS = 3
HISTORY_WINDOW = timedelta(days=30)
TAKEN_NOTE_MS = 6000


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def _language() -> str:
    # The Indonesian .ts translates this marker to "id" (as ui.views.common.current_language reads it).
    return "id" if QCoreApplication.translate("Language", "en") == "id" else "en"


def _restyle(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


@dataclass(frozen=True, slots=True)
class RingingCall:
    call: CallInfo
    history: CallerHistory | None
    line_name: str | None = None
    source_key: str | None = None
    location: LocationView | None = None
    """The caller's phone location (AML), when the handset sent one before or while it rings."""


def number_text(call: CallInfo) -> str:
    if call.e164 or call.number_raw:
        return call.display_number or ""
    if call.presentation == "private":
        return _t("Private number")
    return _t("No caller ID")


def describe_caller(call: CallInfo, history: CallerHistory | None, now: datetime) -> tuple[str, str]:
    """(meta line, warning line) for a card: area/carrier and history; warnings in the second line."""
    meta: list[str] = []
    warn: list[str] = []
    info = history.info if history is not None else (phone.describe(call.e164) if call.e164 else None)
    if info is not None:
        label = phone.summary(info)
        if label:
            meta.append(label)
        if info.emergency:
            warn.append(_t("emergency short number"))
    if history is not None and history.e164:
        earlier = max(0, history.calls_last_30_days - (1 if call.received_at >= now - HISTORY_WINDOW else 0))
        meta.append(_t("no earlier call in 30 days") if earlier == 0 else
                    _t("1 earlier call in 30 days") if earlier == 1 else
                    _t("{count} earlier calls in 30 days").format(count=earlier))
        if history.last_incident is not None:
            meta.append(_t("last incident {number}").format(number=history.last_incident.number))
        if history.prank_count or history.ghost_count:
            warn.append(_t("{prank} prank / {ghost} ghost calls").format(prank=history.prank_count,
                                                                       ghost=history.ghost_count))
        if history.is_blocked(now) and history.blocked_until is not None:
            until = to_wib(history.blocked_until).strftime("%d-%m %H:%M")
            warn.append(_t("BLOCKED until {time}: {reason}").format(
                time=until, reason=history.block_reason or _t("no reason given")))
    elif call.e164 is None:
        meta.append(_t("number unknown: ask the caller for it"))
    else:
        meta.append(_t("first call from this number"))
    return "  ·  ".join(meta), "  ·  ".join(warn)


class ElidedLabel(QLabel):
    """One line, cut with "…" to the width it gets (the whole text in the tooltip): it never grows taller."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.full_text = ""
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(20, self.width())
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, width))


class RingCard(QFrame):
    """One ringing call: the number and how long it waits, then one line of what we know and up to two lines of
    warnings. Every card has the same height, so the banner never grows while the operator works below it."""

    WARN_LINES = 2

    def __init__(self, ringing: RingingCall, now: datetime, first: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ringCard")
        self.setProperty("first", first)
        self.call_id = ringing.call.id
        self._received = ringing.call.received_at
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        top = QHBoxLayout()
        self.number = QLabel(number_text(ringing.call))
        self.number.setObjectName("ringNumber")
        self.number.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.number)
        top.addStretch(1)
        self.waiting = QLabel()
        self.waiting.setObjectName("ringMeta")
        top.addWidget(self.waiting)
        layout.addLayout(top)
        meta, warn = describe_caller(ringing.call, ringing.history, now)
        if ringing.line_name:
            meta = _t("line {line}").format(line=ringing.line_name) + "  ·  " + meta
        if ringing.call.cid_name and ringing.call.e164:
            meta = ringing.call.cid_name + "  ·  " + meta
        if ringing.call.answered_extension:  # a desk phone took it: a desk still has to log it
            meta = _t("answered at desk phone {extension}: log it with F2").format(
                extension=ringing.call.answered_extension) + "  ·  " + meta
        self._meta = meta
        self._location = ringing.location
        self.meta = ElidedLabel(meta)
        self.meta.setObjectName("ringMeta")
        layout.addWidget(self.meta)
        self.warn = QLabel(warn)
        self.warn.setObjectName("ringWarn")
        self.warn.setTextFormat(Qt.TextFormat.PlainText)
        self.warn.setWordWrap(True)
        self.warn.setToolTip(warn)
        self.warn.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.warn.setFixedHeight(self.warn.fontMetrics().lineSpacing() * self.WARN_LINES + 2)
        layout.addWidget(self.warn)
        self.setFixedHeight(card_height(self))
        self.tick(now)

    def tick(self, now: datetime) -> None:
        seconds = max(0, int((now - self._received).total_seconds()))
        self.waiting.setText(_t("waiting {time}").format(time=f"{seconds // 60}:{seconds % 60:02d}"))
        if self._location is not None:  # first: where the caller is matters most; its age moves on
            self.meta.set_full_text(banner_text(self._location, now, _language()) + "  ·  " + self._meta)


def card_height(widget: QWidget) -> int:
    """The one height of every card: margins, the number row, the meta line and two warning lines."""

    number_font = QFont(widget.font())
    number_font.setPointSize(16)
    number_font.setBold(True)
    lines = QFontMetrics(widget.font()).lineSpacing()
    bold_lines = QFontMetrics(QFont(widget.font().family(), widget.font().pointSize(), QFont.Weight.Bold)).lineSpacing()
    return 6 + QFontMetrics(number_font).height() + 2 + lines + 2 + bold_lines * RingCard.WARN_LINES + 2 + 6 + 4


# What Qt Multimedia says while looking for a sound server on a PC that has none: expected, not a fault.
_AUDIO_NOISE = ("PulseAudioService", "pa_context_connect", "pipewire", "QObject::connect(QObject, Unknown)")


@contextmanager
def _quiet_audio_probe() -> Iterator[None]:
    """Drop the audio back-end's complaints about a missing sound server; pass every other message on."""
    previous: Callable[..., None] | None = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if any(noise in message for noise in _AUDIO_NOISE):
            log.debug("audio: %s", message)
        elif previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


class RingSound:
    """The ring tone, looped while calls ring. Silent (and quiet in the log) on a PC without audio output."""

    def __init__(self, enabled: bool = True) -> None:
        self._effect: object | None = None
        self._playing = False
        if not enabled or not RING_WAV.exists():
            return
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:  # a PySide6 build without multimedia: the banner still shows every call
            return
        with _quiet_audio_probe():
            if not QMediaDevices.audioOutputs():
                log.info("no audio output: the ring sound is off")
                return
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(RING_WAV)))
            effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
            effect.setVolume(0.8)
        self._effect = effect

    @property
    def available(self) -> bool:
        return self._effect is not None

    @property
    def playing(self) -> bool:
        return self._playing

    def set_ringing(self, ringing: bool, busy: bool = False) -> None:
        """Ring while calls wait; softer while the operator is busy with a call."""
        self._playing = ringing
        effect = self._effect
        if effect is None:
            return
        effect.setVolume(0.25 if busy else 0.8)  # type: ignore[attr-defined]
        if ringing and not effect.isPlaying():  # type: ignore[attr-defined]
            effect.play()  # type: ignore[attr-defined]
        elif not ringing and effect.isPlaying():  # type: ignore[attr-defined]
            effect.stop()  # type: ignore[attr-defined]


class RingBanner(QFrame):
    """Shows what ``set_calls`` gives it; ``answer_requested`` asks the window to claim the oldest call."""

    answer_requested = Signal()

    def __init__(self, clock: Clock = utcnow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ringBanner")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.clock = clock
        self._calls: list[RingingCall] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(12)

        left_box = QWidget()
        left_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(4)
        self.title = QLabel()
        self.title.setObjectName("ringTitle")
        left.addWidget(self.title)
        # One fixed area for the cards (or the idle text) and one fixed line for notes: calls coming and going,
        # and notes appearing, never move what the operator is working on below the banner.
        self._cards_area = QWidget()
        self._cards_box = QHBoxLayout(self._cards_area)
        self._cards_box.setContentsMargins(0, 0, 0, 0)
        self._cards_box.setSpacing(8)
        self.idle = QLabel(_t("No calls waiting. New calls appear here and ring."))
        self.idle.setObjectName("ringIdle")
        self._cards_box.addWidget(self.idle)
        self._cards_area.setFixedHeight(card_height(self))
        left.addWidget(self._cards_area)
        self.taken = QLabel()
        self.taken.setObjectName("ringTaken")
        self.taken.setTextFormat(Qt.TextFormat.PlainText)
        self.taken.setFixedHeight(self.taken.fontMetrics().lineSpacing() + 2)
        left.addWidget(self.taken)
        layout.addWidget(left_box, 1)

        self.answer_button = QPushButton(_t("Answer") + f"  [{ANSWER}]")
        self.answer_button.setObjectName("answer")
        self.answer_button.setIcon(icon("phone"))
        self.answer_button.setToolTip(with_key(_t("Answer the oldest ringing call"), ANSWER))
        self.answer_button.clicked.connect(self.answer_requested.emit)
        self.answer_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.answer_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.answer_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self._cards: list[RingCard] = []
        self._extra: QLabel | None = None
        self._shown: list[object] = [None]
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._taken_timer = QTimer(self)
        self._taken_timer.setSingleShot(True)
        self._taken_timer.setInterval(TAKEN_NOTE_MS)
        self._taken_timer.timeout.connect(self.taken.clear)
        self.set_calls([])
        self.setFixedHeight(self.sizeHint().height())

    # -- state -----------------------------------------------------------------------------------------
    @property
    def calls(self) -> list[RingingCall]:
        return list(self._calls)

    def call_ids(self) -> list[int]:
        return [ringing.call.id for ringing in self._calls]

    def set_calls(self, calls: list[RingingCall]) -> None:
        """Replace the list (oldest first). The cards are rebuilt only when what they show changed."""
        signature: list[object] = [(r.call.id, r.history, r.location) for r in calls[:MAX_CARDS]]
        signature.append(len(calls) > MAX_CARDS)
        self._calls = list(calls)
        if signature != self._shown:
            self._shown = signature
            self._rebuild(self._calls[:MAX_CARDS])
        elif self._extra is not None:
            self._extra.setText(_t("+{count} more").format(count=len(self._calls) - MAX_CARDS))
        count = len(self._calls)
        ringing = count > 0
        if ringing:
            self.title.setText(_t("INCOMING CALLS: {count}").format(count=count) if count > 1
                               else _t("INCOMING CALL"))
        else:
            self.title.setText(_t("Incoming calls"))
        self.idle.setVisible(not ringing)
        self.answer_button.setEnabled(ringing)
        if bool(self.property("ringing")) != ringing:
            self.setProperty("ringing", ringing)
            _restyle(self)
        if ringing and not self._ticker.isActive():
            self._ticker.start()
        elif not ringing:
            self._ticker.stop()

    def show_taken(self, number: str, by: str) -> None:
        self.show_note(_t("{number} was answered by {operator}").format(number=number, operator=by))

    def show_note(self, text: str) -> None:
        """A short note under the cards (who took a call, who hung up); it fades after a few seconds."""
        self.taken.setText(text)
        self._taken_timer.start()

    # -- keys ------------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._calls:
            self.answer_requested.emit()
            return
        super().keyPressEvent(event)

    # -- drawing ---------------------------------------------------------------------------------------
    def _rebuild(self, shown: list[RingingCall]) -> None:
        for widget in [*self._cards, *([self._extra] if self._extra is not None else [])]:
            self._cards_box.removeWidget(widget)
            widget.deleteLater()
        now = self.clock()
        self._cards = [RingCard(ringing, now, index == 0) for index, ringing in enumerate(shown)]
        for card in self._cards:
            self._cards_box.addWidget(card, 1)
        self._extra = None
        if len(self._calls) > MAX_CARDS:
            self._extra = QLabel(_t("+{count} more").format(count=len(self._calls) - MAX_CARDS))
            self._extra.setObjectName("ringTitle")
            self._cards_box.addWidget(self._extra)

    def _tick(self) -> None:
        now = self.clock()
        for card in self._cards:
            card.tick(now)
