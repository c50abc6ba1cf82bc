from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Priority, Role
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.feed import FeedFollower
from callcenter.services.incidents import IncidentService
from callcenter.services.queues import QueueService
from tests.callcenter.services.conftest import make_actor, ring
from tests.callcenter.services.test_incidents import fire
from tests.ui.views.conftest import settle, show
from ui import table_model
from ui.views import models
from ui.views.queue import QueuePanel
from ui.worker import DbWorker


def make_panel(qtbot: QtBot, worker: DbWorker, db: Database, clock: ManualClock, actor: Actor) -> QueuePanel:
    panel = QueuePanel(worker, IncidentService(db, clock), QueueService(db, clock), actor)
    show(qtbot, panel)
    settle(qtbot, worker)
    return panel


def column(panel: QueuePanel, view_model: models.IncidentQueueModel, col: int) -> list[str]:
    return [view_model.index(row, col).data() for row in range(view_model.rowCount())]


def test_queues_pass_the_model_tester_and_page_lazily(qtbot: QtBot, qtmodeltester, worker: DbWorker,  # type: ignore[no-untyped-def]
                                                      db: Database, clock: ManualClock, operator: Actor,
                                                      monkeypatch) -> None:
    monkeypatch.setattr(table_model, "PAGE", 5)
    incidents = IncidentService(db, clock)
    other = make_actor(db, clock, "dewi", Role.OPERATOR)
    for n in range(12):
        incidents.create(operator if n % 3 else other, fire(db, priority=Priority.P3 if n % 2 else Priority.P1))
        clock.advance(10)
    panel = make_panel(qtbot, worker, db, clock, operator)
    model = panel.all_model
    assert model.total() == 12 and model.rowCount() == 5  # one page fetched, the rest on demand
    qtmodeltester.check(model)
    settle(qtbot, worker)
    while model.rowCount() < model.total():
        assert model.canFetchMore()
        model.fetchMore()
        settle(qtbot, worker)
    assert not model.canFetchMore()
    assert model.rowCount() == 12
    assert column(panel, model, model.PRIORITY) == ["P1"] * 6 + ["P3"] * 6
    qtmodeltester.check(model)
    qtmodeltester.check(panel.mine_model)
    assert panel.mine_model.total() == 8
    assert panel.tabs.tabText(0).endswith("(8)") and panel.tabs.tabText(1).endswith("(12)")


def test_age_ticks_every_second_without_querying(qtbot: QtBot, worker: DbWorker, db: Database,
                                                 clock: ManualClock, operator: Actor) -> None:
    incident = IncidentService(db, clock).create(operator, fire(db, priority=Priority.P1))
    panel = make_panel(qtbot, worker, db, clock, operator)
    model = panel.mine_model
    age = model.index(0, model.AGE)
    assert age.data() == "0:00"  # m:ss under an hour, as every timer of the console
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    clock.advance(4 * 60 + 7)
    qtbot.waitUntil(lambda: model.index(0, model.AGE).data() == "4:07", timeout=2500)
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # P1 is tinted
    clock.advance(60)  # a P1 open for 5 minutes turns amber
    qtbot.waitUntil(lambda: model.index(0, model.AGE).data() == "5:07", timeout=2500)
    amber = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert amber == models.LATE_BACKGROUND[1].name()
    clock.advance(20 * 60)
    qtbot.waitUntil(lambda: model.index(0, model.AGE).data() == "25:07", timeout=2500)
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color().name() == models.LATE_BACKGROUND[2].name()
    assert statements == []
    assert model.key_at(0) == incident.id


def test_search_finds_an_incident_by_caller_number(qtbot: QtBot, worker: DbWorker, db: Database,
                                                   clock: ManualClock, operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    call_id = ring(db, clock, "081398765432")
    CallService(db, clock).claim(operator, call_id)
    wanted = incidents.create(operator, fire(db, call_id=call_id, reporter_name="Neng Euis", callback_number=None))
    for _ in range(3):
        incidents.create(operator, fire(db))
    panel = make_panel(qtbot, worker, db, clock, operator)
    assert panel.all_model.total() == 4
    qtbot.keyClicks(panel.search, "0813-9876-5432")
    qtbot.waitUntil(lambda: panel.all_model.total() == 1, timeout=3000)
    settle(qtbot, worker)
    assert panel.all_model.index(0, 0).data() == wanted.number
    with qtbot.waitSignal(panel.incident_activated) as activated:
        qtbot.keyClick(panel.search, Qt.Key.Key_Down)  # into the results
        qtbot.keyClick(panel.current_view(), Qt.Key.Key_Return)
    assert activated.args == [wanted.id]
    panel.search.clear()
    qtbot.waitUntil(lambda: panel.all_model.total() == 4, timeout=3000)


def test_feed_changes_refresh_rows_and_reload_on_close(qtbot: QtBot, worker: DbWorker, db: Database,
                                                       clock: ManualClock, operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    first = incidents.create(operator, fire(db, priority=Priority.P2))
    second = incidents.create(operator, fire(db, priority=Priority.P3))
    panel = make_panel(qtbot, worker, db, clock, operator)
    feed = FeedFollower(db)
    model = panel.all_model
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    incidents.reassign(make_actor(db, clock, "hendra", Role.SUPERVISOR), second.id, operator.id or 0)
    incidents.update(operator, first.id, 1, {"kecamatan_code": "32.14.02", "desa_code": None})
    panel.on_changes(feed.poll())
    qtbot.waitUntil(lambda: model.index(0, model.KECAMATAN).data() == "Campaka", timeout=3000)
    assert resets == []  # only the changed rows were fetched again
    incidents.close(operator, first.id, "Selesai")
    panel.on_changes(feed.poll())
    qtbot.waitUntil(lambda: model.total() == 1, timeout=3000)
    settle(qtbot, worker)
    assert model.index(0, 0).data() == second.number


def test_an_incident_reassigned_to_me_moves_into_my_tab(qtbot: QtBot, worker: DbWorker, db: Database,
                                                        clock: ManualClock, operator: Actor) -> None:
    other = make_actor(db, clock, "dewi", Role.OPERATOR)
    boss = make_actor(db, clock, "hendra", Role.SUPERVISOR)
    incidents = IncidentService(db, clock)
    theirs = incidents.create(other, fire(db))
    mine = incidents.create(operator, fire(db))
    panel = make_panel(qtbot, worker, db, clock, operator)
    feed = FeedFollower(db)
    assert panel.mine_model.shown_keys() == [mine.id]
    incidents.reassign(boss, theirs.id, operator.id or 0)
    incidents.reassign(boss, mine.id, other.id or 0)
    panel.on_changes(feed.poll())
    qtbot.waitUntil(lambda: panel.mine_model.shown_keys() == [theirs.id], timeout=3000)
    settle(qtbot, worker)
    assert panel.all_model.total() == 2


def test_an_empty_queue_says_so(qtbot: QtBot, worker: DbWorker, db: Database, clock: ManualClock,
                                operator: Actor) -> None:
    panel = make_panel(qtbot, worker, db, clock, operator)
    assert panel.mine_view.empty_text == "No open incidents assigned to you."
    qtbot.keyClicks(panel.search, "Ujang")
    qtbot.waitUntil(lambda: panel.all_view.empty_text == "Nothing matches “Ujang”.", timeout=3000)
    assert panel.status.text() == "Filter: “Ujang”"


def test_priority_filter(qtbot: QtBot, worker: DbWorker, db: Database, clock: ManualClock,
                         operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    p1 = incidents.create(operator, fire(db, priority=Priority.P1))
    incidents.create(operator, fire(db, priority=Priority.P3))
    panel = make_panel(qtbot, worker, db, clock, operator)
    assert panel.all_model.total() == 2
    panel.priority_filter.setCurrentIndex(panel.priority_filter.findData(Priority.P1))
    qtbot.waitUntil(lambda: panel.all_model.total() == 1, timeout=3000)
    settle(qtbot, worker)
    assert panel.all_model.shown_keys() == [p1.id] and panel.mine_model.shown_keys() == [p1.id]
    panel.priority_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: panel.all_model.total() == 2, timeout=3000)
