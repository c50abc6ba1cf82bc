"""The one keyed table model: pushed snapshots diffed so the selection survives, pulled pages, stale answers."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from pytestqt.qtbot import QtBot

from ui.table_model import KEY_ROLE, KeyedTableModel
from ui.worker import DbWorker


@dataclass(frozen=True)
class Row:
    id: int
    name: str


class Names(KeyedTableModel):
    def headers(self) -> Sequence[str]:
        return ("Id", "Name")

    def cell(self, row: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row.id) if column == 0 else row.name
        return None


def rows(*ids: int, suffix: str = "") -> list[Row]:
    return [Row(i, f"unit {i}{suffix}") for i in ids]


@pytest.fixture
def worker() -> Any:
    worker = DbWorker()
    yield worker
    worker.stop()


def test_a_pushed_snapshot_keeps_the_selected_row_through_inserts_removals_and_moves(qtmodeltester: Any) -> None:
    model = Names()
    selection = QItemSelectionModel(model)
    model.set_rows(rows(1, 2, 3, 4))
    selection.setCurrentIndex(model.index(2, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtmodeltester.check(model)
    model.set_rows(rows(5, 4, 3, 2))  # 1 left, 5 arrived, the order turned round
    qtmodeltester.check(model)
    assert model.shown_keys() == [5, 4, 3, 2]
    current = selection.currentIndex()
    assert current.isValid() and model.data(current, KEY_ROLE) == 3 and current.row() == 2
    model.set_rows(rows(3, suffix=" (renamed)"))
    assert selection.currentIndex().row() == 0 and model.index(0, 1).data() == "unit 3 (renamed)"
    model.set_rows([])
    assert model.rowCount() == 0 and not selection.currentIndex().isValid()


def test_only_changed_rows_are_repainted() -> None:
    model = Names()
    model.set_rows(rows(1, 2, 3))
    repainted: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, _roles: repainted.append((first.row(), last.row())))
    model.set_rows([Row(1, "unit 1"), Row(2, "unit 2 changed"), Row(3, "unit 3")])
    assert repainted == [(1, 1)]


def test_a_big_pushed_snapshot_reaches_the_view_in_batches() -> None:
    class Batched(Names):
        PUSH_BATCH = 10

    model = Batched()
    model.set_rows(rows(*range(25)))
    assert (model.rowCount(), model.total()) == (10, 25) and model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.shown_keys() == list(range(25))


def test_rows_pulled_by_key_arrive_page_by_page_off_the_gui_thread(qtbot: QtBot, qtmodeltester: Any,
                                                                    worker: DbWorker) -> None:
    gui = threading.get_ident()
    threads: set[int] = set()

    def load_keys() -> list[int]:
        threads.add(threading.get_ident())
        return list(range(1, 31))

    def load_rows(keys: list[int]) -> list[Row]:
        threads.add(threading.get_ident())
        return rows(*keys)

    model = Names()
    model.load_by_key(worker, load_keys, load_rows, page=10)
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.reload()
    assert (model.rowCount(), model.total()) == (10, 30)
    qtmodeltester.check(model)
    for _ in range(5):  # what the view does as the operator scrolls down
        qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)
        model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)
    assert model.shown_keys() == list(range(1, 31)) and not model.canFetchMore(QModelIndex())
    assert gui not in threads


def test_pages_pulled_by_offset_stop_at_a_short_page(qtbot: QtBot, worker: DbWorker) -> None:
    data = rows(*range(100, 0, -1))  # newest first, as the audit log lists them
    model = Names()
    model.load_by_page(worker, lambda offset, limit: data[offset:offset + limit], page=40)
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.reload()
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)
    assert model.rowCount() == 100 and not model.canFetchMore(QModelIndex())


def test_the_answer_of_an_outdated_load_is_dropped(qtbot: QtBot, worker: DbWorker) -> None:
    release = threading.Event()

    def old_search() -> list[int]:
        release.wait(10)
        return [1, 2, 3]

    model = Names()
    model.load_by_key(worker, old_search, lambda keys: rows(*keys))
    model.reload()  # a search the operator has already changed ...
    model.load_by_key(worker, lambda: [9], lambda keys: rows(*keys))
    model.reload()  # ... for this one
    release.set()
    qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)
    assert model.shown_keys() == [9]
