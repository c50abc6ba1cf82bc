"""The Qt user interface: the only package that imports PySide6."""

from ui.compat import pin_singletons

pin_singletons()  # before any Qt call: see ui/compat.py (PySide6 6.12 on Python 3.11 over-releases None)
