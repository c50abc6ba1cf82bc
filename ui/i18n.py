"""Translations: every ``resources/translations/*_<lang>.ts`` is compiled to ``.qm`` at start and installed.

The ``.ts`` files are the committed source (source strings are English; Indonesian is the default language); they
are refreshed from the sources by ``python tools/translations.py``.
The compiled ``.qm`` files live in the user cache folder, named after the contents of their ``.ts``, and are built
with PySide6's ``lrelease`` whenever that file is missing, so they are never missing or stale at run time and
never committed.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from callcenter.db.database import APP_AUTHOR, APP_NAME

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / "translations"


def lrelease_command() -> list[str]:
    """The lrelease shipped inside the PySide6 wheel (the ``pyside6-lrelease`` wrapper as a fallback)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    for name in ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",):
        candidate = package / name
        if candidate.exists():
            return [str(candidate)]
    wrapper = shutil.which("pyside6-lrelease")
    if wrapper:
        return [wrapper]
    raise FileNotFoundError("PySide6's lrelease was not found; reinstall PySide6")


def sources_for(language: str, folder: Path = TRANSLATIONS) -> list[Path]:
    return sorted(folder.glob(f"*_{language}.ts"))


def compile_ts(ts: Path, out_dir: Path | None = None) -> Path:
    """Compile ``ts`` unless its ``.qm`` is already in the cache; returns the ``.qm`` path.

    The compiled file is named after the contents it was compiled from (not its time): an upgrade whose .ts
    carries an older time, or another installation sharing the user's cache, never gets stale words."""
    target_dir = out_dir or cache_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    qm = target_dir / f"{ts.stem}-{digest}.qm"
    if qm.exists() and qm.stat().st_size > 0:
        return qm
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console window flashes up
    result = subprocess.run([*lrelease_command(), "-silent", str(ts), "-qm", str(qm)], capture_output=True,
                            text=True, creationflags=flags, check=False)
    if result.returncode != 0 or not qm.exists():
        raise RuntimeError(f"lrelease failed for {ts.name}: {result.stderr.strip() or result.stdout.strip()}")
    return qm


class Translations:
    """Installs (and swaps) the translators of one language on the application."""

    def __init__(self, folder: Path = TRANSLATIONS, out_dir: Path | None = None) -> None:
        self.folder = folder
        self.out_dir = out_dir
        self.language = "en"
        self._installed: list[QTranslator] = []

    def remove(self) -> None:
        """Back to the source strings (English): uninstall every translator this object installed."""
        app = QCoreApplication.instance()
        if app is not None:
            for translator in self._installed:
                app.removeTranslator(translator)
        self._installed = []
        self.language = "en"
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))  # numbers as the words

    def prepare(self, language: str) -> list[Path]:
        """Compile what ``install(language)`` needs (a subprocess per stale file): slow, so the console calls
        it off the GUI thread first. A broken file costs its strings, not the console."""
        compiled: list[Path] = []
        for ts in sources_for(language, self.folder):
            try:
                compiled.append(compile_ts(ts, self.out_dir))
            except (OSError, RuntimeError) as exc:
                log.error("translation %s not loaded: %s", ts.name, exc)
        return compiled

    def install(self, language: str) -> list[Path]:
        """Install every ``*_<language>.ts`` (compiled now if ``prepare`` did not) plus Qt's own strings;
        returns the .qm files."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r} (expected one of {', '.join(LANGUAGES)})")
        app = QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        self.remove()
        loaded: list[Path] = []
        for qm in self.prepare(language):
            translator = QTranslator(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                self._installed.append(translator)
                loaded.append(qm)
        qt_own = QTranslator(app)  # Qt's own buttons (OK, Cancel) where Qt ships the language
        if qt_own.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            self._installed.append(qt_own)
        # Numbers as the words read them: Indonesian 4,9 and 1.234; English 4.9 and 1,234 (en_ID would write 4,9).
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia) if language == "id" else
                           QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        self.language = language
        log.info("language %s: %d translation file(s)", language, len(loaded))
        return loaded
