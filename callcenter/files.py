"""Files written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def replace_atomically(path: Path, write: Callable[[Path], Any]) -> None:
    """``write`` a sibling temporary file, then rename it over ``path``: a failure (a full disk, a cancelled
    report) never leaves half a file under the real name, and an older file there stays until the new one is whole."""
    handle, temporary = tempfile.mkstemp(prefix=".konsol112-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
