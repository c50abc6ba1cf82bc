"""A console runs for days: millions of Qt calls and signals must never exhaust ``None`` or ``True``.

PySide6 6.12.0 on CPython 3.11 released one reference too many on every void call and emit, aborting the
interpreter within minutes; pyproject.toml excludes that release. This test keeps any binding that does it out.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    changed = Signal(object)

app = QCoreApplication([])
source = Source()
seen = []
source.changed.connect(seen.append)
before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
for n in range(200_000):
    source.changed.emit(n)        # returns True
    source.setObjectName("desk")  # returns None
# A leak of one reference per call would show as a drift of 200,000 (or an abort long before).
print(len(seen), abs(sys.getrefcount(True) - before_true) < 1000, abs(sys.getrefcount(None) - before_none) < 1000)
"""


def test_two_hundred_thousand_emits_and_calls_do_not_abort_the_interpreter() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["200000", "True", "True"]
