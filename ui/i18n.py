"""Translations: every ``resources/translations/*_<lang>.ts`` is compiled to ``.qm`` at start and installed.

The ``.ts`` files are the committed source (source strings are English; Indonesian is the default language).
The compiled ``.qm`` files live in the user cache folder and are rebuilt with PySide6's ``lrelease`` whenever
they are missing or older than their ``.ts``, so they are never missing at run time and never committed.
"""

from __future__ import annotations

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
    """Compile ``ts`` unless an up-to-date ``.qm`` is already in the cache; returns the ``.qm`` path."""
    target_dir = out_dir or cache_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    qm = target_dir / (ts.stem + ".qm")
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
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
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian if language == "id" else QLocale.Language.English,
                                   QLocale.Country.Indonesia))
        self.language = language
        log.info("language %s: %d translation file(s)", language, len(loaded))
        return loaded


# -- keeping console_id.ts up to date ---------------------------------------------------------------------
# The console's modules translate through a module-level ``_t(text)`` (context ""), which lupdate reads as an
# alias of tr(). Other parts of the UI keep their own .ts files and are not touched by this.
CONSOLE_SOURCES = ("ui/app.py", "ui/errors.py", "ui/call_form.py", "ui/incident_form.py", "ui/line_strip.py",
                   "ui/login.py", "ui/main_window.py", "ui/notice_bar.py", "ui/ring_banner.py", "ui/shortcuts.py",
                   "ui/idle_lock.py", "ui/form_questions.py", "ui/admin/operators.py", "ui/admin/questions.py",
                   "ui/desk/call_flow.py", "ui/desk/drafts.py", "ui/desk/lock.py", "ui/desk/outage.py",
                   "ui/desk/panels.py", "ui/desk/ringing.py", "ui/desk/supervision.py", "ui/desk/administration.py",
                   "ui/desk/map_desk.py", "ui/desk/phone_location.py", "ui/console/window.py",
                   "ui/console/__init__.py", "ui/console/startup.py", "ui/console/session.py", "ui/console/crash.py")


def update_console_ts(language: str = "id") -> Path:
    """Re-extract the console's strings into console_<language>.ts, keeping every existing translation."""
    import PySide6

    root = TRANSLATIONS.parents[1]
    package = Path(PySide6.__file__).resolve().parent
    lupdate = package / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    command = [str(lupdate)] if lupdate.exists() else [shutil.which("pyside6-lupdate") or "pyside6-lupdate"]
    ts = TRANSLATIONS / f"console_{language}.ts"
    subprocess.run([*command, "-tr-function-alias", "tr+=_t", "-locations", "none", "-no-obsolete",
                    "-source-language", "en", "-target-language", language,
                    *[str(root / name) for name in CONSOLE_SOURCES], "-ts", str(ts)], check=True)
    _keep_console_context(ts)
    return ts


def _keep_console_context(ts: Path) -> None:
    """lupdate also collects the strings other .ts files translate (contexts Errors, Views, CoreMessages...):
    console_<lang>.ts keeps only the console's own context ""."""
    import re

    text = ts.read_text(encoding="utf-8")
    blocks = re.findall(r"<context>.*?</context>\n?", text, flags=re.DOTALL)
    for block in blocks:
        if not re.search(r"<name>\s*</name>", block):
            text = text.replace(block, "")
    ts.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    print(update_console_ts(sys.argv[1] if len(sys.argv) > 1 else "id"))
