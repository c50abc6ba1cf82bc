"""A stand-alone look at the dispatch screens on a fresh demo database, until the main window hosts them.

    PYTHONPATH=. python -m ui.dispatch.demo [--lang id|en]

Seeds a temporary SQLite database (operator1 / konsol112), logs a fire in Sukadami (Kec. Wanayasa), gives Damkar
a WhatsApp number and a webhook that nobody answers, and starts a real outbox worker: press F2 (Teruskan) and
watch the webhook fail and retry on the Pengiriman tab while you record the steps with A / M / T / S.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPushButton, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy import select, update

from callcenter.db.database import Database, sqlite_url
from callcenter.db.migrate import upgrade
from callcenter.db.models import Agency, Category
from callcenter.db.refdata import load_reference_data
from callcenter.forwarding.channels import default_senders
from callcenter.forwarding.outbox import OutboxWorker, RetryPolicy
from callcenter.services.auth import AuthService
from callcenter.services.demo import seed_demo
from callcenter.services.dispatch import DispatchService
from callcenter.services.incidents import IncidentDraft, IncidentService
from ui.dispatch import DeliveriesPanel, DispatchDialog, DispatchTimelineWidget, UnitBoardPanel
from ui.dispatch.common import tr
from ui.i18n import Translations
from ui.worker import DbWorker

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    args = parser.parse_args()
    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="konsol112-dispatch-demo-"))
    Translations(out_dir=folder).install(args.lang)
    now = datetime.now(UTC)
    db = Database(sqlite_url(folder / "demo.sqlite3"))
    upgrade(db)
    with db.write() as session:
        load_reference_data(session, now)
    seed_demo(db, days=2, calls_per_day=100, seed=5, now=now - timedelta(minutes=30))
    with db.write() as session:
        session.execute(update(Agency).where(Agency.code == "damkar").values(
            whatsapp="6281220000113", webhook_url="http://127.0.0.1:9/eido"))
        fire_category = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
    actor = AuthService(db).authenticate("operator1", "konsol112").as_actor()
    incident = IncidentService(db).create(actor, IncidentDraft(
        category_id=fire_category, desa_code="32.14.09.2002", address="Kp. Cibening RT 02/RW 03",
        landmark="dekat masjid", reporter_name="Ujang", callback_number="0812-2345-6789",
        description="Rumah warga terbakar, api membesar."))
    dispatch = DispatchService(db)
    worker = DbWorker()
    outbox = OutboxWorker(db, default_senders(db, webhook_timeout=3),
                          policy=RetryPolicy(base_delay=5, max_delay=60, max_attempts=20))
    outbox.start()

    window = QMainWindow()
    window.setWindowTitle(f"Konsol 112 — {incident.number}")
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel(f"{incident.number} — {incident.category_name_id} — Sukadami, Kec. Wanayasa"))
    forward = QPushButton(tr("Forward") + " (F2)")
    layout.addWidget(forward)
    timeline = DispatchTimelineWidget(worker, dispatch, actor, incident.id)
    layout.addWidget(timeline, 1)
    board = UnitBoardPanel(worker, dispatch, actor)
    deliveries = DeliveriesPanel(worker, dispatch, actor)
    tabs = QTabWidget()
    tabs.addTab(page, incident.number)
    tabs.addTab(board, tr("Units"))
    tabs.addTab(deliveries, tr("Deliveries"))
    window.setCentralWidget(tabs)

    def open_dialog() -> None:
        dialog = DispatchDialog(worker, dispatch, actor, incident.id, window)
        dialog.forwarded.connect(lambda _views: (outbox.wake(), timeline.refresh(), board.refresh()))
        dialog.exec()

    forward.clicked.connect(open_dialog)
    QShortcut(QKeySequence("F2"), window, open_dialog)
    window.resize(1200, 720)
    window.show()
    code = app.exec()
    outbox.stop()
    worker.stop()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
