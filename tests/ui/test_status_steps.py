"""The status bar says what the operator is doing now, step by step; a supervisor's key pressed by an operator
says whose key it is instead of doing nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Console


def _status(console: Console) -> str:
    return console.window.status_label.text()


def test_the_status_bar_follows_each_step_of_a_call(qtbot: QtBot, console: Console) -> None:
    window = console.window
    assert _status(console).startswith("Siap menerima panggilan")
    console.ring("081234567890")
    qtbot.waitUntil(lambda: len(window.banner.call_ids()) == 1, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.desk.mode == "call", timeout=5000)
    assert _status(console).startswith("Panggilan dari 0812-3456-7890: pilih jenisnya")
    qtbot.keyClick(window, Qt.Key.Key_F5)  # the incident form: a sentence of its own, at once
    assert console.desk.mode == "incident"
    assert _status(console).startswith("Kejadian untuk 0812-3456-7890: isi kategori")
    assert "Pilih jenis" not in _status(console) and "pilih jenisnya" not in _status(console)
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # back to the call type
    assert _status(console).startswith("Panggilan dari 0812-3456-7890: pilih jenisnya")
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: console.desk.mode == "idle", timeout=5000)
    assert _status(console) == "Panggilan dari 0812-3456-7890 ditutup sebagai Prank."  # the news first ...
    window._status_timer.timeout.emit()  # ... and when it has been read, the step again
    assert _status(console).startswith("Siap menerima panggilan")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert console.desk.mode == "report" and _status(console).startswith("Laporan baru tanpa panggilan")


def test_every_step_fits_the_status_bar_at_1366(qtbot: QtBot, console: Console) -> None:
    """The step is read at a glance: one line, never cut, on the centre's 1366-pixel screens."""
    window = console.window
    window.resize(1366, 740)
    qtbot.waitUntil(lambda: window.width() == 1366, timeout=3000)
    flow = console.desk.flow
    metrics = window.status_label.fontMetrics()
    console.ring("081234567890")
    qtbot.waitUntil(lambda: len(window.banner.call_ids()) == 1, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.desk.mode == "call", timeout=5000)
    widths = {}
    for mode in ("idle", "call", "incident", "report"):
        flow.mode = mode
        widths[mode] = metrics.horizontalAdvance(flow.step_text())
    assert all(width <= window.status_label.width() for width in widths.values()), (widths,
                                                                                    window.status_label.width())


def test_a_new_step_never_hides_a_warning(qtbot: QtBot, console: Console) -> None:
    window = console.window
    window.show_status("Slip tidak tercetak", True)
    window.set_step("Langkah berikutnya")
    assert _status(console) == "Slip tidak tercetak"
    window._status_timer.timeout.emit()
    assert _status(console) == "Langkah berikutnya"


@pytest.mark.parametrize(("key", "modifiers", "words"), [
    (Qt.Key.Key_F12, Qt.KeyboardModifier.NoModifier, "Papan supervisor (F12) khusus untuk supervisor dan admin"),
    (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier, "Laporan (Ctrl+P) khusus untuk supervisor dan admin"),
    (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
     "Log audit (Ctrl+Shift+A) khusus untuk supervisor dan admin"),
    (Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
     "Akun dan kata sandi (Ctrl+Shift+O) khusus untuk admin"),
    (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
     "Pertanyaan kategori (Ctrl+Shift+K) khusus untuk admin"),
])
def test_an_operator_is_told_the_supervisors_and_admins_keys_are_theirs(qtbot: QtBot, console: Console, key: Qt.Key,
                                                             modifiers: Qt.KeyboardModifier, words: str) -> None:
    qtbot.keyClick(console.window, key, modifiers)
    assert _status(console).startswith(words)
    assert console.desk.supervision is None  # nothing opened
