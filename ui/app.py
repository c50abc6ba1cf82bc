"""QApplication set-up: application identity, font, stylesheet, icons and the ring sound file."""

from __future__ import annotations

import logging
import math
import struct
import sys
import wave
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from callcenter.db.database import APP_AUTHOR, APP_NAME
from ui.gui_gc import collect_on_gui_thread

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
ICONS = RESOURCES / "icons"
STYLESHEET = RESOURCES / "style.qss"
RING_WAV = RESOURCES / "sounds" / "ring.wav"


def icon(name: str) -> QIcon:
    """An icon from resources/icons (an empty icon, not a crash, if the file is missing)."""
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def stylesheet() -> str:
    try:
        return STYLESHEET.read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("stylesheet not loaded: %s", exc)
        return ""


def write_ring_wav(path: Path = RING_WAV, *, rate: int = 22050) -> Path:
    """A two-tone telephone ring (440+480 Hz, as in the North American/ITU ring-back), 1.6 s with a pause."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = bytearray()
    total = int(rate * 1.6)
    for i in range(total):
        t = i / rate
        on = (t % 0.8) < 0.4  # two short bursts, then silence: urgent but not shrill
        envelope = min(1.0, (t % 0.8) * 40, (0.4 - (t % 0.8)) * 40) if on else 0.0
        sample = 0.35 * envelope * (math.sin(2 * math.pi * 440 * t) + math.sin(2 * math.pi * 480 * t))
        frames += struct.pack("<h", int(max(-1.0, min(1.0, sample)) * 32767))
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(bytes(frames))
    return path


def freeze_startup_heap() -> None:
    """Move everything loaded at start-up (Qt wrappers, phone metadata, SQLAlchemy) out of the garbage
    collector's reach: a full collection then scans only what the session created, keeping GUI pauses short."""
    import gc

    gc.collect()
    gc.freeze()


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, styled; reuses an existing instance (tests, screenshots)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv if argv is not None else sys.argv)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    app.setApplicationDisplayName("Konsol 112")
    app.setWindowIcon(icon("app"))
    style_application(app)
    collect_on_gui_thread(app)  # never a Qt object freed by the collector on the database worker's thread
    return app


def style_application(app: QApplication) -> None:
    font = QFont()
    # Segoe UI on the operators' Windows PCs; elsewhere the platform's sans-serif.
    font.setFamilies(["Segoe UI", "Noto Sans", "DejaVu Sans", "Arial"])
    font.setPointSize(10)
    app.setFont(font)
    app.setStyle("Fusion")  # the same look on every PC, whatever the Windows theme
    app.setStyleSheet(stylesheet())
