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
        worker.submit(lambda value=value: job(value), on_done=lambda result: results.append(
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

    worker.submit(boom, on_error=caught.append)
    qtbot.waitUntil(lambda: len(caught) == 1, timeout=5000)
    with qtbot.waitSignal(worker.error, timeout=5000) as blocker:
        worker.submit(boom)
    assert isinstance(blocker.args[0], RuntimeError)
    worker.stop()
