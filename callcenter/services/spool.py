"""The local spool: events that could not be committed wait here (JSON lines, fsync'd) until the database is back.

Every record carries the event's de-duplication key, so replaying it twice never doubles a call.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.errors import UserFixableError


class SpoolError(UserFixableError):
    """The spool file cannot be written (disk full, read-only): events are at risk and someone must act."""

    default_code = "spool.unwritable"


def event_to_record(source_key: str, event_key: str, event: CallerIdEvent) -> dict[str, Any]:
    record = asdict(event)
    record["received_at"] = event.received_at.isoformat()
    record["timestamp"] = event.timestamp.isoformat() if event.timestamp else None
    record["occurred_at"] = event.occurred_at.isoformat() if event.occurred_at else None
    record["kind"] = str(event.kind)
    record["presentation"] = str(event.presentation)
    return {"source_key": source_key, "event_key": event_key, "event": record}


def record_to_event(record: dict[str, Any]) -> tuple[str, str, CallerIdEvent]:
    data = dict(record["event"])
    data["received_at"] = datetime.fromisoformat(data["received_at"])
    data["timestamp"] = datetime.fromisoformat(data["timestamp"]) if data.get("timestamp") else None
    data["occurred_at"] = datetime.fromisoformat(data["occurred_at"]) if data.get("occurred_at") else None
    data["kind"] = EventKind(data["kind"])
    data["presentation"] = Presentation(data["presentation"])
    return record["source_key"], record["event_key"], CallerIdEvent(**data)


class Spool:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def check(self) -> None:
        """Raise ``SpoolError`` unless the spool can be written: the path is a file (or nothing yet) in a folder that
        exists or can be made. Checked at start, so a wrong path is said once instead of at every call."""
        problem = None
        if self.path.is_dir():
            problem = "it is a folder; name a file, such as " + str(self.path / "ingest.jsonl")
        elif self.path.exists() and not os.access(self.path, os.W_OK):
            problem = "this user may not write it"
        else:
            folder = next((p for p in self.path.parents if p.exists()), None)
            if folder is not None and not folder.is_dir():
                problem = f"{folder} is a file, not a folder"
            elif folder is not None and not self.path.parent.exists() and not os.access(folder, os.W_OK):
                problem = f"the folder {self.path.parent} cannot be created"
            elif self.path.parent.exists() and not self.path.exists() and not os.access(self.path.parent, os.W_OK):
                problem = f"this user may not write in {self.path.parent}"
        if problem:
            raise SpoolError(f"cannot use {self.path} as the spool file: {problem}", path=str(self.path))

    def _open_private(self, mode: str) -> Any:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if sys.platform != "win32" and not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR))
        return self.path.open(mode, encoding="utf-8")

    def append(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        with self._lock:
            try:
                with self._open_private("a") as handle:
                    for record in records:
                        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise SpoolError(f"cannot write the spool file {self.path}: {exc.strerror or exc}") from exc

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            if not self.path.exists():
                return []
            records = []
            with self.path.open(encoding="utf-8") as handle:
                for line in handle:
                    line = line.strip()
                    if not line:
                        continue
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError:
                        continue  # a torn last line from a crash mid-write: its event was never acknowledged
            return records

    def __len__(self) -> int:
        return len(self.pending())

    def drop_first(self, count: int) -> None:
        """Remove the first ``count`` records (replayed) by rewriting the rest atomically."""
        with self._lock:
            if not self.path.exists():
                return
            with self.path.open(encoding="utf-8") as handle:
                lines = [line for line in handle if line.strip()]
            rest = lines[count:]
            if not rest:
                self.path.unlink()
                return
            temporary = self.path.with_suffix(".tmp")
            with temporary.open("w", encoding="utf-8") as handle:
                handle.writelines(rest)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
