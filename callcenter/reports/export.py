"""CSV exports of calls and incidents (admin only): streamed in chunks, times in WIB ISO 8601, and every text
cell that a spreadsheet would run as a formula (= + - @, tab, CR) neutralised with a leading apostrophe."""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from callcenter.clock import Clock, to_wib, utcnow
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.db.models import Area, Call, Category, Incident, Line, Operator
from callcenter.errors import KonsolError
from callcenter.services.base import Actor, Service, audit
from callcenter.services.call_figures import answer_seconds
from callcenter.services.report_data import check_range, day_bounds

CHUNK = 2000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CALL_COLUMNS = ("call_id", "line", "number", "e164", "presentation", "cid_name", "received_at", "answered_at",
                "ended_at", "answer_seconds", "duration_s", "answered_by", "call_type", "state", "incident_number",
                "callback_at", "callback_by", "callback_note", "note")
INCIDENT_COLUMNS = ("number", "created_at", "category_code", "category", "priority", "status", "channel",
                    "kecamatan", "desa", "address", "landmark", "latitude", "longitude", "reporter_name",
                    "callback_number", "description", "created_by", "assigned_to", "first_dispatched_at",
                    "closed_at", "closed_by", "disposition")

Progress = Callable[[int, int], None]
"""(rows done, rows in total), called between chunks on the exporting thread."""
CancelCheck = Callable[[], bool]


class Cancelled(KonsolError):
    """The user cancelled a long report or export; nothing half-written is kept."""

    default_code = "cancelled"

    def __init__(self) -> None:
        super().__init__("cancelled")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would evaluate (=, +, -, @, tab, CR first) gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def wib_iso(moment: datetime | None) -> str:
    return "" if moment is None else to_wib(moment).isoformat(timespec="seconds")


def open_csv(path: Path) -> TextIO:
    """UTF-8 with a byte-order mark, so Excel on Windows shows Indonesian names correctly."""
    return path.open("w", encoding="utf-8-sig", newline="")


class ExportService(Service):
    def __init__(self, db: Database, clock: Clock = utcnow) -> None:
        super().__init__(db, clock)

    def write_calls_csv(self, actor: Actor, date_from: date, date_to: date, out: TextIO, *,
                        progress: Progress | None = None, cancelled: CancelCheck | None = None) -> int:
        self.require(actor, Role.ADMIN, "export calls")
        return self._write("calls", actor, date_from, date_to, out, CALL_COLUMNS, self._call_rows,
                           progress, cancelled)

    def write_incidents_csv(self, actor: Actor, date_from: date, date_to: date, out: TextIO, *,
                            progress: Progress | None = None, cancelled: CancelCheck | None = None) -> int:
        self.require(actor, Role.ADMIN, "export incidents")
        return self._write("incidents", actor, date_from, date_to, out, INCIDENT_COLUMNS, self._incident_rows,
                           progress, cancelled)

    # -- shared --------------------------------------------------------------------------------------------
    def _write(self, what: str, actor: Actor, date_from: date, date_to: date, out: TextIO,
               columns: tuple[str, ...], rows: Callable[[datetime, datetime, Progress | None,
                                                          CancelCheck | None], Iterator[list[Any]]],
               progress: Progress | None, cancelled: CancelCheck | None) -> int:
        check_range(date_from, date_to)
        start, end = day_bounds(date_from, date_to)
        writer = csv.writer(out)
        writer.writerow(columns)
        written = 0
        detail = f"{what} from {date_from.isoformat()} to {date_to.isoformat()}"
        try:
            for row in rows(start, end, progress, cancelled):
                writer.writerow([neutralise(cell) for cell in row])
                written += 1
        except Cancelled:
            raise  # the person stopped it and the half-written file is thrown away: nothing left the centre
        except BaseException:
            # Stopped part way (a reader that closed the pipe, a full disk): what did leave goes in the trail too.
            with contextlib.suppress(Exception):
                self._audit_export(actor, what, f"{written} {detail}, stopped part way")
            raise
        # Exports carry callers' numbers: who took them, and when, belongs in the audit trail.
        self._audit_export(actor, what, f"{written} {detail}")
        return written

    def _audit_export(self, actor: Actor, what: str, detail: str) -> None:
        with self.db.write() as session:
            audit(session, actor, f"export.{what}", "export", None, self.clock(), detail=detail)

    def _chunks(self, statement: Any, total_statement: Any, progress: Progress | None,
                cancelled: CancelCheck | None) -> Iterator[Any]:
        with self.db.read() as session:
            total = int(session.scalar(total_statement) or 0)
            if progress is not None:
                progress(0, total)
            done = 0
            result = session.execute(statement.execution_options(yield_per=CHUNK))
            for partition in result.partitions():
                if cancelled is not None and cancelled():
                    raise Cancelled()
                yield from partition
                done += len(partition)
                if progress is not None:
                    progress(done, total)

    def _call_rows(self, start: datetime, end: datetime, progress: Progress | None,
                   cancelled: CancelCheck | None) -> Iterator[list[Any]]:
        taker = aliased(Operator)
        caller_back = aliased(Operator)
        where = (Call.received_at >= start, Call.received_at < end)
        statement = (
            select(Call.id, Line.code, Line.name, Call.number_raw, Call.e164, Call.presentation, Call.cid_name,
                   Call.received_at, Call.answered_at, Call.ended_at, Call.duration_s, taker.username,
                   Call.call_type, Call.state, Incident.number, Call.callback_at, caller_back.username,
                   Call.callback_note, Call.note)
            .outerjoin(Line, Line.id == Call.line_id)
            .outerjoin(taker, taker.id == Call.claimed_by_id)
            .outerjoin(caller_back, caller_back.id == Call.callback_by_id)
            .outerjoin(Incident, Incident.id == Call.incident_id)
            .where(*where).order_by(Call.received_at, Call.id))
        total = select(func.count()).select_from(Call).where(*where)
        for (call_id, line_code, line_name, number, e164, presentation, cid_name, received, answered, ended,
             duration, answered_by, call_type, state, incident, callback_at, callback_by, callback_note,
             note) in self._chunks(statement, total, progress, cancelled):
            answer_s = answer_seconds(received, answered) if answered is not None else ""
            yield [call_id, line_name or line_code or "", number or "", e164 or "", _value(presentation),
                   cid_name or "", wib_iso(received), wib_iso(answered), wib_iso(ended), answer_s,
                   "" if duration is None else duration, answered_by or "", _value(call_type), _value(state),
                   incident or "", wib_iso(callback_at), callback_by or "", callback_note or "", note or ""]

    def _incident_rows(self, start: datetime, end: datetime, progress: Progress | None,
                       cancelled: CancelCheck | None) -> Iterator[list[Any]]:
        kecamatan = aliased(Area)
        desa = aliased(Area)
        creator = aliased(Operator)
        assignee = aliased(Operator)
        closer = aliased(Operator)
        where = (Incident.created_at >= start, Incident.created_at < end)
        statement = (
            select(Incident.number, Incident.created_at, Category.code, Category.name_id, Incident.priority,
                   Incident.status, Incident.channel, kecamatan.name, desa.name, Incident.address,
                   Incident.landmark, Incident.latitude, Incident.longitude, Incident.reporter_name,
                   Incident.callback_number, Incident.description, creator.username, assignee.username,
                   Incident.first_dispatched_at, Incident.closed_at, closer.username, Incident.disposition)
            .join(Category, Category.id == Incident.category_id)
            .outerjoin(kecamatan, kecamatan.code == Incident.kecamatan_code)
            .outerjoin(desa, desa.code == Incident.desa_code)
            .outerjoin(creator, creator.id == Incident.created_by_id)
            .outerjoin(assignee, assignee.id == Incident.assigned_to_id)
            .outerjoin(closer, closer.id == Incident.closed_by_id)
            .where(*where).order_by(Incident.created_at, Incident.id))
        total = select(func.count()).select_from(Incident).where(*where)
        for row in self._chunks(statement, total, progress, cancelled):
            (number, created, cat_code, cat_name, priority, status, channel, kec, des, address, landmark, lat, lon,
             reporter, callback, description, created_by, assigned_to, dispatched, closed, closed_by,
             disposition) = row
            yield [number, wib_iso(created), cat_code, cat_name, _value(priority), _value(status), _value(channel),
                   kec or "", des or "", address or "", landmark or "", "" if lat is None else lat,
                   "" if lon is None else lon, reporter or "", callback or "", description or "",
                   created_by or "", assigned_to or "", wib_iso(dispatched), wib_iso(closed), closed_by or "",
                   disposition or ""]


def _value(item: Any) -> str:
    if item is None:
        return ""
    return str(getattr(item, "value", item))
