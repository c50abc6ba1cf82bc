"""The screens the tests run on, set before anything loads Qt: the offscreen platform with two screens, as the
centre's PCs have them: 1366x768 (the usual desktop) and 1280x720 beside it (tests/ui/test_fits.py opens every
window on each). Offscreen's own default is one 800x800 screen.

Another platform chosen in the environment (``QT_QPA_PLATFORM=xcb`` under Xvfb, say) is left alone.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

SCREENS = {"1366x768": (0, 1366, 768), "1280x720": (1366, 1280, 720)}
"""Name: (left edge, width, height); side by side, so a window is on exactly one of them."""


def offscreen_platform(folder: Path) -> str:
    """The QT_QPA_PLATFORM value for offscreen with SCREENS (their description written into ``folder``)."""
    config = folder / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": name, "x": x, "y": 0, "width": width, "height": height, "logicalDpi": 96, "logicalBaseDpi": 96,
         "dpr": 1} for name, (x, width, height) in SCREENS.items()]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = offscreen_platform(Path(tempfile.mkdtemp(prefix="konsol112-screens-")))
