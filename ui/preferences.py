"""This PC's own preferences (not the centre's settings, which live in the database): the console's language
and, per operator, the folder slips are saved to. An INI file in the user's profile on every OS."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

SETTINGS_ORG = "Diskominfo Purwakarta"
SETTINGS_APP = "Konsol112"
LANGUAGE_KEY = "ui/language"
LANGUAGES = (("id", "Bahasa Indonesia"), ("en", "English"))


def local_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, SETTINGS_ORG, SETTINGS_APP)


def saved_language(default: str = "id") -> str:
    """The language chosen on this PC ('id' or 'en'); the console reads it before building the window."""
    value = local_settings().value(LANGUAGE_KEY, default)
    return value if value in dict(LANGUAGES) else default


def save_language(language: str) -> None:
    local_settings().setValue(LANGUAGE_KEY, language)


def slip_folder(username: str) -> Path | None:
    """Where this operator last saved a dispatch slip (None: never on this PC)."""
    value = local_settings().value(f"slips/{username}/folder")
    return Path(value) if isinstance(value, str) and value else None


def remember_slip_folder(username: str, folder: Path) -> None:
    local_settings().setValue(f"slips/{username}/folder", str(folder))
