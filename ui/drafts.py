"""Incident drafts on disk, so a console that dies in the middle of a report loses nothing.

One JSON file per operator in the user data folder, written atomically (a temporary file in the same folder,
then ``os.replace``) and readable by its owner only on POSIX. The form's content only: no password, no token.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DRAFT_VERSION = 1


def default_folder(demo: bool = False) -> Path:
    from callcenter.db.database import data_dir

    return data_dir() / ("demo" if demo else "") / "drafts"


class DraftStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, username: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", username)[:80] or "_"
        return self.folder / f"incident-{safe}.json"

    def save(self, username: str, data: dict[str, Any]) -> None:
        """Replace the operator's draft in one step: a reader sees the old file or the new one, never half."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if sys.platform != "win32":
            os.chmod(self.folder, 0o700)
        payload = json.dumps({"version": DRAFT_VERSION, "username": username, "form": data},
                             ensure_ascii=False).encode("utf-8")
        # mkstemp creates the file with mode 0600 on POSIX.
        handle, temp_name = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as temp:
                temp.write(payload)
                temp.flush()
                os.fsync(temp.fileno())
            os.replace(temp_name, self.path(username))
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise

    def load(self, username: str) -> dict[str, Any] | None:
        path = self.path(username)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("incident draft %s unreadable: %s", path, exc)
            return None
        form = document.get("form") if isinstance(document, dict) else None
        if not isinstance(form, dict) or document.get("username") != username:
            return None
        return form

    def delete(self, username: str) -> None:
        try:
            self.path(username).unlink(missing_ok=True)
        except OSError as exc:
            log.warning("incident draft of %s not deleted: %s", username, exc)
