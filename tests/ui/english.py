"""Finding English in the Indonesian console: every text a user can see in a window (labels, buttons, tooltips,
placeholders, combo items, tabs, group titles, table headers and cells, tree items, menus, chart titles, axes and
legends), checked against the English source strings of every shipped .ts and a list of common English words.

A text is English when it is (or contains, word for word) a source string whose Indonesian differs from it, or
when it uses a common English word (names of the centre, key names and technical codes aside)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QChartView, QStackedBarSeries
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"

# Words that are English and never Indonesian (nor a name or a word the Indonesian console borrows: caller ID,
# shift, log, filter, status, operator, supervisor, admin, online, offline, prank, ghost, normal, unit, slip ...).
ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "for", "with", "from", "until", "since", "by", "at", "in", "on", "is", "are", "was",
    "were", "be", "been", "not", "yes", "this", "that", "these", "those", "your", "you", "all", "any", "none",
    "open", "opened", "close", "closed", "save", "saved", "cancel", "cancelled", "delete", "deleted", "edit",
    "new", "search", "loading", "failed", "failure", "error", "warning", "line", "lines", "call", "calls",
    "missed", "ringing", "answered", "answer", "incident", "incidents", "agency", "agencies", "units", "time",
    "date", "number", "name", "priority", "category", "address", "description", "note", "notes", "reason",
    "print", "printed", "settings", "help", "login", "logout", "password", "username", "back", "next", "apply",
    "refresh", "select", "choose", "waiting", "age", "desk", "desks", "report", "reports", "export", "show",
    "hide", "add", "remove", "minutes", "seconds", "hours", "days", "today", "yesterday", "please", "press",
    "click", "keys", "shortcuts", "lock", "unlock", "sent", "pending", "available", "dispatched", "cleared",
    "forwarded", "forward", "resolved", "progress", "scene", "route", "step", "last", "first", "more", "less",
    "only", "every", "other", "again", "later", "now", "here", "there", "who", "what", "where", "when", "how",
    "why", "which", "done", "source", "sources", "language", "rescue", "start", "end", "found", "down", "unknown",
    "known", "message", "messages", "delivery", "deliveries", "attempts", "retry", "phone", "location", "map",
    "posts", "markers", "counts", "whole", "regency", "board", "heartbeat", "state", "entity", "detail",
    "details", "before", "after", "action", "actions", "entries", "shown", "blocked", "unblock", "block",
    "callback", "callbacks", "handover", "trapped", "injured", "burning", "fire", "ambulance", "police",
    "hospital", "health", "transport", "water", "electricity", "disaster", "management", "public", "order",
    "armed", "forces", "account", "session", "setting", "journal", "away", "device", "unplugged",
    "connection", "refused", "running", "answers", "connecting"
})
SHORT_ENGLISH = frozenset({"of", "to", "is", "in", "on", "at", "by", "up", "or", "an", "as", "if", "it"})
"""('No.' is Indonesian too: Jl. Veteran No. 5.)"""

# Names that stay as they are in both languages, and technical texts that are not words.
NAMES = re.compile(r"Call Center 112|WhatsApp Center|SP4N LAPOR|Ogan Lopian|Konsol 112|Kabupaten Purwakarta|"
                   r"caller ID|Caller ID|Bahasa Indonesia|\bEnglish\b|Ctrl\+\S+|Shift\+\S+|\bEsc\b|\bEnter\b|"
                   r"\bSpace\b|\bTab\b|\bF\d{1,2}\b|Caps Lock")
TECHNICAL = re.compile(r"\S+://\S*|\S+@\S+|\b[a-z_]+(?:\.[a-z_]+)+\b|/[\w./-]+|\b\w+\.(?:pdf|csv|log|qm|ts)\b")
PLACEHOLDER = re.compile(r"%\d+|\{[^}]*\}")
WORD = re.compile(r"[A-Za-z][A-Za-z']+")


@dataclass(frozen=True)
class Finding:
    where: str
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r} ({self.why})"


@cache
def english_sources() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """(whole texts, fragments) of the source strings that are English: not translated yet, or translated to
    something else. A text that is some string's Indonesian is never English (Status, Normal, WhatsApp ...)."""
    sources: set[str] = set()
    indonesian: set[str] = set()
    for ts in TRANSLATIONS.glob("*_id.ts"):
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            source = message.findtext("source") or ""
            text = (translation.text or "") if translation is not None and kind != "unfinished" else ""
            if text:
                indonesian.add(_plain(text))
            if _plain(source) != _plain(text):
                sources.add(source)
    whole = {_plain(source) for source in sources} - indonesian
    fragments: set[str] = set()
    for source in sources:
        for part in PLACEHOLDER.split(source):
            part = _plain(part).strip(" .,:;()-–—·")
            if len(WORD.findall(part)) >= 2 and not any(part in text for text in indonesian):
                fragments.add(part)
    patterns = tuple(re.compile(r"(?<![\w])" + re.escape(fragment) + r"(?![\w])") for fragment in
                     sorted(fragments, key=len, reverse=True))
    return frozenset(whole), patterns


def _plain(text: str) -> str:
    """Without accelerators, markup and extra spaces."""
    if "<" in text and ">" in text:
        text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text).replace("&&", "\x00").replace("&", "").replace("\x00", "&")
    return " ".join(text.split())


def why_english(text: str) -> str | None:
    plain = _plain(text)
    if not plain:
        return None
    whole, fragments = english_sources()
    if plain in whole:
        return "an English source string"
    for pattern in fragments:
        if pattern.search(plain):
            return f"contains the English {pattern.pattern[9:-8].replace(chr(92), '')!r}"
    words = NAMES.sub(" ", TECHNICAL.sub(" ", plain))
    for word in WORD.findall(words):
        if word.isupper() and len(word) > 1:
            continue  # call signs, acronyms (SLA, WIB, RESCUE-01)
        lower = word.lower()
        if lower in ENGLISH_WORDS or lower in SHORT_ENGLISH:
            return f"the English word {word!r}"
    return None


# -- what a user can see in a window ------------------------------------------------------------------------------

def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of ``root`` and its children, visible now or when shown (hidden labels too)."""
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(root).__name__} > {type(widget).__name__}#{widget.objectName()}"
        if widget.isWindow():
            yield f"{where}.windowTitle", widget.windowTitle()
        yield f"{where}.toolTip", widget.toolTip()
        yield f"{where}.accessibleName", widget.accessibleName()
        yield from _own_texts(widget, where)
        for action in widget.actions():
            yield f"{where} action", action.text()
            yield f"{where} action.toolTip", action.toolTip() if action.toolTip() != action.text().replace("&", "") \
                else ""


def _own_texts(widget: QWidget, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield f"{where}.text", widget.text()
    elif isinstance(widget, QLineEdit):
        yield f"{where}.placeholder", widget.placeholderText()
        if widget.isReadOnly():
            yield f"{where}.text", widget.text()
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        yield f"{where}.placeholder", widget.placeholderText()
        if widget.isReadOnly():
            yield f"{where}.text", widget.toPlainText()
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield f"{where}[{index}]", widget.itemText(index)
            tip = widget.itemData(index, Qt.ItemDataRole.ToolTipRole)
            yield f"{where}[{index}].toolTip", tip if isinstance(tip, str) else ""
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield f"{where} tab {index}", widget.tabText(index)
            yield f"{where} tab {index}.toolTip", widget.tabToolTip(index)
    elif isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield f"{where} tab {index}", widget.tabText(index)
    elif isinstance(widget, (QGroupBox, QMenu)):
        yield f"{where}.title", widget.title()
    elif isinstance(widget, QAbstractSpinBox):
        yield f"{where}.specialValue", widget.specialValueText()
        if isinstance(widget, QSpinBox):
            yield f"{where}.suffix", widget.suffix()
            yield f"{where}.prefix", widget.prefix()
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from model_texts(widget.model(), where)
    elif isinstance(widget, QChartView):
        yield from _chart_texts(widget, where)


def model_texts(model: QAbstractItemModel, where: str) -> Iterator[tuple[str, str]]:
    flat = isinstance(model, QAbstractListModel)  # PySide keeps a list model's columnCount/hasChildren private

    def columns(parent: QModelIndex) -> int:
        return 1 if flat else model.columnCount(parent)

    for section in range(columns(QModelIndex())):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield f"{where} header {section}", value

    def walk(parent: QModelIndex) -> Iterator[tuple[str, str]]:
        for row in range(model.rowCount(parent)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                for role, suffix in ((Qt.ItemDataRole.DisplayRole, ""), (Qt.ItemDataRole.ToolTipRole, ".toolTip")):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield f"{where} cell {row},{column}{suffix}", value
                if column == 0 and not flat and model.rowCount(index) > 0:
                    yield from walk(index)

    yield from walk(QModelIndex())


def _chart_texts(view: QChartView, where: str) -> Iterator[tuple[str, str]]:
    chart = view.chart()
    yield f"{where} chart title", chart.title()
    for axis in chart.axes():
        yield f"{where} axis title", axis.titleText()
        if isinstance(axis, QBarCategoryAxis):
            for category in axis.categories():
                yield f"{where} axis category", category
    for series in chart.series():
        yield f"{where} series", series.name()
        if isinstance(series, (QBarSeries, QStackedBarSeries)):
            for bar_set in series.barSets():
                yield f"{where} bar set", bar_set.label()


def _codes() -> frozenset[str]:
    """The audit trail's raw codes: shown on purpose in the audit log's tooltips, beside their words."""
    from ui.words.audit import ACTIONS, ENTITIES

    return frozenset({*ACTIONS, *ENTITIES, *(f"{code.split('.')[0]}." for code in ACTIONS)})


def english_in(windows: Iterable[QWidget]) -> list[Finding]:
    found: dict[tuple[str, str], Finding] = {}
    codes = _codes()
    for window in windows:
        for where, text in texts(window):
            if where.endswith(".toolTip") and text in codes:
                continue
            why = why_english(text) if text else None
            if why is not None:
                found.setdefault((text, why), Finding(where, text, why))
    return list(found.values())
