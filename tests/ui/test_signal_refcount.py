"""A console runs for days: millions of Qt calls and signals must never exhaust ``None`` or ``True``."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

SCRIPT = """
import sys
import ui  # applies the PySide6 6.12.0 reference workaround
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    changed = Signal(object)

app = QCoreApplication([])
source = Source()
seen = []
source.changed.connect(seen.append)
for n in range(200_000):
    source.changed.emit(n)        # returns True
    source.setObjectName("desk")  # returns None
print(len(seen), sys.getrefcount(True) > 1000, sys.getrefcount(None) > 1000)
"""


def test_two_hundred_thousand_emits_and_calls_do_not_abort_the_interpreter() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["200000", "True", "True"]
