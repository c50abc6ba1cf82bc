"""The supervisor board and the audit log on a seeded PostgreSQL demo centre, offscreen and deterministic.

``python -m tools.supervisor_screenshots [OUT_DIR]`` starts a throwaway cluster (as the tests do),
seeds five days of demo history, then stages the last quarter hour before 10:12:30 WIB with a fixed clock:
desks online and one gone (its answered call stale), ringing and missed calls, a blocked number, incidents in
every SLA colour, dispatches and unit states. Writes ``supervisor-board-<lang>.png`` and ``audit-log-<lang>.png``
for Indonesian and English (translations compiled on the fly by ``ui.i18n``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select, update  # noqa: E402

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation  # noqa: E402
from callcenter.clock import ManualClock  # noqa: E402
from callcenter.db import migrate  # noqa: E402
from callcenter.db.database import Database  # noqa: E402
from callcenter.db.enums import DispatchStatus, IncidentStatus, Priority, UnitStatus  # noqa: E402
from callcenter.db.models import Agency, Area, Category, Dispatch, DispatchEvent, Incident, Operator, Unit  # noqa: E402
from callcenter.db.refdata import load_reference_data  # noqa: E402
from callcenter.db.roles import grant_application_role  # noqa: E402
from callcenter.services.audit_trail import AuditTrailService  # noqa: E402
from callcenter.services.base import SYSTEM, Actor  # noqa: E402
from callcenter.services.callers import CallerService  # noqa: E402
from callcenter.services.calls import CallService  # noqa: E402
from callcenter.services.demo import seed_demo  # noqa: E402
from callcenter.services.incidents import IncidentDraft, IncidentService  # noqa: E402
from callcenter.services.intake import IntakeService  # noqa: E402
from callcenter.services.presence import PresenceService  # noqa: E402
from callcenter.services.supervisor import SupervisorService  # noqa: E402
from tests.pg import PostgresCluster, find_pg_bin  # noqa: E402
from ui.app import create_application  # noqa: E402
from ui.i18n import Translations  # noqa: E402
from ui.supervisor import AuditLogDialog, SupervisorBoard  # noqa: E402
from ui.worker import DbWorker  # noqa: E402

NOW = datetime(2026, 11, 28, 3, 12, 30, tzinfo=UTC)  # 10:12:30 WIB, pagi shift
UNIT_STATES = [UnitStatus.DISPATCHED, UnitStatus.EN_ROUTE, UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE,
               UnitStatus.OUT_OF_SERVICE]


class Stage:
    """Puts the centre's last minutes in place, each step at ``minutes_ago`` before NOW."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.clock = ManualClock(NOW)
        self.calls = CallService(db, self.clock)
        self.incidents = IncidentService(db, self.clock)
        self.presence = PresenceService(db, self.clock)
        self.rings = 0
        with db.read() as session:
            self.ops = {o.username: Actor(o.id, o.username, o.role, o.full_name)
                        for o in session.scalars(select(Operator))}
            self.categories = {c.code: c.id for c in session.scalars(select(Category))}
            self.desa = list(session.scalars(select(Area.code).where(Area.level == "desa_kelurahan")))
            self.agencies = list(session.scalars(select(Agency.id).order_by(Agency.id)))

    def at(self, minutes_ago: float) -> None:
        self.clock.now = NOW - timedelta(minutes=minutes_ago)

    def ring(self, number: str | None, minutes_ago: float, name: str | None = None) -> int:
        self.at(minutes_ago)
        self.rings += 1
        event = CallerIdEvent(format="demo", kind=EventKind.INCOMING, received_at=self.clock(),
                              raw=f"CID {number}", line=str(1 + self.rings % 2), number=number, name=name,
                              presentation=Presentation.ALLOWED if number else Presentation.PRIVATE)
        return IntakeService(self.db, clock=self.clock).process([("serial:///dev/ttyUSB0", event)])[0].call_id

    def incident(self, code: str, priority: Priority, minutes_ago: float, username: str, text: str,
                 desa: int) -> int:
        self.at(minutes_ago)
        draft = IncidentDraft(category_id=self.categories[code], priority=priority, desa_code=self.desa[desa],
                              description=text, address="Jl. Ipik Gandamanah", callback_number="0812 2233 4455")
        return self.incidents.create(self.ops[username], draft).id

    def dispatch(self, incident_id: int, agency: int, minutes_ago: float, status: DispatchStatus) -> None:
        self.at(minutes_ago)
        now = self.clock()
        with self.db.write() as session:
            row = Dispatch(incident_id=incident_id, agency_id=self.agencies[agency], status=status, created_at=now,
                           updated_at=now, acknowledged_at=None if status is DispatchStatus.NOTIFIED else now)
            session.add(row)
            session.flush()
            session.add(DispatchEvent(dispatch_id=row.id, status=status, at=now))
            state = IncidentStatus.DISPATCHED if status is DispatchStatus.NOTIFIED else IncidentStatus.IN_PROGRESS
            session.execute(update(Incident).where(Incident.id == incident_id)
                            .values(first_dispatched_at=now, status=state))

    def play(self) -> None:
        self.at(14)
        self.presence.heartbeat(self.ops["operator3"], "PC-OPS-3")
        stale = self.ring("081322114455", 13, "SITI AMINAH")
        self.at(12.9)
        self.calls.claim(self.ops["operator3"], stale)  # then PC-OPS-3 goes quiet: the call is stale
        categories = list(self.categories)
        self.incident("kebakaran", Priority.P1, 2.5, "operator1", "Kebakaran rumah", 5)
        self.incident("kecelakaan_lalu_lintas", Priority.P1, 1.2, "operator2", "Tabrakan motor", 40)
        fallen_tree = self.incident(categories[3], Priority.P2, 9, "operator1", "Pohon tumbang", 80)
        missing = self.incident(categories[6], Priority.P3, 7, "operator2", "Orang hilang", 120)
        self.dispatch(fallen_tree, 1, 6.5, DispatchStatus.NOTIFIED)
        self.dispatch(missing, 2, 5, DispatchStatus.EN_ROUTE)
        with self.db.write() as session:
            for unit, state in zip(session.scalars(select(Unit).order_by(Unit.id).limit(len(UNIT_STATES))),
                                   UNIT_STATES, strict=False):
                unit.status = state
        for number, minutes_ago in (("081398765432", 6), (None, 4), ("02648221199", 2.2)):
            missed = self.ring(number, minutes_ago)
            self.at(minutes_ago - 0.5)
            self.calls.end(SYSTEM, missed)
        CallerService(self.db, self.clock).block(self.ops["operator1"], "081398765432", "Iseng berulang")
        answered = self.ring("085711223344", 0.45, "BUDI")
        self.ring("081211112222", 0.25)
        self.ring("089912345678", 0.08, "ASEP S")
        self.at(0.05)
        for username, desk in (("operator1", "PC-OPS-1"), ("operator2", "PC-OPS-2"),
                               ("supervisor", "PC-SUPERVISOR")):
            self.presence.heartbeat(self.ops[username], desk)
        self.presence.heartbeat(SYSTEM, "SRV-INGEST#ingest", line_host=True)
        self.at(0.04)
        self.calls.claim(self.ops["operator1"], answered)
        self.clock.now = NOW


def settle(app: QApplication, condition: Callable[[], bool], extra_s: float = 0.6) -> None:
    deadline = time.monotonic() + 10
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    deadline = time.monotonic() + extra_s
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, db: Database, stage: Stage, language: str, out: Path) -> None:
    translations = Translations()
    translations.install(language)
    worker = DbWorker()
    boss = stage.ops["supervisor"]
    service = SupervisorService(db, stage.clock)
    board = SupervisorBoard(worker, service, stage.presence, stage.incidents, CallerService(db, stage.clock), boss,
                            clock=stage.clock)
    board.resize(1600, 900)
    board.show()
    settle(app, lambda: board.snapshot is not None)
    board.incidents_view.clearSelection()
    board.grab().save(str(out / f"supervisor-board-{language}.png"))
    dialog = AuditLogDialog(worker, AuditTrailService(db, stage.clock), boss)
    dialog.use_since.setChecked(False)
    dialog.apply_filter()
    dialog.show()
    settle(app, lambda: dialog.model.rowCount() > 0)
    dialog.view.selectRow(3)
    settle(app, lambda: True, 0.2)
    dialog.grab().save(str(out / f"audit-log-{language}.png"))
    board.stop()
    dialog.close()
    board.close()
    worker.stop()
    translations.remove()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    bin_dir = find_pg_bin()
    if bin_dir is None:
        print("PostgreSQL server binaries (initdb, pg_ctl) not found", file=sys.stderr)
        return 1
    cluster = PostgresCluster.start(bin_dir)
    try:
        admin = Database(cluster.create_empty_database("centre"))  # set up as deployment.md does
        migrate.upgrade(admin)
        grant_application_role(admin)
        admin.dispose()
        db = Database(cluster.owner_url("centre"))  # the staged history is written directly, as the owner
        with db.write() as session:
            load_reference_data(session, NOW)
        seed_demo(db, days=5, calls_per_day=220, now=NOW - timedelta(minutes=20))
        stage = Stage(db)
        stage.play()
        app = create_application(sys.argv[:1])
        for language in ("id", "en"):
            shoot(app, db, stage, language, out)
        db.dispose()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip Qt's teardown order at exit; the pictures are written
