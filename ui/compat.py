"""Work-arounds for the installed Qt binding, applied once when ``ui`` is imported.

PySide6/shiboken6 6.12.0 on CPython 3.11 releases one reference to ``None`` too many on every call of a
Qt method that returns void (``setText``, ``setFocus``, ``processEvents`` ...), and some bool returns likewise.
On Python 3.12+ these singletons are immortal, so the bug is invisible there; on 3.11 ``None``'s count reaches
zero after a few thousand calls and the interpreter aborts ("none_dealloc: deallocating None"). Until the
binding is fixed we give the three singletons a reference count no process can use up (2**40 extra references,
added rather than set, so the bookkeeping stays consistent) - the same thing Python 3.12 does by design.
"""

from __future__ import annotations

import platform
import sys

PIN = 1 << 40


def pin_singletons() -> bool:
    """Make None, True and False effectively immortal on CPython < 3.12; True when something was done."""
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    import ctypes

    changed = False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object (Py_ssize_t).
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < PIN:
            count.value += PIN
            changed = True
    return changed
