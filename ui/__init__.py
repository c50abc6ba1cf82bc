"""The Qt user interface: the only package that imports PySide6."""

import sys


def _pin_singletons() -> None:
    """Work around PySide6 wheels that return ``None``/``True``/``False`` without taking a reference.

    PySide6 6.12.0 (an abi3 wheel that still lists Python 3.10 and 3.11) was built for interpreters where these
    singletons are immortal (3.12+): every void Qt call such as ``label.setText()`` hands back ``None``, and
    every ``signal.emit()`` hands back ``True``, one reference short. On Python 3.11 a console then aborts
    within minutes ("Fatal Python error: none_dealloc: deallocating None"). When the leak is measured here,
    the singletons get more references than any run can lose, which is what 3.12 does for them anyway.
    """
    if sys.version_info >= (3, 12):
        return
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(10):
        probe.setObjectName("probe")
        probe.ping.emit()
    if sys.getrefcount(None) < none_before or sys.getrefcount(True) < true_before:
        import ctypes

        for singleton in (None, True, False, NotImplemented, Ellipsis):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_pin_singletons()
