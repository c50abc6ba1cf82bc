"""Admins' work from the desk: the Settings header button gets a menu (the header must still fit a 1366-pixel
screen) with the dialogs that change what every desk uses: operators' accounts (Ctrl+Shift+O), categories and
their questions (Ctrl+Shift+K), agencies, units and the e-mail server. Operators and supervisors never see the
menu, and the services refuse them anyway.

Every desk follows the admins' changes to the category questions (the change feed): the incident form asks the
new questions from the next category chosen.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from callcenter.assembly import Services
from callcenter.services.base import Actor
from callcenter.services.feed import Change
from callcenter.services.questions import QuestionChoice
from callcenter.services.reference import ReferenceData
from ui.admin import CategoryQuestionsDialog, OperatorsDialog
from ui.dispatch import AgencyAdminDialog, SmtpSettingsDialog, UnitAdminDialog
from ui.incident_form import IncidentForm
from ui.main_window import MainWindow
from ui.shortcuts import ADMIN_OPERATORS, ADMIN_QUESTIONS, SETTINGS, with_key
from ui.worker import DbWorker

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def refuse_admin_keys(window: MainWindow) -> None:
    """Someone who is not an admin and presses an admin's key is told whose key it is (the keys are not in their F1
    list), instead of nothing happening."""
    refusals = {
        ADMIN_OPERATORS: _t("Accounts and passwords (Ctrl+Shift+O) are for admins; ask an admin to create an account "
                            "or reset a password."),
        ADMIN_QUESTIONS: _t("The categories' questions (Ctrl+Shift+K) are for admins."),
    }
    for key, sentence in refusals.items():
        window.shortcuts.add(window, key, sentence, partial(window.show_status, sentence), listed=False)


class QuestionFollower(QObject):
    """Reloads the category questions when an admin (on any desk) saved them."""

    def __init__(self, worker: DbWorker, services: Services, form: IncidentForm,
                 keep: Callable[[dict[int, list[QuestionChoice]]], None], parent: QObject) -> None:
        super().__init__(parent)
        self.worker = worker
        self.services = services
        self.form = form
        self.keep = keep

    def on_changes(self, changes: list[Change]) -> None:
        if any(change.entity in ("category", "database") for change in changes):
            self.worker.run(self, self.services.questions.all_active, self._loaded,
                            lambda exc: log.warning("category questions not reloaded: %s", exc))

    def _loaded(self, questions: dict[int, list[QuestionChoice]]) -> None:
        self.form.set_question_lists(questions)
        self.keep(questions)


def keep_questions(reference: ReferenceData, questions: dict[int, list[QuestionChoice]]) -> ReferenceData:
    """The reference lists with new questions (a window rebuilt for another language asks the new ones)."""
    return dataclasses.replace(reference, questions=questions)


class Administration(QObject):
    """The admin menu on the Settings button, and its dialogs (admins only)."""

    def __init__(self, window: MainWindow, worker: DbWorker, services: Services, actor: Actor,
                 button: QToolButton, open_settings: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.worker = worker
        self.services = services
        self.actor = actor
        button.setObjectName("adminButton")
        menu = QMenu(button)
        entries: tuple[tuple[str, str | None, Callable[[], None]], ...] = (
            (_t("Settings: language, caller-ID sources"), SETTINGS, open_settings),
            (_t("Operators and passwords"), ADMIN_OPERATORS, self.open_operators),
            (_t("Categories and questions"), ADMIN_QUESTIONS, self.open_questions),
            (_t("Agencies"), None, self.open_agencies),
            (_t("Units"), None, self.open_units),
            (_t("E-mail server"), None, self.open_smtp),
        )
        for text, key, slot in entries:
            action = menu.addAction(with_key(text, key) if key else text)
            action.triggered.connect(slot)
            if key == SETTINGS:
                menu.addSeparator()
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.setToolTip(with_key(_t("Settings; the arrow opens the admin menu: operators, categories and "
                                      "questions, agencies, units, e-mail server"), SETTINGS))
        self.button = button
        window.shortcuts.add(window, ADMIN_OPERATORS, _t("Admin: operators (create, deactivate, reset a password, "
                                                         "unlock)"), self.open_operators)
        window.shortcuts.add(window, ADMIN_QUESTIONS, _t("Admin: categories and the questions asked for each"),
                             self.open_questions)

    def _open(self, dialog: QWidget) -> None:
        self.window.open_dialog(dialog)

    def open_operators(self) -> None:
        self._open(OperatorsDialog(self.worker, self.services.auth, self.actor, self.services.clock, self.window))

    def open_questions(self) -> None:
        self._open(CategoryQuestionsDialog(self.worker, self.services.questions, self.actor, self.window.language,
                                           self.window))

    def open_agencies(self) -> None:
        self._open(AgencyAdminDialog(self.worker, self.services.agency_admin, self.actor, self.window))

    def open_units(self) -> None:
        self._open(UnitAdminDialog(self.worker, self.services.agency_admin, self.actor, self.window))

    def open_smtp(self) -> None:
        self._open(SmtpSettingsDialog(self.worker, self.services.settings, self.actor, self.window))
