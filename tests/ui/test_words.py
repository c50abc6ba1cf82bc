"""The one vocabulary (ui/words): one format for moments, durations and numbers, one word per thing on every
screen, the console's own words for lines, line-down reasons, unit types and the audit trail."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

import callcenter
from callcenter.cid.sources.base import REASONS as CORE_REASONS
from callcenter.db.enums import PRIORITY_WORDS, CallType, IncidentStatus, Priority
from callcenter.reports.strings import Strings
from callcenter.services.reference import ReferenceData
from ui.i18n import Translations
from ui.incident_form import IncidentForm
from ui.map import overlays
from ui.supervisor.board import SupervisorBoard
from ui.supervisor.models import IncidentsModel
from ui.words import (
    call_type_text,
    date_text,
    datetime_text,
    duration_text,
    incident_status_text,
    integer_text,
    km_text,
    priority_text,
    time_text,
    unit_type_text,
    wib_text,
)
from ui.words.audit import ACTIONS, PERMISSION_ACTIONS, action_text, detail_text, entity_text
from ui.words.lines import REASONS, line_text, reason_text

MOMENT = datetime(2026, 3, 1, 18, 5, 9, tzinfo=UTC)  # 02-03-2026 01:05:09 WIB


@pytest.fixture
def indonesian(translations: Translations) -> Translations:
    translations.install("id")
    return translations


def test_one_format_for_moments_always_in_wib() -> None:
    assert date_text(MOMENT) == "02-03-2026"
    assert time_text(MOMENT) == "01:05:09" and time_text(MOMENT, seconds=False) == "01:05"
    assert datetime_text(MOMENT) == "02-03-2026 01:05:09"
    assert wib_text(MOMENT, seconds=False) == "02-03-2026 01:05 WIB"


@pytest.mark.parametrize(("seconds", "text"), [(0, "0:00"), (7, "0:07"), (59, "0:59"), (754, "12:34"),
                                               (3599, "59:59"), (3600, "1:00:00"), (11_112, "3:05:12"),
                                               (3 * 86_400 + 2 * 3600 + 4 * 60 + 7, "74:04:07"), (-5, "0:00")])
def test_durations_are_m_ss_under_an_hour_and_h_mm_ss_above(seconds: int, text: str) -> None:
    assert duration_text(seconds) == text
    assert duration_text(timedelta(seconds=seconds)) == text


def test_decimals_follow_the_consoles_language(qtbot: QtBot, translations: Translations) -> None:
    translations.install("id")
    assert km_text(4.94) == "4,9 km" and integer_text(12_345) == "12.345"
    translations.install("en")
    assert km_text(4.94) == "4.9 km" and integer_text(12_345) == "12,345"


def test_a_line_nobody_named_reads_saluran(qtbot: QtBot, indonesian: Translations) -> None:
    assert line_text("Line 1") == "saluran 1"  # the name intake gives a new line
    assert line_text(None, "2") == "saluran 2"
    assert line_text("Saluran darurat Puskesmas") == "Saluran darurat Puskesmas"  # an admin's name stays


def test_every_core_line_down_reason_has_its_words(qtbot: QtBot, indonesian: Translations) -> None:
    assert set(REASONS) == set(CORE_REASONS)
    text = reason_text("serial.gone", {"port": "COM3"})
    assert text == "perangkat di COM3 terlepas: kabel tercabut atau port ditutup"
    assert reason_text("net.refused", {"host": "10.0.0.5", "port": "3333"}).startswith("10.0.0.5:3333 menolak")
    assert reason_text("unknown.code", {}, "as the core wrote it") == "as the core wrote it"


def test_unit_types_read_in_the_consoles_language(qtbot: QtBot, translations: Translations) -> None:
    translations.install("id")
    assert unit_type_text("rescue") == "penyelamatan" and unit_type_text("mobil damkar") == "mobil damkar"
    assert unit_type_text("hovercraft") == "hovercraft"  # an admin's own type as typed
    translations.install("en")
    assert unit_type_text("rescue") == "rescue" and unit_type_text("mobil damkar") == "fire engine"


def _audit_actions() -> set[str]:
    """Every action code callcenter/ writes: audit(session, actor, "<code>", ...); of an f-string its fixed part
    ("agency." of f"agency.{action}", ".position" of f"{entity}.position")."""
    found: set[str] = set()
    root = Path(callcenter.__file__).parent

    def codes(node: ast.expr) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)
        elif isinstance(node, ast.JoinedStr):
            found.update(str(part.value) for part in node.values if isinstance(part, ast.Constant))
        elif isinstance(node, ast.IfExp):
            codes(node.body)
            codes(node.orelse)

    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name == "audit" and len(node.args) >= 3:
                codes(node.args[2])
            elif name == "_audit_login" and len(node.args) >= 4:
                codes(node.args[3])
    return found


def test_every_audit_action_the_core_writes_has_words(qtbot: QtBot, indonesian: Translations) -> None:
    written = _audit_actions()
    assert {"shift.start", "login.failed", "login.refused", "call.claim", "agency.", ".position"} <= written
    parts = {code for code in written if code.startswith(".") or code.endswith(".")}
    assert {code for code in written - parts if code not in ACTIONS} == set()
    assert all(any(action.startswith(part) or action.endswith(part) for action in ACTIONS) for part in parts)
    assert action_text("shift.start") == "Shift dimulai" and action_text("login.failed") == "Gagal masuk"
    assert detail_text("login.failed", "failure 1 of 5") == "kata sandi salah ke-1 dari 5"
    assert detail_text("desk.offline", "heartbeat timed out") == "meja berhenti melapor"
    assert detail_text("incident.note", "Api sudah padam") == "Api sudah padam"  # people's words as written
    assert entity_text("shift_session") == "sesi shift"
    assert action_text("operator.rename") == "operator.rename"  # a code added later still shows, as it is
    assert detail_text("permission_denied", "operator tried to reopen incidents") == \
        "operator mencoba membuka kembali kejadian"


def _refused_actions() -> set[str]:
    """What the core words in Service.require(actor, role, "<what>") (an f-string's fixed text left out)."""
    found: set[str] = set()
    for path in Path(callcenter.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "require" \
                    and len(node.args) == 3:
                what = node.args[2]
                if isinstance(what, ast.Constant) and isinstance(what.value, str):
                    found.add(what.value)
    return found


def test_every_refusal_the_core_audits_has_words() -> None:
    refused = _refused_actions()
    assert {"reopen incidents", "read the audit log"} <= refused
    assert refused - set(PERMISSION_ACTIONS) == set()


def test_one_word_per_thing_across_the_screens(qtbot: QtBot, indonesian: Translations) -> None:
    # The board's chart and tiles name call types as the call form does ("Prank", never "iseng").
    assert SupervisorBoard.type_name("prank") == call_type_text(CallType.PRANK) == "Prank"
    assert SupervisorBoard.type_name("test") == call_type_text(CallType.TEST) == "Tes"
    # The priorities: the core's wording, the same in the form, the map's legend, the slip and the reports.
    assert priority_text(Priority.P1) == PRIORITY_WORDS["id"][Priority.P1] == "P1 (nyawa terancam)"
    form = IncidentForm(ReferenceData([], [], []), "id")
    qtbot.addWidget(form)
    combo = form.priority
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count()) if combo.itemData(i)] == \
        [PRIORITY_WORDS["id"][p] for p in Priority]
    legend = [text for text, _swatch in overlays.legend_rows(None, False, True)]
    assert PRIORITY_WORDS["id"][Priority.P1] in legend
    # Incident statuses as the reports print them.
    report = Strings("id")
    assert [incident_status_text(s) for s in IncidentStatus] == [report(f"status_{s.value}") for s in IncidentStatus]
    # The board's column with the time since the last step says it is a time, not a step.
    header = IncidentsModel().headerData(IncidentsModel.STEP, Qt.Orientation.Horizontal)
    assert header == "Tanpa kabar"


def test_counts_in_sentences_use_indonesian_thousands(qtbot: QtBot, indonesian: Translations) -> None:
    """'20.000 karakter', not '20,000' (which reads as twenty in Indonesian)."""
    form = IncidentForm(ReferenceData([], [], []), "id")
    qtbot.addWidget(form)
    form.description.truncated.emit(25_000, 20_000)
    text = form.errors["description"].text()
    assert "paling banyak 20.000 karakter dan 1.000 baris; 5.000 karakter" in text
