"""Windows that open within the screen: a dialog asks for the size it would like and gets at most what the screen
the console is on can show (below a Windows title bar), so nothing opens partly off a 1366x768 or 1280x720 screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TITLE_BAR = 32
"""A window's title bar on the operators' Windows PCs (31 px at 100 %): the client area fits below it."""
BORDER = 4
"""A window's border on each side (Windows draws 1 px, Linux window managers a few)."""


def available_area(widget: QWidget) -> QRect:
    """The usable area (without the taskbar) of the screen ``widget`` opens on: its parent window's screen."""
    parent = widget.parentWidget()
    anchor = parent.window() if parent is not None else widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` x ``height``, or smaller where its screen is smaller."""
    area = available_area(window)
    window.resize(min(width, area.width() - 2 * BORDER), min(height, area.height() - TITLE_BAR - 2 * BORDER))


def place_on_screen(window: QWidget) -> None:
    """Move a window (not a dialog: those centre on their parent) to the top left of its screen's area."""
    area = available_area(window)
    window.move(area.left(), area.top())

