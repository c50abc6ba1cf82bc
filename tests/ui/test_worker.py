from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from ui.worker import DbWorker


def test_jobs_run_off_the_gui_thread_and_results_come_back_on_it(qtbot: QtBot) -> None:
    worker = DbWorker()
    gui_thread = threading.get_ident()
    ran_on: list[int] = []
    results: list[tuple[int, int]] = []

    def job(value: int) -> int:
        ran_on.append(threading.get_ident())
        return value * 2

    for value in range(5):
        worker.run(worker, lambda value=value: job(value), on_done=lambda result: results.append(
            (threading.get_ident(), result)))
    qtbot.waitUntil(lambda: len(results) == 5, timeout=5000)
    assert all(thread != gui_thread for thread in ran_on)
    assert [thread for thread, _ in results] == [gui_thread] * 5
    assert [result for _, result in results] == [0, 2, 4, 6, 8]  # in submission order
    worker.stop()


def test_errors_reach_the_callback_or_the_error_signal(qtbot: QtBot) -> None:
    worker = DbWorker()
    caught: list[BaseException] = []

    def boom() -> None:
        raise RuntimeError("database gone")

    worker.run(worker, boom, on_error=caught.append)
    qtbot.waitUntil(lambda: len(caught) == 1, timeout=5000)
    with qtbot.waitSignal(worker.error, timeout=5000) as blocker:
        worker.run(worker, boom)
    assert isinstance(blocker.args[0], RuntimeError)
    worker.stop()


def test_answers_for_a_deleted_owner_are_dropped_not_crashing(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel

    worker = DbWorker()
    label = QLabel()
    release = threading.Event()
    worker.run(label, lambda: release.wait(10) and "late answer", on_done=label.setText,
               on_error=lambda exc: label.setText(str(exc)))
    label.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(label), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)  # answered, dropped, no RuntimeError
    worker.stop()


def test_a_database_outage_and_its_end_are_signalled_once_each(qtbot: QtBot) -> None:
    from callcenter.errors import DatabaseUnavailable

    worker = DbWorker()
    states: list[tuple[bool, str]] = []
    worker.database_state.connect(lambda ok, reason: states.append((ok, reason)))

    def down() -> None:
        raise DatabaseUnavailable("server closed the connection")

    worker.run(worker, down, on_error=lambda _exc: None)
    worker.run(worker, lambda: 1)
    worker.run(worker, lambda: 2)
    qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)
    assert states == [(False, "server closed the connection"), (True, "")]
    worker.stop()
