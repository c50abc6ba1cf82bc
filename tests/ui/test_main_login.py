"""``python main.py --db URL`` on an empty database, driven as a person would: set it up, create the admin,
log in, see the console, log out with the handover."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import main
from callcenter.db.database import Database, sqlite_url
from callcenter.services.auth import AuthService
from ui.desk.panels import DeskPanels
from ui.login import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow
from ui.views.handover import HandoverDialog


def visible(kind: type[QWidget]) -> QWidget | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


@pytest.mark.skipif(not hasattr(QSettings, "setPath"), reason="needs QSettings.setPath")
def test_first_start_on_an_empty_database(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    url = sqlite_url(tmp_path / "fresh.sqlite3")
    seen: list[str] = []
    steps: list[Callable[[], bool]] = []

    def set_up_empty_database() -> bool:
        box = visible(QMessageBox)
        if box is None:
            return False
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()
        return True

    def create_admin() -> bool:
        dialog = visible(FirstRunDialog)
        if dialog is None:
            return False
        assert isinstance(dialog, FirstRunDialog)
        dialog.full_name.setText("Dewi Lestari")
        dialog.password.setText("rahasia-123")
        dialog.repeat.setText("rahasia-123")
        dialog.create_button.click()
        seen.append("first run")
        return True

    def log_in() -> bool:
        dialog = visible(LoginDialog)
        if dialog is None:
            return False
        assert isinstance(dialog, LoginDialog)
        dialog.username.setText("admin")
        dialog.password.setText("rahasia-123")
        dialog.login_button.click()
        seen.append("login")
        return True

    def log_out() -> bool:
        window = visible(MainWindow)
        if window is None:
            return False
        assert isinstance(window, MainWindow)
        seen.append(window.operator_label.text())
        panels = window.findChild(DeskPanels)
        assert isinstance(panels, DeskPanels)
        panels.request_logout()  # what Ctrl+Q and the header's "Log out" do
        return True

    def hand_over() -> bool:
        dialog = visible(HandoverDialog)
        if dialog is None or not dialog.save_button.isEnabled():
            return False
        assert isinstance(dialog, HandoverDialog)
        dialog.note.setPlainText("nihil")
        dialog.save_button.click()
        seen.append("handover")
        return True

    def quit_at_login_again() -> bool:
        dialog = visible(LoginDialog)
        if dialog is None:
            return False
        seen.append("login again")
        dialog.reject()
        return True

    steps.extend([set_up_empty_database, create_admin, log_in, log_out, hand_over, quit_at_login_again])

    def drive() -> None:
        if steps and steps[0]():
            steps.pop(0)

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(drive)
    timer.start()
    status = main.run(["--db", url, "--lang", "id"])
    timer.stop()
    assert status == 0
    assert "Belum ada database Konsol 112 di" in seen[0] and "fresh.sqlite3" in seen[0]
    assert seen[1:] == ["first run", "login", "Dewi Lestari (admin)", "handover", "login again"]
    db = Database(url)
    [admin] = AuthService(db).list_operators()
    assert admin.username == "admin"
    db.dispose()


def test_a_mistyped_database_path_leaves_nothing_behind(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Answering No to "create a new database there?" creates neither the file nor its folders."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    mistyped = tmp_path / "konsol112-sever" / "data.sqlite3"
    seen: list[str] = []

    def decline() -> None:
        box = visible(QMessageBox)
        if box is not None and not seen:
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.No).click()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(decline)
    timer.start()
    status = main.run(["--db", sqlite_url(mistyped), "--lang", "id"])
    timer.stop()
    assert status == 1
    assert len(seen) == 1 and "Belum ada database Konsol 112 di" in seen[0]
    assert not mistyped.parent.exists()
