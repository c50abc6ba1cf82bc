"""Screenshots of the dispatch screens on a seeded demo database (offscreen), Indonesian by default.

    PYTHONPATH=. python docs/screenshots/dispatch_screenshots.py [--lang id|en] [--out docs/screenshots]

Compiles resources/translations/dispatch_id.ts with pyside6-lrelease into a temporary folder and installs it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select, update

from callcenter.clock import WIB, ManualClock
from callcenter.db.database import Database, sqlite_url
from callcenter.db.enums import DeliveryChannel, DispatchStatus, OutboxState
from callcenter.db.migrate import upgrade
from callcenter.db.models import Agency, Category, OutboxMessage
from callcenter.db.refdata import load_reference_data
from callcenter.services.agency_admin import AgencyAdminService
from callcenter.services.auth import AuthService
from callcenter.services.demo import seed_demo
from callcenter.services.dispatch import DispatchService
from callcenter.services.incidents import IncidentDraft, IncidentService

ROOT = Path(__file__).resolve().parents[1]


def wait_for(app: QApplication, condition: object, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()


def install_translation(app: QApplication, lang: str, folder: Path) -> None:
    if lang != "id":
        return
    from ui.i18n import Translations

    if not Translations(out_dir=folder).install(lang):  # every context: the dispatch screens use the vocabulary too
        raise SystemExit("cannot load the Indonesian translations")


def grab(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="id", choices=("id", "en"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    app = QApplication(sys.argv)
    from callcenter.services.settings import SettingsService
    from ui.dispatch import (
        AgencyAdminDialog,
        DeliveriesPanel,
        DispatchDialog,
        DispatchTimelineWidget,
        SmtpSettingsDialog,
        UnitAdminDialog,
        UnitBoardPanel,
    )
    from ui.worker import DbWorker

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        install_translation(app, args.lang, folder)
        now = datetime(2026, 3, 2, 14, 5, tzinfo=WIB).astimezone(UTC)
        db = Database(sqlite_url(folder / "demo.sqlite3"))
        upgrade(db)
        with db.write() as session:
            load_reference_data(session, now)
        seed_demo(db, days=3, calls_per_day=120, seed=7, now=now - timedelta(minutes=20))
        with db.write() as session:
            session.execute(update(Agency).where(Agency.code == "damkar").values(
                whatsapp="6281220000113", webhook_url="http://127.0.0.1:9/eido"))
            fire_id = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
        clock = ManualClock(now)
        actor = AuthService(db, clock).authenticate("operator1", "konsol112").as_actor()
        incident = IncidentService(db, clock).create(actor, IncidentDraft(
            category_id=fire_id, desa_code="32.14.09.2002", address="Kp. Cibening RT 02/RW 03",
            landmark="dekat masjid Al-Ikhlas", reporter_name="Ujang", callback_number="0812-2345-6789",
            description="Rumah warga terbakar, api sudah membesar ke rumah sebelah."))
        dispatch = DispatchService(db, clock)
        worker = DbWorker()

        dialog = DispatchDialog(worker, dispatch, actor, incident.id)
        dialog.resize(1100, 640)
        dialog.show()
        wait_for(app, lambda: dialog.suggestions is not None)
        grab(dialog, args.out / f"dispatch-dialog-{args.lang}.png")
        dialog.close()

        hints = dispatch.suggestions(incident.id)
        clock.advance(75)
        [view] = dispatch.forward(actor, incident.id, hints.default_agency_ids, hints.suggested_unit_ids,
                                  [DeliveryChannel.PRINT, DeliveryChannel.WHATSAPP, DeliveryChannel.WEBHOOK])
        clock.advance(120)
        dispatch.update_status(actor, view.id, DispatchStatus.ACKNOWLEDGED)
        clock.advance(540)
        dispatch.update_status(actor, view.id, DispatchStatus.ON_SCENE, note="api sudah dikuasai sebagian")
        print_message = next(d.id for d in view.deliveries if d.channel is DeliveryChannel.PRINT)
        dispatch.mark_delivered(actor, print_message, "printed")
        with db.write() as session:  # what the outbox worker records for a dead endpoint
            session.execute(update(OutboxMessage).where(OutboxMessage.channel == DeliveryChannel.WEBHOOK).values(
                state=OutboxState.FAILED, attempts=3, last_error="connection refused: the agency's server is "
                "not listening", next_attempt_at=clock() + timedelta(seconds=80)))

        board = UnitBoardPanel(worker, dispatch, actor, clock=lambda: clock() + timedelta(minutes=3))
        board.resize(980, 560)
        board.show()
        wait_for(app, lambda: board.model.rowCount() > 0)
        grab(board, args.out / f"unit-board-{args.lang}.png")

        timeline = DispatchTimelineWidget(worker, dispatch, actor, incident.id)
        timeline.resize(1000, 380)
        timeline.show()
        wait_for(app, lambda: bool(timeline.views))
        grab(timeline, args.out / f"dispatch-timeline-{args.lang}.png")

        deliveries = DeliveriesPanel(worker, dispatch, actor)
        deliveries.resize(1100, 300)
        deliveries.show()
        wait_for(app, lambda: deliveries.model.rowCount() > 0)
        grab(deliveries, args.out / f"deliveries-{args.lang}.png")

        admin = AuthService(db, clock).authenticate("admin", "konsol112").as_actor()
        agencies = AgencyAdminDialog(worker, AgencyAdminService(db, clock), admin)
        agencies.show()
        wait_for(app, lambda: agencies.current_id is not None)
        agencies.email.setText("posko damkar")
        agencies.save()
        wait_for(app, lambda: bool(agencies.errors["email"].text()))
        grab(agencies, args.out / f"admin-agencies-{args.lang}.png")
        units = UnitAdminDialog(worker, AgencyAdminService(db, clock), admin)
        units.show()
        wait_for(app, lambda: units.current_id is not None)
        grab(units, args.out / f"admin-units-{args.lang}.png")
        smtp = SmtpSettingsDialog(worker, SettingsService(db, clock), admin)
        smtp.show()
        wait_for(app, lambda: False, seconds=0.5)
        grab(smtp, args.out / f"smtp-settings-{args.lang}.png")
        worker.stop()
        db.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
