"""What the console calls when an operator acts: done now while the database answers, kept in the desk journal
while it is switching or away (and when an attempt failed half way, so the replay can tell whether it landed).

The console runs these on its database worker, never on the GUI thread. A result either carries the service's
answer (``value``) or the journal entry that will be applied when the database is back (``journalled``); the
console shows the latter as "saved on this desk, sent when the database is back".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from callcenter.clock import Clock, utcnow
from callcenter.db.database import Database
from callcenter.db.enums import CallType, DeliveryChannel
from callcenter.errors import DatabaseUnavailable
from callcenter.services.base import Actor
from callcenter.services.calls import CallInfo, CallService
from callcenter.services.dispatch import DispatchService
from callcenter.services.dispatch_types import DispatchView
from callcenter.services.incidents import IncidentDraft, IncidentService, IncidentView
from callcenter.services.journal import CallRef, DeskJournal, JournalAction, JournalEntry
from callcenter.services.journal_apply import JournalApplier, draft_to_json

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ActionResult(Generic[T]):
    value: T | None = None
    """The service's answer, when the action was done now."""
    journalled: JournalEntry | None = None
    """The journal entry, when the action waits for the database."""

    @property
    def done(self) -> bool:
        return self.journalled is None


def open_desk_journal(path: Path, db: Database, *, clock: Clock = utcnow) -> DeskJournal:
    """This desk's journal, applied by the real services."""
    return DeskJournal(path, db, JournalApplier(db, clock).apply, clock=clock)


def _ref(call: CallRef | int) -> CallRef:
    return call if isinstance(call, CallRef) else CallRef(call_id=call)


class DeskActions:
    def __init__(self, db: Database, journal: DeskJournal, *, clock: Clock = utcnow) -> None:
        self.db = db
        self.journal = journal
        self.clock = clock
        self.calls = CallService(db, clock)
        self.incidents = IncidentService(db, clock)
        self.dispatch = DispatchService(db, clock)

    def _do(self, action: JournalAction, actor: Actor, params: dict[str, Any],
            live: Callable[[], T]) -> ActionResult[T]:
        attempted = self.clock()
        if self._journal_clear():
            try:
                return ActionResult(value=live())
            except DatabaseUnavailable:
                pass  # may or may not have been committed: the journal's replay re-reads before writing
        entry = self.journal.record(action, actor, attempted_at=attempted, **params)
        return ActionResult(journalled=entry)

    def _journal_clear(self) -> bool:
        """Nothing waits in the journal (after trying to apply it), so a new action may not overtake one."""
        if not len(self.journal):
            return True
        try:
            self.journal.replay()
        except DatabaseUnavailable:
            return False
        return not len(self.journal) or not self._blocks()

    def _blocks(self) -> bool:
        # Entries left only because their call is not in the database yet do not hold back other work.
        return any(entry.key not in self.journal.waiting for entry in self.journal.pending())

    # -- calls -------------------------------------------------------------------------------------------
    def claim(self, actor: Actor, call: CallRef | int) -> ActionResult[CallInfo]:
        ref = _ref(call)
        if ref.call_id is None:  # a call the console never showed: only the journal can match it later
            return ActionResult(journalled=self.journal.record(JournalAction.CLAIM, actor, call=ref.to_json()))
        call_id = ref.call_id
        return self._do(JournalAction.CLAIM, actor, {"call": ref.to_json()}, lambda: self.calls.claim(actor, call_id))

    def classify(self, actor: Actor, call: CallRef | int, call_type: CallType,
                 note: str | None = None) -> ActionResult[CallInfo]:
        ref = _ref(call)
        params: dict[str, Any] = {"call": ref.to_json(), "call_type": str(call_type), "note": note}
        if ref.call_id is None:
            return ActionResult(journalled=self.journal.record(JournalAction.CLASSIFY, actor, **params))
        call_id = ref.call_id
        return self._do(JournalAction.CLASSIFY, actor, params,
                        lambda: self.calls.classify(actor, call_id, call_type, note=note))

    def end(self, actor: Actor, call: CallRef | int) -> ActionResult[CallInfo]:
        ref = _ref(call)
        if ref.call_id is None:
            return ActionResult(journalled=self.journal.record(JournalAction.END, actor, call=ref.to_json()))
        call_id = ref.call_id
        return self._do(JournalAction.END, actor, {"call": ref.to_json()}, lambda: self.calls.end(actor, call_id))

    # -- incidents ---------------------------------------------------------------------------------------
    def create_incident(self, actor: Actor, draft: IncidentDraft,
                        call: CallRef | int | None = None) -> ActionResult[IncidentView]:
        ref = _ref(call) if call is not None else None
        params: dict[str, Any] = {"draft": draft_to_json(draft), "call": ref.to_json() if ref else None}
        if ref is not None and ref.call_id is None:
            return ActionResult(journalled=self.journal.record(JournalAction.INCIDENT_CREATE, actor, **params))
        if ref is not None:
            draft.call_id = ref.call_id
        return self._do(JournalAction.INCIDENT_CREATE, actor, params, lambda: self.incidents.create(actor, draft))

    def update_incident(self, actor: Actor, incident_id: int, expected_version: int,
                        changes: dict[str, Any]) -> ActionResult[IncidentView]:
        params = {"incident_id": incident_id, "expected_version": expected_version, "changes": changes}
        return self._do(JournalAction.INCIDENT_UPDATE, actor, params,
                        lambda: self.incidents.update(actor, incident_id, expected_version, changes))

    def add_note(self, actor: Actor, incident_id: int, text: str) -> ActionResult[None]:
        return self._do(JournalAction.NOTE, actor, {"incident_id": incident_id, "text": text},
                        lambda: self.incidents.add_note(actor, incident_id, text))

    def forward(self, actor: Actor, incident_id: int, agency_ids: Sequence[int], unit_ids: Sequence[int],
                channels: Sequence[DeliveryChannel | str], *, confirm_busy: bool = False,
                note: str | None = None) -> ActionResult[list[DispatchView]]:
        params = {"incident_id": incident_id, "agency_ids": list(agency_ids), "unit_ids": list(unit_ids),
                  "channels": [str(c) for c in channels], "confirm_busy": confirm_busy, "note": note}
        return self._do(JournalAction.FORWARD, actor, params, lambda: self.dispatch.forward(
            actor, incident_id, agency_ids, unit_ids, channels, confirm_busy=confirm_busy, note=note))
