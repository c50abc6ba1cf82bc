"""The ringing calls: what the banner shows, who took a call that left it, the ring tone.

Refreshes are coalesced (one query at a time, one more if something changed meanwhile) and keep the callers'
histories and the lines in a cache, so a burst of calls costs one query per batch, not per call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from callcenter.db.enums import CallState
from callcenter.errors import DatabaseUnavailable
from callcenter.services.base import Actor
from callcenter.services.callers import CallerHistory, CallerService
from callcenter.services.calls import CallInfo, CallService
from callcenter.services.feed import Change
from callcenter.services.intake import CallNotice
from callcenter.services.location_views import CallLocations, LocationViews
from callcenter.services.reference import LineOption, ReferenceService
from ui.errors import error_text
from ui.line_strip import LineStrip
from ui.ring_banner import MAX_CARDS, RingBanner, RingingCall, RingSound, number_text
from ui.worker import DbWorker

log = logging.getLogger(__name__)

HISTORY_LIMIT = 5
RETRY_MS = 1000


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


@dataclass(frozen=True, slots=True)
class _RingSnapshot:
    calls: list[CallInfo]
    histories: dict[str, CallerHistory]
    lines: list[LineOption] | None
    locations: dict[int, CallLocations]


class RingingController(QObject):
    """Keeps the banner, the line strip's ringing counts and the ring tone in step with the ringing calls."""

    status = Signal(str, bool)
    """A sentence for the status bar (text, is it an error)."""
    hung_up = Signal(int)
    """The line says the caller of this call id hung up."""

    def __init__(self, worker: DbWorker, calls: CallService, callers: CallerService, references: ReferenceService,
                 actor: Actor, banner: RingBanner, line_strip: LineStrip, sound: RingSound,
                 busy: Callable[[], bool], parent: QObject | None = None, *,
                 locations: LocationViews | None = None) -> None:
        super().__init__(parent)
        self.locations = locations
        self.worker = worker
        self.calls = calls
        self.callers = callers
        self.references = references
        self.actor = actor
        self.banner = banner
        self.line_strip = line_strip
        self.sound = sound
        self._busy = busy
        self.ringing: list[RingingCall] = []
        self.histories: dict[str, CallerHistory] = {}
        self._lines: dict[int, LineOption] = {}
        self._in_flight = False
        self._again = False

    def on_calls(self, _notices: list[CallNotice]) -> None:
        """Calls were committed (by this desk's intake): show them."""
        self.refresh()

    def refresh(self) -> None:
        """Ask for the ringing calls (and the histories the banner lacks); coalesced while one is running."""
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        known_histories = frozenset(self.histories)
        known_lines = frozenset(self._lines)
        calls, callers, references, locations = self.calls, self.callers, self.references, self.locations

        def job() -> _RingSnapshot:
            ringing = calls.ringing(limit=50)
            histories = {}
            for call in ringing[:MAX_CARDS]:
                if call.e164 and call.e164 not in known_histories and call.e164 not in histories:
                    histories[call.e164] = callers.history(call.e164, limit=HISTORY_LIMIT)
            lines = None
            if any(call.line_id is not None and call.line_id not in known_lines for call in ringing):
                lines = references.lines()
            shown = [call.id for call in ringing[:MAX_CARDS]]
            found = locations.for_calls(shown) if locations is not None and shown else {}
            return _RingSnapshot(ringing, histories, lines, found)

        self.worker.run(self, job, self._loaded, self._failed)

    def _loaded(self, snapshot: _RingSnapshot) -> None:
        self._in_flight = False
        self.histories.update(snapshot.histories)
        if snapshot.lines is not None:
            self._lines = {line.id: line for line in snapshot.lines}
        ringing = []
        counts: dict[str, int] = {}
        for call in snapshot.calls:
            line = self._lines.get(call.line_id) if call.line_id is not None else None
            located = snapshot.locations.get(call.id)
            view = (located.best or located.items[0]) if located is not None and located.items else None
            ringing.append(RingingCall(call, self.histories.get(call.e164) if call.e164 else None,
                                       line.code if line else None, line.source_key if line else None, view))
            if line is not None:
                counts[line.source_key] = counts.get(line.source_key, 0) + 1
        vanished = {r.call.id for r in self.ringing} - {r.call.id for r in ringing}
        self.ringing = ringing
        self.banner.set_calls(ringing)
        if vanished:
            self._explain_vanished(sorted(vanished))
        self.line_strip.set_ringing(counts)
        self.update_sound()
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        if isinstance(exc, DatabaseUnavailable):
            self._again = True  # try again until it is back: the banner must refill by itself
        else:
            self.status.emit(error_text(exc), True)  # an outage is in the outage banner already
        if self._again:
            self._again = False
            QTimer.singleShot(RETRY_MS, self, self.refresh)

    def update_sound(self) -> None:
        """Ring while calls wait; softer while the operator is busy with a call."""
        self.sound.set_ringing(bool(self.ringing), busy=self._busy())

    def cached_history(self, e164: str | None) -> CallerHistory | None:
        return self.histories.get(e164) if e164 else None

    def forget_history(self, e164: str | None) -> None:
        """The caller's history changed (a call classified): the next card asks for it again."""
        if e164:
            self.histories.pop(e164, None)

    def on_changes(self, changes: list[Change]) -> None:
        """What other desks (and the line service) did: refresh when calls or callers changed."""
        touched = False
        for change in changes:
            if change.entity == "call":
                touched = True
                if change.action == "end":
                    try:
                        self.hung_up.emit(int(change.entity_id))
                    except ValueError:
                        pass
            elif change.entity == "caller":
                self.histories.pop(change.entity_id, None)
                touched = True
            elif change.entity == "database":
                self.histories.clear()
                touched = True
        if touched:
            self.refresh()

    def _explain_vanished(self, call_ids: list[int]) -> None:
        """Calls that left the banner: when another desk answered one, say who."""
        calls = self.calls

        def who() -> list[CallInfo]:
            return [calls.get(call_id) for call_id in call_ids]

        self.worker.run(self, who, self._announce_taken, lambda exc: log.warning("who took the call: %s", exc))

    def _announce_taken(self, infos: list[CallInfo]) -> None:
        for info in infos:
            if info.claimed_by_id is not None and info.claimed_by_id != self.actor.id:
                self.banner.show_taken(number_text(info), info.claimed_by or _t("another desk"))
            elif info.state is CallState.MISSED:
                self.banner.show_note(_t("{number} hung up before anyone answered: see missed calls (Ctrl+2).")
                                      .format(number=number_text(info)))
